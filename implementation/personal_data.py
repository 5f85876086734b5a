"""What implementation holds about a person, for the GDPR export and erasure (`people.personal_data`).

The barometer's answers carry no person (they are anonymous by design), so they are neither exported
nor erased per person. What is personal: the round invitations (asked, in which group, answered or not,
and the person's own unsubmitted draft), membership of a plan's implementation group, and the phase
changes, activities and assessments the person recorded (their name as the author).
"""

from people.personal_data import Erasure, record

from .models import AimingPointAssessment, GroupMember, PhaseChange, PlanActivity, RoundInvitation


def export(person) -> dict[str, list[dict]]:
    """The person's sections: one query per section, however many rows."""
    return {
        "implementation_round_invitations": [
            record(i) for i in RoundInvitation.objects.filter(person=person).select_related("round__municipality")
        ],
        "implementation_group_memberships": [
            record(m) for m in GroupMember.objects.filter(person=person).select_related("plan__municipality")
        ],
        "implementation_phase_changes_recorded": [
            record(c) for c in PhaseChange.objects.filter(changed_by=person).select_related("plan__municipality")
        ],
        "implementation_activities_added": [
            record(a) for a in PlanActivity.objects.filter(added_by=person).select_related("plan__municipality", "event")
        ],
        "implementation_assessments_recorded": [
            record(a) for a in AimingPointAssessment.objects.filter(assessed_by=person).select_related("plan__municipality")
        ],
    }


def erase(erasure: Erasure) -> None:
    """An unsubmitted draft is the person's own words: it goes. That they were invited and answered
    stays (the round's response rate), tied to the pseudonymous account; so do the plan's history
    entries, whose author is now that account. Group membership ends with the person."""
    RoundInvitation.objects.filter(person=erasure.person).update(draft={})
    GroupMember.objects.filter(person=erasure.person).delete()
