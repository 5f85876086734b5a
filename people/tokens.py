"""Invitation links carry the invitation's uuid signed with the secret key, so a link can be rebuilt
from the database (the mail task takes only an id) and a tampered link is refused."""

from django.core import signing

SALT = "people.invitation"


def invitation_token(invitation):
    return signing.dumps(str(invitation.uuid), salt=SALT)


def invitation_uuid_from_token(token):
    """The uuid inside a token, or None when the token was not made by us."""
    try:
        return signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
