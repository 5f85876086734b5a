"""Scheduling's mail: what is due when, and how each message is written.

Every message goes through `people.notifications`, the project's one idempotent-notification
mechanism. The services (and the reminder beat task) call the `*_queue` functions below inside the
transaction that makes the mail due; each writes `people.models.Notification` rows under a unique key
that says what the message is about, so a retry, a duplicate or a second worker sends nothing twice.
After commit a worker renders the row with the renderer registered here for its kind (see `RENDERERS`,
connected from `scheduling.wiring`): the renderer reads the ids in `data`, checks the message is
still due (a booking cancelled before its confirmation went out sends nothing) and builds the
`EmailMessage`, with the iCalendar invitation both as a `text/calendar` alternative and as an
attached file, as Google's own invitations do.

`data` is always {"registration_id": int, "part": str | None}: `part` names the calendar object the
message carries ("series" for a meeting series, a session's pk for one course day, None for a mail
without a calendar); an event change also records the `sequence` it announces.
"""

from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Notification
from people.notifications import Pending, notifications_queue

from . import ical
from .models import Event, Registration, Session


class NotificationKind(StrEnum):
    CONFIRMED = "scheduling.registration_confirmed"
    PROMOTED = "scheduling.registration_promoted"
    WAITLISTED = "scheduling.registration_waitlisted"
    CANCELLED = "scheduling.registration_cancelled"
    EVENT_CHANGED = "scheduling.event_changed"
    SESSION_CANCELLED = "scheduling.session_cancelled"
    EVENT_CANCELLED = "scheduling.event_cancelled"
    REMINDER = "scheduling.reminder"


SERIES = "series"
REQUEST, CANCEL = "REQUEST", "CANCEL"


def _parts(event: Event, sessions: list[Session], *, only_future: bool = True) -> list[str]:
    """One calendar object per part: the series, or each session not cancelled (ahead, by default)."""
    if event.is_series:
        return [SERIES] if sessions else []
    now = timezone.now()
    return [str(s.pk) for s in sessions if not s.cancelled and (not only_future or s.ends_at > now)]


def _pending(kind, key, registration, part, **extra) -> Pending:
    return Pending(
        key=f"{kind}:{key}", kind=kind, recipient_id=registration.person_id,
        data={"registration_id": registration.pk, "part": part, **extra},
    )


def _confirmed(event_id):
    return list(Registration.objects.filter(event_id=event_id, status=Registration.Status.CONFIRMED))


# --- Queueing: called inside the transaction that makes the mail due -------------------------------


def registration_notice_queue(registration: Registration, kind: NotificationKind) -> int:
    """Confirmed / promoted: an invitation per calendar object; waitlisted: a notice; cancelled: a CANCEL."""
    event = registration.event
    if kind == NotificationKind.WAITLISTED:
        return notifications_queue([_pending(kind, registration.pk, registration, None)])
    sessions = list(event.sessions.all())
    return notifications_queue([
        _pending(kind, f"{registration.pk}:{part}:{event.sequence}", registration, part)
        for part in _parts(event, sessions)
    ])


def event_changed_queue(event: Event) -> int:
    """An updated invitation for everyone confirmed, under the event's new sequence."""
    sessions = list(event.sessions.all())
    parts = _parts(event, sessions)
    return notifications_queue([
        _pending(NotificationKind.EVENT_CHANGED, f"{r.pk}:{part}:{event.sequence}", r, part,
                 sequence=event.sequence)
        for r in _confirmed(event.pk) for part in parts
    ])


def session_cancelled_queue(session: Session) -> int:
    return notifications_queue([
        _pending(NotificationKind.SESSION_CANCELLED, f"{session.pk}:{r.pk}", r, str(session.pk))
        for r in _confirmed(session.event_id)
    ])


