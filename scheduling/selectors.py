"""Reads for scheduling, scoped to the viewer through people.permissions."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from people.models import Municipality, Provider, User
from people.permissions import access_for
from people.roles import Role

from .models import Attendance, Event, Registration, Session

ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


# --- Who may do what with an event ---------------------------------------------------------------


def may_plan_for_municipality(user, municipality) -> bool:
    """Leaders and superusers plan their municipality's theme days, brush-ups and team meetings."""
    access = access_for(user)
    pk = getattr(municipality, "pk", municipality)
    return access.is_national_admin or pk in access.municipality_ids(Role.LEADER, Role.SUPERUSER)


def may_plan_for_provider(user, provider) -> bool:
    return access_for(user).coordinates(provider)


def may_manage_event(user, event) -> bool:
    access = access_for(user)
    if access.is_national_admin:
        return True
    if event.municipality_id:
        return event.municipality_id in access.municipality_ids(Role.LEADER, Role.SUPERUSER)
    if event.provider_id:
        return event.provider_id in access.provider_ids(Role.COORDINATOR)
    return False


def may_take_attendance(user, event) -> bool:
    if may_manage_event(user, event):
        return True
    access = access_for(user)
    if event.provider_id and event.provider_id in access.provider_ids(Role.TRAINER):
        return True
    return event.hosts.filter(pk=user.pk).exists()


def may_book_others(user) -> frozenset:
    """The municipalities whose staff this person may book (leaders)."""
    return access_for(user).led_municipality_ids


def managed_events(user) -> QuerySet:
    access = access_for(user)
    qs = Event.objects.select_related("municipality", "provider")
    if access.is_national_admin:
        return qs
    return qs.filter(
        Q(municipality_id__in=access.municipality_ids(Role.LEADER, Role.SUPERUSER))
        | Q(provider_id__in=access.provider_ids(Role.COORDINATOR))
    )


def attendance_events(user) -> QuerySet:
    """Events whose rosters the person may keep: managed ones, hosted ones, their provider's cohorts."""
    access = access_for(user)
    qs = Event.objects.select_related("municipality", "provider")
    if access.is_national_admin:
        return qs
    return qs.filter(
        Q(municipality_id__in=access.municipality_ids(Role.LEADER, Role.SUPERUSER))
        | Q(provider_id__in=access.provider_ids(Role.COORDINATOR, Role.TRAINER))
        | Q(hosts=user)
    ).distinct()


def visible_events(user) -> QuerySet:
    """Events a person may see: their municipality's, open ones, providers' cohorts, their own bookings,
    and everything they manage. Nothing for anonymous visitors."""
    access = access_for(user)
    qs = Event.objects.select_related("municipality", "provider")
    if not access.is_authenticated:
        return qs.none()
    if access.is_national_admin:
        return qs
    return qs.filter(
        Q(municipality_id__in=access.municipality_ids())
        | Q(audience=Event.Audience.OPEN)
        | Q(provider__isnull=False)
        | Q(provider_id__in=access.provider_ids())
        | Q(pk__in=Registration.objects.filter(person_id=access.user_id).values("event_id"))
        | Q(pk__in=Event.hosts.through.objects.filter(user_id=access.user_id).values("event_id"))
    )


AUDIENCE_ROLES = {
    Event.Audience.CASEWORKERS: (Role.CASEWORKER,),
    Event.Audience.SUPERUSERS: (Role.SUPERUSER,),
    Event.Audience.LEADERS: (Role.LEADER,),
    Event.Audience.STAFF: (),
}


def open_for_registration(user) -> QuerySet:
    """Events ahead that the person could sign up for (their audience, registration open, not booked)."""
    access = access_for(user)
    now = timezone.now()
    audience = Q(audience=Event.Audience.OPEN) if access.municipality_ids() else Q(pk__in=[])
    for value, roles in AUDIENCE_ROLES.items():
        audience |= Q(audience=value, municipality_id__in=access.municipality_ids(*roles))
    future = Session.objects.filter(event=OuterRef("pk"), starts_at__gt=now, cancelled=False)
    return (
        with_counts(Event.objects.select_related("municipality", "provider"))
        .filter(audience, Exists(future), cancelled_at__isnull=True)
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .exclude(pk__in=Registration.objects.filter(person=user, status__in=ACTIVE).values("event_id"))
        .order_by("created_at")
    )


def visible_calendar_municipalities(user) -> QuerySet:
    """Municipalities whose calendar the person may see: their own (any role); every one for admins."""
    access = access_for(user)
    if access.is_national_admin:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=access.municipality_ids())


def visible_calendar_providers(user) -> QuerySet:
    access = access_for(user)
    if access.is_national_admin:
        return Provider.objects.all()
    return Provider.objects.filter(pk__in=access.provider_ids())


def with_counts(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED),
                              distinct=True),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED),
                               distinct=True),
    )


# --- Registrations and sessions ------------------------------------------------------------------


def registrations_for_people(person_ids) -> QuerySet:
    """Active registrations (confirmed or waitlisted) with their events and sessions: two queries."""
    return (
        Registration.objects.filter(person_id__in=list(person_ids), status__in=ACTIVE)
        .select_related("event", "event__municipality", "event__provider", "person")
        .prefetch_related(Prefetch("event__sessions", queryset=Session.objects.order_by("starts_at")))
        .order_by("created_at")
    )


def registration_for(person, event) -> Registration | None:
    return Registration.objects.filter(person=person, event=event, status__in=ACTIVE).first()


