"""Hypothesis: the bulk report figures equal a brute-force recomputation, person by person, with one
ORM query per question, on random staff, completions, revocations, exemptions, licence history and
cohort bookings (the progress axis); and the national fast path (`figures_on`) equals the municipal report."""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance import services
from compliance.models import Exemption, ExemptionWithdrawal, LicenceTerms
from compliance.selectors import reports as selectors
from courses.models import CourseKind
from people.models import Membership
from tests.factories import MembershipFactory, MunicipalityFactory, ProviderFactory, UserFactory

from .factories import completion, course_page

BASE = datetime.date(2020, 1, 1)


def day(offset):
    return BASE + datetime.timedelta(days=offset)


completion_st = st.tuples(
    st.integers(-400, 1800),  # completed on (offset)
    st.sampled_from(["grundkursus", "grundkursus", "superbrugerkursus", "brush-up"]),
    st.one_of(st.none(), st.integers(0, 1800)),  # revoked this many days after completion
)
person_st = st.fixed_dictionaries({
    "start": st.integers(0, 1500),
    "length": st.one_of(st.none(), st.integers(0, 900)),
    "role": st.sampled_from(["sagsbehandler", "sagsbehandler", "superbruger"]),
    "also_superuser": st.booleans(),
    "elsewhere": st.booleans(),  # also on another municipality's staff (a mover or part-timer)
    "completions": st.lists(completion_st, max_size=2),
    "exemption": st.one_of(st.none(), st.tuples(st.integers(0, 1500), st.one_of(st.none(), st.integers(0, 600)),
                                                st.one_of(st.none(), st.integers(0, 600)))),
    # A basic-course cohort booking: (booked on, cancelled this many days later or never, which cohort).
    "booking": st.one_of(st.none(), st.tuples(st.integers(0, 1500), st.one_of(st.none(), st.integers(0, 400)),
                                              st.integers(0, 1))),
})
COHORT_DAYS = ((600, 601, 602), (1400, 1401))
scenario_st = st.fixed_dictionaries({
    "people": st.lists(person_st, min_size=1, max_size=10),
    "terms": st.lists(st.tuples(st.integers(-100, 1500), st.integers(30, 500), st.integers(0, 3),
                                st.sampled_from([None, None, 1, 2])), max_size=3),
    "as_of": st.lists(st.integers(0, 2000), min_size=1, max_size=3),
    # Days right at someone's deadline: (person index, which grace period, -1/0/+1 day).
    "edges": st.lists(st.tuples(st.integers(0, 9), st.integers(0, 3), st.integers(-1, 1)), max_size=3),
})


def as_of_days(scenario):
    days = [day(offset) for offset in scenario["as_of"]]
    graces = [365] + [grace for _o, grace, _m, _b in scenario["terms"]]
    for index, which, delta in scenario["edges"]:
        person = scenario["people"][index % len(scenario["people"])]
        days.append(day(person["start"]) + datetime.timedelta(days=graces[which % len(graces)] + delta))
    return days


def booked_on(person_id, as_of):
    """A confirmed basic-course cohort registration standing on the day, with a course day still to come."""
    from scheduling.models import Registration, Session

    for registration in Registration.objects.filter(person_id=person_id, event__course_page__isnull=False):
        booked = timezone.localdate(registration.created_at)
        cancelled = timezone.localdate(registration.cancelled_at) if registration.cancelled_at else None
        last = max(timezone.localdate(s.starts_at) for s in Session.objects.filter(event=registration.event_id))
        if booked <= as_of and (cancelled is None or cancelled > as_of) and last >= as_of:
            return True
    return False


def brute_force(municipality, as_of):
    counts = Counter()
    booked = 0
    qualified = 0
    in_force = (Membership.objects.filter(municipality=municipality, role__in=["sagsbehandler", "superbruger"],
                                          start_date__lte=as_of)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of)))
    terms = (LicenceTerms.objects.filter(agreement__municipality=municipality, valid_from__lte=as_of)
             .order_by("-valid_from", "-recorded_at", "-pk").first())
    grace = terms.grace_period_days if terms else 365
    required = terms.min_superusers if terms else 2
    brush_up = terms.brush_up_years if terms else None
    for person_id in set(in_force.values_list("person_id", flat=True)):
        from courses.models import Completion

        def valid(kind, person_id=person_id):
            return sorted(Completion.objects.filter(
                person_id=person_id, course__kind=kind, completed_on__lte=as_of
            ).filter(
                Q(revocation__isnull=True) | Q(revocation__revoked_at__date__gt=as_of)
            ).values_list("completed_on", flat=True))

        start = min(in_force.filter(person_id=person_id).values_list("start_date", flat=True))
        deadline = start + datetime.timedelta(days=grace)
        exempt = Exemption.objects.filter(
            person_id=person_id, municipality=municipality, valid_from__lte=as_of
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=as_of)).filter(
            Q(withdrawal__isnull=True) | Q(withdrawal__withdrawn_on__gt=as_of)
        ).exists()
        basics = valid("grundkursus")
        completed = bool(basics)
        if basics and brush_up:
            last = max(basics + [d for d in valid("brush-up") if d >= basics[0]])
            try:
                expires = last.replace(year=last.year + brush_up)
            except ValueError:
                expires = last.replace(year=last.year + brush_up, day=28)
            completed = as_of <= expires
            deadline = max(deadline, expires)
        if completed:
            counts["gennemfoert"] += 1
        elif exempt:
            counts["fritaget"] += 1
        else:
            counts["inden-for-frist" if as_of <= deadline else "overskredet"] += 1
            booked += booked_on(person_id, as_of)
        if in_force.filter(person_id=person_id, role="superbruger").exists() and valid("superbrugerkursus"):
            qualified += 1
    return counts, qualified, required, booked


