import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from scheduling.forms import course_pages
from scheduling.models import Attendance, AttendanceChange, Event, Registration, Session
from scheduling.services.attendance import attendance_record
from scheduling.services.registration import registration_create
from tests.factories import MembershipFactory

from .factories import at, cohort, event_with_sessions

pytestmark = pytest.mark.django_db


def test_caseworker_signs_up_and_gets_an_invite(client, municipality, caseworker, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality, title="Temadag: tragtmodellen")
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scheduling:register", args=[event.pk]), follow=True)
    assert "Du er tilmeldt" in response.content.decode()
    assert Registration.objects.get(event=event, person=caseworker).status == "confirmed"
    [message] = mail.outbox
    assert message.to == [caseworker.email]
    assert any("method=REQUEST" in mimetype for _c, mimetype in message.alternatives)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Afmeld mig" in page


def test_deadline_passed_over_http_is_a_danish_message_not_a_500(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality,
                                registration_closes_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(caseworker)
    response = client.post(reverse("scheduling:register", args=[event.pk]), follow=True)
    assert response.status_code == 200
    assert "Tilmeldingsfristen udløb" in response.content.decode()
    assert not Registration.objects.exists()


def test_leader_books_two_and_waitlist_moves_when_one_cancels(
    client, municipality, leader, django_capture_on_commit_callbacks
):
    event = event_with_sessions(municipality=municipality, capacity=1, kind=Event.Kind.BRUSH_UP)
    first, second = (MembershipFactory(municipality=municipality).person for _ in range(2))
    client.force_login(leader)
    page = client.get(reverse("scheduling:book_staff", args=[event.pk]))
    assert first.full_name in page.content.decode()
    response = client.post(reverse("scheduling:book_staff", args=[event.pk]), {"people": [first.pk, second.pk]},
                           follow=True)
    assert "1 tilmeldt, 1 på venteliste" in response.content.decode()
    statuses = dict(Registration.objects.filter(event=event).values_list("person_id", "status"))
    confirmed_id = next(pid for pid, s in statuses.items() if s == "confirmed")
    waiting_id = next(pid for pid, s in statuses.items() if s == "waitlisted")
    registration = Registration.objects.get(event=event, person_id=confirmed_id)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scheduling:unregister", args=[event.pk]), {"registration": registration.pk})
    assert Registration.objects.get(event=event, person_id=waiting_id).status == "confirmed"
    promoted = [m for m in mail.outbox if m.to[0] == Registration.objects.get(event=event, person_id=waiting_id).person.email]
    assert promoted and "Du har fået en plads" in promoted[0].subject


def test_leader_creates_a_theme_day(client, municipality, leader):
    client.force_login(leader)
    start = timezone.localtime(at(30, 9))
    response = client.post(reverse("scheduling:event_create") + f"?kommune={municipality.slug}", {
        "kind": "temadag", "title": "Temadag om SMART-mål", "audience": "alle", "capacity": "25",
        "location_address": "Rådhuset", "first-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "first-ends_at": (start + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"), "first-day_count": "1",
        "behold_fridage": "ja",  # 30 days ahead may be a weekend or a holiday: keep it (tests/scheduling/test_holidays.py)
    })
    event = Event.objects.get(title="Temadag om SMART-mål")
    assert response.status_code == 302 and event.municipality == municipality and event.created_by == leader
    assert event.sessions.count() == 1


def test_session_ending_before_start_over_http(client, municipality, leader):
    client.force_login(leader)
    start = timezone.localtime(at(30, 12))
    response = client.post(reverse("scheduling:event_create") + f"?kommune={municipality.slug}", {
        "kind": "temadag", "title": "Forkert", "audience": "alle", "capacity": "25",
        "first-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "first-ends_at": (start - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "first-day_count": "1",
    })
    assert response.status_code == 200
    assert "skal slutte, efter den er begyndt" in response.content.decode()
    assert not Event.objects.exists()


def test_cohort_course_choice_lists_only_course_pages():
    root = Page.get_first_root_node()
    root.add_child(instance=Page(title="Ikke et kursus", slug="ikke-kursus"))
    assert "Ikke et kursus" not in [p.title for p in course_pages()]


