from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MODE_IN_PERSON = "in_person"
MODE_ONLINE = "online"
MODE_HYBRID = "hybrid"
MODES = [
    (MODE_IN_PERSON, _("In person")),
    (MODE_ONLINE, _("Online")),
    (MODE_HYBRID, _("Hybrid")),
]

FORMAT_TEXT = "text"
FORMAT_AUDIO = "audio"
FORMATS = [(FORMAT_TEXT, _("Text")), (FORMAT_AUDIO, _("Audio"))]

LICENCES = [
    ("cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")),
    ("cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")),
    ("cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)")),
    ("forum-only", _("Use by the forum only (no re-use by others)")),
]


class Forum(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=MODES, default=MODE_IN_PERSON)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="curated_forums", verbose_name=_("curators")
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A sub-theme of a forum; stories and sessions are tagged with them."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="themes", verbose_name=_("forum"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"))
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["forum", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["forum", "slug"], name="theme_slug_unique_per_forum")]
        verbose_name = _("sub-theme")
        verbose_name_plural = _("sub-themes")

    def __str__(self):
        return self.title


class Session(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("forum"))
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions", verbose_name=_("sub-theme")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    stream_url = models.URLField(_("stream link"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title

    @property
    def length_seconds(self):
        return (self.ends_at - self.starts_at).total_seconds()


class CallQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Call(models.Model):
    """A call for stories on a forum, with its brief and its limits."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="calls", verbose_name=_("forum"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    reference_prefix = models.CharField(
        _("reference prefix"), max_length=12, unique=True, help_text=_("Stories get codes like PREFIX-0042.")
    )
    intro = models.TextField(_("introduction"), blank=True)
    brief = models.TextField(_("brief"), help_text=_("The questions a story answers, one per line."))
    guidance = models.TextField(_("guidance"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    accepts_text = models.BooleanField(_("accepts text"), default=True)
    accepts_audio = models.BooleanField(_("accepts audio"), default=True)
    max_words = models.PositiveIntegerField(_("word limit"), default=500)
    min_audio_seconds = models.PositiveIntegerField(_("shortest audio (seconds)"), default=5)
    max_audio_seconds = models.PositiveIntegerField(_("longest audio (seconds)"), default=300)
    max_upload_mb = models.PositiveIntegerField(_("largest upload (MB)"), default=20)
    max_photo_mb = models.PositiveIntegerField(_("largest photo (MB)"), default=8)
    terms_version = models.CharField(_("terms version"), max_length=20, default="2021-06")
    terms = models.TextField(_("terms"), blank=True)
    blind_review = models.BooleanField(
        _("blind review"), default=True, help_text=_("Reviewers see others' reviews only after their own.")
    )
    anonymous_review = models.BooleanField(
        _("anonymous review"), default=False, help_text=_("Reviewers do not see who submitted the story.")
    )
    reviews_per_story = models.PositiveSmallIntegerField(_("reviews per story"), default=3)
    # The last reference number handed out; incremented under a row lock at each submit so
    # codes are sequential with no gaps or duplicates.
    last_reference_number = models.PositiveIntegerField(default=0, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at"]
        verbose_name = _("call for stories")
        verbose_name_plural = _("calls for stories")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:call", args=[self.slug])

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at

    @property
    def brief_questions(self):
        return [line.strip() for line in self.brief.splitlines() if line.strip()]

    @property
    def formats(self):
        return [code for code, _label in FORMATS if getattr(self, f"accepts_{code}")]

    @property
    def max_upload_bytes(self):
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_photo_bytes(self):
        return self.max_photo_mb * 1024 * 1024


class ReviewCriterion(models.Model):
    """One thing reviewers score a story on, per call (e.g. relevance, 1–5)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    min_score = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self):
        return self.name
