"""Cancelling a whole event: recorded when, registrations keep their status, everyone is told once,
and `event_cancelled` goes out after commit for the apps above."""

import pytest
from django.core import mail

from people.models import Notification
from scheduling.models import Event, Registration
from scheduling.notifications import NotificationKind, event_cancelled_queue
from scheduling.services.events import event_cancel
from scheduling.services.registration import registration_cancel, registration_create
from scheduling.signals import event_cancelled
from tests.factories import MembershipFactory

from .factories import event_with_sessions

pytestmark = pytest.mark.django_db


def test_event_cancel_records_when_keeps_statuses_and_signals_after_commit(
    municipality, leader, django_capture_on_commit_callbacks
):
    event = event_with_sessions(municipality=municipality, capacity=1, days=(10, 11))
    seated, waiting = (MembershipFactory(municipality=municipality).person for _ in range(2))
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, person=seated, by=seated)
        registration_create(event=event, person=waiting, by=waiting)
    mail.outbox.clear()
    received = []

    def listener(sender, **kwargs):
        received.append((sender, kwargs["event_id"]))

    event_cancelled.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            event_cancel(event=event, by=leader, reason="Underviseren er syg")
        assert received == []  # nothing before commit
        for callback in callbacks:
            callback()
    finally:
        event_cancelled.disconnect(listener)
    assert received == [(Event, event.pk)]
    event.refresh_from_db()
    assert event.cancelled_at is not None and event.cancel_reason == "Underviseren er syg"
    statuses = dict(Registration.objects.filter(event=event).values_list("person_id", "status"))
    assert statuses == {seated.pk: Registration.Status.CONFIRMED, waiting.pk: Registration.Status.WAITLISTED}
    to_seated = [m for m in mail.outbox if m.to == [seated.email]]
    to_waiting = [m for m in mail.outbox if m.to == [waiting.email]]
    assert len(to_seated) == 2 and all("METHOD:CANCEL" in m.alternatives[0].content for m in to_seated)
    assert len(to_waiting) == 1 and not to_waiting[0].alternatives  # no calendar for a seat never held


def test_queueing_the_same_notice_twice_sends_it_once(municipality, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality)
    person = MembershipFactory(municipality=municipality).person
    event_cancel(event=event, by=None, reason="Aflyst")
    registration = Registration.objects.create(event=event, person=person, municipality=municipality,
                                               status=Registration.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        assert event_cancelled_queue(event) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert event_cancelled_queue(event) == 0  # a retry of the same change: the key is taken, sent
    assert len(mail.outbox) == 1
    assert Notification.objects.get().key == f"{NotificationKind.EVENT_CANCELLED}:{registration.pk}:" + str(
        event.sessions.get().pk
    )


def test_a_confirmation_cancelled_before_it_went_out_is_not_sent(municipality, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality)
    person = MembershipFactory(municipality=municipality).person
    with django_capture_on_commit_callbacks(execute=False) as confirmation:
        registration = registration_create(event=event, person=person, by=person)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, by=person)
    assert [m.subject for m in mail.outbox if "bekræftet" in m.subject] == []
    for callback in confirmation:  # the confirmation's send arrives late
        callback()
    assert not any("bekræftet" in m.subject for m in mail.outbox)
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