def event_cancelled_queue(event: Event) -> int:
    """A CANCEL per calendar object for the confirmed; a plain notice for the waitlisted."""
    sessions = list(event.sessions.all())
    parts = _parts(event, sessions, only_future=False)
    items = []
    registrations = Registration.objects.filter(
        event=event, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    )
    for registration in registrations:
        if registration.status == Registration.Status.WAITLISTED:
            items.append(_pending(NotificationKind.EVENT_CANCELLED, registration.pk, registration, None))
        else:
            items += [_pending(NotificationKind.EVENT_CANCELLED, f"{registration.pk}:{part}", registration, part)
                      for part in parts]
    return notifications_queue(items)


def reminders_queue(session: Session, days: int) -> int:
    """A reminder `days` before the session for everyone confirmed on its event."""
    return notifications_queue([
        _pending(NotificationKind.REMINDER, f"{r.pk}:{session.pk}:{days}", r, None,
                 session_id=session.pk, days=days)
        for r in _confirmed(session.event_id)
    ])


# --- Writing the message: the renderers people.notifications calls -------------------------------


def _when(session):
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{start:%d.%m.%Y} {start:%H:%M}–{end:%H:%M}"


def _event_lines(event, sessions):
    lines = [event.title, ""]
    cancelled_mark = _("cancelled")
    for session in sessions:
        day = _("Day %(n)s") % {"n": session.day_number}
        mark = f" ({cancelled_mark})" if session.cancelled else ""
        lines.append(f"  {day}: {_when(session)}{mark}")
    if event.location:
        lines += ["", _("Place: %(place)s") % {"place": event.location}]
    lines += ["", _("Read more: %(url)s") % {"url": ical.event_url(event)}]
    return "\n".join(lines)


def _subject(text):
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text}"


def _day(session):
    return f"{timezone.localtime(session.starts_at):%d.%m.%Y}"


class _Context:
    """What a renderer reads: the registration, its event and person, the event's sessions, and the
    session the message's calendar part names (None for the series or a mail without a calendar)."""

    def __init__(self, notification: Notification):
        self.registration = (
            Registration.objects.select_related("event", "event__municipality", "event__provider", "person")
            .get(pk=notification.data["registration_id"])
        )
        self.event, self.person = self.registration.event, self.registration.person
        self.sessions = list(self.event.sessions.all())
        self.part = notification.data["part"]
        by_pk = {str(s.pk): s for s in self.sessions}
        self.session = by_pk.get(self.part)
        # A calendar part that no longer exists (a meeting removed when the series was regenerated).
        self.part_gone = self.part not in (None, SERIES) and self.session is None

    @property
    def status(self):
        return self.registration.status

    def message(self, subject, paragraphs, *, method=None, session=None) -> EmailMultiAlternatives:
        """The mail to the person: a greeting, then the paragraphs; with `method`, the invitation."""
        greeting = _("Dear %(name)s,") % {"name": self.person.full_name or self.person.email}
        message = EmailMultiAlternatives(_subject(subject), "\n\n".join([greeting, *paragraphs]),
                                         to=[self.person.email])
        if method is not None:
            text = ical.invite(self.event, sessions=self.sessions, session=session or self.session,
                               person=self.person, method=method).decode("utf-8")
            message.attach_alternative(text, f"text/calendar; method={method}")
            message.attach("invitation.ics" if method == REQUEST else "aflysning.ics", text.encode("utf-8"),
                           "application/ics")
        return message


# The status a registration must still have for its notice to go out.
NOTICE_STATUS = {
    NotificationKind.CONFIRMED: Registration.Status.CONFIRMED,
    NotificationKind.PROMOTED: Registration.Status.CONFIRMED,
    NotificationKind.WAITLISTED: Registration.Status.WAITLISTED,
    NotificationKind.CANCELLED: Registration.Status.CANCELLED,
}