def upcoming_sessions_for(person, *, limit=None) -> QuerySet:
    """The person's confirmed sessions from now on (one query)."""
    qs = (
        Session.objects.filter(
            event__registrations__person=person, event__registrations__status=Registration.Status.CONFIRMED,
            ends_at__gte=timezone.now(), cancelled=False, event__cancelled_at__isnull=True,
        )
        .select_related("event", "event__municipality", "event__provider")
        .order_by("starts_at")
    )
    return qs[:limit] if limit else qs


def overlapping_sessions(person, event) -> list[Session]:
    """The person's other confirmed sessions that overlap this event's sessions (a warning, not a rule)."""
    mine = list(event.sessions.filter(cancelled=False).values_list("starts_at", "ends_at"))
    if not mine:
        return []
    overlap = Q()
    for starts_at, ends_at in mine:
        overlap |= Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    return list(
        Session.objects.filter(overlap, cancelled=False, event__cancelled_at__isnull=True,
                               event__registrations__person=person,
                               event__registrations__status=Registration.Status.CONFIRMED)
        .exclude(event=event).select_related("event").distinct()
    )


def open_cohorts_for_course_page(page_id, *, now=None) -> QuerySet:
    """Cohorts of a course with a session ahead that are not cancelled, soonest first, with counts."""
    now = now or timezone.now()
    future = Session.objects.filter(event=OuterRef("pk"), starts_at__gt=now, cancelled=False)
    return (
        with_counts(Event.objects.filter(kind=Event.Kind.COHORT, course_page_id=page_id, cancelled_at__isnull=True))
        .filter(Exists(future))
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .select_related("provider")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))
        .order_by("created_at")
    )


def sessions_between(events: QuerySet, start: datetime.datetime, end: datetime.datetime) -> QuerySet:
    return (
        Session.objects.filter(event__in=events, starts_at__lt=end, ends_at__gt=start)
        .select_related("event", "event__municipality", "event__provider")
        .order_by("starts_at")
    )


def sessions_for_person_between(person, start, end) -> QuerySet:
    """The person's sessions (confirmed or waitlisted) in a period, each with `my_status`. One query."""
    mine = Registration.objects.filter(person=person, status__in=ACTIVE)
    return (
        Session.objects.filter(event__in=mine.values("event_id"), starts_at__lt=end, ends_at__gt=start)
        .annotate(my_status=Subquery(mine.filter(event_id=OuterRef("event_id")).values("status")[:1]))
        .select_related("event", "event__municipality", "event__provider")
        .order_by("starts_at")
    )


def roster(session) -> list[dict]:
    """Confirmed participants of the session's event with their attendance (two queries)."""
    registrations = list(
        Registration.objects.filter(event_id=session.event_id, status=Registration.Status.CONFIRMED)
        .select_related("person", "municipality").order_by("person__full_name")
    )
    statuses = dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))
    return [{"registration": r, "person": r.person, "status": statuses.get(r.person_id, "")} for r in registrations]


def attendance_history(session) -> QuerySet:
    from .models import AttendanceChange

    return (
        AttendanceChange.objects.filter(attendance__session=session)
        .select_related("attendance__person", "changed_by").order_by("-changed_at", "-pk")
    )


def bookable_staff(user, municipality) -> QuerySet:
    """People a leader may book: current staff of a municipality they lead."""
    from people.models import Membership

    if municipality.pk not in may_book_others(user) and not access_for(user).is_national_admin:
        return User.objects.none()
    ids = Membership.objects.current().filter(municipality=municipality).values("person_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


# --- Feeds: a constant number of queries however many sessions -----------------------------------


def _group(sessions):
    grouped = {}
    for session in sessions:
        grouped.setdefault(session.event_id, (session.event, []))[1].append(session)
    return list(grouped.values())


def personal_feed_items(person, *, since=None):
    """[(event, sessions)] for every event the person holds a confirmed seat on or hosts. One query."""
    since = since or timezone.now() - datetime.timedelta(days=365)
    sessions = (
        Session.objects.filter(
            Q(event__in=Registration.objects.filter(person=person, status=Registration.Status.CONFIRMED)
              .values("event_id"))
            | Q(event__in=Event.hosts.through.objects.filter(user_id=person.pk).values("event_id"))
        )
        .filter(Q(ends_at__gte=since) | ~Q(event__recurrence_rule=""))
        .select_related("event", "event__municipality", "event__provider")
        .order_by("event_id", "starts_at")
    )
    return _group(sessions)


def municipality_feed_items(municipality, *, since=None):
    since = since or timezone.now() - datetime.timedelta(days=365)
    sessions = (
        Session.objects.filter(event__municipality=municipality)
        .filter(Q(ends_at__gte=since) | ~Q(event__recurrence_rule=""))
        .select_related("event", "event__municipality", "event__provider")
        .order_by("event_id", "starts_at")
    )
    return _group(sessions)


def municipality_feed_version(municipality) -> str:
    """A cheap fingerprint of everything the municipal feed shows (one query): any new, changed or
    cancelled session or event changes it, so a cached feed under this key is never stale."""
    from django.db.models import Max, Sum

    row = Session.objects.filter(event__municipality=municipality).aggregate(
        count=Count("pk"), last_id=Max("pk"), sequences=Sum("event__sequence"), updated=Max("event__updated_at"),
        cancelled=Count("pk", filter=Q(cancelled=True)),
    )
    updated = row["updated"].isoformat() if row["updated"] else "-"
    return f"{row['count']}-{row['last_id']}-{row['sequences']}-{row['cancelled']}-{updated}"


def feed_owner(token):
    """The active person behind a feed token, or None (a made-up, malformed or renewed token)."""
    return User.objects.filter(calendar_token=token, is_active=True).first()
