"""Events from an uploaded .ics file (parsed by `scheduling.ical_import`)."""

from django.db import transaction

from people.models import Municipality, User

from ..ical_import import Item
from ..models import Event
from .events import check_may_plan, event_create


@transaction.atomic
def events_import(
    *, municipality: Municipality, by: User | None, items: list[Item], kind: str, audience: str
) -> list[Event]:
    """Create a municipality's events from parsed .ics items; items already imported (same UID) are
    skipped. PermissionDenied unless `by` may plan for the municipality."""
    check_may_plan(by, municipality=municipality)
    created = []
    for item in items:
        if item.uid and Event.objects.filter(municipality=municipality, external_uid=item.uid).exists():
            continue
        created.append(event_create(
            by=by, kind=kind, title=item.summary[:200], description=item.description,
            location_address=item.location[:300], municipality=municipality, audience=audience,
            external_uid=item.uid[:300], sessions=[(item.starts_at, item.ends_at)],
        ))
    return created
