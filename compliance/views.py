from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from people.models import User
from people.permissions import access_for
from people.tabular import TableError
from scheduling.models import Registration
from web.converters import parse_ids
from web.forms import errors_to_form

from . import exports, roster, services
from .chart import trend_chart
from .forms import AsOfForm, ExemptionEndForm, ExemptionForm, RosterUploadForm, StaffMemberForm
from .models import RosterImport
from .selectors import personal, reports, scope, trend
from .status import BADGE, STATUS_ORDER, Progress, Status

EXPORT_FORMATS = ("csv", "xlsx", "pdf")


def _as_of(request):
    """The "as of" day from ?dato=YYYY-MM-DD; today when absent. A future or unreadable date is refused."""
    today = timezone.localdate()
    form = AsOfForm(request.GET or None)
    if not request.GET.get("dato"):
        return today, form
    if not form.is_valid() or not form.cleaned_data.get("dato"):
        messages.error(request, _("The date could not be read; showing today's figures."))
        return today, AsOfForm()
    day = form.cleaned_data["dato"]
    if day > today:
        messages.error(request, _("Figures cannot be shown for a future date; showing today's figures."))
        return today, AsOfForm()
    return day, form


def _query_suffix(request, *names):
    from urllib.parse import urlencode

    params = {n: request.GET[n] for n in names if request.GET.get(n)}
    return ("?" + urlencode(params)) if params else ""


@login_required
def index(request):
    access = access_for(request.user)
    if access.is_national_admin:
        return redirect("compliance:national")
    municipalities = list(scope.report_municipalities(request.user))
    if len(municipalities) == 1:
        return redirect("compliance:municipal", slug=municipalities[0].slug)
    if municipalities:
        return render(request, "compliance/municipality_choice.html", {"municipalities": municipalities})
    return redirect("compliance:own_status")


@login_required
def own_status(request):
    return render(request, "compliance/own_status.html", {"statuses": personal.own_statuses(person=request.user),
                                                          "badge": BADGE})


# --- Municipal report --------------------------------------------------------------------------


def _filtered(request, report):
    sort = request.GET.get("sort", "navn")
    descending = request.GET.get("retning") == "faldende"
    rows = reports.filter_rows(
        report.rows, status=request.GET.get("status") or None, progress=request.GET.get("fremdrift") or None,
        team=request.GET.get("team") or None,
        query=(request.GET.get("q") or "").strip() or None, sort=sort, descending=descending,
    )
    return rows, sort, descending


@login_required
def municipal(request, slug):
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    as_of, as_of_form = _as_of(request)
    report = reports.municipal_report(municipality=municipality, as_of=as_of)
    rows, sort, descending = _filtered(request, report)
    points = trend.trend(municipality=municipality, as_of=as_of)
    is_today = as_of == timezone.localdate()
    cohorts = services.bookable_cohorts()[:50] if is_today and any(r.bookable for r in rows) else []
    sort_links = {}
    for key in reports.SORT_KEYS:
        params = request.GET.copy()
        params["sort"] = key
        params["retning"] = "faldende" if key == sort and not descending else "stigende"
        sort_links[key] = "?" + params.urlencode()
    return render(request, "compliance/municipal_report.html", {
        "municipality": municipality, "report": report, "figures": report.figures, "rows": rows,
        "as_of": as_of, "as_of_form": as_of_form, "is_today": is_today, "chart": trend_chart(points),
        "points": points, "statuses": [(s, Status(s).label) for s in STATUS_ORDER], "badge": BADGE,
        "progress_kinds": Progress.Kind.choices,
        "teams": report.teams, "filters": request.GET, "sort": sort, "descending": descending,
        "sort_links": sort_links, "cohorts": cohorts,
        "export_query": _query_suffix(request, "dato", "status", "fremdrift", "team", "q", "sort", "retning"),
    })


