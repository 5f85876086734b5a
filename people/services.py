"""Writes for people, organisations, memberships and invitations."""

import datetime
import uuid
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry

from .groups import wagtail_groups_sync
from .invitation_mail import invitation_mail_queue
from .models import Invitation, Membership, MembershipEvent, Municipality, Notification, Provider, Team, User
from .permissions import access_for
from .personal_data import Erasure, erasers_run, invitations_of, needles_of, scrub
from .roles import MUNICIPAL_ROLES, PROVIDER_ROLES
from .signals import membership_changed


def _membership_snapshot(membership):
    return {
        "role": membership.role,
        "municipality": membership.municipality_id,
        "provider": membership.provider_id,
        "team": membership.team_id,
        "start_date": membership.start_date.isoformat() if membership.start_date else None,
        "end_date": membership.end_date.isoformat() if membership.end_date else None,
    }


def _membership_changed_send(membership):
    """Tell the apps above, after commit, that the membership changed (`people.signals`)."""
    membership_id, person_id = membership.pk, membership.person_id
    transaction.on_commit(lambda: membership_changed.send(
        sender=Membership, membership_id=membership_id, person_id=person_id,
    ))


@transaction.atomic
def membership_create(
    *,
    person: User,
    role: str,
    start_date: datetime.date,
    municipality: Municipality | None = None,
    provider: Provider | None = None,
    team: Team | None = None,
    end_date: datetime.date | None = None,
    by: User | None = None,
    event_data: dict | None = None,
) -> Membership:
    """`event_data` adds to the membership event, e.g. the source of a membership made at an SSO login."""
    membership = Membership(
        person=person, role=role, municipality=municipality, provider=provider, team=team,
        start_date=start_date, end_date=end_date,
    )
    membership.full_clean()
    membership.save()
    MembershipEvent.objects.create(
        membership=membership, action=MembershipEvent.Action.CREATED, changed_by=by,
        data={**_membership_snapshot(membership), **(event_data or {})},
    )
    wagtail_groups_sync(person=person)
    _membership_changed_send(membership)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, by: User | None, **changes) -> Membership:
    """Change a membership and record who did. `by=None` is the platform itself (imports, the demo);
    a person must be allowed to edit the membership (`Access.may_edit_membership`)."""
    if by is not None and not access_for(by).may_edit_membership(membership):
        raise PermissionDenied(_("You may not change this membership."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    for name, value in changes.items():
        setattr(membership, name, value)
    membership.full_clean()
    membership.save()
    action = MembershipEvent.Action.ENDED if changes.get("end_date") else MembershipEvent.Action.UPDATED
    MembershipEvent.objects.create(
        membership=membership, action=action, changed_by=by, data=_membership_snapshot(membership)
    )
    wagtail_groups_sync(person=membership.person)
    _membership_changed_send(membership)
    return membership


def membership_end(*, membership: Membership, end_date: datetime.date, by: User | None) -> Membership:
    return membership_update(membership=membership, by=by, end_date=end_date)


# --- Invitations ---------------------------------------------------------------------------------


def _check_inviter_may_invite(*, by, role, municipality, provider):
    access = access_for(by)
    if access.is_national_admin:
        return
    if role in MUNICIPAL_ROLES and municipality is not None and access.leads(municipality):
        return
    if role in PROVIDER_ROLES and provider is not None and access.coordinates(provider):
        return
    raise ValidationError(_("You may not invite people to this organisation with this role."))


@transaction.atomic
def invitation_create(
    *,
    by: User,
    email: str,
    full_name: str,
    role: str,
    start_date: datetime.date,
    municipality: Municipality | None = None,
    provider: Provider | None = None,
    team: Team | None = None,
) -> Invitation:
    _check_inviter_may_invite(by=by, role=role, municipality=municipality, provider=provider)
    email = email.strip().lower()
    invitation = Invitation(
        email=email, full_name=full_name.strip(), role=role, municipality=municipality, provider=provider,
        team=team, start_date=start_date, invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=settings.ICS["INVITATION_VALID_DAYS"]),
    )
    invitation.full_clean()
    # The membership rules (role matches organisation, team in municipality) are checked up front.
    Membership(
        person=None, role=role, municipality=municipality, provider=provider, team=team, start_date=start_date
    ).clean()
    invitation.save()
    invitation_mail_queue(invitation=invitation)
    return invitation


@transaction.atomic
def staff_add(
    *,
    by: User,
    email: str,
    full_name: str,
    role: str,
    start_date: datetime.date,
    municipality: Municipality,
    team: Team | None = None,
    end_date: datetime.date | None = None,
) -> Invitation:
    """Put a new person on a municipality's staff list at once, and invite them to set a password.

    The person and the membership exist from today (so the licence deadline runs and the compliance
    figures count them); the account cannot log in until the invitation is accepted.
    """
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A person with this email already exists.")})
    invitation = invitation_create(
        by=by, email=email, full_name=full_name, role=role, start_date=start_date,
        municipality=municipality, team=team,
    )
    person = User(email=email, full_name=full_name.strip())
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    invitation.membership = membership_create(
        person=person, role=role, municipality=municipality, team=team, start_date=start_date,
        end_date=end_date, by=by,
    )
    invitation.save(update_fields=["membership"])
    return invitation


class InvitationError(Exception):
    """An invitation that cannot be used; the message is for the person holding the link."""


def invitation_check_usable(invitation: Invitation) -> None:
    if invitation.is_accepted:
        raise InvitationError(_("This invitation has already been used. Log in with your email and password."))
    if invitation.is_expired:
        raise InvitationError(
            _("This invitation has expired. Ask the person who invited you to send a new one.")
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str | None = None) -> tuple[User, bool]:
    """Use an invitation. Returns the person and whether a new account was created.

    An email that already has an account gets the membership linked to it, never a second user.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check_usable(invitation)
    person = User.objects.filter(email__iexact=invitation.email).first()
    # A person put on the staff list before accepting (staff_add) has no password yet: this sets it.
    created = person is None or not person.has_usable_password()
    if created:
        if not password:
            raise InvitationError(_("Choose a password."))
        person = person or User(email=invitation.email, full_name=invitation.full_name)
        person.set_password(password)
        person.full_clean(exclude=["password"], validate_unique=person.pk is None)
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError as exc:  # someone made the account a moment ago
            raise InvitationError(_("An account with this email was just created. Open the link again.")) from exc
    # The link reached this inbox, so the address is verified.
    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    membership = invitation.membership or membership_create(
        person=person, role=invitation.role, municipality=invitation.municipality, provider=invitation.provider,
        team=invitation.team, start_date=invitation.start_date, by=invitation.invited_by,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.membership = membership
    invitation.save(update_fields=["accepted_at", "accepted_by", "membership"])
    return person, created


def membership_admin_saved(*, membership: Membership, by: User | None, created: bool) -> None:
    """Record a change made in the Wagtail admin's membership form, as the services do for their own."""
    MembershipEvent.objects.create(
        membership=membership,
        action=MembershipEvent.Action.CREATED if created else MembershipEvent.Action.UPDATED,
        changed_by=by, data=_membership_snapshot(membership),
    )
    wagtail_groups_sync(person=membership.person)
    _membership_changed_send(membership)


@transaction.atomic
def person_erase(*, person: User, by: User) -> User:
    """Erase a person's personal data (GDPR) while keeping training records as evidence.

    Completions, attendance, registrations, exemptions and memberships stay, tied to a pseudonymous
    account that can never log in again. The name, email, password, two-factor devices, sessions and
    calendar address go; invitations to the person are deleted; notifications to them are deleted when
    unsent and kept without address or contents when sent (their key keeps a mail from going twice);
    the name and address are replaced in Wagtail's log entries. Then every app's eraser runs
    (`people.personal_data`): staged roster imports, digest lists, ...
    """
    if not access_for(by).is_national_admin:
        raise ValidationError(_("Only a national admin may erase a person's data."))
    if person.pk == by.pk:
        raise ValidationError(_("You cannot erase your own account."))
    person = User.objects.select_for_update().get(pk=person.pk)
    address, name = person.email, person.full_name
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            store(session_key=session.session_key).delete()  # the cached copy too, not only the row
    invitations_of(person).delete()
    person.email = f"slettet-{person.pk}@slettet.invalid"
    person.full_name = _("Erased person %(number)s") % {"number": person.pk}
    person.is_active = False
    person.set_unusable_password()
    person.calendar_token = uuid.uuid4()
    person.groups.clear()
    person.save()
    # Mail sent before the person had an account (the invitation) kept the address on its notification.
    own_notifications = Notification.objects.filter(Q(recipient=person) | Q(email__iexact=address))
    own_notifications.filter(sent_at__isnull=True).delete()
    own_notifications.update(data={})
    own_notifications.filter(recipient__isnull=True).update(email=person.email)
    _log_entries_scrub(needles=(address, name), replacement=person.full_name)
    for membership in Membership.objects.filter(person=person):
        MembershipEvent.objects.create(
            membership=membership, action=MembershipEvent.Action.UPDATED, changed_by=by, data={"erased": True}
        )
    erasers_run(Erasure(person=person, by=by, email=address, full_name=name))
    return person


def _log_entries_scrub(*, needles: tuple[str, ...], replacement: str) -> None:
    """Wagtail's log entries (page and model) keep the object's title as it was (`label`) and details
    (`data`); the erased name and address are replaced in both."""
    needles = needles_of(needles)
    if not needles:
        return
    matches = Q()
    for needle in needles:
        matches |= Q(label__icontains=needle) | Q(data__icontains=needle)
    for model in (ModelLogEntry, PageLogEntry):
        for entry in model.objects.filter(matches):
            entry.label = scrub(entry.label, needles, replacement)
            entry.data = scrub(entry.data, needles, replacement)
            entry.save(update_fields=["label", "data"])
