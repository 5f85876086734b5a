"""The contract compliance reads of scheduling (`scheduling.evidence`): fields, recorded times, query count."""

import dataclasses
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scheduling import evidence
from scheduling.models import Registration, RegistrationChange
from tests.factories import UserFactory

from .factories import cohort

pytestmark = pytest.mark.django_db


def test_booking_span_fields_are_pinned():
    assert [f.name for f in dataclasses.fields(evidence.BookingSpan)] == [
        "registration_id", "person_id", "event_id", "event_title", "course_page_id", "status", "start", "end",
        "event_cancelled_on", "sessions",
    ]


def _register(event, person, changes):
    """A registration with its history: [(status, days ago)]."""
    first = timezone.now() - datetime.timedelta(days=changes[0][1])
    registration = Registration.objects.create(event=event, person=person, status=changes[-1][0], created_at=first)
    for status, days_ago in changes:
        RegistrationChange.objects.create(registration=registration, status=status,
                                          changed_at=timezone.now() - datetime.timedelta(days=days_ago))
    return registration


def _spans(page_id):
    with CaptureQueriesContext(connection) as ctx:
        spans = evidence.booking_spans(course_page_ids=[page_id], until=timezone.localdate())
    return len(ctx.captured_queries), spans


def test_a_registration_history_becomes_dated_spans_in_three_queries(provider):
    from wagtail.models import Page

    page = Page.get_first_root_node()
    event = cohort(provider, days=(20, 21, 22), course_page=page)
    today = timezone.localdate()
    waiting_then_confirmed = _register(event, UserFactory(), [("waitlisted", 10), ("confirmed", 5)])
    cancelled = _register(event, UserFactory(), [("confirmed", 8), ("cancelled", 3)])
    count, spans = _spans(page.pk)
    assert count == 3
    by = {(s.registration_id, s.status): s for s in spans}
    waited = by[(waiting_then_confirmed.pk, "waitlisted")]
    assert waited.start == today - datetime.timedelta(days=10) and waited.end == today - datetime.timedelta(days=6)
    confirmed = by[(waiting_then_confirmed.pk, "confirmed")]
    assert confirmed.end is None and confirmed.covers(today) and confirmed.is_confirmed
    assert confirmed.first_day(today) == today + datetime.timedelta(days=20)
    gone = by[(cancelled.pk, "confirmed")]
    assert gone.covers(today - datetime.timedelta(days=4)) and not gone.covers(today - datetime.timedelta(days=3))
    for _ in range(5):
        _register(event, UserFactory(), [("confirmed", 2)])
    assert _spans(page.pk)[0] == 3


def test_a_cancelled_cohort_books_nobody_from_the_day_it_was_cancelled(provider):
    from wagtail.models import Page

    page = Page.get_first_root_node()
    event = cohort(provider, days=(20, 21), course_page=page)
    _register(event, UserFactory(), [("confirmed", 5)])
    event.cancelled_at = timezone.now()
    event.save(update_fields=["cancelled_at"])
    (span,) = _spans(page.pk)[1]
    today = timezone.localdate()
    assert span.covers(today - datetime.timedelta(days=1)) and not span.covers(today)
