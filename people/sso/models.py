"""The SSO models (imported by `people.models`, so they belong to the people app and its migrations)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assurance import Assurance

# OIOSAML 3 attribute names (the federation and NSIS-compliant IdPs send these).
OIOSAML_EMAIL = "https://data.gov.dk/model/core/eid/email"
OIOSAML_CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
OIOSAML_FULL_NAME = "https://data.gov.dk/model/core/eid/fullName"


class IdentityProvider(models.Model):
    """An identity provider that may log municipal staff in: one municipality's own, or the common
    federation that names the municipality by a CVR attribute. Its metadata (entity id, endpoints,
    signing certificates) is stored as the admin uploaded or fetched it; `people.sso.services` checks
    it before it is saved."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("The municipality's own identity provider")
        FEDERATION = "federation", _("The common municipal federation (names the municipality by CVR)")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="identity_providers", verbose_name=_("municipality"),
        help_text=_("The municipality whose staff this identity provider logs in. Empty for the federation."),
    )
    entity_id = models.CharField(_("entity id"), max_length=500, unique=True, editable=False)
    metadata_url = models.URLField(
        _("metadata address"), max_length=500, blank=True,
        help_text=_("Where the identity provider publishes its metadata (https). Fetched when saved."),
    )
    metadata_xml = models.TextField(_("metadata (XML)"), editable=False)
    metadata_updated_at = models.DateTimeField(_("metadata updated"), null=True, editable=False)
    email_attribute = models.CharField(
        _("email attribute"), max_length=300, default=OIOSAML_EMAIL,
        help_text=_("The attribute holding the person's work email. ADFS and Entra ID often send "
                    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress."),
    )
    cvr_attribute = models.CharField(
        _("CVR attribute"), max_length=300, default=OIOSAML_CVR,
        help_text=_("The attribute holding the municipality's CVR number."),
    )
    assurance_when_absent = models.CharField(
        _("assurance level when the assertion states none"), max_length=20, choices=Assurance.choices,
        default=Assurance.LOW,
    )
    allow_unsolicited = models.BooleanField(
        _("accept logins started at the identity provider"), default=False,
        help_text=_("Off: only answers to a login started here are accepted."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="municipality", municipality__isnull=False)
                           | Q(kind="federation", municipality__isnull=True)),
                name="identity_provider_kind_matches_municipality",
            ),
            models.UniqueConstraint(
                fields=["municipality"], condition=Q(kind="municipality"),
                name="one_identity_provider_per_municipality",
            ),
        ]

    def __str__(self):
        return self.name


class SsoIdentity(models.Model):
    """A persistent NameID linked to a person at their first SSO login: later logins match by it, so a
    changed email address does not lock the person out."""

    identity_provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="identities")
    name_id = models.CharField(max_length=500)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities")
    linked_at = models.DateTimeField(default=timezone.now)
    last_login_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("linked municipal login")
        verbose_name_plural = _("linked municipal logins")
        constraints = [
            models.UniqueConstraint(fields=["identity_provider", "name_id"], name="one_person_per_name_id"),
        ]

    def __str__(self):
        return f"{self.identity_provider}: {self.name_id}"


class SsoAssertionSeen(models.Model):
    """Assertion ids already used, until they expire: a replayed assertion is refused."""

    identity_provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="+")
    assertion_id = models.CharField(max_length=200)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["identity_provider", "assertion_id"], name="assertion_used_once"),
        ]

    def __str__(self):
        return self.assertion_id


class SsoLoginRefusal(models.Model):
    """A refused municipal login, for the national admins: when, through which IdP, why (the IdP's own
    reason or the check that failed). The person saw only a neutral Danish explanation."""

    class Reason(models.TextChoices):
        INVALID_RESPONSE = "invalid_response", _("The response could not be verified")
        REPLAYED = "replayed", _("The assertion had been used before")
        UNSOLICITED = "unsolicited", _("The response answered no login started here")
        IDP_ERROR = "idp_error", _("The identity provider refused the login")
        UNKNOWN_IDP = "unknown_idp", _("Unknown or inactive identity provider")
        WRONG_MUNICIPALITY = "wrong_municipality", _("The assertion named another municipality")
        NOT_ON_ROSTER = "not_on_roster", _("Not on the municipality's staff list")
        ROLES_ELSEWHERE = "roles_elsewhere", _("The account holds roles outside the municipality")
        ASSURANCE_TOO_LOW = "assurance_too_low", _("Assurance level too low for the person's role")
        NO_EMAIL = "no_email", _("The assertion carried no email address")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    identity_provider = models.ForeignKey(
        IdentityProvider, on_delete=models.SET_NULL, null=True, blank=True, related_name="refusals",
        verbose_name=_("identity provider"),
    )
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("municipality"),
    )
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    detail = models.TextField(_("details"), blank=True)
    email = models.CharField(_("email in the assertion"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("refused municipal login")
        verbose_name_plural = _("refused municipal logins")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_reason_display()}"
