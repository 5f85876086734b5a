"""The feed benchmark behind `manage.py bench_calendar`. Builds throwaway data inside a transaction,
times the feeds (queries included) and rolls everything back."""

import datetime
import time
import uuid

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.models import Municipality, User

from . import ical, selectors
from .models import Event, Registration, Session


class _Rollback(Exception):
    pass


def _sessions(event, count, start):
    return [
        Session(event=event, day_number=i + 1, starts_at=start + datetime.timedelta(days=i),
                ends_at=start + datetime.timedelta(days=i, hours=3))
        for i in range(count)
    ]


def _timed(build):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        body = build()
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), len(body)


def run(*, personal=500, municipal=5000):
    lines = []
    try:
        with transaction.atomic():
            tag = uuid.uuid4().hex[:8]
            municipality = Municipality.objects.create(code=f"B{tag[:2]}", name=f"Benchkommune {tag}",
                                                       slug=f"bench-{tag}")
            person = User.objects.create(email=f"bench-{tag}@example.invalid", full_name="Bench Person")
            start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
            # Personal: events of 5 sessions each, the person confirmed on all.
            events = Event.objects.bulk_create([
                Event(kind=Event.Kind.THEME_DAY, title=f"Temadag {i}", municipality=municipality, capacity=30)
                for i in range((personal + 4) // 5)
            ])
            sessions = []
            for i, event in enumerate(events):
                sessions += _sessions(event, min(5, personal - i * 5), start)
            Session.objects.bulk_create(sessions)
            Registration.objects.bulk_create([
                Registration(event=e, person=person, status=Registration.Status.CONFIRMED, municipality=municipality) for e in events
            ])
            elapsed, queries, size = _timed(lambda: ical.feed_calendar(
                "bench", selectors.personal_feed_items(person)))
            lines.append(f"Personal feed, {personal} sessions: {elapsed * 1000:.0f} ms, {queries} queries, "
                         f"{size / 1024:.0f} KiB")
            # Municipal: events of 10 sessions each, all owned by the municipality (including the ones above).
            extra = max(0, municipal - personal)
            more = Event.objects.bulk_create([
                Event(kind=Event.Kind.BRUSH_UP, title=f"Brush-up {i}", municipality=municipality, capacity=30)
                for i in range((extra + 9) // 10)
            ])
            sessions = []
            for i, event in enumerate(more):
                sessions += _sessions(event, min(10, extra - i * 10), start)
            Session.objects.bulk_create(sessions)
            total = Session.objects.filter(event__municipality=municipality).count()
            elapsed, queries, size = _timed(lambda: ical.feed_calendar(
                "bench", selectors.municipality_feed_items(municipality)))
            lines.append(f"Municipal feed, {total} sessions: {elapsed * 1000:.0f} ms, {queries} queries, "
                         f"{size / 1024:.0f} KiB")
            raise _Rollback
    except _Rollback:
        pass
    return lines
