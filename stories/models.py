import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import SECTORS, SIZE_CLASSES
from forums.models import FORMAT_AUDIO, FORMAT_TEXT, FORMATS, LICENCES, Call, Session, Theme

STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"
STATUS_IN_REVIEW = "in_review"
STATUS_SHORTLISTED = "shortlisted"
STATUS_SELECTED = "selected"
STATUS_DECLINED = "declined"
STATUS_WITHDRAWN = "withdrawn"
STATUSES = [
    (STATUS_DRAFT, _("Draft")),
    (STATUS_SUBMITTED, _("Submitted")),
    (STATUS_IN_REVIEW, _("In review")),
    (STATUS_SHORTLISTED, _("Shortlisted")),
    (STATUS_SELECTED, _("Selected")),
    (STATUS_DECLINED, _("Declined")),
    (STATUS_WITHDRAWN, _("Withdrawn")),
]
# A submitter may still edit or withdraw a story in these states while its call is open.
EDITABLE_STATUSES = (STATUS_DRAFT, STATUS_SUBMITTED)
WITHDRAWABLE_STATUSES = (STATUS_DRAFT, STATUS_SUBMITTED, STATUS_IN_REVIEW, STATUS_SHORTLISTED)
# Not (or no longer) in the call's hands: counted nowhere in its figures, mailed nothing.
NOT_RECEIVED_STATUSES = (STATUS_DRAFT, STATUS_WITHDRAWN)

AUDIO_NONE = ""
AUDIO_PENDING = "pending"
AUDIO_PROCESSING = "processing"
AUDIO_READY = "ready"
AUDIO_FAILED = "failed"
AUDIO_STATES = [
    (AUDIO_NONE, _("No audio")),
    (AUDIO_PENDING, _("Waiting to be checked")),
    (AUDIO_PROCESSING, _("Being checked")),
    (AUDIO_READY, _("Ready")),
    (AUDIO_FAILED, _("Could not be used")),
]

# Languages a story may be told in: the interface languages first, then others that
# forum participants write and speak in.
STORY_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("sw", _("Swahili")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("id", _("Indonesian")),
    ("tr", _("Turkish")),
    ("de", _("German")),
    ("other", _("Another language")),
]


def original_audio_path(story, filename):
    # The submitter's file name never reaches the storage path (nor any command line).
    return f"audio/{story.uuid}/{uuid.uuid4().hex}"


def processed_audio_path(story, filename):
    return f"audio/{story.uuid}/{uuid.uuid4().hex}.m4a"


def waveform_path(story, filename):
    return f"waveforms/{story.uuid}/{uuid.uuid4().hex}.png"


def photo_path(story, filename):
    return f"photos/{story.uuid}/{uuid.uuid4().hex}"


def originals_storage():
    return storages["originals"]


def count_words(text):
    return len(text.split())


# What a processing run writes; saved alone, so that a run never overwrites the submitter's edits.
AUDIO_RESULT_FIELDS = [
    "audio",
    "audio_size",
    "duration",
    "loudness",
    "waveform_peaks",
    "waveform_image",
    "audio_state",
    "audio_error_code",
    "audio_error_detail",
    "audio_state_changed_at",
    "audio_processed_at",
    "updated_at",
]

# What attaching a new recording writes: the original, and a fresh start for processing.
AUDIO_UPLOAD_FIELDS = [
    *AUDIO_RESULT_FIELDS,
    "audio_original",
    "audio_original_name",
    "audio_original_size",
    "audio_uploaded_at",
    "audio_attempts",
]


class StoryQuerySet(models.QuerySet):
    def locked(self):
        """For update, locking the stories' own rows only, even with ``select_related``: the
        call's row lock is what orders reference numbers, and only submitting takes it."""
        return self.select_for_update(of=("self",))

    def for_cards(self):
        """What a list of story cards shows: the forum, and none of the large columns a card
        never reads (search vector, waveform peaks, technical detail)."""
        return self.select_related("call__forum").defer("search_vector", "waveform_peaks", "audio_error_detail")

    def submitted(self):
        return self.exclude(status__in=NOT_RECEIVED_STATUSES)

    def published(self):
        """Stories visitors may see: selected, consented, audio ready, made public by a curator."""
        return self.filter(
            models.Q(format=FORMAT_TEXT) | models.Q(audio_state=AUDIO_READY),
            published_at__isnull=False,
            status=STATUS_SELECTED,
            consent_publication=True,
        )


