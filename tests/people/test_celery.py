import datetime

import pytest
from django.utils import timezone

from people.invitation_mail import NOTIFICATION_KIND
from people.models import Invitation, Notification
from tests.conftest import wait_for
from tests.factories import MembershipFactory


@pytest.mark.worker
def test_real_worker_round_trips_a_task_that_writes_to_the_database(real_worker):
    leader = MembershipFactory(role="leder").person
    invitation = Invitation.objects.create(
        email="ny@example.dk", full_name="Ny Person", role="sagsbehandler",
        municipality=leader.memberships.get().municipality, start_date=datetime.date(2026, 1, 1),
        invited_by=leader, expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    # The row invitation_create writes (its own on-commit send would run eagerly in this process).
    notification = Notification.objects.create(
        key=f"invitation:{invitation.pk}", kind=NOTIFICATION_KIND, email=invitation.email,
        data={"invitation": invitation.pk},
    )
    real_worker("people.notifications.send_notification_task", notification.pk)
    sent_at = wait_for(lambda: Invitation.objects.filter(pk=invitation.pk).values_list("sent_at", flat=True).get(),
                       timeout=60)
    assert sent_at is not None
    notification.refresh_from_db()
    notification_sent_at = notification.sent_at
    assert notification_sent_at is not None
    # A duplicate delivery and the beat sweep do nothing: both sent_at stay the same.
    real_worker("people.notifications.send_notification_task", notification.pk)
    real_worker("people.notifications.unsent_notifications_resend_task")
    import time

    time.sleep(3)
    invitation.refresh_from_db()
    notification.refresh_from_db()
    assert (invitation.sent_at, notification.sent_at) == (sent_at, notification_sent_at)
    assert "succeeded" in real_worker.log_path.read_text()


def test_beat_schedule_names_real_tasks():
    from django.conf import settings

    from lms.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]
