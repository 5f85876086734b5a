"""The secret address of a person's calendar feed."""

import uuid

from django.db import transaction

from people.models import User


@transaction.atomic
def calendar_token_renew(*, person: User) -> uuid.UUID:
    """A new secret feed address for the person themselves; the old one stops working at once."""
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token"])
    return person.calendar_token
