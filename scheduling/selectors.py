"""Reads for scheduling, scoped to the viewer through people.permissions."""

import datetime
import uuid
from collections.abc import Hashable
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from people.models import Membership, Municipality, Provider, User
from people.permissions import access_for, plannable_municipalities
from people.roles import MUNICIPAL_ROLES, Role

from .models import Attendance, AttendanceChange, Event, Registration, Session

ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


# --- Who may do what with an event ---------------------------------------------------------------
# Each rule is written once, as a scoped queryset; the `may_*` answers are read from it. The services
# ask these same functions before they change anything (one door per change); views ask them only to
# decide what to show. Who may plan for an organisation is people.permissions' answer:
# `plannable_municipalities(user)`, `Access.may_plan_for(municipality)`, `Access.coordinates(provider)`.


def may_manage_event(user, event: Event) -> bool:
    """Change, cancel, reschedule and set quotas: see `managed_events`."""
    return managed_events(user).filter(pk=event.pk).exists()


def may_take_attendance(user, event: Event) -> bool:
    """Keep the roster: see `attendance_events`."""
    return attendance_events(user).filter(pk=event.pk).exists()


def booking_municipalities(user) -> QuerySet:
    """The municipalities whose staff this person may book on events and whose bookings they may
    cancel: the ones they lead; every municipality for national admins (the rule of `may_book_for`)."""
    access = access_for(user)
    municipalities = Municipality.objects.order_by("name")
    if access.is_national_admin:
        return municipalities
    return municipalities.filter(pk__in=access.led_municipality_ids)


def may_book_for(user, municipality_id: int | None) -> bool:
    """Whether the person may book (or cancel) staff of this municipality: its leaders, national admins."""
    return access_for(user).leads(municipality_id)


def managed_events(user) -> QuerySet:
    """Events the person may manage: their plannable municipalities' events, their provider's cohorts
    (coordinators); everything for national admins."""
    access = access_for(user)
    qs = Event.objects.select_related("municipality", "provider")
    if access.is_national_admin:
        return qs
    return qs.filter(
        Q(municipality__in=plannable_municipalities(user).values("pk"))
        | Q(provider_id__in=access.provider_ids(Role.COORDINATOR))
    )


def attendance_events(user) -> QuerySet:
    """Events whose rosters the person may keep: managed ones, hosted ones, their provider's cohorts."""
    access = access_for(user)
    qs = Event.objects.select_related("municipality", "provider")
    if access.is_national_admin:
        return qs
    return qs.filter(
        Q(municipality__in=plannable_municipalities(user).values("pk"))
        | Q(provider_id__in=access.provider_ids(Role.COORDINATOR, Role.TRAINER))
        | Q(pk__in=Event.hosts.through.objects.filter(user_id=access.user_id).values("event_id"))
    )


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


# Who is in an event's audience: the roles a person must hold in the event's municipality (for an
# open event, in any municipality). The one statement of the rule; registration checks it too.
AUDIENCE_ROLES = {
    Event.Audience.CASEWORKERS: frozenset({Role.CASEWORKER}),
    Event.Audience.SUPERUSERS: frozenset({Role.SUPERUSER}),
    Event.Audience.LEADERS: frozenset({Role.LEADER}),
    Event.Audience.STAFF: MUNICIPAL_ROLES,
    Event.Audience.OPEN: MUNICIPAL_ROLES,
}


def in_audience(user, event: Event) -> bool:
    """Whether the person is in the event's audience now (the roles of `AUDIENCE_ROLES` in the event's
    municipality; in any municipality for an open event): who is offered "sign me up". The service's own
    check (`services.registration`) reads the same table."""
    municipality_ids = access_for(user).municipality_ids(*AUDIENCE_ROLES[event.audience])
    if event.audience == Event.Audience.OPEN:
        return bool(municipality_ids)
    return event.municipality_id in municipality_ids


