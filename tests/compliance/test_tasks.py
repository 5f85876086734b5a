"""Beat tasks: reminders at 60/30/7 days and when overdue, the weekly digest, the monthly snapshot.
Each is idempotent: a second run, a retry or a second worker sends nothing twice."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from compliance import reminders, tasks
from compliance.models import MonthlySnapshot
from people.models import Notification
from people.notifications import send_notification_task

from .factories import agreement, completion, staff

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def licensed(municipality):
    agreement(municipality, grace_period_days=365)
    return municipality


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(day):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_compliance_reminders_task(day.isoformat())
        return [m.to[0] for m in mail.outbox]

    return run


def test_reminders_at_60_30_7_days_and_overdue_each_once(licensed, run):
    person = staff(licensed, start=D(2024, 1, 1))  # deadline 2024-12-31
    deadline = D(2024, 12, 31)
    sent = {}
    day = deadline - datetime.timedelta(days=70)
    while day <= deadline + datetime.timedelta(days=5):
        recipients = run(day)
        if recipients:
            sent[(deadline - day).days] = recipients
        day += datetime.timedelta(days=1)
    assert sorted(sent, reverse=True) == [60, 30, 7, -1]
    assert all(r == [person.email] for r in sent.values())
    keys = set(Notification.objects.values_list("key", flat=True))
    assert len(keys) == 4 and all(k.startswith(f"reminder:{licensed.pk}:{person.pk}:2024-12-31:") for k in keys)


def test_a_second_run_the_same_day_sends_nothing(licensed, run):
    staff(licensed, start=D(2024, 1, 1))
    assert len(run(D(2024, 12, 24))) == 1
    assert run(D(2024, 12, 24)) == []
    assert Notification.objects.count() == 1


def test_a_retried_send_task_sends_once(licensed, django_capture_on_commit_callbacks):
    staff(licensed, start=D(2024, 1, 1))
    with django_capture_on_commit_callbacks(execute=False):
        tasks.send_compliance_reminders_task("2024-12-24")
    log = Notification.objects.get()
    mail.outbox.clear()
    assert send_notification_task(log.pk) is True
    assert send_notification_task(log.pk) is False  # the retry, or a second worker
    assert len(mail.outbox) == 1
    assert "ICS" in mail.outbox[0].subject


def test_no_reminders_for_completed_exempt_or_unlicensed(municipality, other_municipality, run):
    agreement(municipality)
    done = staff(municipality, start=D(2024, 1, 1))
    completion(done, D(2024, 5, 1))
    staff(other_municipality, start=D(2024, 1, 1))  # no agreement: no reminders
    assert run(D(2024, 12, 24)) == []


def test_suspended_agreement_sends_nothing(licensed, run):
    from compliance import services

    staff(licensed, start=D(2024, 1, 1))
    services.licence_terms_change(agreement=licensed.licence_agreement, valid_from=D(2024, 12, 1), by=None,
                                  status="suspended")
    assert run(D(2024, 12, 24)) == []


def test_weekly_digest_to_leaders_once_a_week(licensed, leader, django_capture_on_commit_callbacks):
    late = staff(licensed, start=D(2022, 1, 1))
    staff(licensed, start=D(2024, 6, 1))  # within the deadline: not in the digest
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_leader_digests_task("2024-12-02")  # a Monday
        tasks.send_leader_digests_task("2024-12-04")  # same ISO week: nothing more
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert late.full_name in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_leader_digests_task("2024-12-09")
    assert len(mail.outbox) == 2


def test_monthly_snapshot_is_taken_once(licensed):
    staff(licensed, start=D(2024, 1, 1))
    written = tasks.take_monthly_snapshot_task("2024-07-01")
    assert written >= 1
    snapshot = MonthlySnapshot.objects.get(municipality=licensed)
    assert (snapshot.month, snapshot.as_of, snapshot.total, snapshot.within_deadline) == (
        D(2024, 6, 1), D(2024, 6, 30), 1, 1)
    assert tasks.take_monthly_snapshot_task("2024-07-01") == 0
    assert MonthlySnapshot.objects.filter(municipality=licensed).count() == 1


def test_reminders_pause_while_a_booking_stands_and_the_digest_still_lists_the_person(
    licensed, leader, provider, run, django_capture_on_commit_callbacks
):
    from courses.models import CourseKind
    from scheduling.services import registration as registration_services
    from tests.scheduling.factories import cohort

    from .factories import course_page

    late = staff(licensed, start=D(2020, 1, 1))
    event = cohort(provider, days=(20, 21, 22), course_page=course_page(CourseKind.BASIC))
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_services.registration_create(event=event, person=late, by=leader)
    today = timezone.localdate()
    assert run(today) == []  # booked on a cohort still to come: no personal reminder
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_leader_digests_task(today.isoformat())
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert late.full_name in mail.outbox[0].body and "hold" in mail.outbox[0].body  # listed, with the booking
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_cancel(registration=registration, by=leader, reason="Syg")
    assert run(today) == [late.email]  # the booking is gone: reminders resume


def test_reminder_stage():
    assert [reminders.reminder_stage(d) for d in (61, 60, 31, 30, 8, 7, 0, -1, None)] == [
        None, "60", "60", "30", "30", "7", "7", "overdue", None]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_three_workers_running_the_reminders_at_once_send_each_mail_once():
    """Three threads (three database connections) run the daily task for the same day at the same time."""
    import threading

    from django.db import connection

    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory()
    agreement(municipality)
    people = [staff(municipality, start=D(2024, 1, 1) + datetime.timedelta(days=i % 7)) for i in range(15)]
    mail.outbox = []
    barrier = threading.Barrier(3)
    errors = []

    def worker():
        try:
            barrier.wait()
            tasks.send_compliance_reminders_task("2024-12-28")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(p.email for p in people)
    assert Notification.objects.filter(sent_at__isnull=False).count() == 15
