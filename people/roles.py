from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "sagsbehandler", _("Caseworker")
    SUPERUSER = "superbruger", _("ICS superuser")
    LEADER = "leder", _("Leader")
    TRAINER = "underviser", _("Trainer")
    COORDINATOR = "koordinator", _("Provider coordinator")
    NATIONAL_ADMIN = "national_admin", _("National admin (ICS Metodesekretariat)")


MUNICIPAL_ROLES = frozenset({Role.CASEWORKER, Role.SUPERUSER, Role.LEADER})
PROVIDER_ROLES = frozenset({Role.TRAINER, Role.COORDINATOR})

# The Wagtail admin group each role belongs to (created by migration 0003).
ADMIN_GROUP_FOR_ROLE = {
    Role.SUPERUSER: "Superbrugere",
    Role.LEADER: "Ledere",
    Role.TRAINER: "Kursusudbydere",
    Role.COORDINATOR: "Kursusudbydere",
    Role.NATIONAL_ADMIN: "Nationale administratorer",
}
ADMIN_GROUP_NAMES = tuple(sorted(set(ADMIN_GROUP_FOR_ROLE.values())))
