import datetime

import pytest
from django.utils import timezone

from people.models import Invitation
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
    real_worker("people.tasks.send_invitation_email_task", invitation.pk)
    sent_at = wait_for(lambda: Invitation.objects.filter(pk=invitation.pk).values_list("sent_at", flat=True).get(),
                       timeout=60)
    assert sent_at is not None
    # A duplicate delivery does nothing: sent_at stays the same.
    real_worker("people.tasks.send_invitation_email_task", invitation.pk)
    real_worker("people.tasks.send_pending_invitations_task")
    import time

    time.sleep(3)
    invitation.refresh_from_db()
    assert invitation.sent_at == sent_at
    assert "succeeded" in real_worker.log_path.read_text()


def test_beat_schedule_names_real_tasks():
    from django.conf import settings

    from lms.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]