def render_registration_notice(notification: Notification) -> EmailMultiAlternatives | None:
    """Confirmed, promoted, waitlisted or cancelled: sent only while the registration still says so."""
    ctx = _Context(notification)
    kind = NotificationKind(notification.kind)
    if ctx.status != NOTICE_STATUS[kind] or ctx.part_gone or (kind != NotificationKind.CANCELLED and ctx.event.is_cancelled):
        return None
    event = ctx.event
    if kind == NotificationKind.WAITLISTED:
        return ctx.message(_("On the waitlist: %(title)s") % {"title": event.title}, [
            _("You are on the waitlist for the event below. We write to you as soon as a seat is free."),
            _event_lines(event, ctx.sessions),
        ])
    if kind == NotificationKind.PROMOTED:
        subject = _("You have a seat: %(title)s") % {"title": event.title}
        intro = _("Good news: a seat became free and you have moved from the waitlist to a confirmed seat.")
    elif kind == NotificationKind.CONFIRMED:
        subject = _("Registration confirmed: %(title)s") % {"title": event.title}
        intro = _("You are registered for the event below.")
    else:
        subject = _("Registration cancelled: %(title)s") % {"title": event.title}
        intro = _("Your registration for the event below has been cancelled.")
    return ctx.message(subject, [
        intro, _event_lines(event, ctx.sessions), _("The calendar invitation is attached."),
    ], method=CANCEL if kind == NotificationKind.CANCELLED else REQUEST)


def render_event_changed(notification: Notification) -> EmailMultiAlternatives | None:
    """Dropped when a later change (or the cancellation) has its own notice."""
    ctx = _Context(notification)
    if (ctx.status != Registration.Status.CONFIRMED or ctx.part_gone or ctx.event.is_cancelled
            or ctx.event.sequence != notification.data["sequence"]):
        return None
    return ctx.message(_("Changed: %(title)s") % {"title": ctx.event.title}, [
        _("The event below has changed. Your calendar is updated by the attachment."),
        _event_lines(ctx.event, ctx.sessions),
    ], method=REQUEST)


def render_session_cancelled(notification: Notification) -> EmailMultiAlternatives | None:
    ctx = _Context(notification)
    session = ctx.session
    if ctx.status != Registration.Status.CONFIRMED or session is None or not session.cancelled:
        return None
    return ctx.message(_("Cancelled: %(title)s on %(day)s") % {"title": ctx.event.title, "day": _day(session)}, [
        _("A session of the event below has been cancelled: %(when)s.") % {"when": _when(session)},
        _("Reason: %(reason)s") % {"reason": session.cancel_reason},
        _event_lines(ctx.event, ctx.sessions),
    ], method=CANCEL)


def render_event_cancelled(notification: Notification) -> EmailMultiAlternatives | None:
    ctx = _Context(notification)
    if not ctx.event.is_cancelled or ctx.part_gone:
        return None
    return ctx.message(_("Cancelled: %(title)s") % {"title": ctx.event.title}, [
        _("The event below has been cancelled."),
        _("Reason: %(reason)s") % {"reason": ctx.event.cancel_reason}, _event_lines(ctx.event, ctx.sessions),
    ], method=None if ctx.part is None else CANCEL)


def render_reminder(notification: Notification) -> EmailMultiAlternatives | None:
    ctx = _Context(notification)
    session = next((s for s in ctx.sessions if s.pk == notification.data["session_id"]), None)
    if ctx.status != Registration.Status.CONFIRMED or ctx.event.is_cancelled or session is None or session.cancelled:
        return None
    days = notification.data["days"]
    if days == 1:
        lead = _("Reminder: tomorrow you take part in the event below.")
    else:
        lead = _("Reminder: in %(days)s days you take part in the event below.") % {"days": days}
    return ctx.message(_("Reminder: %(title)s %(day)s") % {"title": ctx.event.title, "day": _day(session)}, [
        lead, _when(session), _event_lines(ctx.event, [session]),
        _("Cannot come? Cancel your seat on the event page so someone on the waitlist can have it."),
    ])


RENDERERS = {
    NotificationKind.CONFIRMED: render_registration_notice,
    NotificationKind.PROMOTED: render_registration_notice,
    NotificationKind.WAITLISTED: render_registration_notice,
    NotificationKind.CANCELLED: render_registration_notice,
    NotificationKind.EVENT_CHANGED: render_event_changed,
    NotificationKind.SESSION_CANCELLED: render_session_cancelled,
    NotificationKind.EVENT_CANCELLED: render_event_cancelled,
    NotificationKind.REMINDER: render_reminder,
}
