import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from web.validators import refuse_line_breaks

from .roles import MUNICIPAL_ROLES, PROVIDER_ROLES, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Email is the login; the platform holds no CPR number and no client data."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, validators=[refuse_line_breaks])
    is_staff = models.BooleanField(_("may use Django's admin"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    calendar_token = models.UUIDField(_("calendar feed token"), default=uuid.uuid4, unique=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Wagtail's admin reads first_name/last_name in a few places (avatars, listings).
    @property
    def first_name(self):
        return self.get_short_name()

    @property
    def last_name(self):
        return self.full_name.partition(" ")[2]


class Region(models.Model):
    """A Danish region. Regions change (Hovedstaden and Sjælland merge on 1 January 2027)."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    cvr = models.CharField(
        _("CVR number"), max_length=8, blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("A CVR number is eight digits."))],
        help_text=_("The municipality's CVR number: the federation names the municipality by it at login."),
    )
    sso_creates_caseworkers = models.BooleanField(
        _("create caseworkers at their first municipal login"), default=False,
        help_text=_("A person who logs in with the municipality's login and is not on the staff list is "
                    "added as a caseworker."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cvr"], condition=~Q(cvr=""), name="unique_municipality_cvr"),
        ]

    def __str__(self):
        return self.name

    def region_on(self, day=None):
        """The region the municipality belonged to on a day (today by default)."""
        day = day or timezone.localdate()
        period = (
            self.region_periods.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("region")
            .first()
        )
        return period.region if period else None


class MunicipalityRegion(models.Model):
    """Which region a municipality belongs to over a period: a region is data that changes over time."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="region_periods", verbose_name=_("municipality")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="periods", verbose_name=_("region"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("region period")
        verbose_name_plural = _("region periods")
        ordering = ["municipality", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="region_period_ends_after_start",
            ),
            models.UniqueConstraint(fields=["municipality", "valid_from"], name="one_region_period_per_start"),
        ]

    def __str__(self):
        return f"{self.municipality} – {self.region} ({self.valid_from}–{self.valid_to or ''})"


class Provider(models.Model):
    """A course provider, such as VIA University College, that runs cohorts."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("course provider")
        verbose_name_plural = _("course providers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="teams", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["municipality__name", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="unique_team_name_per_municipality")]

    def __str__(self):
        return f"{self.name} ({self.municipality})"


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        """Memberships not ended by the day (today by default). Future starters count: they are on the roster."""
        day = day or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day))

    def on(self, day):
        """Memberships in force on a day: started and not yet ended."""
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(models.Model):
    """A person's role in an organisation over a period. Ended, never deleted: history survives a move."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships",
        verbose_name=_("municipality"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships",
        verbose_name=_("course provider"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships", verbose_name=_("team")
    )
    start_date = models.DateField(_("start date"), help_text=_("When the person started in the job."))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("When the person left the job."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(r.value for r in MUNICIPAL_ROLES), municipality__isnull=False, provider__isnull=True)
                    | Q(role__in=sorted(r.value for r in PROVIDER_ROLES), provider__isnull=False, municipality__isnull=True)
                    | Q(role=Role.NATIONAL_ADMIN, provider__isnull=True, municipality__isnull=True)
                ),
                name="membership_role_matches_organisation",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "role", "end_date"])]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.organisation_name}"

    @property
    def organisation(self):
        return self.municipality or self.provider

    @property
    def organisation_name(self):
        org = self.organisation
        return str(org) if org else "ICS Metodesekretariat"

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.role in MUNICIPAL_ROLES and not self.municipality_id:
            errors["municipality"] = _("A municipal role needs a municipality.")
        if self.role in PROVIDER_ROLES and not self.provider_id:
            errors["provider"] = _("A provider role needs a course provider.")
        if self.team_id and self.team.municipality_id != self.municipality_id:
            errors["team"] = _("The team must belong to the membership's municipality.")
        if errors:
            raise ValidationError(errors)


class MembershipEvent(models.Model):
    """Append-only history of membership changes: who changed what, when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        ENDED = "ended", _("Ended")

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.membership_id}: {self.action} {self.changed_at:%Y-%m-%d}"


class Invitation(models.Model):
    """An invitation to join as a role in an organisation. The link carries a signed uuid, never a password."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations",
        verbose_name=_("municipality"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations",
        verbose_name=_("course provider"),
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team"))
    start_date = models.DateField(_("start date"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    membership = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    def get_absolute_url(self):
        from .tokens import invitation_token

        return reverse("people:invitation_accept", args=[invitation_token(self)])

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_accepted(self):
        return self.accepted_at is not None


NOTIFICATION_KEY_LENGTH = 200


class Notification(models.Model):
    """One row per message ever due, under a unique key: the project's one idempotent-notification
    mechanism (`people.notifications`). A retry, a second beat run or a second worker finds the key
    taken or `sent_at` set and sends nothing twice. Every app's mail goes through it.

    A message goes to a person with an account (`recipient`) or, when there is none yet (an invitation
    to a new address), to `email`; one of the two is always set (`address` is the one to write to)."""

    key = models.CharField(max_length=NOTIFICATION_KEY_LENGTH, unique=True)
    kind = models.CharField(_("kind"), max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("email"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""), name="notification_has_an_address",
            ),
        ]

    def __str__(self):
        return self.key

    @property
    def address(self) -> str:
        """The email address the message goes to: the recipient's, else the stored one."""
        return self.recipient.email if self.recipient_id else self.email


# The SSO models live in their own module (people.sso) and belong to this app.
from .sso.models import IdentityProvider, SsoAssertionSeen, SsoIdentity, SsoLoginRefusal  # noqa: E402, F401
