from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

SIZE_MICRO = "micro"
SIZE_SMALL = "small"
SIZE_MEDIUM = "medium"
SIZE_CLASSES = [
    (SIZE_MICRO, _("Micro (1–9 employees)")),
    (SIZE_SMALL, _("Small (10–49 employees)")),
    (SIZE_MEDIUM, _("Medium (50–249 employees)")),
]

SECTORS = [
    ("agriculture", _("Agriculture, forestry and fishing")),
    ("food", _("Food and beverages")),
    ("manufacturing", _("Manufacturing")),
    ("textiles", _("Textiles, clothing and crafts")),
    ("construction", _("Construction")),
    ("retail", _("Retail and wholesale trade")),
    ("transport", _("Transport and logistics")),
    ("tourism", _("Tourism, hotels and restaurants")),
    ("ict", _("Information technology and digital services")),
    ("creative", _("Creative industries and media")),
    ("health", _("Health and care")),
    ("education", _("Education and training")),
    ("professional", _("Professional and financial services")),
    ("energy", _("Energy and environment")),
    ("other", _("Other")),
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account, logged in by e-mail.

    ``language`` is the interface language the person last chose; e-mails to them are
    written in it. ``reads_languages`` lets reviewers be matched with stories they can read.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    reads_languages = models.JSONField(
        _("languages read"), default=list, blank=True, help_text=_('Language codes, e.g. ["ar", "fr"].')
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationProfile(models.Model):
    """The submitter's organisation, filled once and copied onto each story at submit time.

    The contact fields are private: only the owner and curators see them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation", verbose_name=_("user")
    )
    name = models.CharField(_("organisation name"), max_length=200)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    size_class = models.CharField(_("size"), max_length=10, choices=SIZE_CLASSES)
    sector = models.CharField(_("sector"), max_length=20, choices=SECTORS)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_role = models.CharField(_("contact role"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profiles")

    def __str__(self):
        return self.name

    def snapshot(self):
        """The fields copied onto a story, as ``org_*`` keyword arguments."""
        return {
            "org_name": self.name,
            "org_country": self.country.code,
            "org_city": self.city,
            "org_size_class": self.size_class,
            "org_sector": self.sector,
            "org_year_founded": self.year_founded,
            "org_website": self.website,
            "org_contact_name": self.contact_name,
            "org_contact_role": self.contact_role,
            "org_contact_phone": self.contact_phone,
            "org_contact_email": self.user.email,
        }
