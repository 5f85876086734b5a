"""Calendar days of stored moments."""

import datetime

from django.utils import timezone


def local_date(value: datetime.datetime | None) -> datetime.date | None:
    """The local calendar day of a stored moment (None stays None). A report "as of" a day counts
    what happened on that day in Danish time, not in UTC."""
    if value is None:
        return None
    return timezone.localdate(value) if timezone.is_aware(value) else value.date()
