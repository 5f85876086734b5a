"""Leaders: their municipality's team progress, and assigning a course with a due date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from people.permissions import access_for, get_visible_or_404
from web.forms import errors_to_form

from .. import imports
from ..forms import AssignForm
from ..selectors.team_progress import may_see_team_progress, team_municipalities
from ..selectors.team_progress import team_progress as team_progress_data
from ..services.enrolment import enrolment_assign


@login_required
def team_index(request):
    if not may_see_team_progress(request.user):
        raise PermissionDenied
    municipalities = team_municipalities(viewer=request.user)
    if len(municipalities) == 1:
        return redirect("courses:team_progress", municipality_slug=municipalities[0].slug)
    return render(request, "courses/learning/team_index.html", {"municipalities": municipalities})


@login_required
def team_progress(request, municipality_slug):
    municipality = get_visible_or_404(team_municipalities(viewer=request.user), slug=municipality_slug)
    teams = list(municipality.teams.order_by("name"))
    team = None
    if request.GET.get("team"):
        team = next((t for t in teams if str(t.pk) == request.GET["team"]), None)
        if team is None:
            raise Http404
    data = team_progress_data(viewer=request.user, municipality=municipality, team=team,
                              page=request.GET.get("side") or 1)
    return render(request, "courses/learning/team_progress.html", {
        **data, "municipality": municipality, "teams": teams, "team": team,
        "assign_form": AssignForm(viewer=request.user, municipality=municipality),
        "may_import": imports.may_import(request.user),
        "may_revoke": access_for(request.user).is_national_admin,
    })


@login_required
def assign(request, municipality_slug):
    municipality = get_visible_or_404(team_municipalities(viewer=request.user), slug=municipality_slug)
    form = AssignForm(request.POST or None, viewer=request.user, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolments = enrolment_assign(
                by=request.user, course=data["course"], due_date=data["due_date"],
                people=[data["person"]] if data["person"] else [], team=data["team"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, ngettext("“%(course)s” is assigned to %(count)s person.",
                                               "“%(course)s” is assigned to %(count)s people.", len(enrolments)) % {
                "course": data["course"].title, "count": len(enrolments)})
            return redirect("courses:team_progress", municipality_slug=municipality.slug)
    return render(request, "courses/learning/assign.html", {"form": form, "municipality": municipality})
