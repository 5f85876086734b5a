"""Learning views: thin. Reads through selectors, writes through services."""

import csv
import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.permissions import access_for, get_visible_or_404, visible_people

from . import imports, selectors, services
from .certificates import certificate_filename, certificate_pdf, normalise_code
from .forms import AssignForm, ImportUploadForm, ManualCompletionForm, RevokeForm, VerifyForm
from .models import Completion, CompletionMethod, CoursePage, LessonPage

IMPORT_SESSION_KEY = "courses_import_preview"


def _messages_text(exc: ValidationError):
    return " ".join(str(m) for m in exc.messages)


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site; redirect() would also try a posted string as a view name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect(fallback)


# --- The learner ----------------------------------------------------------------------------------


@login_required
def my_courses(request):
    data = selectors.my_courses(person=request.user, request=request)
    enrolled = {p.course.pk for p in data["courses"]}
    return render(request, "courses/learning/my_courses.html", {
        **data,
        "open_courses": [c for c in selectors.open_courses(request.user) if c.pk not in enrolled],
        "certificates": selectors.own_completions(person=request.user),
    })


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enrolment_self(person=request.user, course=course)
    except ValidationError as exc:
        messages.error(request, _messages_text(exc))
    else:
        messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    return _back(request, "courses:my_courses")


@login_required
@require_POST
def lesson_complete(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        services.lesson_complete(person=request.user, lesson=lesson)
    except ValidationError as exc:
        messages.error(request, _messages_text(exc))
        return _back(request, lesson.get_url(request) or "courses:my_courses")
    messages.success(request, _("The lesson “%(lesson)s” is marked as completed.") % {"lesson": lesson.title})
    progress = selectors.course_progress(person=request.user, course=selectors.course_for_lesson(lesson),
                                         request=request)
    if progress.completion and progress.completion.completed_on == timezone.localdate():
        messages.success(request, _("You have completed the course. Your certificate is ready under My courses."))
    nxt = progress.next_lesson
    if request.POST.get("continue") and nxt and nxt.url:
        return redirect(nxt.url)
    return _back(request, lesson.get_url(request) or "courses:my_courses")


@login_required
def certificate_download(request, completion_id):
    """The learner's own certificate (a leader or national admin may fetch those of people they see)."""
    completion = get_object_or_404(
        Completion.objects.valid().select_related("person", "course", "provider")
        .filter(person__in=visible_people(request.user)),
        pk=completion_id,
    )
    response = HttpResponse(certificate_pdf(completion), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(completion)}"'
    return response


@login_required
def my_data(request):
    return render(request, "courses/learning/my_data.html", {})


@login_required
def my_data_json(request):
    data = selectors.personal_data(person=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data-ics-akademi.json"'
    return response


@login_required
def my_data_csv(request):
    data = selectors.personal_data(person=request.user)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("section"), _("record"), _("field"), _("value")])
    for section, number, key, value in selectors.personal_data_rows(data):
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
        writer.writerow([section, number, key, value])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mine-data-ics-akademi.csv"'
    return response


# --- Public verification ----------------------------------------------------------------------------


def certificate_verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["kode"])
        return redirect("courses:certificate_verify", code=code or "ukendt")
    return render(request, "courses/learning/verify.html", {"form": form, "state": None})


def certificate_verify(request, code):
    """Valid: name, course and date, nothing more. Revoked: says so. Unknown or tampered: says so, revealing
    nothing (not even whether something similar exists)."""
    normalised = normalise_code(code)
    completion = None
    if normalised:
        completion = (
            Completion.objects.select_related("person", "course", "revocation")
            .filter(verification_code=normalised).first()
        )
    if completion is None:
        state = "unknown"
    elif completion.is_revoked:
        state = "revoked"
    else:
        state = "valid"
    response = render(request, "courses/learning/verify.html", {
        "form": VerifyForm(), "state": state, "completion": completion if state == "valid" else None,
        "code": normalised or "",
    }, status=404 if state == "unknown" else 200)
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Leaders --------------------------------------------------------------------------------------


@login_required
def team_index(request):
    if not selectors.may_see_team_progress(request.user):
        raise PermissionDenied
    municipalities = selectors.team_municipalities(viewer=request.user)
    if len(municipalities) == 1:
        return redirect("courses:team_progress", municipality_slug=municipalities[0].slug)
    return render(request, "courses/learning/team_index.html", {"municipalities": municipalities})


