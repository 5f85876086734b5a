"""Small setups for the implementation tests: a questionnaire, staff by role, a round, answers."""

import datetime

from django.utils import timezone

from implementation.models import (
    Answer,
    Audience,
    Phase,
    QuestionnaireVersion,
    Response,
    Round,
    RoundInvitation,
    Statement,
    StatementAnswer,
)
from implementation.services.questionnaire import version_create
from tests.factories import MembershipFactory

STATEMENTS = [
    {"code": "F1-01", "phase": Phase.DECISION, "aiming_point": "ledelsen", "audience": Audience.EVERYONE,
     "text": "Jeg ved, hvorfor vi arbejder med ICS."},
    {"code": "F2-01", "phase": Phase.READY, "aiming_point": "medarbejdere", "audience": Audience.EVERYONE,
     "text": "Alle har været på grundkursus."},
    {"code": "F3-01", "phase": Phase.RUNNING, "aiming_point": "praksis", "audience": Audience.EVERYONE,
     "text": "Jeg bruger ICS-trekanten i mine sager."},
    {"code": "F3-02", "phase": Phase.RUNNING, "aiming_point": "superbrugere", "audience": Audience.SUPERUSERS,
     "text": "Kollegerne søger sparring hos mig."},
    {"code": "F4-01", "phase": Phase.ANCHORING, "aiming_point": "praksis", "audience": Audience.EVERYONE,
     "text": "ICS er den naturlige måde at arbejde på."},
]


def questionnaire(statements=None) -> QuestionnaireVersion:
    return version_create(title="Barometer", by=None, statements=statements or STATEMENTS)


def staff(municipality, role, n, start=datetime.date(2020, 1, 1)):
    return [MembershipFactory(municipality=municipality, role=role, start_date=start).person for _ in range(n)]


def closed_round(municipality, version, *, opens_on=None, groups=("sagsbehandlere", "superbrugere", "ledere")):
    opens_on = opens_on or timezone.localdate() - datetime.timedelta(days=60)
    return Round.objects.create(municipality=municipality, version=version, opens_on=opens_on,
                                closes_on=opens_on + datetime.timedelta(days=14), groups=list(groups))


def responses(barometer_round, group, values_per_response):
    """Responses of a group written directly: `values_per_response` is a list of one value each (the same
    value for every statement of the group), e.g. ["5", "4", "4"]."""
    statements = [s for s in Statement.objects.filter(version=barometer_round.version) if s.applies_to(group)]
    for value in values_per_response:
        response = Response.objects.create(round=barometer_round, group=group)
        StatementAnswer.objects.bulk_create([StatementAnswer(response=response, statement=s, value=value)
                                             for s in statements])


def invitations(barometer_round, people, group, answered=0):
    RoundInvitation.objects.bulk_create([
        RoundInvitation(round=barometer_round, person=p, group=group, has_answered=i < answered)
        for i, p in enumerate(people)])


def all_answers(statements, value=Answer.AGREE):
    return {s.pk: value for s in statements}