def open_for_registration(user) -> QuerySet:
    """Events ahead that the person could sign up for (their audience, registration open, not booked)."""
    access = access_for(user)
    now = timezone.now()
    audience = Q(pk__in=[])
    for value, roles in AUDIENCE_ROLES.items():
        municipality_ids = access.municipality_ids(*roles)
        if value == Event.Audience.OPEN:
            audience |= Q(audience=value) if municipality_ids else Q(pk__in=[])
        else:
            audience |= Q(audience=value, municipality_id__in=municipality_ids)
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


def open_cohorts_for_course_page(page_id: int, *, now: datetime.datetime | None = None) -> QuerySet:
    """THE cohorts open for booking on a course page: exactly those `registration_create` accepts.

    Shape: a QuerySet[Event] of kind `Event.Kind.COHORT` whose `course_page_id` is `page_id`, not
    cancelled, whose registration is open at `now` (opened, or no opening time; not closed, or no
    closing time) and whose first non-cancelled session starts after `now` (so it has one ahead, and
    has not begun: a cohort is booked before its first day). Each event carries `confirmed_count` and
    `waitlisted_count` (from `with_counts`) and `first_start` (its first non-cancelled session's
    start); `provider` is selected and `sessions` (all, cancelled ones too) prefetched in start order.
    Ordered by `first_start`, then pk. Two queries when iterated with the sessions."""
    now = now or timezone.now()
    return (
        with_counts(Event.objects.filter(kind=Event.Kind.COHORT, course_page_id=page_id, cancelled_at__isnull=True))
        .filter(Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now))
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
        .annotate(first_start=Min("sessions__starts_at", filter=Q(sessions__cancelled=False)))
        .filter(first_start__gt=now)
        .select_related("provider")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))
        .order_by("first_start", "pk")
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
    return (
        AttendanceChange.objects.filter(attendance__session=session)
        .select_related("attendance__person", "changed_by").order_by("-changed_at", "-pk")
    )


