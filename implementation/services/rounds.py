"""Opening a barometer round: the window, the groups, the invitations of the staff in force on the
opening day; the invitation mail goes after commit through `people.notifications`."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from people.models import Municipality

from .. import mail
from ..models import GROUP_ROLES, ROUND_GROUPS, QuestionnaireVersion, RespondentGroup, Round, RoundInvitation
from ..selectors.scope import may_manage, staff_on
from .questionnaire import version_freeze

MAX_WINDOW_DAYS = 120


def group_for_roles(roles: set, groups: list[str]) -> str | None:
    """The group a person with these roles answers in, among the round's groups (see GROUP_ROLES)."""
    for group, role in GROUP_ROLES.items():
        if group in groups and role in roles:
            return group
    return None


@transaction.atomic
def round_open(*, municipality: Municipality, version: QuestionnaireVersion, opens_on: datetime.date,
               closes_on: datetime.date, groups: list[str], by) -> Round:
    """Open a round for a municipality. Refused (nothing written) for someone who does not lead it, a
    window that closes before it opens or opens in the past, no groups, a group the round cannot ask,
    or a group the version has no statements for. Freezes the version and invites the staff in force
    on the opening day, each in their group."""
    if not may_manage(by, municipality):
        raise PermissionDenied(_("Only the municipality's leaders and national admins open barometer rounds."))
    today = timezone.localdate()
    errors = {}
    groups = list(dict.fromkeys(groups or []))
    if not groups:
        errors["groups"] = _("Choose at least one respondent group.")
    elif any(g not in ROUND_GROUPS for g in groups):
        errors["groups"] = _("A round can ask leaders, ICS superusers and caseworkers.")
    else:
        statements = list(version.statements.values_list("audience", flat=True))
        empty = [RespondentGroup(g).label for g in groups
                 if not any(a == "alle" or a == g for a in statements)]
        if empty:
            errors["groups"] = _("The questionnaire has no statements for: %(groups)s. Remove the group or "
                                 "choose another version.") % {"groups": ", ".join(str(e) for e in empty)}
    if opens_on < today:
        errors["opens_on"] = _("The round cannot open in the past.")
    if closes_on < opens_on:
        errors["closes_on"] = _("The round must close on or after the day it opens.")
    elif (closes_on - opens_on).days > MAX_WINDOW_DAYS:
        errors["closes_on"] = _("A round can be open for at most %(days)s days.") % {"days": MAX_WINDOW_DAYS}
    if errors:
        raise ValidationError(errors)

    barometer_round = Round(municipality=municipality, version=version, opens_on=opens_on, closes_on=closes_on,
                            groups=groups, created_by=by)
    barometer_round.full_clean()
    barometer_round.save()
    version_freeze(version)

    roles = {}
    for person_id, role in staff_on(municipality, opens_on).values_list("person_id", "role"):
        roles.setdefault(person_id, set()).add(role)
    invitations = []
    for person_id, held in roles.items():
        group = group_for_roles(held, groups)
        if group:
            invitations.append(RoundInvitation(round=barometer_round, person_id=person_id, group=group))
    if not invitations:
        raise ValidationError({"groups": _("Nobody on the staff on %(day)s belongs to the chosen groups.") % {
            "day": date_format(opens_on, "j. F Y")}})
    RoundInvitation.objects.bulk_create(invitations)
    if opens_on <= today:
        mail.invitations_queue(round_id=barometer_round.pk)
    return barometer_round
