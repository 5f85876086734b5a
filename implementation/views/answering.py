"""The respondent's pages: the index of their rounds and plans, and the questionnaire."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from web.forms import error_text

from ..models import Answer, Round
from ..selectors import answering, scope
from ..services.answering import NotInRound, answers_save


@login_required
def index(request):
    return render(request, "implementation/index.html", {
        "invitations": list(answering.open_invitations(person=request.user)),
        "municipalities": list(scope.plan_municipalities(request.user).order_by("name")),
        "national": scope.may_see_national(request.user),
    })


@login_required
def answer(request, pk):
    barometer_round = get_object_or_404(Round.objects.select_related("municipality", "version"), pk=pk)
    invitation = answering.invitation_for(barometer_round=barometer_round, person=request.user)
    if invitation is None:  # not among the respondents: the round is simply not there for them
        raise Http404
    statements = answering.statements_for(barometer_round=barometer_round, group=invitation.group)
    values = {int(k): v for k, v in invitation.draft.items()}
    error, missing = None, set()
    if request.method == "POST":
        posted = {s.pk: request.POST.get(f"s{s.pk}") for s in statements if request.POST.get(f"s{s.pk}")}
        unknown = [k for k in request.POST if k.startswith("s") and k[1:].isdigit()
                   and int(k[1:]) not in {s.pk for s in statements}]
        submit = request.POST.get("action") == "submit"
        try:
            if unknown:
                raise ValidationError(_("An answer could not be read. Reload the page and try again."))
            answers_save(barometer_round=barometer_round, person=request.user, values=posted, submit=submit)
        except NotInRound as exc:
            raise Http404 from exc
        except ValidationError as exc:
            error = error_text(exc)
            missing = set((getattr(exc, "params", None) or {}).get("missing", []))
            values.update({k: v for k, v in posted.items() if v in Answer.values})
        else:
            if submit:
                messages.success(request, _("Thank you. Your answers have been submitted anonymously."))
                return redirect("implementation:index")
            messages.success(request, _("Your answers are saved. You can come back and finish until %(day)s.") % {
                "day": date_format(barometer_round.closes_on, "j. F Y")})
            return redirect("implementation:answer", pk=barometer_round.pk)
    today = timezone.localdate()
    state = ("answered" if invitation.has_answered else "closed" if today > barometer_round.closes_on
             else "not_open" if today < barometer_round.opens_on else "open")
    return render(request, "implementation/answer.html", {
        "round": barometer_round, "invitation": invitation, "state": state, "error": error,
        "phases": answering.by_phase(statements), "values": values, "missing": missing,
        "choices": Answer.choices, "answered_count": sum(1 for s in statements if s.pk in values),
        "statement_count": len(statements),
    }, status=400 if error else 200)