def current_staff(municipality: Municipality) -> QuerySet:
    """The active people with a current membership (any role) in the municipality, by name."""
    ids = Membership.objects.current().filter(municipality=municipality).values("person_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def bookable_staff(user, municipality: Municipality) -> QuerySet:
    """People this person may book: the current staff of a municipality they lead (any, for admins)."""
    if not may_book_for(user, municipality.pk):
        return User.objects.none()
    return current_staff(municipality)


# --- Feeds: a constant number of queries however many sessions -----------------------------------


def _group(sessions):
    grouped = {}
    for session in sessions:
        grouped.setdefault(session.event_id, (session.event, []))[1].append(session)
    return list(grouped.values())


def _feed_since(since):
    return since or timezone.now() - datetime.timedelta(days=365)


def _in_feed_window(since):
    """Sessions a feed shows: those not ended more than a year ago, and every meeting of a series."""
    return Q(ends_at__gte=since) | ~Q(event__recurrence_rule="")


def _personal_sessions(person_id, since) -> QuerySet:
    """The sessions of every event `person_id` (a pk or an OuterRef) holds a confirmed seat on or hosts."""
    return Session.objects.filter(
        Q(event__in=Registration.objects.filter(person_id=person_id, status=Registration.Status.CONFIRMED)
          .values("event_id"))
        | Q(event__in=Event.hosts.through.objects.filter(user_id=person_id).values("event_id"))
    ).filter(_in_feed_window(since))


def _feed_items(sessions: QuerySet):
    return _group(
        sessions.select_related("event", "event__municipality", "event__provider").order_by("event_id", "starts_at")
    )


def personal_feed_items(person, *, since=None):
    """[(event, sessions)] for every event the person holds a confirmed seat on or hosts. One query."""
    return _feed_items(_personal_sessions(person.pk, _feed_since(since)))


def municipality_feed_items(municipality, *, since=None):
    return _feed_items(Session.objects.filter(event__municipality=municipality).filter(_in_feed_window(_feed_since(since))))


# --- Feed versions: a cheap fingerprint of everything a feed shows --------------------------------
# A feed's body is cached, and its ETag derived, under its version; the version changes whenever
# anything the feed shows changes, so a cached body is never stale. The set of sessions is pinned by
# their count, id sum and highest id (a session added, removed, or entering or leaving the feed's
# window); their content by the events' sequences (raised by every calendar change of an event or of
# one of its sessions, `services.events`), the events' last save and the cancelled sessions.

_FINGERPRINT_FIELDS = ("count", "ids", "last_id", "sequences", "updated", "cancelled")


def _fingerprint_aggregates():
    return {
        "count": Count("pk"), "ids": Sum("pk"), "last_id": Max("pk"), "sequences": Sum("event__sequence"),
        "updated": Max("event__updated_at"), "cancelled": Count("pk", filter=Q(cancelled=True)),
    }


def _fingerprint_subquery(sessions: QuerySet) -> Subquery:
    """The fingerprint aggregates as one correlated subquery giving one text (for annotating the
    feed's owner: owner and version in one query, and one scan of their sessions)."""
    def part(function, field, output):
        return Cast(Func(F(field), function=function, output_field=output), CharField())
    return Subquery(sessions.order_by().values(value=Concat(
        part("COUNT", "pk", IntegerField()), Value("|"), part("SUM", "pk", IntegerField()), Value("|"),
        part("MAX", "pk", IntegerField()), Value("|"), part("SUM", "event__sequence", IntegerField()), Value("|"),
        part("MAX", "event__updated_at", DateTimeField()), Value("|"),
        Cast(Func(Case(When(cancelled=True, then=Value(1)), default=Value(0)), function="SUM",
                  output_field=IntegerField()), CharField()),
        output_field=CharField(),
    ))[:1], output_field=CharField())


def _version_text(values: dict, *extra) -> str:
    parts = [str(value) for value in extra]
    for name in _FINGERPRINT_FIELDS:
        value = values[name]
        parts.append(value.isoformat() if isinstance(value, datetime.datetime) else str(value or 0))
    return "|".join(parts)


def municipality_feed_version(municipality, *, since=None) -> str:
    """The version of a municipality's feed (one query): any new, changed, moved or cancelled session
    or event changes it, as does a session entering or leaving the feed's window, or a new name."""
    row = Session.objects.filter(event__municipality=municipality).filter(
        _in_feed_window(_feed_since(since))
    ).aggregate(**_fingerprint_aggregates())
    return _version_text(row, municipality.pk, municipality.name)


# The reader's query is compiled once per process: building and compiling its nested subqueries costs
# more than running it (about 5 of the 12 ms a 304 takes), and calendar programs poll every feed. It is
# compiled with stand-in values, whose places among the parameters are filled at each call.
_STAND_IN_TOKEN = uuid.UUID(int=0)
_STAND_IN_SINCE = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
_compiled_reader = None


def _reader_query():
    """(sql, parameters, places): `places` names the parameters to fill ("token", "since") or None."""
    global _compiled_reader
    if _compiled_reader is None:
        # The sessions subquery is correlated with the person; its registration subqueries one level further.
        sessions = _personal_sessions(OuterRef(OuterRef("pk")), _STAND_IN_SINCE)
        query = User.objects.filter(calendar_token=_STAND_IN_TOKEN, is_active=True).annotate(
            feed_fingerprint=_fingerprint_subquery(sessions)
        ).query
        sql, params = query.sql_with_params()
        stand_ins = {_db_token(_STAND_IN_TOKEN): "token", _db_moment(_STAND_IN_SINCE): "since"}
        places = tuple(stand_ins.get(p) if isinstance(p, Hashable) else None for p in params)
        assert {"token", "since"} <= set(places), "the feed reader's parameters were not found"
        _compiled_reader = (sql, tuple(params), places)
    return _compiled_reader


def _db_token(token):  # as the database takes it (a UUID on PostgreSQL, hex text on SQLite)
    return User._meta.get_field("calendar_token").get_db_prep_value(token, connection)


def _db_moment(moment):
    return DateTimeField().get_db_prep_value(moment, connection)


def personal_feed_reader(token, *, since=None):
    """(person, version) behind a personal feed token, in one query, or None (a made-up, malformed or
    renewed token, an inactive person). The version covers the person's confirmed registrations and
    hosted events (through the sessions they show) and the token itself."""
    try:
        token = token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
    except ValueError:
        return None
    sql, params, places = _reader_query()
    values = {"token": _db_token(token), "since": _db_moment(_feed_since(since))}
    filled = [values[place] if place else param for param, place in zip(params, places, strict=True)]
    person = next(iter(User.objects.raw(sql, filled)), None)  # the token is unique: one row at most
    if person is None:
        return None
    return person, f"{person.pk}|{person.calendar_token}|{person.feed_fingerprint}"


def event_ics_version(event) -> str:
    """The version of one event's .ics (one query over its sessions; the event's own fields are
    covered by its sequence and last save, its organiser by their name)."""
    row = event.sessions.aggregate(
        count=Count("pk"), ids=Sum("pk"), last_id=Max("pk"), cancelled=Count("pk", filter=Q(cancelled=True)),
    )
    return "|".join(str(part) for part in (
        event.pk, event.sequence, event.updated_at.isoformat(), event.cancelled_at, event.owner_name,
        row["count"], row["ids"] or 0,
        row["last_id"] or 0, row["cancelled"],
    ))


# A municipal feed address is tied to one person and one municipality: its key is the person's id and
# a keyed hash of their calendar token and the municipality, so it opens that municipality's feed only,
# stops with the person's token (renewed, rotated on a password change or the end of a role), and does
# not carry the personal token (sharing a municipal address never opens the person's own calendar).
_MUNICIPAL_FEED_SALT = "scheduling.municipality_feed"
_MAX_ID_DIGITS = 18  # every 18-digit number fits a 64-bit key; a longer one is no id (never a 500)


def feed_municipalities(person) -> QuerySet:
    """Municipalities whose feed the person may subscribe to: the ones they hold a current role in.
    National admins get no blanket feed of every municipality; they see the calendars on the site."""
    return Municipality.objects.filter(pk__in=access_for(person).municipality_ids()).order_by("name")


def may_subscribe_to(person, municipality) -> bool:
    """Whether the person may hold a feed of the municipality's calendar (see `feed_municipalities`)."""
    return municipality.pk in access_for(person).municipality_ids()


def _municipality_feed_digest(person, municipality) -> str:
    value = f"{person.pk}:{person.calendar_token}:{municipality.pk}"
    return salted_hmac(_MUNICIPAL_FEED_SALT, value, algorithm="sha256").hexdigest()


def municipality_feed_path(person, municipality) -> str:
    key = f"{person.pk}-{_municipality_feed_digest(person, municipality)}"
    return reverse("scheduling:municipality_feed", kwargs={"slug": municipality.slug, "key": key})


def municipality_feed_reader(*, slug: str, key: str):
    """(person, municipality) behind a municipal feed address, or None: a made-up or outdated key,
    another municipality's slug, an inactive person or one who no longer holds a role there."""
    number, _dash, digest = key.partition("-")
    if not (number.isascii() and number.isdigit()) or len(number) > _MAX_ID_DIGITS:
        return None
    person = User.objects.filter(pk=int(number), is_active=True).first()
    municipality = Municipality.objects.filter(slug=slug).first()
    if person is None or municipality is None:
        return None
    if not constant_time_compare(digest, _municipality_feed_digest(person, municipality)):
        return None
    if not may_subscribe_to(person, municipality):
        return None
    return person, municipality


# --- Dashboard panels (the homes of coordinators, leaders and superusers) ------------------------
# Each function here uses a fixed number of queries, whatever the number of events, sessions or people.

# A finished cohort stays on the coordinator's home this long after its last day (attendance and
# certificates are settled in that time).
COHORT_HOME_DAYS_AFTER = 60


@dataclass
class CohortOverview:
    """A provider's cohort as the coordinator's home shows it."""

    event: Event
    next_start: datetime.datetime | None  # the next non-cancelled course day still to start
    last_end: datetime.datetime | None
    confirmed: int
    waitlisted: int
    past_days: int  # course days already held (not cancelled)
    days_missing_attendance: int  # of those, days where attendance is not recorded for everyone confirmed

    @property
    def free(self) -> int:
        return max(0, self.event.capacity - self.confirmed)

    @property
    def finished(self) -> bool:
        return self.next_start is None


def provider_cohorts(user, *, limit=8) -> list[CohortOverview]:
    """The cohorts of the providers the person coordinates (every provider's for national admins is
    not offered: their home is the national one): those with a course day ahead, and those finished in
    the last `COHORT_HOME_DAYS_AFTER` days, soonest first, then the most recently finished. Two queries."""
    access = access_for(user)
    now = timezone.now()
    ahead = Session.objects.filter(event=OuterRef("pk"), cancelled=False, starts_at__gt=now).order_by("starts_at")
    last = Session.objects.filter(event=OuterRef("pk"), cancelled=False).order_by("-ends_at")
    events = list(
        with_counts(Event.objects.filter(
            kind=Event.Kind.COHORT, provider_id__in=access.provider_ids(Role.COORDINATOR), cancelled_at__isnull=True,
        ))
        .annotate(next_start=Subquery(ahead.values("starts_at")[:1]), last_end=Subquery(last.values("ends_at")[:1]))
        .filter(Q(next_start__isnull=False) | Q(last_end__gte=now - datetime.timedelta(days=COHORT_HOME_DAYS_AFTER)))
        .select_related("provider")
    )
    events.sort(key=lambda e: (e.next_start is None, e.next_start or now,
                               -(e.last_end.timestamp() if e.last_end else 0), e.pk))
    events = events[:limit]
    held = (
        Session.objects.filter(event_id__in=[e.pk for e in events], cancelled=False, ends_at__lt=now)
        .annotate(recorded=Count("attendances")).values_list("event_id", "recorded")
    )
    past, missing = {}, {}
    confirmed = {e.pk: e.confirmed_count for e in events}
    for event_id, recorded in held:
        past[event_id] = past.get(event_id, 0) + 1
        if recorded < confirmed[event_id]:
            missing[event_id] = missing.get(event_id, 0) + 1
    return [
        CohortOverview(event=e, next_start=e.next_start, last_end=e.last_end, confirmed=e.confirmed_count,
                       waitlisted=e.waitlisted_count, past_days=past.get(e.pk, 0),
                       days_missing_attendance=missing.get(e.pk, 0))
        for e in events
    ]


@dataclass
class EventAhead:
    """An event's next session, with its seats."""

    session: Session
    confirmed: int
    waitlisted: int

    @property
    def event(self) -> Event:
        return self.session.event

    @property
    def free(self) -> int:
        return max(0, self.session.event.capacity - self.confirmed)


def municipal_events_ahead(municipality_ids, *, kinds=None, limit=5, scan=60) -> list[EventAhead]:
    """The next `limit` events owned by the municipalities, each once (at its next session; a monthly
    series appears once), soonest first. `kinds` narrows to event kinds. Two queries."""
    now = timezone.now()
    sessions = (
        Session.objects.filter(
            event__municipality_id__in=list(municipality_ids), starts_at__gte=now, cancelled=False,
            event__cancelled_at__isnull=True,
        )
        .select_related("event", "event__municipality")
        .order_by("starts_at", "pk")
    )
    if kinds:
        sessions = sessions.filter(event__kind__in=list(kinds))
    first, seen = [], set()
    for session in sessions[:scan]:
        if session.event_id in seen:
            continue
        seen.add(session.event_id)
        first.append(session)
        if len(first) == limit:
            break
    counts = {
        pk: (confirmed, waitlisted)
        for pk, confirmed, waitlisted in with_counts(Event.objects.filter(pk__in=seen))
        .values_list("pk", "confirmed_count", "waitlisted_count")
    } if first else {}
    return [EventAhead(s, *counts.get(s.event_id, (0, 0))) for s in first]
