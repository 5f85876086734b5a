import datetime

import factory
from django.utils import timezone

from scheduling.models import Event, Session
from tests.factories import MunicipalityFactory


def at(days, hour=9, minute=0):
    """An aware datetime `days` from today at a local wall-clock time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.THEME_DAY
    title = factory.Sequence(lambda n: f"Temadag {n}")
    description = "Om ICS-trekanten i praksis."
    municipality = factory.SubFactory(MunicipalityFactory)
    location_address = "Rådhuset, Adelgade 44, 8660 Skanderborg"
    location_room = "Mødelokale 2"
    capacity = 10
    audience = Event.Audience.STAFF


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    day_number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: at(14, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))


def event_with_sessions(days=(14,), **kwargs):
    event = EventFactory(**kwargs)
    for number, day in enumerate(days, start=1):
        SessionFactory(event=event, day_number=number, starts_at=at(day, 9), ends_at=at(day, 15))
    return event


def cohort(provider, days=(20, 21, 22), **kwargs):
    kwargs.setdefault("title", "ICS-grundkursus, hold 1")
    return event_with_sessions(
        days=days, kind=Event.Kind.COHORT, provider=provider, municipality=None, audience=Event.Audience.OPEN,
        **kwargs,
    )
