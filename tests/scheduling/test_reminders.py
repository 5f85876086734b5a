import pytest
from django.core import mail

from scheduling import services, tasks
from scheduling.models import Event, NotificationLog, Registration
from tests.factories import MembershipFactory

from .factories import event_with_sessions

pytestmark = pytest.mark.django_db


def confirm(event, person):
    return Registration.objects.create(event=event, person=person, status="confirmed", municipality=event.municipality)


def test_reminders_seven_and_one_day_before_sent_once(municipality):
    week = event_with_sessions(municipality=municipality, days=(7,), title="Om en uge")
    tomorrow = event_with_sessions(municipality=municipality, days=(1,), title="I morgen")
    later = event_with_sessions(municipality=municipality, days=(3,), title="Om tre dage")
    a, b, waiting = (MembershipFactory(municipality=municipality).person for _ in range(3))
    confirm(week, a)
    confirm(tomorrow, a)
    confirm(tomorrow, b)
    confirm(later, b)
    Registration.objects.create(event=week, person=waiting, status="waitlisted", municipality=municipality)
    assert tasks.send_reminders_task() == 3
    assert tasks.send_reminders_task() == 0  # a second beat run (or a retry) sends nothing
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(subjects) == 3
    assert all(to != waiting.email for to, _s in subjects)
    assert sum("Om en uge" in s for _t, s in subjects) == 1
    assert sum("I morgen" in s for _t, s in subjects) == 2
    bodies = [m.body for m in mail.outbox]
    assert any("Om 7 dage" in body for body in bodies) and any("I morgen deltager" in body for body in bodies)
    assert NotificationLog.objects.filter(kind="reminder").count() == 3


def test_reminder_days_are_settable_per_kind(municipality, settings):
    settings.SCHEDULING_REMINDER_DAYS = {Event.Kind.THEME_DAY: (3,)}
    theme = event_with_sessions(municipality=municipality, days=(3,), kind=Event.Kind.THEME_DAY)
    brush = event_with_sessions(municipality=municipality, days=(7,), kind=Event.Kind.BRUSH_UP)
    seven_day_theme = event_with_sessions(municipality=municipality, days=(7,), kind=Event.Kind.THEME_DAY)
    person = MembershipFactory(municipality=municipality).person
    for event in (theme, brush, seven_day_theme):
        confirm(event, person)
    assert tasks.send_reminders_task() == 2  # theme day at 3 days; brush-up keeps the default 7
    assert not any(seven_day_theme.title in m.subject for m in mail.outbox)


def test_no_reminder_for_cancelled_session(municipality):
    event = event_with_sessions(municipality=municipality, days=(1,))
    person = MembershipFactory(municipality=municipality).person
    confirm(event, person)
    services.session_cancel(session=event.sessions.get(), by=None, reason="Aflyst")
    mail.outbox.clear()
    assert tasks.send_reminders_task() == 0


def test_failed_send_is_retried_not_lost(municipality, monkeypatch):
    event = event_with_sessions(municipality=municipality, days=(1,))
    person = MembershipFactory(municipality=municipality).person
    confirm(event, person)
    from django.core.mail import EmailMultiAlternatives

    original = EmailMultiAlternatives.send

    def broken(self, *args, **kwargs):
        raise OSError("SMTP nede")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with pytest.raises(OSError):
        tasks.send_reminders_task.run()
    assert not NotificationLog.objects.exists()  # rolled back: the retry will send it
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert tasks.send_reminders_task() == 1