def test_other_municipality_leader_gets_404_everywhere(client, municipality, other_leader, caseworker):
    event = event_with_sessions(municipality=municipality, days=(0,))
    session = event.sessions.get()
    client.force_login(other_leader)
    urls = [
        reverse("scheduling:event_edit", args=[event.pk]),
        reverse("scheduling:event_cancel", args=[event.pk]),
        reverse("scheduling:participants", args=[event.pk]),
        reverse("scheduling:book_staff", args=[event.pk]),
        reverse("scheduling:session_edit", args=[session.pk]),
        reverse("scheduling:session_cancel", args=[session.pk]),
        reverse("scheduling:roster", args=[session.pk]),
        reverse("scheduling:sign_in_sheet", args=[session.pk]),
        reverse("scheduling:municipality_calendar", args=[municipality.slug]),
        reverse("scheduling:ics_import", args=[municipality.slug]),
        reverse("scheduling:event_create") + f"?kommune={municipality.slug}",
        reverse("scheduling:event_detail", args=[event.pk]),
        reverse("scheduling:event_ics", args=[event.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("scheduling:event_cancel", args=[event.pk]), {"reason": "x"}).status_code == 404
    event.refresh_from_db()
    assert event.cancelled_at is None


def test_caseworker_cannot_manage(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality)
    client.force_login(caseworker)
    assert client.get(reverse("scheduling:event_edit", args=[event.pk])).status_code == 404
    assert client.get(reverse("scheduling:roster", args=[event.sessions.get().pk])).status_code == 404


def test_cancel_session_needs_a_reason(client, municipality, leader):
    event = event_with_sessions(municipality=municipality)
    session = event.sessions.get()
    client.force_login(leader)
    response = client.post(reverse("scheduling:session_cancel", args=[session.pk]), {"reason": "  "})
    assert "Skriv en begrundelse" in response.content.decode()
    session.refresh_from_db()
    assert not session.cancelled


def test_trainer_records_attendance_on_the_roster(client, provider, django_capture_on_commit_callbacks):
    from scheduling.signals import attendance_changed

    trainer = MembershipFactory(provider=provider, municipality=None, role="underviser").person
    event = cohort(provider, days=(20, 21))
    people = [MembershipFactory().person for _ in range(3)]
    for person in people:
        registration_create(event=event, person=person, by=person)
    session = event.sessions.order_by("starts_at").first()
    Session.objects.filter(pk=session.pk).update(starts_at=at(-1, 9), ends_at=at(-1, 15))
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    attendance_changed.connect(listener)
    try:
        client.force_login(trainer)
        page = client.get(reverse("scheduling:roster", args=[session.pk]))
        assert page.status_code == 200 and people[0].full_name in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("scheduling:roster", args=[session.pk]), {"bulk": "attended"})
        assert set(Attendance.objects.filter(session=session).values_list("status", flat=True)) == {"attended"}
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("scheduling:roster", args=[session.pk]), {
                f"status-{people[0].pk}": "excused", f"status-{people[1].pk}": "attended",
                f"status-{people[2].pk}": "attended",
            })
    finally:
        attendance_changed.disconnect(listener)
    assert Attendance.objects.get(session=session, person=people[0]).status == "excused"
    history = list(AttendanceChange.objects.filter(attendance__person=people[0]).values_list("from_status", "to_status"))
    assert history == [("", "attended"), ("attended", "excused")]
    assert len(received) == 4 and received[-1]["status"] == "excused"
    pdf = client.get(reverse("scheduling:sign_in_sheet", args=[session.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_attendance_not_before_the_day(provider):
    event = cohort(provider, days=(20,))
    person = MembershipFactory().person
    registration_create(event=event, person=person, by=person)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        attendance_record(session=event.sessions.get(), person=person, status="attended", by=None)
    assert not Attendance.objects.exists()


ICS_OK = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E008-1\r
SUMMARY:Temadag om magneterne\r
DTSTART;TZID=Romance Standard Time:20270310T090000\r
DTEND;TZID=Romance Standard Time:20270310T150000\r
LOCATION:Rådhuset\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:google-2\r
SUMMARY:Brush-up\r
DTSTART:20270412T070000Z\r
DTEND:20270412T100000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:bad-3\r
SUMMARY:Mangler start\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()


def test_ics_import_preview_then_confirm(client, municipality, leader):
    client.force_login(leader)
    url = reverse("scheduling:ics_import", args=[municipality.slug])
    response = client.post(url, {"file": SimpleUploadedFile("kalender.ics", ICS_OK, "text/calendar"),
                                 "kind": "temadag", "audience": "alle"})
    html = response.content.decode()
    assert "Temadag om magneterne" in html and "Arrangement 3 »Mangler start« mangler et starttidspunkt" in html
    assert not Event.objects.exists()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    events = {e.title: e for e in Event.objects.filter(municipality=municipality)}
    assert set(events) == {"Temadag om magneterne", "Brush-up"}
    start = events["Brush-up"].sessions.get().starts_at
    assert timezone.localtime(start).hour == 9  # 07:00Z in April is 09:00 in Copenhagen
    outlook = events["Temadag om magneterne"].sessions.get()
    assert timezone.localtime(outlook.starts_at).hour == 9 and outlook.starts_at.utcoffset() is not None


@pytest.mark.parametrize("content,message", [
    (b"Dette er bare tekst", "ikke en kalender"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "ingen arrangementer"),
    (b"BEGIN:VCALENDAR\r\n" + b"X" * (2 * 1024 * 1024 + 10), "for stor"),
])
def test_ics_import_bad_files(client, municipality, leader, content, message):
    client.force_login(leader)
    response = client.post(reverse("scheduling:ics_import", args=[municipality.slug]), {
        "file": SimpleUploadedFile("x.ics", content, "text/calendar"), "kind": "temadag", "audience": "alle",
    })
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_calendars_have_constant_queries(client, municipality, caseworker, django_assert_max_num_queries):
    client.force_login(caseworker)
    event_with_sessions(municipality=municipality, days=(1,))
    urls = [reverse("scheduling:municipality_calendar", args=[municipality.slug]) + "?visning=maaned",
            reverse("scheduling:municipality_calendar", args=[municipality.slug]),
            reverse("scheduling:calendar")]
    counts = {}
    for url in urls:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    for _ in range(15):
        event = event_with_sessions(municipality=municipality, days=(1, 2))
        Registration.objects.create(event=event, person=caseworker, status="confirmed", municipality=municipality)
    for url in urls:
        with django_assert_max_num_queries(counts[url] + 1):
            assert client.get(url).status_code == 200


def test_dashboard_panel_shows_coming_sessions(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, title="Temadag på dashboardet")
    registration_create(event=event, person=caseworker, by=caseworker)
    client.force_login(caseworker)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Kommende" in html and "Temadag på dashboardet" in html


def test_wagtail_admin_lists_events_read_only(client, municipality):
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.factories import TOTP_SECRET, UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, TOTP_SECRET)  # a Wagtail superuser's session must have passed two-factor
    event = event_with_sessions(municipality=municipality, title="Temadag i admin")
    client.force_login(admin)
    listing = client.get("/admin/snippets/scheduling/event/")
    assert listing.status_code == 200 and "Temadag i admin" in listing.content.decode()
    assert client.get(f"/admin/snippets/scheduling/event/inspect/{event.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/scheduling/event/edit/{event.pk}/").status_code in (302, 403)
    assert client.get("/admin/snippets/scheduling/event/add/").status_code in (302, 403)


def test_unregister_next_is_not_an_open_redirect(client, municipality, leader):
    event = event_with_sessions(municipality=municipality)
    person = MembershipFactory(municipality=municipality).person
    registration = registration_create(event=event, person=person, by=leader)
    client.force_login(leader)
    response = client.post(reverse("scheduling:unregister", args=[event.pk]),
                           {"registration": registration.pk, "next": "//evil.example.com/"})
    assert response["Location"] == event.get_absolute_url()


def test_my_calendar_marks_waitlisted_sessions(client, municipality, caseworker):
    full = event_with_sessions(municipality=municipality, capacity=1, title="Fuld temadag")
    other = MembershipFactory(municipality=municipality).person
    registration_create(event=full, person=other, by=other)
    registration_create(event=full, person=caseworker, by=caseworker)
    client.force_login(caseworker)
    html = client.get(reverse("scheduling:calendar")).content.decode()
    assert "Fuld temadag" in html and "På venteliste" in html
