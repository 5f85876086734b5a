"""One door per change: every scheduling service refuses a person who may not make the change, and
the pages, posted to by such a person, answer 403 or 404 and change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from scheduling.ical_import import Item
from scheduling.models import Attendance, Event, EventQuota, Registration, Session
from scheduling.services.attendance import attendance_bulk_record, attendance_record
from scheduling.services.calendar_import import events_import
from scheduling.services.events import (
    event_cancel,
    event_create,
    event_update,
    quota_set,
    session_cancel,
    session_save,
)
from scheduling.services.registration import registration_create
from tests.factories import MembershipFactory, MunicipalityFactory, ProviderFactory

from .factories import at, cohort, event_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(municipality):
    return MembershipFactory(municipality=municipality, role="superbruger").person


def test_planning_for_a_municipality_needs_its_leader_or_superuser(
    municipality, caseworker, other_leader, leader, superuser
):
    for by in (caseworker, other_leader):
        with pytest.raises(PermissionDenied):
            event_create(by=by, kind=Event.Kind.THEME_DAY, title="Ikke min", municipality=municipality,
                         sessions=[(at(10, 9), at(10, 15))])
    assert not Event.objects.exists()
    for by in (leader, superuser):
        event_create(by=by, kind=Event.Kind.THEME_DAY, title="Min", municipality=municipality,
                     sessions=[(at(10, 9), at(10, 15))])
    assert Event.objects.count() == 2


def test_planning_a_cohort_needs_the_providers_coordinator(provider, coordinator, leader):
    fields = dict(kind=Event.Kind.COHORT, title="Hold", provider=provider, audience=Event.Audience.OPEN,
                  sessions=[(at(10, 9), at(10, 15))])
    with pytest.raises(PermissionDenied):
        event_create(by=leader, **fields)
    assert event_create(by=coordinator, **fields).provider == provider


def test_changing_an_event_needs_its_manager(municipality, caseworker, other_leader, leader):
    event = event_with_sessions(municipality=municipality, kind=Event.Kind.TEAM_MEETING)
    session = event.sessions.get()
    changes = [
        lambda by: event_update(event=event, by=by, title="Nyt navn"),
        lambda by: session_save(event=event, by=by, starts_at=at(20, 9), ends_at=at(20, 12)),
        lambda by: session_save(event=event, session=session, by=by, starts_at=at(21, 9), ends_at=at(21, 12)),
        lambda by: session_cancel(session=session, by=by, reason="Syg"),
        lambda by: event_cancel(event=event, by=by, reason="Syg"),
        lambda by: event_update(event=event, by=by, recurrence_rule="FREQ=WEEKLY;COUNT=3"),
    ]
    for by in (caseworker, other_leader):
        for change in changes:
            with pytest.raises(PermissionDenied):
                change(by)
    event.refresh_from_db()
    session.refresh_from_db()
    assert event.title != "Nyt navn" and event.cancelled_at is None and event.sequence == 0
    assert list(event.sessions.all()) == [session] and not session.cancelled
    event_update(event=event, by=leader, title="Nyt navn")
    event.refresh_from_db()
    assert event.title == "Nyt navn"


def test_a_quota_needs_the_cohorts_coordinator(provider, coordinator, leader):
    event = cohort(provider)
    with pytest.raises(PermissionDenied):
        quota_set(event=event, municipality=MunicipalityFactory(), seats=2, by=leader)
    assert not EventQuota.objects.exists()
    quota_set(event=event, municipality=MunicipalityFactory(), seats=2, by=coordinator)
    assert EventQuota.objects.count() == 1


def test_attendance_needs_a_roster_keeper(provider, coordinator):
    trainer = MembershipFactory(provider=provider, municipality=None, role="underviser").person
    stranger = MembershipFactory(provider=ProviderFactory(), municipality=None, role="underviser").person
    event = cohort(provider, days=(20,))
    person = MembershipFactory().person
    registration_create(event=event, person=person, by=person)
    session = event.sessions.get()
    Session.objects.filter(pk=session.pk).update(starts_at=at(0, 0, 1), ends_at=at(0, 23))
    for record in (
        lambda by: attendance_record(session=session, person=person, status=Attendance.Status.ATTENDED, by=by),
        lambda by: attendance_bulk_record(session=session, statuses={person.pk: Attendance.Status.ATTENDED}, by=by),
    ):
        for by in (stranger, person):
            with pytest.raises(PermissionDenied):
                record(by)
    assert not Attendance.objects.exists()
    attendance_record(session=session, person=person, status=Attendance.Status.ATTENDED, by=trainer)
    assert attendance_bulk_record(session=session, statuses={person.pk: Attendance.Status.EXCUSED},
                                  by=coordinator) == 1


def test_importing_needs_a_planner(municipality, caseworker, leader):
    item = Item(number=1, uid="x-1", summary="Temadag", description="", location="",
                starts_at=at(10, 9), ends_at=at(10, 15))
    with pytest.raises(PermissionDenied):
        events_import(municipality=municipality, by=caseworker, items=[item], kind=Event.Kind.THEME_DAY,
                      audience=Event.Audience.STAFF)
    assert not Event.objects.exists()
    assert len(events_import(municipality=municipality, by=leader, items=[item], kind=Event.Kind.THEME_DAY,
                             audience=Event.Audience.STAFF)) == 1


# --- Over HTTP: a person who can see the event but may not change it gets 403, and nothing changes ---


def test_a_caseworker_posting_management_forms_gets_403(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, days=(0,))
    session = event.sessions.get()
    client.force_login(caseworker)
    start = timezone.localtime(at(30, 9)).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(at(30, 12)).strftime("%Y-%m-%dT%H:%M")
    posts = [
        (reverse("scheduling:event_edit", args=[event.pk]), {
            "kind": "temadag", "title": "Overtaget", "audience": "alle", "capacity": "25",
        }),
        (reverse("scheduling:event_cancel", args=[event.pk]), {"reason": "Nej"}),
        (reverse("scheduling:session_create", args=[event.pk]), {"starts_at": start, "ends_at": end}),
        (reverse("scheduling:session_edit", args=[session.pk]), {"starts_at": start, "ends_at": end}),
        (reverse("scheduling:session_cancel", args=[session.pk]), {"reason": "Nej"}),
        (reverse("scheduling:roster", args=[session.pk]), {"bulk": "attended"}),
        (reverse("scheduling:event_create") + f"?kommune={municipality.slug}", {
            "kind": "temadag", "title": "Uden lov", "audience": "alle", "capacity": "25",
            "first-starts_at": start, "first-ends_at": end, "first-day_count": "1",
        }),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    event.refresh_from_db()
    session.refresh_from_db()
    assert event.title != "Overtaget" and event.cancelled_at is None and not session.cancelled
    assert Event.objects.count() == 1 and event.sessions.count() == 1 and not Attendance.objects.exists()


@pytest.mark.parametrize("viewer, event_kwargs", [
    pytest.param("caseworker", {}, id="a-colleague"),
    pytest.param("other_leader", {"audience": Event.Audience.OPEN}, id="another-municipalitys-leader-open-event"),
])
def test_cancelling_someone_elses_registration_over_http_is_403(
    request, client, municipality, viewer, event_kwargs
):
    event = event_with_sessions(municipality=municipality, **event_kwargs)
    person = MembershipFactory(municipality=municipality).person
    registration = registration_create(event=event, person=person, by=person)
    client.force_login(request.getfixturevalue(viewer))
    response = client.post(reverse("scheduling:unregister", args=[event.pk]), {"registration": registration.pk})
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_import_confirm_from_a_non_planner_is_403(client, municipality, caseworker):
    client.force_login(caseworker)
    session = client.session
    item = Item(number=1, uid="x-1", summary="Temadag", description="", location="",
                starts_at=at(10, 9), ends_at=at(10, 15) + datetime.timedelta(hours=1))
    session["scheduling_import"] = {"municipality": municipality.pk, "kind": "temadag", "audience": "alle",
                                    "items": [item.to_json()]}
    session.save()
    url = reverse("scheduling:ics_import", args=[municipality.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "1"}).status_code == 403
    assert not Event.objects.exists()
