"""A respondent's answers: saved as a draft on their own invitation until they submit, then stored
as an anonymous `Response` (the group only) and the invitation marked answered, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Answer, Response, Round, RoundInvitation, StatementAnswer
from ..selectors.answering import statements_for


class NotInRound(Exception):
    """The person is not among the round's respondents (the view answers 404)."""


def _invitation_locked(*, barometer_round: Round, person) -> RoundInvitation:
    invitation = (RoundInvitation.objects.select_for_update().filter(round=barometer_round, person=person).first()
                  if person.is_authenticated else None)
    if invitation is None:
        raise NotInRound
    return invitation


def assert_may_answer(*, barometer_round: Round, invitation: RoundInvitation) -> None:
    today = timezone.localdate()
    if invitation.has_answered:
        raise ValidationError(_("You have already answered this barometer. Answers are anonymous, so they "
                                "cannot be seen or changed afterwards."), code="answered")
    if today > barometer_round.closes_on:
        raise ValidationError(_("The barometer closed on %(day)s; answers can no longer be given.") % {
            "day": date_format(barometer_round.closes_on, "j. F Y")}, code="closed")
    if today < barometer_round.opens_on:
        raise ValidationError(_("The barometer opens on %(day)s.") % {
            "day": date_format(barometer_round.opens_on, "j. F Y")}, code="not_open")


@transaction.atomic
def answers_save(*, barometer_round: Round, person, values: dict, submit: bool) -> RoundInvitation:
    """Save the person's answers ({statement id: Answer value}). With `submit`, every statement for
    their group must be answered ("Ved ikke" counts); the answers then become an anonymous response
    and cannot be changed. Refused (nothing written) when the person is not a respondent (NotInRound),
    has answered, or the round is closed or not yet open; unknown statements or values are refused."""
    invitation = _invitation_locked(barometer_round=barometer_round, person=person)
    assert_may_answer(barometer_round=barometer_round, invitation=invitation)
    statements = statements_for(barometer_round=barometer_round, group=invitation.group)
    allowed = {s.pk for s in statements}
    clean = {}
    for key, value in values.items():
        try:
            statement_id = int(key)
        except (TypeError, ValueError):
            statement_id = None
        if statement_id not in allowed or value not in Answer.values:
            raise ValidationError(_("An answer could not be read. Reload the page and try again."), code="invalid")
        clean[statement_id] = value
    merged = {**{int(k): v for k, v in invitation.draft.items()}, **clean}
    if not submit:
        invitation.draft = {str(k): v for k, v in merged.items()}
        invitation.save(update_fields=["draft"])
        return invitation
    missing = [s for s in statements if s.pk not in merged]
    if missing:
        raise ValidationError(ngettext(
            "%(count)d statement has no answer yet. Answer it (choose »Don't know« if you have no view) "
            "and submit again.",
            "%(count)d statements have no answer yet. Answer them (choose »Don't know« if you have no view) "
            "and submit again.", len(missing)) % {"count": len(missing)}, code="missing",
            params={"missing": [s.pk for s in missing]})
    response = Response.objects.create(round=barometer_round, group=invitation.group)
    StatementAnswer.objects.bulk_create(
        [StatementAnswer(response=response, statement_id=s.pk, value=merged[s.pk]) for s in statements]
    )
    invitation.has_answered = True
    invitation.draft = {}
    invitation.save(update_fields=["has_answered", "draft"])
    return invitation


@transaction.atomic
def drafts_purge(*, today=None) -> int:
    """Empty the drafts of closed rounds: unsubmitted answers are not kept after the close."""
    today = today or timezone.localdate()
    return (RoundInvitation.objects.filter(round__closes_on__lt=today, has_answered=False).exclude(draft={})
            .update(draft={}))
