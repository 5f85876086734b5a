"""Demo organisations and accounts. Idempotent: a second run changes and duplicates nothing."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from . import services
from .models import Membership, Municipality, Provider, Team, User
from .roles import Role
from .sso import demo as sso_demo

DEMO_PASSWORD = "demo-ics-2026"
# The national admin must use two-factor; the demo account's TOTP secret is public on purpose
# (README, `python manage.py demo_totp`). Never use it outside the demo.
DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

MUNICIPALITIES = {
    "skanderborg": {
        "name": "Skanderborg",
        "cvr": "29189633",
        "teams": ["Familieafdelingen Nord", "Familieafdelingen Syd", "Ungeteamet"],
        "people": {
            "leder": ("Mette Kjær Andersen", Role.LEADER, None, datetime.date(2015, 3, 1)),
            "superbruger": ("Lars Holm Nielsen", Role.SUPERUSER, "Familieafdelingen Syd", datetime.date(2017, 8, 1)),
            "sagsbehandler1": ("Sofie Bech Jensen", Role.CASEWORKER, "Familieafdelingen Syd", datetime.date(2025, 9, 1)),
            "sagsbehandler2": ("Jonas Winther Madsen", Role.CASEWORKER, "Familieafdelingen Nord", datetime.date(2021, 2, 1)),
        },
    },
    "vesthimmerland": {
        "name": "Vesthimmerland",
        "cvr": "29189730",
        "teams": ["Børn og Familie", "Handicapteamet"],
        "people": {
            "leder": ("Hanne Dahl Sørensen", Role.LEADER, None, datetime.date(2012, 1, 1)),
            "superbruger": ("Peter Lund Christensen", Role.SUPERUSER, "Børn og Familie", datetime.date(2018, 4, 1)),
            "sagsbehandler1": ("Camilla Friis Pedersen", Role.CASEWORKER, "Børn og Familie", datetime.date(2026, 2, 1)),
            "sagsbehandler2": ("Mikkel Bak Olsen", Role.CASEWORKER, "Handicapteamet", datetime.date(2019, 6, 1)),
        },
    },
    "koebenhavn": {
        "name": "København",
        "cvr": "64942212",
        "teams": ["BFU Nørrebro", "BFU Amager", "BFU Vesterbro"],
        "people": {
            "leder": ("Anders Rasmussen Bay", Role.LEADER, None, datetime.date(2014, 9, 1)),
            "superbruger": ("Fatima El-Amin Larsen", Role.SUPERUSER, "BFU Nørrebro", datetime.date(2016, 1, 15)),
            "sagsbehandler1": ("Emma Thorsen Vang", Role.CASEWORKER, "BFU Amager", datetime.date(2026, 6, 1)),
            "sagsbehandler2": ("Oliver Skov Hansen", Role.CASEWORKER, "BFU Vesterbro", datetime.date(2020, 11, 1)),
        },
    },
}


def _account(email, full_name, *, is_superuser=False):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "is_superuser": is_superuser, "is_staff": is_superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _membership(person, role, start, **org):
    existing = Membership.objects.filter(person=person, role=role, **{k: v for k, v in org.items() if k != "team"})
    if existing.exists():
        return existing.first()
    return services.membership_create(person=person, role=role, start_date=start, **org)


@transaction.atomic
def load(stdout=None):
    admin = _account("admin@ics.demo", "Ida Marie Holm", is_superuser=True)
    _membership(admin, Role.NATIONAL_ADMIN, datetime.date(2010, 1, 1))
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, DEMO_ADMIN_TOTP_SECRET)

    via, _ = Provider.objects.get_or_create(
        slug="via", defaults={"name": "VIA University College", "website": "https://www.via.dk"}
    )
    Provider.objects.get_or_create(
        slug="socialstyrelsen", defaults={"name": "Socialstyrelsen", "website": "https://www.socialstyrelsen.dk"}
    )
    coordinator = _account("udbyder@via.demo", "Birgitte Aagaard Munk")
    _membership(coordinator, Role.COORDINATOR, datetime.date(2016, 8, 1), provider=via)
    trainer = _account("underviser@via.demo", "Thomas Krogh Eriksen")
    _membership(trainer, Role.TRAINER, datetime.date(2018, 1, 1), provider=via)

    for slug, spec in MUNICIPALITIES.items():
        municipality = Municipality.objects.get(name=spec["name"])
        if municipality.cvr != spec["cvr"]:
            municipality.cvr = spec["cvr"]
            municipality.save(update_fields=["cvr"])
        teams = {name: Team.objects.get_or_create(municipality=municipality, name=name)[0] for name in spec["teams"]}
        for local, (full_name, role, team_name, start) in spec["people"].items():
            person = _account(f"{local}@{slug}.demo", full_name)
            _membership(person, role, start, municipality=municipality, team=teams.get(team_name))
    sso_demo.load(stdout)
    if stdout:
        stdout.write(f"  people: {User.objects.count()} accounts, {Membership.objects.count()} memberships")
