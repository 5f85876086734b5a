"""Demo data for scheduling: VIA cohorts of the basic course, theme days and brush-ups in the three demo
municipalities, and a monthly ICS team meeting series. Idempotent: every demo event carries a fixed
external_uid and is created only once. Registrations are written quietly (no demo mail storm).

The courses demo runs after this one and calls `link_cohorts_to_course(course_page)` to point the VIA
cohorts at the ICS-grundkursus page it creates.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from people.models import Municipality, Provider, User

from . import calendar_days
from .models import Attendance, Event, Registration, RegistrationChange
from .services.attendance import attendance_record
from .services.events import event_create, quota_set

VIA_ADDRESS = "VIA University College, Hedeager 2, 8200 Aarhus N"
DEMO_PREFIX = "demo:"


def _at(days, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _weekday_offsets(start_offset, count):
    """`count` consecutive working days from `start_offset` days ahead: weekends and Danish public
    holidays (and Christmas Eve, New Year's Eve, Constitution Day) skipped, so no demo course day
    falls on 24 December."""
    offsets, day = [], start_offset
    while len(offsets) < count:
        if calendar_days.is_working_day(timezone.localdate() + datetime.timedelta(days=day)):
            offsets.append(day)
        day += 1
    return offsets


def _tuesday_of_first_week():
    today = timezone.localdate()
    first = today.replace(day=1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7)


def _user(email):
    return User.objects.filter(email=email).first()


def _event(key, **fields):
    existing = Event.objects.filter(external_uid=DEMO_PREFIX + key).first()
    if existing:
        return existing, False
    return event_create(external_uid=DEMO_PREFIX + key, by=None, **fields), True


def _register_quietly(event, person, municipality, status=Registration.Status.CONFIRMED, created_at=None):
    if person is None or Registration.objects.filter(event=event, person=person).exists():
        return None
    registration = Registration.objects.create(
        event=event, person=person, municipality=municipality, status=status,
        created_at=created_at or timezone.now(), confirmed_at=timezone.now() if status == Registration.Status.CONFIRMED else None,
    )
    RegistrationChange.objects.create(registration=registration, status=status, note="demo")
    return registration


def link_cohorts_to_course(course_page) -> int:
    """Point the demo VIA cohorts of the basic course at its course page (called by compliance's demo),
    and the superuser cohort at the superuser course's page once it exists."""
    from wagtail.models import Page

    superuser_page = Page.objects.filter(slug="ics-superbrugerkursus").first()
    if superuser_page is not None:
        Event.objects.filter(external_uid=DEMO_PREFIX + "via-superbrugerkursus-hold-1",
                             course_page__isnull=True).update(course_page=superuser_page)
    return Event.objects.filter(
        kind=Event.Kind.COHORT, external_uid__startswith=DEMO_PREFIX + "via-grundkursus", course_page__isnull=True
    ).update(course_page=course_page)


@transaction.atomic
def load(stdout=None):
    via = Provider.objects.filter(slug="via").first()
    municipalities = {m.name: m for m in Municipality.objects.filter(
        name__in=["Skanderborg", "Vesthimmerland", "København"])}
    if via is None or len(municipalities) < 3:
        if stdout:
            stdout.write("  scheduling: people demo missing, skipped")
        return
    trainer = _user("underviser@via.demo")
    created = 0

    # --- VIA cohorts of the ICS basic course: one finished (attendance recorded), two open.
    past_days = _weekday_offsets(-24, 3)
    cohorts = [
        ("via-grundkursus-hold-1", "ICS-grundkursus, hold 1 (Aarhus)", past_days, 24),
        ("via-grundkursus-hold-2", "ICS-grundkursus, hold 2 (Aarhus)", _weekday_offsets(21, 3), 24),
        ("via-grundkursus-hold-3", "ICS-grundkursus, hold 3 (Aarhus)", _weekday_offsets(56, 3), 20),
    ]
    for key, title, days, capacity in cohorts:
        event, new = _event(
            key, kind=Event.Kind.COHORT, title=title, provider=via, audience=Event.Audience.OPEN,
            description=(
                "Tre kursusdage i ICS-grundkurset: barnet i centrum, ICS-trekanten og dens ti dimensioner, "
                "fra underretning over børnefaglig undersøgelse til barnets plan, og tragtmodellen. "
                "Forbered dig med e-læringen før dag 1."
            ),
            location_address=VIA_ADDRESS, location_room="Lokale A1.12", capacity=capacity,
            cancellation_deadline=_at(days[0] - 7, 12) if days[0] > 0 else None,
            hosts=[trainer] if trainer else [],
            sessions=[(_at(d, 9), _at(d, 15, 30)) for d in days],
        )
        created += new
        if new and key == "via-grundkursus-hold-2":
            quota_set(event=event, municipality=municipalities["Vesthimmerland"], seats=4, by=None)

    # --- A VIA cohort of the superuser course: three modules over five course days (2 + 2 + 1).
    module_days = _weekday_offsets(35, 2) + _weekday_offsets(63, 2) + _weekday_offsets(91, 1)
    _superusers, new = _event(
        "via-superbrugerkursus-hold-1", kind=Event.Kind.COHORT, title="ICS-superbrugerkursus, hold 1 (Aarhus)",
        provider=via, audience=Event.Audience.OPEN,
        description=(
            "Fem kursusdage i tre moduler. Modul 1 (dag 1–2): forandringsprocesser, faglig kvalitet, "
            "teamsamarbejde, backcasting og en spilleplan. Modul 2 (dag 3–4): tragtmodellen, socialfaglig "
            "analyse og vurdering og koblingen til barnets plan. Modul 3 (dag 5): at undervise kolleger, give "
            "sparring ud fra deres egne sager og bruge ICS-magneterne med en refleksionsmodel."
        ),
        location_address=VIA_ADDRESS, location_room="Lokale B2.04", capacity=18,
        cancellation_deadline=_at(module_days[0] - 14, 12), hosts=[trainer] if trainer else [],
        sessions=[(_at(d, 9), _at(d, 15, 30)) for d in module_days],
    )
    created += new

    from wagtail.models import Page

    course_page = Page.objects.filter(slug="ics-grundkursus").first()
    if course_page is not None:
        link_cohorts_to_course(course_page)

    finished = Event.objects.get(external_uid=DEMO_PREFIX + "via-grundkursus-hold-1")
    attendees = [
        ("sagsbehandler2@skanderborg.demo", "Skanderborg"),
        ("sagsbehandler1@vesthimmerland.demo", "Vesthimmerland"),
        ("sagsbehandler2@koebenhavn.demo", "København"),
    ]
    for email, name in attendees:
        _register_quietly(finished, _user(email), municipalities[name],
                          created_at=timezone.now() - datetime.timedelta(days=60))
    for session in finished.sessions.order_by("starts_at"):
        if session.attendances.exists():
            continue
        confirmed = finished.registrations.filter(status=Registration.Status.CONFIRMED).select_related("person")
        for registration in confirmed:
            status = Attendance.Status.ATTENDED
            if registration.person.email.startswith("sagsbehandler2@koebenhavn") and session.day_number == 3:
                status = Attendance.Status.EXCUSED
            attendance_record(session=session, person=registration.person, status=status, by=trainer)
    open_cohort = Event.objects.get(external_uid=DEMO_PREFIX + "via-grundkursus-hold-2")
    _register_quietly(open_cohort, _user("sagsbehandler2@vesthimmerland.demo"), municipalities["Vesthimmerland"])

    # --- Theme days and brush-ups in the three demo municipalities.
    local = {
        "Skanderborg": ("skanderborg", "Rådhuset, Adelgade 44, 8660 Skanderborg", "Byrådssalen"),
        "Vesthimmerland": ("vesthimmerland", "Rådhuset, Vestre Boulevard 7, 9600 Aars", "Mødelokale 3"),
        "København": ("koebenhavn", "Borgercenter Børn og Unge, Bernstorffsgade 17, 1592 København V", "Lokale 4.12"),
    }
    for name, (slug, address, room) in local.items():
        municipality = municipalities[name]
        superuser = _user(f"superbruger@{slug}.demo")
        theme_day, new = _event(
            f"{slug}-temadag-tragt", kind=Event.Kind.THEME_DAY, municipality=municipality,
            title="Temadag: Tragtmodellen i praksis",
            description=(
                "Vi arbejder med tragtmodellens tre faser – bekymring, hypotesedannelse og tragtning – på "
                "fiktive sager og øver os i at holde undersøgelsen fokuseret, med blik for ressourcer."
            ),
            location_address=address, location_room=room, capacity=30, audience=Event.Audience.STAFF,
            registration_closes_at=_at(11, 12), cancellation_deadline=_at(10, 12),
            hosts=[superuser] if superuser else [], sessions=[(_at(_weekday_offsets(14, 1)[0], 9), _at(
                _weekday_offsets(14, 1)[0], 15))],
        )
        created += new
        brush_up, new = _event(
            f"{slug}-brush-up-magneter", kind=Event.Kind.BRUSH_UP, municipality=municipality,
            title="Brush-up: ICS-magneterne på teammødet (få pladser)",
            description=(
                "Et kort genopfriskningsforløb for medarbejdere, hvis grundkursus ligger nogle år tilbage: "
                "vi bruger magneterne til at lægge en fiktiv sags oplysninger på trekantens dimensioner."
            ),
            location_address=address, location_room=room, capacity=2, audience=Event.Audience.STAFF,
            hosts=[superuser] if superuser else [],
            sessions=[(_at(_weekday_offsets(9, 1)[0], 13), _at(_weekday_offsets(9, 1)[0], 15, 30))],
        )
        created += new
        _register_quietly(brush_up, superuser, municipality)
        online, new = _event(
            f"{slug}-brush-up-online", kind=Event.Kind.BRUSH_UP, municipality=municipality,
            title="Online brush-up: SMART-mål i barnets plan", audience=Event.Audience.CASEWORKERS,
            description="En time online om at formulere SMART-mål, med eksempler fra fiktive sager.",
            online_url="https://moede.example.dk/ics-smart-maal", capacity=40,
            sessions=[(_at(_weekday_offsets(30, 1)[0], 14), _at(_weekday_offsets(30, 1)[0], 15))],
        )
        created += new

    # --- A monthly ICS team meeting series (first Tuesday, 09:00–10:30) in Skanderborg.
    skanderborg = municipalities["Skanderborg"]
    first = _tuesday_of_first_week()
    first_start = timezone.make_aware(datetime.datetime.combine(first, datetime.time(9, 0)))
    series, new = _event(
        "skanderborg-teammoede", kind=Event.Kind.TEAM_MEETING, municipality=skanderborg,
        title="ICS-teammøde, Familieafdelingen Syd",
        description="Månedligt teammøde, hvor vi tager en sag op med ICS-trekanten og magneterne.",
        location_address="Rådhuset, Adelgade 44, 8660 Skanderborg", location_room="Mødelokale 2",
        capacity=20, audience=Event.Audience.STAFF, recurrence_rule="FREQ=MONTHLY;BYDAY=1TU;COUNT=12",
        sessions=[(first_start, first_start + datetime.timedelta(minutes=90))],
    )
    created += new
    for local_part in ("superbruger", "sagsbehandler1", "sagsbehandler2", "leder"):  # demo e-mail addresses
        _register_quietly(series, _user(f"{local_part}@skanderborg.demo"), skanderborg)
    if new:
        # The July meeting falls in the summer holiday: cancelled, so it shows as EXDATE in calendars.
        july = series.sessions.filter(starts_at__month=7).first()
        if july is not None:
            july.cancelled, july.cancelled_at, july.cancel_reason = True, timezone.now(), "Sommerferie"
            july.save(update_fields=["cancelled", "cancelled_at", "cancel_reason"])
        # A first Tuesday on a public holiday (1 January some years) is cancelled too, with its name.
        for meeting in series.sessions.filter(cancelled=False):
            reason = calendar_days.day_off(timezone.localdate(meeting.starts_at))
            if reason:
                meeting.cancelled, meeting.cancelled_at, meeting.cancel_reason = True, timezone.now(), reason
                meeting.save(update_fields=["cancelled", "cancelled_at", "cancel_reason"])

    if stdout:
        stdout.write(
            f"  scheduling: {Event.objects.count()} events ({created} new), "
            f"{Registration.objects.count()} registrations"
        )
