"""What a respondent sees: their open rounds and the statements for their group."""

from django.utils import timezone

from ..models import PHASE_ORDER, Audience, Phase, Round, RoundInvitation, Statement


def statements_for(*, barometer_round: Round, group: str) -> list[Statement]:
    """The round's statements that apply to a group, by phase then order. One query."""
    rows = Statement.objects.filter(version_id=barometer_round.version_id, audience__in=[Audience.EVERYONE, group])
    rank = {p: i for i, p in enumerate(PHASE_ORDER)}
    return sorted(rows, key=lambda s: (rank[s.phase], s.sort_order, s.pk))


def by_phase(statements: list[Statement]) -> list[tuple[str, list[Statement]]]:
    """[(phase label, statements)] in phase order, phases without statements left out."""
    out = []
    for phase in PHASE_ORDER:
        rows = [s for s in statements if s.phase == phase]
        if rows:
            out.append((Phase(phase).label, rows))
    return out


def open_invitations(*, person):
    """The person's invitations to rounds open today and not yet answered (their dashboard)."""
    today = timezone.localdate()
    return (RoundInvitation.objects.filter(person=person, has_answered=False, round__opens_on__lte=today,
                                           round__closes_on__gte=today)
            .select_related("round__municipality").order_by("round__closes_on"))


def invitation_for(*, barometer_round: Round, person) -> RoundInvitation | None:
    if not person.is_authenticated:
        return None
    return RoundInvitation.objects.filter(round=barometer_round, person=person).first()
