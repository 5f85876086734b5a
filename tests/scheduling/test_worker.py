"""Reminders through a real Celery worker: four concurrent runs of the beat task (and the sends each
queues through people.notifications) send each reminder once."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from people.models import Notification
from scheduling.models import Registration
from scheduling.notifications import NotificationKind
from tests.factories import MembershipFactory

from .factories import event_with_sessions

ROOT = Path(__file__).resolve().parents[2]


def _test_database_url():
    parsed = urlparse(settings.TEST_DATABASE_URL)
    return urlunparse(parsed._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_reminders_with_a_real_worker_are_sent_once(tmp_path, municipality):
    from lms.celery import app

    event = event_with_sessions(municipality=municipality, days=(7,), title="Temadag om magneterne")
    people = [MembershipFactory(municipality=municipality).person for _ in range(3)]
    for person in people:
        Registration.objects.create(event=event, person=person, status=Registration.Status.CONFIRMED,
                                    municipality=municipality)
    waitlisted = MembershipFactory(municipality=municipality).person
    Registration.objects.create(event=event, person=waitlisted, status=Registration.Status.WAITLISTED,
                                municipality=municipality)

    mail_file = tmp_path / "mail.log"
    mail_file.touch()
    queue = f"scheduling-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": settings.TEST_REDIS_URL,
        "EMAIL_BACKEND": "tests.scheduling.mail_backend.AppendToFileBackend",
        "SCHEDULING_TEST_MAIL_FILE": str(mail_file),
        "PYTHONPATH": str(ROOT),
    }
    # The worker takes the beat runs from this test's queue and the sends they queue from the default
    # queue (people.notifications.send_notification_task), as production workers do.
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "lms", "worker", "-Q",
         f"{queue},{settings.CELERY_TASK_DEFAULT_QUEUE}", "-c", "4",
         "--pool", "prefork", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        today = timezone.localdate().isoformat()
        with app.connection_for_write(settings.TEST_REDIS_URL) as conn:
            for _ in range(4):  # four deliveries of the same beat run, taken by four worker processes at once
                app.send_task("scheduling.tasks.send_reminders_task", args=[today], queue=queue, connection=conn)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            sent = Notification.objects.filter(kind=NotificationKind.REMINDER, sent_at__isnull=False).count()
            if len(mail_file.read_text().splitlines()) >= 3 and sent >= 3:
                break
            time.sleep(0.5)
        time.sleep(3)  # let any straggling duplicate arrive, if there were one
        lines = mail_file.read_text().splitlines()
    finally:
        worker.terminate()
        try:
            output, _unused = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _unused = worker.communicate()
    assert len(lines) == 3, output.decode(errors="replace")[-3000:]
    assert sorted(line.split("\t")[0] for line in lines) == sorted(p.email for p in people)
    assert all("Påmindelse" in line for line in lines)
    keys = set(Notification.objects.filter(kind=NotificationKind.REMINDER).values_list("key", flat=True))
    assert len(keys) == 3 and all(k.startswith(f"{NotificationKind.REMINDER}:") and k.endswith(":7") for k in keys)
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
