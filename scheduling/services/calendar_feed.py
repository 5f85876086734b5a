"""The secret address of a person's calendar feed.

The address is renewed by the person on the subscription page, and by the platform when the password
changes or is reset (allauth's signals) and when one of the person's roles ends (`people.signals.
membership_changed`): an address copied into a shared calendar, or kept by someone who has left, stops
working. The municipal feed addresses are derived from the same token (`selectors.municipality_feed_path`),
so they stop with it."""

import uuid

from django.db import transaction

from people.models import Membership, User


@transaction.atomic
def calendar_token_renew(*, person: User) -> uuid.UUID:
    """A new secret feed address for the person; the old one (and their municipal feed addresses) stop
    working at once."""
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token"])
    return person.calendar_token


@transaction.atomic
def calendar_token_renew_if_role_ended(*, membership_id: int) -> bool:
    """Renew the person's feed address when the membership has an end date (the role has ended or is
    set to end). Returns whether it was renewed.

    Renewed when the end is recorded, not on the day itself: the person's own feed only ever shows
    their own sessions, and a municipal feed stops by itself once the role is no longer current
    (`selectors.may_subscribe_to`)."""
    membership = Membership.objects.select_related("person").get(pk=membership_id)
    if membership.end_date is None:
        return False
    calendar_token_renew(person=membership.person)
    return True
