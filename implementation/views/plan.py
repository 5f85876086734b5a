"""The municipality's implementation plan and the forms that change it; opening a round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from web.converters import parse_id
from web.forms import error_text, errors_to_form

from ..forms import ActivityForm, AssessmentForm, GoalsForm, GroupMemberForm, PhaseForm, RoundOpenForm
from ..models import Assessment, GroupMember, Round
from ..selectors import scope
from ..selectors.plan import plan_view
from ..services import plan as plan_services
from ..services.rounds import round_open as round_open_service


def _page(request, municipality, forms=None, status=200):
    view = plan_view(municipality=municipality)
    may_manage = scope.may_manage(request.user, municipality)
    forms = forms or {}
    context = {
        "municipality": municipality, "view": view, "may_manage": may_manage,
        "rounds": list(Round.objects.filter(municipality=municipality).order_by("-opens_on", "-pk")),
        "assessment_choices": Assessment.choices,
        "phase_form": forms.get("phase") or PhaseForm(),
        "goals_form": forms.get("goals") or GoalsForm(initial={"local_goals": view.plan.local_goals if view.plan else ""}),
        "member_form": forms.get("member") or GroupMemberForm(municipality=municipality),
        "activity_form": forms.get("activity") or ActivityForm(municipality=municipality),
        "assessment_error": forms.get("assessment_error"),
    }
    return render(request, "implementation/plan.html", context, status=status)


@login_required
def plan(request, slug):
    municipality = scope.plan_municipality_or_404(viewer=request.user, slug=slug)
    return _page(request, municipality)


def _managed_or_404(request, slug):
    municipality = scope.plan_municipality_or_404(viewer=request.user, slug=slug)
    if not scope.may_manage(request.user, municipality):
        raise Http404
    return municipality


@login_required
@require_POST
def plan_action(request, slug, action):
    municipality = _managed_or_404(request, slug)
    forms = {}
    try:
        if action == "fase":
            form = forms["phase"] = PhaseForm(request.POST)
            if form.is_valid():
                plan_services.phase_change(municipality=municipality, phase=form.cleaned_data["phase"],
                                           note=form.cleaned_data["note"], by=request.user)
                messages.success(request, _("The phase has been changed."))
        elif action == "maal":
            form = forms["goals"] = GoalsForm(request.POST)
            if form.is_valid():
                plan_services.goals_update(municipality=municipality, local_goals=form.cleaned_data["local_goals"],
                                           by=request.user)
                messages.success(request, _("The local goals have been saved."))
        elif action == "gruppe":
            form = forms["member"] = GroupMemberForm(request.POST, municipality=municipality)
            if form.is_valid():
                plan_services.group_member_add(municipality=municipality, person=form.cleaned_data["person"],
                                               role=form.cleaned_data["role"], by=request.user)
                messages.success(request, _("The person has been added to the implementation group."))
        elif action == "gruppe-fjern":
            member_id = parse_id(request.POST.get("member"))
            member = GroupMember.objects.filter(pk=member_id, plan__municipality=municipality).first()
            if member is None:
                raise Http404
            plan_services.group_member_remove(member=member, by=request.user)
            messages.success(request, _("The person has been removed from the implementation group."))
            form = None
        elif action == "aktivitet":
            form = forms["activity"] = ActivityForm(request.POST, municipality=municipality)
            if form.is_valid():
                plan_services.activity_link(municipality=municipality, event=form.cleaned_data["event"],
                                            aiming_point=form.cleaned_data["aiming_point"], by=request.user)
                messages.success(request, _("The activity has been added to the plan."))
        elif action == "sigtepunkt":
            form = AssessmentForm(request.POST)
            if form.is_valid():
                plan_services.assessment_record(
                    municipality=municipality, aiming_point=form.cleaned_data["aiming_point"],
                    assessment=form.cleaned_data["assessment"], note=form.cleaned_data["note"], by=request.user)
                messages.success(request, _("The assessment has been saved."))
            else:
                forms["assessment_error"] = (form.data.get("aiming_point"), _("Choose an assessment and write a note."))
        else:
            raise Http404
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        if action == "sigtepunkt":
            forms["assessment_error"] = (request.POST.get("aiming_point"), error_text(exc))
        elif form is not None:
            errors_to_form(form, exc)
        else:
            messages.error(request, error_text(exc))
    if form is not None and (not form.is_valid() or form.errors) or forms.get("assessment_error"):
        messages.error(request, _("Nothing was changed. See the message by the form."))
        return _page(request, municipality, forms, status=400)
    return redirect("implementation:plan", slug=municipality.slug)


@login_required
def round_open(request, slug):
    municipality = _managed_or_404(request, slug)
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            barometer_round = round_open_service(
                municipality=municipality, version=form.cleaned_data["version"],
                opens_on=form.cleaned_data["opens_on"], closes_on=form.cleaned_data["closes_on"],
                groups=form.cleaned_data["groups"], by=request.user)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            n = barometer_round.invitations.count()
            messages.success(request, ngettext("The round is open. %(n)s person has been invited.",
                                               "The round is open. %(n)s people have been invited.", n) % {"n": n})
            return redirect("implementation:plan", slug=municipality.slug)
    return render(request, "implementation/round_form.html", {"municipality": municipality, "form": form},
                  status=400 if form.errors else 200)
