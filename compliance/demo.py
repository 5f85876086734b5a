"""Demo data for compliance (runs last): licence agreements for the three demo municipalities, rosters of
20–60 people covering every status, earlier completions (method "imported") and monthly snapshots.

Deterministic and idempotent: a second run finds everything in place and changes nothing.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courses.models import Completion, CompletionMethod, CoursePage
from courses.services.completion import completion_record
from people import services as people_services
from people.demo import DEMO_PASSWORD
from people.models import Membership, Municipality, Provider, Team, User
from people.roles import Role
from scheduling.demo import link_cohorts_to_course
from scheduling.models import Registration
from scheduling.services.registration import registration_create

from . import services
from .models import Exemption, LicenceAgreement, MonthlySnapshot

FIRST_NAMES = [
    "Anne", "Birgit", "Camilla", "Dorte", "Eva", "Freja", "Gitte", "Helle", "Ida", "Julie", "Karen", "Lene",
    "Maja", "Nanna", "Pia", "Rikke", "Sara", "Tina", "Ulla", "Vibeke", "Anders", "Bo", "Christian", "Daniel",
    "Erik", "Frederik", "Henrik", "Jakob", "Kasper", "Lars", "Martin", "Niels", "Ole", "Rasmus", "Søren",
    "Thomas", "Mads", "Emil", "Louise", "Mette",
]
LAST_NAMES = [
    "Andersen", "Bach", "Christensen", "Dahl", "Eriksen", "Frandsen", "Gregersen", "Holm", "Iversen",
    "Jensen", "Kristensen", "Larsen", "Mortensen", "Nielsen", "Olsen", "Poulsen", "Quist", "Rasmussen",
    "Sørensen", "Thomsen", "Vestergaard", "Winther", "Østergaard", "Aagaard", "Bundgaard", "Kjær", "Lund",
    "Møller", "Pedersen", "Skov",
]

SETUP = {
    # slug: (signed_on, roster size, minimum superusers, qualified extra superusers, term changes)
    "skanderborg": (datetime.date(2012, 3, 1), 44, 2, 1, []),  # ICS and DUBU since 2012
    "vesthimmerland": (datetime.date(2020, 9, 1), 24, 2, 0, []),
    "koebenhavn": (datetime.date(2019, 9, 2), 56, 3, 2,  # chose DUBU (and ICS) in 2019
                   [(datetime.date(2025, 1, 1), {"grace_period_days": 270}, "Kortere frist aftalt med ICS-Metodesekretariatet")]),
}


def _ascii(text):
    return (text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace(" ", "."))


def _course(kind):
    return CoursePage.objects.filter(kind=kind).order_by("pk").first()


def _completion(person, course, day, provider):
    """An earlier completion (method "imported") through the learning code, so it gets its certificate code."""
    if course is None or Completion.objects.filter(person=person, course=course).exists():
        return
    completion_record(person=person, course=course, completed_on=min(day, timezone.localdate()),
                      method=CompletionMethod.IMPORTED, provider=provider, reason="Demo: tidligere gennemført kursus")


_password_hash = None


def _person(email, full_name):
    global _password_hash
    user = User.objects.filter(email=email).first()
    if user is None:
        if _password_hash is None:  # hashing is slow on purpose: once for all the demo people
            _password_hash = make_password(DEMO_PASSWORD)
        user = User.objects.create(email=email, full_name=full_name, password=_password_hash)
    return user


def _roster(municipality, size, rng, today):
    """[(person, role, team, start, end, plan)] where plan says what evidence the person gets."""
    teams = list(Team.objects.filter(municipality=municipality).order_by("name"))
    plans = ["completed"] * (size * 55 // 100) + ["completed-before"] * 2 + ["within"] * (size * 12 // 100)
    plans += ["overdue"] * (size * 12 // 100) + ["exempt", "exempt-expired", "in-progress", "in-progress", "left"]
    plans += ["completed"] * max(0, size - len(plans))
    plans = plans[:size]
    used = set()
    out = []
    for index, plan in enumerate(plans):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if (first, last) not in used:
                used.add((first, last))
                break
        email = f"{_ascii(first)}.{_ascii(last)}@{municipality.slug}.demo"
        if plan == "within":
            start = today - datetime.timedelta(days=rng.randint(20, 330))
        elif plan == "overdue":
            start = today - datetime.timedelta(days=rng.randint(400, 900))
        elif plan in ("in-progress",):
            start = today - datetime.timedelta(days=rng.randint(100, 300))
        else:
            start = today - datetime.timedelta(days=rng.randint(60, 8 * 365))
        end = today - datetime.timedelta(days=rng.randint(10, 200)) if plan == "left" else None
        if end and end < start:
            start = end - datetime.timedelta(days=500)
        out.append((email, f"{first} {last}", teams[index % len(teams)] if teams else None, start, end, plan))
    return out


def _ensure_agreement(municipality, signed_on, min_superusers, changes, admin):
    agreement = LicenceAgreement.objects.filter(municipality=municipality).first()
    if agreement is not None:
        return agreement
    agreement = services.licence_agreement_create(
        municipality=municipality, signed_on=signed_on, by=admin, min_superusers=min_superusers,
    )
    for valid_from, values, reason in changes:
        agreement = services.licence_terms_change(
            agreement=agreement, valid_from=valid_from, by=admin, reason=reason, **values
        )
    return agreement


@transaction.atomic
def load(stdout=None):
    today = timezone.localdate()
    admin = User.objects.filter(email="admin@ics.demo").first()
    provider = Provider.objects.filter(slug="via").first()
    basic, superuser_course = _course("grundkursus"), _course("superbrugerkursus")
    _link_demo_cohorts(basic)
    people_added = 0
    for slug, (signed_on, size, min_superusers, extra_superusers, changes) in SETUP.items():
        municipality = Municipality.objects.filter(slug=slug).first() or Municipality.objects.filter(
            name__iexact={"koebenhavn": "København"}.get(slug, slug)).first()
        if municipality is None:
            continue
        _ensure_agreement(municipality, signed_on, min_superusers, changes, admin)
        leader = Membership.objects.filter(municipality=municipality, role=Role.LEADER).first()
        leader = leader.person if leader else admin
        rng = random.Random(f"ics-demo-{slug}")
        for email, full_name, team, start, end, plan in _roster(municipality, size, rng, today):
            person = _person(email, full_name)
            if not Membership.objects.filter(person=person, municipality=municipality).exists():
                people_services.membership_create(
                    person=person, role=Role.CASEWORKER, municipality=municipality, team=team,
                    start_date=start, end_date=end, by=leader,
                )
                people_added += 1
            if plan in ("completed", "left"):
                done = start + datetime.timedelta(days=rng.randint(40, 330))
                if plan == "completed" and rng.random() < 0.45:  # a catch-up drive over the last two years
                    done = max(done, today - datetime.timedelta(days=rng.randint(20, 700)))
                _completion(person, basic, min(done, today - datetime.timedelta(days=1)), provider)
            elif plan == "completed-before":  # took the course in an earlier job
                _completion(person, basic, start - datetime.timedelta(days=rng.randint(100, 900)), provider)
            elif plan in ("exempt", "exempt-expired") and not Exemption.objects.filter(person=person).exists():
                until = None if plan == "exempt" else today - datetime.timedelta(days=30)
                Exemption.objects.create(
                    person=person, municipality=municipality, granted_by=leader,
                    valid_from=start, valid_until=until,
                    reason="Ansat i en tidsbegrænset stilling uden myndighedssager" if plan == "exempt"
                    else "Orlov i opstartsperioden",
                )
            elif plan == "in-progress":
                _register_on_cohort(person, leader)
        # Superusers: the demo superuser plus extra qualified ones; one more without the course.
        superusers = list(
            Membership.objects.filter(municipality=municipality, role=Role.SUPERUSER).select_related("person")
        )
        for membership in superusers:
            _completion(membership.person, superuser_course, membership.start_date + datetime.timedelta(days=200),
                        provider)
            _completion(membership.person, basic, membership.start_date + datetime.timedelta(days=90), provider)
        for number in range(extra_superusers):
            person = _person(f"superbruger{number + 2}@{slug}.demo", f"Superbruger {number + 2} {municipality.name}")
            if not Membership.objects.filter(person=person, municipality=municipality).exists():
                start = today - datetime.timedelta(days=4 * 365 + number * 100)
                people_services.membership_create(
                    person=person, role=Role.SUPERUSER, municipality=municipality, start_date=start, by=leader,
                )
                _completion(person, basic, start + datetime.timedelta(days=120), provider)
                _completion(person, superuser_course, start + datetime.timedelta(days=400), provider)
    _snapshots(today)
    if stdout:
        stdout.write(f"  compliance: {LicenceAgreement.objects.count()} licence agreements, "
                     f"{people_added} roster people added, {MonthlySnapshot.objects.count()} snapshots")


def _link_demo_cohorts(basic):
    """The courses demo points the demo cohorts at the basic course; make sure of it (idempotent)."""
    if basic is not None:
        link_cohorts_to_course(basic)


def _register_on_cohort(person, leader):
    """Put the person on the first upcoming basic-course cohort (the leader books them)."""
    event = next(iter(services.bookable_cohorts()), None)
    if event is None or Registration.objects.filter(event=event, person=person).exists():
        return
    try:
        with transaction.atomic():
            registration_create(event=event, person=person, by=leader)
    except ValidationError:
        pass  # the cohort is full or closed: the person stays without a registration


def _snapshots(today):
    """Monthly snapshots for the last 23 full months (the trend's stored points)."""
    month = today.replace(day=1)
    for _ in range(23):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        if not MonthlySnapshot.objects.filter(month=month).exists():
            services.snapshot_month(month=month)