class Story(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="stories", verbose_name=_("call"))
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stories", verbose_name=_("submitter")
    )
    # Set by the browser form once per story form: a double-clicked first save finds the
    # story the first click made instead of making a second one.
    form_token = models.UUIDField(null=True, blank=True, editable=False)
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    reference = models.CharField(_("reference"), max_length=24, blank=True, db_index=True, editable=False)

    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.CharField(_("short summary"), max_length=500, blank=True)
    language = models.CharField(_("language of the story"), max_length=8, choices=STORY_LANGUAGES, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories", verbose_name=_("sub-themes"))
    sessions = models.ManyToManyField(
        Session, through="ProgrammeSlot", blank=True, related_name="stories", verbose_name=_("sessions")
    )
    format = models.CharField(_("format"), max_length=10, choices=FORMATS, default=FORMAT_TEXT)
    body = models.TextField(_("story"), blank=True)

    audio_original = models.FileField(
        _("original audio"), upload_to=original_audio_path, storage=originals_storage, blank=True, max_length=200
    )
    audio_original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    audio_original_size = models.PositiveBigIntegerField(null=True, blank=True)
    audio_uploaded_at = models.DateTimeField(null=True, blank=True)
    audio = models.FileField(_("processed audio"), upload_to=processed_audio_path, blank=True, max_length=200)
    audio_size = models.PositiveBigIntegerField(null=True, blank=True)
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    loudness = models.FloatField(_("loudness (LUFS)"), null=True, blank=True)
    waveform_peaks = models.JSONField(default=list, blank=True)
    waveform_image = models.ImageField(upload_to=waveform_path, blank=True, max_length=200)
    audio_state = models.CharField(_("audio state"), max_length=12, choices=AUDIO_STATES, blank=True, db_index=True)
    audio_error_code = models.CharField(_("reason"), max_length=40, blank=True)
    audio_error_detail = models.TextField(_("technical detail"), blank=True)
    audio_attempts = models.PositiveSmallIntegerField(default=0)
    audio_state_changed_at = models.DateTimeField(null=True, blank=True)
    audio_processed_at = models.DateTimeField(null=True, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)

    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True, max_length=200)
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)

    consent_publication = models.BooleanField(_("consent to publication"), default=False)
    licence = models.CharField(_("licence"), max_length=20, choices=LICENCES, blank=True)
    terms_version = models.CharField(_("terms version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    # The organisation as it was when the story was submitted.
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)
    org_country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    org_city = models.CharField(_("city"), max_length=120, blank=True)
    org_size_class = models.CharField(_("size"), max_length=10, choices=SIZE_CLASSES, blank=True)
    org_sector = models.CharField(_("sector"), max_length=20, choices=SECTORS, blank=True)
    org_year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    org_website = models.URLField(_("website"), blank=True)
    org_contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    org_contact_role = models.CharField(_("contact role"), max_length=150, blank=True)
    org_contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    org_contact_email = models.EmailField(_("contact e-mail"), blank=True)

    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=STATUS_DRAFT, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Kept up to date by stories.search on every save; PostgreSQL only (NULL on SQLite).
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    # Denormalised so that the dashboard and the list need not count reviews row by row; kept
    # by stories.review_counts (never written by Story.save, see below).
    review_count = models.PositiveIntegerField(_("reviews"), default=0, editable=False)
    average_score = models.FloatField(_("average score"), null=True, blank=True, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"], condition=models.Q(number__isnull=False), name="story_number_unique_per_call"
            ),
            models.UniqueConstraint(
                fields=["submitter", "form_token"],
                condition=models.Q(form_token__isnull=False),
                name="story_form_token_unique",
            ),
        ]
        indexes = [
            # The dashboard's grouped queries read only these columns: an index-only scan of a
            # call's stories instead of a pass over the wide rows (texts, search vectors).
            models.Index(
                fields=["call", "status"],
                include=["format", "language", "org_size_class", "org_country", "submitted_at", "review_count"],
                name="story_dashboard_idx",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('draft')} · {self.title or _('(untitled)')}"

    def save(self, *args, **kwargs):
        # Columns kept by their own writers (stories.review_counts, stories.search): an instance
        # loaded earlier holds stale values, which a full save (a form, the admin) would write back.
        if kwargs.get("update_fields") is None and not self._state.adding and not kwargs.get("force_insert"):
            skipped = {"review_count", "average_score", "search_vector", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in skipped and field.name not in skipped
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:edit", args=[self.uuid])

    @property
    def word_count(self):
        return count_words(self.body)

    @property
    def is_audio(self):
        return self.format == FORMAT_AUDIO

    def can_edit(self, now=None):
        return self.status in EDITABLE_STATUSES and not self.call.has_closed(now)

    def can_withdraw(self):
        return self.status in WITHDRAWABLE_STATUSES

    def submission_errors(self, themes=None):
        """What still stops this story from being submitted, as {field: [messages]}.

        ``themes`` checks sub-themes chosen in a form but not saved yet.
        """
        errors = {}

        def need(field, message):
            errors.setdefault(field, []).append(message)

        call = self.call
        for field, label in (("title", _("a title")), ("summary", _("a short summary")), ("language", _("a language"))):
            if not getattr(self, field).strip():
                need(field, _("Please add %(what)s.") % {"what": label})
        has_themes = bool(themes) if themes is not None else bool(self.pk and self.themes.exists())
        if not has_themes:
            need("themes", _("Please choose at least one sub-theme."))
        if self.format not in call.formats:
            need("format", _("This call does not accept this format."))
        if self.format == FORMAT_TEXT:
            words = self.word_count
            if words == 0:
                need("body", _("Please write your story."))
            elif words > call.max_words:
                need(
                    "body",
                    ngettext(
                        "Your story has %(words)d words; the limit is %(limit)d word. Please shorten it.",
                        "Your story has %(words)d words; the limit is %(limit)d words. Please shorten it.",
                        call.max_words,
                    )
                    % {"words": words, "limit": call.max_words},
                )
        elif not self.audio_original:
            need("audio_file", _("Please upload your audio file."))
        elif self.audio_state == AUDIO_FAILED:
            need("audio_file", _("Your audio file could not be used. Please upload another one."))
        if not self.consent_publication:
            need("consent_publication", _("Please agree to the publication of your story."))
        if not self.licence:
            need("licence", _("Please choose a licence."))
        return errors

    def clear_processed_audio(self):
        """Forget what processing made from the recording (the files stay until deleted)."""
        self.audio = ""
        self.audio_size = None
        self.loudness = None
        self.waveform_peaks = []
        self.waveform_image = ""

    def audio_failure_message(self):
        from stories.audio_reasons import submitter_message

        return submitter_message(self.audio_error_code, self.call)


class StatusChange(models.Model):
    """Every change of a story's status, written in the same transaction as the change."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("story"))
    from_status = models.CharField(_("from"), max_length=12, choices=STATUSES, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=STATUSES)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


class Review(models.Model):
    """One reviewer's scores and opinion of one story."""

    RECOMMEND_SELECT = "select"
    RECOMMEND_MAYBE = "maybe"
    RECOMMEND_DECLINE = "decline"
    RECOMMENDATIONS = [
        (RECOMMEND_SELECT, _("Select")),
        (RECOMMEND_MAYBE, _("Maybe")),
        (RECOMMEND_DECLINE, _("Decline")),
    ]

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("story"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("reviewer")
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True, help_text=_("Criterion id → score."))
    score = models.FloatField(_("average score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=RECOMMENDATIONS, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [models.UniqueConstraint(fields=["story", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self):
        return f"{self.story} · {self.reviewer}"


class Assignment(models.Model):
    """A reviewer asked to review a story."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("story"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("reviewer")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["story", "reviewer"], name="one_assignment_per_reviewer")]

    def __str__(self):
        return f"{self.story} → {self.reviewer}"


class ProgrammeSlot(models.Model):
    """A selected story placed in a forum session, in order."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots", verbose_name=_("session"))
    # Offered (the admin's search included) and accepted only among selected stories.
    story = models.ForeignKey(
        Story,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("story"),
        limit_choices_to={"status": STATUS_SELECTED},
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["session", "position", "id"]
        verbose_name = _("programme slot")
        verbose_name_plural = _("programme slots")
        constraints = [models.UniqueConstraint(fields=["session", "story"], name="story_once_per_session")]

    def __str__(self):
        return f"{self.session} #{self.position}: {self.story}"


class ReviewerConflict(models.Model):
    """A reviewer's declared conflict of interest: a story, or every story of an organisation."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("reviewer")
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts", verbose_name=_("story")
    )
    org_name = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Every story of this organisation.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reviewer conflict")
        verbose_name_plural = _("reviewer conflicts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(story__isnull=False) | ~models.Q(org_name=""), name="conflict_names_something"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} ≠ {self.story or self.org_name}"


DECISION_SELECTED = STATUS_SELECTED
DECISION_DECLINED = STATUS_DECLINED
DECISIONS = [(DECISION_SELECTED, _("Selected")), (DECISION_DECLINED, _("Declined"))]


class DecisionTemplate(models.Model):
    """The e-mail telling a submitter the decision, per call, language and decision."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="decision_templates", verbose_name=_("call"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(_("decision"), max_length=12, choices=DECISIONS)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("body"), help_text=_("Placeholders: {reference}, {title}, {forum}, {session}, {call}, {name}.")
    )

    class Meta:
        ordering = ["call", "kind", "language"]
        verbose_name = _("decision template")
        verbose_name_plural = _("decision templates")
        constraints = [
            models.UniqueConstraint(fields=["call", "language", "kind"], name="one_decision_template_per_language")
        ]

    def __str__(self):
        return f"{self.call} · {self.get_kind_display()} · {self.language}"


class DecisionEmail(models.Model):
    """A decision e-mail owed or sent to a submitter; one per story and decision, so that
    running the action twice never sends twice."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="decision_emails", verbose_name=_("story"))
    kind = models.CharField(_("decision"), max_length=12, choices=DECISIONS)
    language = models.CharField(_("language"), max_length=10, blank=True)
    to = models.EmailField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision e-mail")
        verbose_name_plural = _("decision e-mails")
        constraints = [models.UniqueConstraint(fields=["story", "kind"], name="one_decision_email_per_decision")]

    def __str__(self):
        return f"{self.story} · {self.kind}"