def aware(day_, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day_, datetime.time(hour)))


def cohorts():
    from scheduling.models import Event, Session

    provider = ProviderFactory()
    out = []
    for number, days in enumerate(COHORT_DAYS):
        event = Event.objects.create(kind=Event.Kind.COHORT, provider=provider, title=f"Hold {number}",
                                     course_page=course_page(CourseKind.BASIC), audience=Event.Audience.OPEN)
        for day_number, offset in enumerate(days, start=1):
            Session.objects.create(event=event, day_number=day_number, starts_at=aware(day(offset)),
                                   ends_at=aware(day(offset), 15))
        out.append(event)
    return out


def book(person, event, booked_offset, cancelled_after):
    from scheduling.models import Registration, RegistrationChange

    booked_at = aware(day(booked_offset))
    cancelled_at = aware(day(booked_offset + cancelled_after), 12) if cancelled_after is not None else None
    registration = Registration.objects.create(
        event=event, person=person, created_at=booked_at, confirmed_at=booked_at, cancelled_at=cancelled_at,
        status=Registration.Status.CANCELLED if cancelled_at else Registration.Status.CONFIRMED,
    )
    RegistrationChange.objects.create(registration=registration, status=Registration.Status.CONFIRMED,
                                      changed_at=booked_at)
    if cancelled_at:
        RegistrationChange.objects.create(registration=registration, status=Registration.Status.CANCELLED,
                                          changed_at=cancelled_at)


def build(scenario, municipality, elsewhere, leader):
    if scenario["terms"]:
        first, *rest = sorted(scenario["terms"], key=lambda t: t[0])
        licence = services.licence_agreement_create(
            municipality=municipality, signed_on=day(first[0]), by=None, grace_period_days=first[1],
            min_superusers=first[2], brush_up_years=first[3],
        )
        for offset, grace, minimum, brush_up in rest:
            services.licence_terms_change(agreement=licence, valid_from=day(offset), by=None,
                                          grace_period_days=grace, min_superusers=minimum, brush_up_years=brush_up)
    events = cohorts()
    for spec in scenario["people"]:
        person = UserFactory()
        if spec["booking"]:
            booked_offset, cancelled_after, which = spec["booking"]
            book(person, events[which], booked_offset, cancelled_after)
        start = day(spec["start"])
        end = start + datetime.timedelta(days=spec["length"]) if spec["length"] is not None else None
        MembershipFactory(person=person, municipality=municipality, role=spec["role"], start_date=start, end_date=end)
        if spec["also_superuser"]:
            MembershipFactory(person=person, municipality=municipality, role="superbruger",
                              start_date=start + datetime.timedelta(days=30))
        if spec["elsewhere"]:
            MembershipFactory(person=person, municipality=elsewhere, role="sagsbehandler", start_date=BASE)
        for offset, kind, revoked_after in spec["completions"]:
            done = day(offset)
            revoked = done + datetime.timedelta(days=revoked_after) if revoked_after is not None else None
            completion(person, done, kind=kind, revoked_at=revoked, revoked_by=leader)
        if spec["exemption"]:
            from_offset, length, withdrawn_after = spec["exemption"]
            valid_from = day(from_offset)
            exemption = Exemption.objects.create(
                person=person, municipality=municipality, reason="Test", valid_from=valid_from, granted_by=leader,
                valid_until=valid_from + datetime.timedelta(days=length) if length is not None else None,
            )
            if withdrawn_after is not None:
                ExemptionWithdrawal.objects.create(
                    exemption=exemption, withdrawn_on=valid_from + datetime.timedelta(days=withdrawn_after),
                    reason="Slut", withdrawn_by=leader,
                )


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(scenario=scenario_st)
def test_report_figures_reconcile_with_brute_force(scenario):
    with transaction.atomic():
        municipality, elsewhere = MunicipalityFactory(), MunicipalityFactory()
        leader = UserFactory()
        build(scenario, municipality, elsewhere, leader)
        for as_of in as_of_days(scenario):
            report = selectors.municipal_report(municipality=municipality, as_of=as_of)
            counts, qualified, required, booked = brute_force(municipality, as_of)
            got = {k: v for k, v in report.figures.counts.items() if v}
            assert got == dict(counts), (as_of, scenario)
            assert report.figures.qualified_superusers == qualified
            # Progress is its own axis: the booked are counted beside the statuses, never instead.
            assert report.figures.booked == booked, (as_of, scenario)
            assert report.figures.required_superusers == required
            denominator = sum(counts.values()) - counts["fritaget"]
            expected = round(100 * counts["gennemfoert"] / denominator, 1) if denominator else None
            assert report.figures.percent == expected
            # The national table holds the same figures for the municipality.
            national = next(r for r in selectors.national_report(as_of=as_of) if r.municipality == municipality)
            assert national.figures.counts == report.figures.counts
            assert national.figures.progress == report.figures.progress
            # The team figures add up to the municipality's.
            assert sum(t.total for t in report.teams) == report.figures.total
        transaction.set_rollback(True)
