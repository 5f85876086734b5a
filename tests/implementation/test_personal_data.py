"""A respondent's export holds their invitation and own draft, never anyone's answers; erasure empties
the draft and keeps the response rate."""

import pytest

from implementation.models import Response, RoundInvitation
from people.personal_data import personal_data_export
from people.services import person_erase

from .factories import closed_round, invitations, questionnaire, responses, staff

pytestmark = pytest.mark.django_db


def test_export_and_erasure_of_a_respondent(municipality, admin_user):
    version = questionnaire()
    barometer_round = closed_round(municipality, version)
    person, colleague = staff(municipality, "sagsbehandler", 2)
    invitations(barometer_round, [person, colleague], "sagsbehandlere", answered=1)
    RoundInvitation.objects.filter(person=person).update(draft={"1": "5", "2": "ved-ikke"})
    responses(barometer_round, "sagsbehandlere", ["2"])

    export = personal_data_export(person=person)
    rows = export["implementation_round_invitations"]
    assert [(r["round_id"], r["group"], r["draft"]) for r in rows] == [
        (barometer_round.pk, "sagsbehandlere", {"1": "5", "2": "ved-ikke"})]
    # The answers themselves are anonymous: no section carries a statement's value from a response.
    assert sorted(k for k in export if k.startswith("implementation")) == [
        "implementation_activities_added", "implementation_assessments_recorded",
        "implementation_group_memberships", "implementation_phase_changes_recorded",
        "implementation_round_invitations"]

    person_erase(person=person, by=admin_user)

    invitation = RoundInvitation.objects.get(person=person)
    assert invitation.draft == {} and invitation.has_answered
    assert RoundInvitation.objects.get(person=colleague).has_answered is False
    assert Response.objects.filter(round=barometer_round).count() == 1
