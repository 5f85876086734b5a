import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from people.models import Notification
from scheduling import tasks
from scheduling.models import Event, Registration
from scheduling.notifications import NotificationKind
from scheduling.services.events import session_cancel
from tests.factories import MembershipFactory

from .factories import event_with_sessions

pytestmark = pytest.mark.django_db


def confirm(event, person):
    return Registration.objects.create(
        event=event, person=person, status=Registration.Status.CONFIRMED, municipality=event.municipality
    )


def run_beat(capture):
    """One beat run with its on-commit sends executed, as a worker runs it."""
    with capture(execute=True):
        return tasks.send_reminders_task()


def test_reminders_seven_and_one_day_before_sent_once(municipality, django_capture_on_commit_callbacks):
    week = event_with_sessions(municipality=municipality, days=(7,), title="Om en uge")
    tomorrow = event_with_sessions(municipality=municipality, days=(1,), title="I morgen")
    later = event_with_sessions(municipality=municipality, days=(3,), title="Om tre dage")
    a, b, waiting = (MembershipFactory(municipality=municipality).person for _ in range(3))
    confirm(week, a)
    confirm(tomorrow, a)
    confirm(tomorrow, b)
    confirm(later, b)
    Registration.objects.create(event=week, person=waiting, status=Registration.Status.WAITLISTED,
                                municipality=municipality)
    assert run_beat(django_capture_on_commit_callbacks) == 3
    assert run_beat(django_capture_on_commit_callbacks) == 0  # a second beat run (or a retry) sends nothing
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(subjects) == 3
    assert all(to != waiting.email for to, _s in subjects)
    assert sum("Om en uge" in s for _t, s in subjects) == 1
    assert sum("I morgen" in s for _t, s in subjects) == 2
    bodies = [m.body for m in mail.outbox]
    assert any("Om 7 dage" in body for body in bodies) and any("I morgen deltager" in body for body in bodies)
    sent = Notification.objects.filter(kind=NotificationKind.REMINDER, sent_at__isnull=False)
    assert sent.count() == 3


def test_a_duplicate_delivery_of_one_notification_sends_nothing_twice(
    municipality, django_capture_on_commit_callbacks
):
    from people.notifications import notification_send

    event = event_with_sessions(municipality=municipality, days=(1,))
    confirm(event, MembershipFactory(municipality=municipality).person)
    assert run_beat(django_capture_on_commit_callbacks) == 1
    notification = Notification.objects.get(kind=NotificationKind.REMINDER)
    assert notification_send(notification.pk) is False  # the task delivered again: already sent
    assert len(mail.outbox) == 1


def test_reminder_days_are_settable_per_kind(municipality, settings, django_capture_on_commit_callbacks):
    settings.SCHEDULING_REMINDER_DAYS = {Event.Kind.THEME_DAY: (3,)}
    theme = event_with_sessions(municipality=municipality, days=(3,), kind=Event.Kind.THEME_DAY)
    brush = event_with_sessions(municipality=municipality, days=(7,), kind=Event.Kind.BRUSH_UP)
    seven_day_theme = event_with_sessions(municipality=municipality, days=(7,), kind=Event.Kind.THEME_DAY)
    person = MembershipFactory(municipality=municipality).person
    for event in (theme, brush, seven_day_theme):
        confirm(event, person)
    assert run_beat(django_capture_on_commit_callbacks) == 2  # theme day at 3 days; brush-up keeps the default 7
    assert len(mail.outbox) == 2
    assert not any(seven_day_theme.title in m.subject for m in mail.outbox)


def test_no_reminder_for_cancelled_session(municipality, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality, days=(1,))
    person = MembershipFactory(municipality=municipality).person
    confirm(event, person)
    session_cancel(session=event.sessions.get(), by=None, reason="Aflyst")
    assert run_beat(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_reminder_queued_before_the_session_was_cancelled_is_not_sent(
    municipality, django_capture_on_commit_callbacks
):
    event = event_with_sessions(municipality=municipality, days=(1,))
    confirm(event, MembershipFactory(municipality=municipality).person)
    with django_capture_on_commit_callbacks(execute=False) as sends:
        tasks.send_reminders_task()
    session_cancel(session=event.sessions.get(), by=None, reason="Aflyst")
    for send in sends:
        send()
    assert mail.outbox == []
    assert Notification.objects.get(kind=NotificationKind.REMINDER).sent_at is not None  # no longer due


def test_failed_send_is_retried_not_lost(municipality, monkeypatch, django_capture_on_commit_callbacks, caplog):
    event = event_with_sessions(municipality=municipality, days=(1,))
    person = MembershipFactory(municipality=municipality).person
    confirm(event, person)
    original = EmailMultiAlternatives.send

    def broken(self, *args, **kwargs):
        raise OSError("SMTP nede")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    run_beat(django_capture_on_commit_callbacks)  # the send task asks Celery to try again later ...
    [record] = [r for r in caplog.records if r.name == "people.notifications"]
    assert isinstance(record.exc_info[1], Retry)  # ... and, run eagerly, that is logged, not raised
    notification = Notification.objects.get(kind=NotificationKind.REMINDER)
    assert notification.sent_at is None  # rolled back: the next run (or a retry) sends it
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert run_beat(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_one_failing_reminder_does_not_stop_the_others(municipality, monkeypatch, django_capture_on_commit_callbacks):
    """Three reminders due in one beat run; rendering the second raises. With tasks run eagerly (the
    embedded default) the error used to stop the remaining on-commit sends: the first and third go, the
    second stays unsent for the hourly resend sweep, which sends it once the fault is gone."""
    from people import notifications as people_notifications
    from scheduling.notifications import render_reminder

    event = event_with_sessions(municipality=municipality, days=(1,), title="I morgen")
    first, second, third = (MembershipFactory(municipality=municipality).person for _ in range(3))
    for person in (first, second, third):
        confirm(event, person)

    def fails_for_the_second(notification):
        if notification.recipient_id == second.pk:
            raise RuntimeError("the renderer broke")
        return render_reminder(notification)

    with monkeypatch.context() as patch:
        patch.setitem(people_notifications._renderers, NotificationKind.REMINDER, fails_for_the_second)
        assert run_beat(django_capture_on_commit_callbacks) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, third.email])
    unsent = Notification.objects.filter(kind=NotificationKind.REMINDER, sent_at__isnull=True)
    assert list(unsent.values_list("recipient_id", flat=True)) == [second.pk]
    assert people_notifications.unsent_notifications_resend() == 1
    assert [m.to[0] for m in mail.outbox].count(second.email) == 1
    assert not unsent.exists()