@login_required
def municipal_export(request, slug, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    as_of, _form = _as_of(request)
    report = reports.municipal_report(municipality=municipality, as_of=as_of)
    rows, _sort, _desc = _filtered(request, report)
    filename = f"compliance-{municipality.slug}-{as_of.isoformat()}"
    title = _("Licence compliance – %(name)s") % {"name": municipality.name}
    if fmt == "pdf":
        return exports.report_pdf_response(filename, "compliance/pdf/municipal.html", {
            "municipality": municipality, "report": report, "figures": report.figures, "rows": rows,
            "as_of": as_of, "title": title, "teams": report.teams,
        }, request)
    header, body = exports.municipal_table(report, rows)
    if fmt == "csv":
        return exports.csv_response(filename, header, body)
    return exports.xlsx_response(filename, title, header, body, as_of=as_of)


# --- National report ---------------------------------------------------------------------------


def _national_or_404(request):
    if not scope.may_see_national(request.user):
        raise Http404


@login_required
def national(request):
    _national_or_404(request)
    as_of, as_of_form = _as_of(request)
    sort = request.GET.get("sort", "navn")
    descending = request.GET.get("retning") == "faldende"
    rows = reports.national_report(as_of=as_of, sort=sort, descending=descending)
    sort_links = {}
    for key in reports.NATIONAL_SORT:
        params = request.GET.copy()
        params["sort"] = key
        params["retning"] = "faldende" if key == sort and not descending else "stigende"
        sort_links[key] = "?" + params.urlencode()
    return render(request, "compliance/national_report.html", {
        "rows": rows, "totals": reports.national_totals(rows), "as_of": as_of, "as_of_form": as_of_form,
        "is_today": as_of == timezone.localdate(), "sort": sort, "descending": descending,
        "sort_links": sort_links, "export_query": _query_suffix(request, "dato", "sort", "retning"),
        "licensed_count": sum(1 for r in rows if r.licensed),
    })


@login_required
def national_export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _national_or_404(request)
    as_of, _form = _as_of(request)
    rows = reports.national_report(
        as_of=as_of, sort=request.GET.get("sort", "navn"), descending=request.GET.get("retning") == "faldende"
    )
    filename = f"compliance-national-{as_of.isoformat()}"
    title = _("Licence compliance – all municipalities")
    if fmt == "pdf":
        return exports.report_pdf_response(filename, "compliance/pdf/national.html", {
            "rows": rows, "totals": reports.national_totals(rows), "as_of": as_of, "title": title,
        }, request)
    header, body = exports.national_table(rows)
    if fmt == "csv":
        return exports.csv_response(filename, header, body)
    return exports.xlsx_response(filename, title, header, body, as_of=as_of)


# --- Booking -----------------------------------------------------------------------------------


@login_required
@require_POST
def book(request, slug):
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    back = reverse("compliance:municipal", kwargs={"slug": municipality.slug}) + "?status=ikke-opfyldt"
    ids = parse_ids(request.POST.getlist("person"))
    event_id = request.POST.get("event", "")
    event = next((c for c in services.bookable_cohorts() if str(c.pk) == event_id), None)
    if event is None:
        messages.error(request, _("Choose a cohort to book on."))
        return redirect(back)
    people = list(User.objects.filter(pk__in=ids))
    try:
        registrations = services.book_on_cohort(municipality=municipality, event=event, people=people, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    except PermissionDenied:
        raise Http404 from None
    waitlisted = sum(1 for r in registrations if r.status == Registration.Status.WAITLISTED)
    messages.success(request, ngettext(
        "%(count)s person was booked on %(event)s (%(waitlisted)s on the waitlist).",
        "%(count)s people were booked on %(event)s (%(waitlisted)s on the waitlist).",
        len(registrations),
    ) % {"count": len(registrations), "event": event, "waitlisted": waitlisted})
    return redirect(back)


# --- Roster ------------------------------------------------------------------------------------


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
        field_names = {"name": "name", "email": "email", "role": "role", "team": "team", "start": "start",
                       "end": "end"}
        if checked.errors:
            for key, message in checked.errors.items():
                form.add_error(field_names[key], message)
        elif checked.action in (roster.Action.UNCHANGED, roster.Action.SKIP):
            messages.info(request, checked.note or _("Nothing changed: the person is already on the staff as given."))
            return redirect("compliance:staff", slug=municipality.slug)
        else:
            roster.apply_rows([raw], municipality=municipality, by=request.user)
            messages.success(request, _("%(name)s: %(action)s.") % {"name": raw["name"], "action": checked.action_label})
            return redirect("compliance:staff", slug=municipality.slug)
    report = reports.municipal_report(municipality=municipality)
    return render(request, "compliance/staff.html", {
        "municipality": municipality, "form": form, "rows": report.rows, "badge": BADGE,
        "upload_form": RosterUploadForm(),
    })


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
        done = sum(n for action, n in result.counts.items() if action not in (roster.Action.UNCHANGED,
                                                                               roster.Action.SKIP))
        messages.success(request, _("The import is done: %(done)s changes, %(errors)s rows with errors left out.") % {
            "done": done, "errors": result.errors,
        })
        return redirect("compliance:staff", slug=municipality.slug)
    checked = roster.check_rows(staged.rows, municipality=municipality)
    return render(request, "compliance/roster_preview.html", {
        "municipality": municipality, "staged": staged, "rows": checked,
        "summary": roster.actions_summary(checked), "error_count": sum(1 for r in checked if not r.ok),
        "good_count": sum(1 for r in checked if r.ok),
    })


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
                person=User.objects.get(pk=person_id), municipality=municipality, by=request.user,
                reason=form.cleaned_data["reason"], valid_from=form.cleaned_data["valid_from"],
                valid_until=form.cleaned_data.get("valid_until"),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("%(name)s is exempt.") % {"name": row.name})
            return redirect("compliance:municipal", slug=municipality.slug)
    return render(request, "compliance/exemption_form.html", {
        "municipality": municipality, "row": row, "form": form,
    })


def _exemption_end(request, municipality, row, current):
    from .models import Exemption

    form = ExemptionEndForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        exemption = Exemption.objects.get(pk=current.exemption_id, municipality=municipality)
        try:
            services.exemption_withdraw(
                exemption=exemption, withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["end_reason"], by=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The exemption of %(name)s has been ended.") % {"name": row.name})
            return redirect("compliance:municipal", slug=municipality.slug)
    return render(request, "compliance/exemption_end.html", {
        "municipality": municipality, "row": row, "form": form, "exemption": current,
    })
