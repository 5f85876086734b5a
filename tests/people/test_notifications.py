"""The one idempotent-notification mechanism (people.notifications), with a renderer of its own."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError

from people import notifications
from people.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = "tests.note"
SKIPPED_KIND = "tests.note-no-longer-due"


def render_note(notification):
    return EmailMessage(notification.data.get("subject", "Besked"), "Tekst", to=[notification.address])


notifications.register_renderer(KIND, render_note)
notifications.register_renderer(SKIPPED_KIND, lambda notification: None)


def queue(key="note:1", kind=KIND, **address):
    return notifications.notification_queue(key=key, kind=kind, data={"subject": "Hej"}, **address)


def test_unknown_kind_fails_at_queue_time():
    person = UserFactory()
    with pytest.raises(KeyError):
        queue(kind="tests.nobody-registered-this", recipient_id=person.pk)
    assert not Notification.objects.exists()


def test_registering_another_renderer_for_a_kind_fails():
    with pytest.raises(ValueError):
        notifications.register_renderer(KIND, lambda notification: None)
    assert notifications.register_renderer(KIND, render_note) is render_note  # the same one again is fine


def test_a_key_too_long_or_an_address_missing_fails_at_queue_time():
    person = UserFactory()
    with pytest.raises(ValueError):
        queue(key="x" * 201, recipient_id=person.pk)
    with pytest.raises(ValueError):
        queue()
    assert not Notification.objects.exists()


def test_the_database_refuses_a_notification_without_an_address():
    with pytest.raises(IntegrityError):
        Notification.objects.create(key="note:nowhere", kind=KIND)


def test_duplicate_key_queues_once_and_sends_once(django_capture_on_commit_callbacks):
    person = UserFactory(email="modtager@example.dk")
    with django_capture_on_commit_callbacks(execute=True):
        assert queue(recipient_id=person.pk) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert queue(recipient_id=person.pk) == 0  # already sent: nothing queued
    assert Notification.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["modtager@example.dk"]]


def test_duplicate_key_in_one_transaction_is_one_row(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        queue(recipient_id=person.pk)
        queue(recipient_id=person.pk)
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_notification_without_an_account_goes_to_its_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(email="ny@example.dk")
    assert mail.outbox[0].to == ["ny@example.dk"]


def test_renderer_returning_none_marks_sent_without_mail():
    person = UserFactory()
    notification = Notification.objects.create(key="note:skip", kind=SKIPPED_KIND, recipient=person)
    assert notifications.notification_send(notification.pk) is False
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert mail.outbox == []


def test_a_retry_after_success_sends_nothing_twice():
    notification = Notification.objects.create(key="note:2", kind=KIND, recipient=UserFactory())
    assert notifications.send_notification_task(notification.pk) is True
    assert notifications.send_notification_task(notification.pk) is False
    assert notifications.unsent_notifications_resend() == 0
    assert len(mail.outbox) == 1


def test_a_failing_send_leaves_it_unsent_and_a_later_send_delivers(monkeypatch):
    notification = Notification.objects.create(key="note:3", kind=KIND, recipient=UserFactory())

    def down(self, messages):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", down)
        with pytest.raises(ConnectionRefusedError):
            notifications.notification_send(notification.pk)
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notifications.unsent_notifications_resend_task() == 1  # the beat sweep
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1


def test_the_task_retries_a_failed_send(monkeypatch):
    notification = Notification.objects.create(key="note:4", kind=KIND, recipient=UserFactory())
    real_send = EmailBackend.send_messages
    attempts = []

    def flaky(self, messages):
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionRefusedError("mail server down")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    # throw=False: run Celery's retry as a worker would (eagerly, instead of raising Retry to the caller)
    notifications.send_notification_task.apply(args=[notification.pk], throw=False)
    notification.refresh_from_db()
    assert len(attempts) == 2
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
