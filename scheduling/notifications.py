"""Mail to participants, each sent at most once under a unique key (NotificationLog).

The log row is inserted in the same transaction as the send: a second worker trying the same key waits
on the unique index and then finds it taken; a failed send rolls the row back so a retry sends it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import ical
from .models import NotificationLog


def send_once(*, key, kind, person, event, subject, body, ics=None, method=None) -> bool:
    with transaction.atomic():
        try:
            with transaction.atomic():
                NotificationLog.objects.create(key=key[:200], kind=kind, person=person, event=event)
        except IntegrityError:
            return False
        message = EmailMultiAlternatives(subject, body, to=[person.email])
        if ics is not None:
            text = ics.decode("utf-8") if isinstance(ics, bytes) else ics
            message.attach_alternative(text, f"text/calendar; method={method}")
            # The same calendar as a file, as Google's own invitations do (bytes: kept exactly as UTF-8).
            message.attach("invitation.ics" if method == "REQUEST" else "aflysning.ics", text.encode("utf-8"),
                           "application/ics")
        message.send()
    return True


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


def _greeting(person):
    return _("Dear %(name)s,") % {"name": person.full_name or person.email}


def _subject(text):
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text}"


def _parts(event, sessions, *, only_future=True):
    """One calendar object per part: the series, or each session."""
    now = timezone.now()
    if event.is_series:
        return [("series", None)] if sessions else []
    return [(str(s.pk), s) for s in sessions if not s.cancelled and (not only_future or s.ends_at > now)]


def registration_notice(registration, kind) -> int:
    """confirmed / promoted: an invite per calendar object; waitlisted: a notice; cancelled: CANCEL."""
    event, person = registration.event, registration.person
    sessions = list(event.sessions.all())
    sent = 0
    with translation.override("da"):
        if kind == "waitlisted":
            body = "\n\n".join([
                _greeting(person),
                _("You are on the waitlist for the event below. We write to you as soon as a seat is free."),
                _event_lines(event, sessions),
            ])
            return int(send_once(
                key=f"waitlisted:{registration.pk}", kind=kind, person=person, event=event,
                subject=_subject(_("On the waitlist: %(title)s") % {"title": event.title}), body=body,
            ))
        if kind in ("confirmed", "promoted"):
            intro = (
                _("Good news: a seat became free and you have moved from the waitlist to a confirmed seat.")
                if kind == "promoted" else _("You are registered for the event below.")
            )
            subject = (
                _("You have a seat: %(title)s") if kind == "promoted" else _("Registration confirmed: %(title)s")
            ) % {"title": event.title}
            method = "REQUEST"
        else:
            intro = _("Your registration for the event below has been cancelled.")
            subject = _("Registration cancelled: %(title)s") % {"title": event.title}
            method = "CANCEL"
        body = "\n\n".join([
            _greeting(person), intro, _event_lines(event, sessions),
            _("The calendar invitation is attached."),
        ])
        for part, session in _parts(event, sessions):
            ics = ical.invite(event, sessions=sessions, session=session, person=person, method=method)
            sent += send_once(
                key=f"{kind}:{registration.pk}:{part}:{event.sequence}", kind=kind, person=person, event=event,
                subject=subject, body=body, ics=ics, method=method,
            )
    return sent


def event_update_notice(event, registrations) -> int:
    sessions = list(event.sessions.all())
    sent = 0
    with translation.override("da"):
        subject = _subject(_("Changed: %(title)s") % {"title": event.title})
        for registration in registrations:
            person = registration.person
            body = "\n\n".join([
                _greeting(person), _("The event below has changed. Your calendar is updated by the attachment."),
                _event_lines(event, sessions),
            ])
            for part, session in _parts(event, sessions):
                ics = ical.invite(event, sessions=sessions, session=session, person=person, method="REQUEST")
                sent += send_once(
                    key=f"update:{registration.pk}:{part}:{event.sequence}", kind="update", person=person,
                    event=event, subject=subject, body=body, ics=ics, method="REQUEST",
                )
    return sent


def session_cancelled_notice(session, registrations) -> int:
    event = session.event
    sessions = list(event.sessions.all())
    sent = 0
    with translation.override("da"):
        subject = _subject(_("Cancelled: %(title)s on %(day)s") % {
            "title": event.title, "day": f"{timezone.localtime(session.starts_at):%d.%m.%Y}"
        })
        for registration in registrations:
            person = registration.person
            body = "\n\n".join([
                _greeting(person),
                _("A session of the event below has been cancelled: %(when)s.") % {"when": _when(session)},
                _("Reason: %(reason)s") % {"reason": session.cancel_reason},
                _event_lines(event, sessions),
            ])
            ics = ical.invite(event, sessions=sessions, session=session, person=person, method="CANCEL")
            sent += send_once(
                key=f"session-cancel:{session.pk}:{registration.pk}", kind="session_cancelled", person=person,
                event=event, subject=subject, body=body, ics=ics, method="CANCEL",
            )
    return sent


def event_cancelled_notice(event, registrations) -> int:
    sessions = list(event.sessions.all())
    sent = 0
    with translation.override("da"):
        subject = _subject(_("Cancelled: %(title)s") % {"title": event.title})
        for registration in registrations:
            person = registration.person
            body = "\n\n".join([
                _greeting(person), _("The event below has been cancelled."),
                _("Reason: %(reason)s") % {"reason": event.cancel_reason}, _event_lines(event, sessions),
            ])
            if registration.status == "waitlisted":
                sent += send_once(
                    key=f"event-cancel:{registration.pk}", kind="event_cancelled", person=person, event=event,
                    subject=subject, body=body,
                )
                continue
            for part, session in _parts(event, sessions, only_future=False):
                ics = ical.invite(event, sessions=sessions, session=session, person=person, method="CANCEL")
                sent += send_once(
                    key=f"event-cancel:{registration.pk}:{part}", kind="event_cancelled", person=person,
                    event=event, subject=subject, body=body, ics=ics, method="CANCEL",
                )
    return sent


def reminder_notice(registration, session, days) -> bool:
    event, person = registration.event, registration.person
    with translation.override("da"):
        if days == 1:
            lead = _("Reminder: tomorrow you take part in the event below.")
        else:
            lead = _("Reminder: in %(days)s days you take part in the event below.") % {"days": days}
        body = "\n\n".join([
            _greeting(person), lead, f"{_when(session)}",
            _event_lines(event, [session]),
            _("Cannot come? Cancel your seat on the event page so someone on the waitlist can have it."),
        ])
        return send_once(
            key=f"reminder:{registration.pk}:{session.pk}:{days}", kind="reminder", person=person, event=event,
            subject=_subject(_("Reminder: %(title)s %(day)s") % {
                "title": event.title, "day": f"{timezone.localtime(session.starts_at):%d.%m.%Y}"
            }),
            body=body,
        )
