"""The municipality's staff list, roster import and exemptions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from people.models import User
from people.permissions import access_for
from people.tabular import TableError
from web.forms import errors_to_form

from .. import roster, services
from ..forms import ExemptionEndForm, ExemptionForm, RosterUploadForm, StaffMemberForm
from ..models import RosterImport
from ..selectors import reports, scope
from ..status import BADGE, Status


def _leader_municipality(request, slug):
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    if not access_for(request.user).may_manage_staff(municipality):
        raise Http404
    return municipality


@login_required
@require_http_methods(["GET", "POST"])
def staff(request, slug):
    municipality = _leader_municipality(request, slug)
    form = StaffMemberForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        raw = form.raw_row()
        checked = roster.check_rows([raw], municipality=municipality)[0]
        field_names = {
            "name": "name",
            "email": "email",
            "role": "role",
            "team": "team",
            "start": "start",
            "end": "end",
        }
        if checked.errors:
            for key, message in checked.errors.items():
                form.add_error(field_names[key], message)
        elif checked.action in (roster.Action.UNCHANGED, roster.Action.SKIP):
            messages.info(
                request, checked.note or _("Nothing changed: the person is already on the staff as given.")
            )
            return redirect("compliance:staff", slug=municipality.slug)
        else:
            roster.apply_rows([raw], municipality=municipality, by=request.user)
            messages.success(
                request, _("%(name)s: %(action)s.") % {"name": raw["name"], "action": checked.action_label}
            )
            return redirect("compliance:staff", slug=municipality.slug)
    report = reports.municipal_report(municipality=municipality)
    return render(
        request,
        "compliance/staff.html",
        {
            "municipality": municipality,
            "form": form,
            "rows": report.rows,
            "badge": BADGE,
            "upload_form": RosterUploadForm(),
        },
    )


@login_required
@require_POST
def roster_upload(request, slug):
    municipality = _leader_municipality(request, slug)
    form = RosterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("compliance:staff", slug=municipality.slug)
    upload = form.cleaned_data["file"]
    try:
        rows = roster.read_rows(upload)
    except TableError as error:
        messages.error(request, str(error))
        return redirect("compliance:staff", slug=municipality.slug)
    staged = RosterImport.objects.create(
        municipality=municipality, uploaded_by=request.user, filename=upload.name[:255], rows=rows
    )
    return redirect("compliance:roster_preview", slug=municipality.slug, pk=staged.pk)


@login_required
@require_http_methods(["GET", "POST"])
def roster_preview(request, slug, pk):
    municipality = _leader_municipality(request, slug)
    staged = RosterImport.objects.filter(pk=pk, municipality=municipality, uploaded_by=request.user).first()
    if staged is None:
        raise Http404
    if request.method == "POST":
        if staged.applied_at:
            messages.info(request, _("This file has already been imported."))
            return redirect("compliance:staff", slug=municipality.slug)
        result = roster.apply_rows(staged.rows, municipality=municipality, by=request.user)
        # The staged file is marked once; a second click finds applied_at set.
        RosterImport.objects.filter(pk=staged.pk, applied_at__isnull=True).update(
            applied_at=timezone.now(), result=result.as_dict()
        )
        done = sum(
            n
            for action, n in result.counts.items()
            if action not in (roster.Action.UNCHANGED, roster.Action.SKIP)
        )
        messages.success(
            request,
            _("The import is done: %(done)s changes, %(errors)s rows with errors left out.")
            % {
                "done": done,
                "errors": result.errors,
            },
        )
        return redirect("compliance:staff", slug=municipality.slug)
    checked = roster.check_rows(staged.rows, municipality=municipality)
    return render(
        request,
        "compliance/roster_preview.html",
        {
            "municipality": municipality,
            "staged": staged,
            "rows": checked,
            "summary": roster.actions_summary(checked),
            "error_count": sum(1 for r in checked if not r.ok),
            "good_count": sum(1 for r in checked if r.ok),
        },
    )


# --- Exemptions --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def exemption_create(request, slug, person_id):
    """Grant an exemption, or end the one in force early (both append-only)."""
    municipality = _leader_municipality(request, slug)
    report = reports.municipal_report(municipality=municipality)
    row = next((r for r in report.rows if r.person_id == person_id), None)
    if row is None:
        raise Http404
    current = row.derived.exemption if row.status == Status.EXEMPT else None
    if current is not None:
        return _exemption_end(request, municipality, row, current)
    form = ExemptionForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.exemption_create(
                person=User.objects.get(pk=person_id),
                municipality=municipality,
                by=request.user,
                reason=form.cleaned_data["reason"],
                valid_from=form.cleaned_data["valid_from"],
                valid_until=form.cleaned_data.get("valid_until"),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("%(name)s is exempt.") % {"name": row.name})
            return redirect("compliance:municipal", slug=municipality.slug)
    return render(
        request,
        "compliance/exemption_form.html",
        {
            "municipality": municipality,
            "row": row,
            "form": form,
        },
    )


def _exemption_end(request, municipality, row, current):
    from ..models import Exemption

    form = ExemptionEndForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        exemption = Exemption.objects.get(pk=current.exemption_id, municipality=municipality)
        try:
            services.exemption_withdraw(
                exemption=exemption,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["end_reason"],
                by=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The exemption of %(name)s has been ended.") % {"name": row.name})
            return redirect("compliance:municipal", slug=municipality.slug)
    return render(
        request,
        "compliance/exemption_end.html",
        {
            "municipality": municipality,
            "row": row,
            "form": form,
            "exemption": current,
        },
    )