@login_required
def team_progress(request, municipality_slug):
    municipality = get_visible_or_404(selectors.team_municipalities(viewer=request.user), slug=municipality_slug)
    teams = list(municipality.teams.order_by("name"))
    team = None
    if request.GET.get("team"):
        team = next((t for t in teams if str(t.pk) == request.GET["team"]), None)
        if team is None:
            raise Http404
    data = selectors.team_progress(viewer=request.user, municipality=municipality, team=team,
                                   page=request.GET.get("side") or 1)
    return render(request, "courses/learning/team_progress.html", {
        **data, "municipality": municipality, "teams": teams, "team": team,
        "assign_form": AssignForm(viewer=request.user, municipality=municipality),
        "may_import": imports.may_import(request.user),
        "may_revoke": access_for(request.user).is_national_admin,
    })


@login_required
def assign(request, municipality_slug):
    municipality = get_visible_or_404(selectors.team_municipalities(viewer=request.user), slug=municipality_slug)
    form = AssignForm(request.POST or None, viewer=request.user, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolments = services.enrolment_assign(
                by=request.user, course=data["course"], due_date=data["due_date"],
                people=[data["person"]] if data["person"] else [], team=data["team"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("“%(course)s” is assigned to %(count)s people.") % {
                "course": data["course"].title, "count": len(enrolments)})
            return redirect("courses:team_progress", municipality_slug=municipality.slug)
    return render(request, "courses/learning/assign.html", {"form": form, "municipality": municipality})


@login_required
def import_completions(request):
    if not imports.may_import(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            preview = imports.import_preview(by=request.user, uploaded=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session[IMPORT_SESSION_KEY] = preview.payload()
    return render(request, "courses/learning/import.html", {"form": form, "preview": preview})


@login_required
@require_POST
def import_confirm(request):
    if not imports.may_import(request.user):
        raise PermissionDenied
    payload = request.session.pop(IMPORT_SESSION_KEY, None)
    if not payload:
        messages.error(request, _("There is no import waiting for confirmation. Upload the file again."))
        return redirect("courses:import_completions")
    result = imports.import_confirm(by=request.user, payload=payload)
    messages.success(request, _("%(created)s earlier completions saved; %(skipped)s were already on record.") % result)
    return redirect("courses:import_completions")


@login_required
def completion_revoke(request, completion_id):
    completion = get_object_or_404(Completion.objects.select_related("person", "course"), pk=completion_id)
    access = access_for(request.user)
    if not (access.is_national_admin or (completion.provider_id and access.coordinates(completion.provider_id))):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.completion_revoke(completion=completion, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The completion is revoked. It stays on record with your reason."))
            return redirect("courses:certificate_verify", code=completion.verification_code)
    return render(request, "courses/learning/revoke.html", {"form": form, "completion": completion})


@login_required
def completion_create(request):
    """A provider coordinator or national admin enters a completion by hand, with a reason."""
    if not services.may_record_manually(request.user):
        raise PermissionDenied
    form = ManualCompletionForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            completion, created = services.completion_record(
                person=data["person"], course=data["course"], completed_on=data["completed_on"],
                method=CompletionMethod.MANUAL, by=request.user, provider=data["provider"], reason=data["reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        except PermissionDenied:
            form.add_error("provider", _("You may only enter completions for courses run by your provider."))
        else:
            if created:
                messages.success(request, _("The completion is saved with its verification code %(code)s.")
                                 % {"code": completion.verification_code})
            else:
                messages.info(request, _("%(person)s already holds a valid completion of “%(course)s” "
                                         "(%(date)s); nothing was changed.") % {
                    "person": completion.person, "course": completion.course.title,
                    "date": completion.completed_on.strftime("%d-%m-%Y")})
            return redirect("courses:completion_create")
    return render(request, "courses/learning/completion_form.html", {"form": form})


# --- Dashboard panels (registered from apps.py) -------------------------------------------------------


def my_courses_panel(request, access):
    data = selectors.my_courses(person=request.user, request=request)
    if not data["courses"] and not data["sessions"]:
        if not access.municipality_ids():
            return None  # provider staff and national admins without courses of their own
        return {"template": "courses/learning/panel_my_courses.html", "order": 20, "courses": [], "sessions": [],
                "open_courses": list(selectors.open_courses(request.user)[:3])}
    return {"template": "courses/learning/panel_my_courses.html", "order": 20, **data}


def team_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None  # national admins reach every municipality from their own panel
    municipalities = list(selectors.team_municipalities(viewer=request.user))
    summaries = selectors.team_summary(municipality_ids=[m.pk for m in municipalities])
    return {
        "template": "courses/learning/panel_team.html", "order": 45,
        "municipalities": [(m, summaries.get(m.pk, [])) for m in municipalities],
    }


def records_panel(request, access):
    """Provider coordinators and national admins: enter completions by hand, import, verify."""
    if not services.may_record_manually(request.user):
        return None
    return {"template": "courses/learning/panel_records.html", "order": 55,
            "is_national_admin": access.is_national_admin}


def register_panels():
    from people.dashboard import register_panel

    register_panel("completion_records", records_panel)
    register_panel("my_courses", my_courses_panel)
    register_panel("team_progress", team_panel)
