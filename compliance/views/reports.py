"""The licence-status reports: own status, municipal and national reports and their exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from people.permissions import access_for

from .. import exports
from ..chart import trend_chart
from ..forms import AsOfForm
from ..map import tile_map
from ..report_rows import rendered_rows
from ..selectors import reports, scope, trend
from ..selectors.dashboard import own_next_steps
from ..status import BADGE, STATUS_ORDER, Progress, Status

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
    return render(request, "compliance/own_status.html", {**own_next_steps(person=request.user), "badge": BADGE})


# --- Municipal report --------------------------------------------------------------------------


def _filtered(request, report):
    sort = request.GET.get("sort", "navn")
    descending = request.GET.get("retning") == "faldende"
    rows = reports.filter_rows(
        report.rows,
        status=request.GET.get("status") or None,
        progress=request.GET.get("fremdrift") or None,
        team=request.GET.get("team") or None,
        query=(request.GET.get("q") or "").strip() or None,
        sort=sort,
        descending=descending,
    )
    return rows, sort, descending


@login_required
def municipal(request, slug):
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    as_of, as_of_form = _as_of(request)
    report = reports.municipal_report(municipality=municipality, as_of=as_of)
    rows, sort, descending = _filtered(request, report)
    points = trend.trend(municipality=municipality, as_of=as_of, figures_as_of=report.figures)
    is_today = as_of == timezone.localdate()
    sort_links = {}
    for key in reports.SORT_KEYS:
        params = request.GET.copy()
        params["sort"] = key
        params["retning"] = "faldende" if key == sort and not descending else "stigende"
        sort_links[key] = "?" + params.urlencode()
    return render(
        request,
        "compliance/municipal_report.html",
        {
            "municipality": municipality,
            "report": report,
            "figures": report.figures,
            "rows": rows,
            "rendered_rows": rendered_rows(rows, municipality=municipality, is_today=is_today),
            "as_of": as_of,
            "as_of_form": as_of_form,
            "is_today": is_today,
            "chart": trend_chart(points),
            "points": points,
            "statuses": [(s, Status(s).label) for s in STATUS_ORDER],
            "badge": BADGE,
            "progress_kinds": Progress.Kind.choices,
            "teams": report.teams,
            "filters": request.GET,
            "sort": sort,
            "descending": descending,
            "sort_links": sort_links,
            "export_query": _query_suffix(
                request, "dato", "status", "fremdrift", "team", "q", "sort", "retning"
            ),
        },
    )


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
        return exports.report_pdf_response(
            filename,
            "compliance/pdf/municipal.html",
            {
                "municipality": municipality,
                "report": report,
                "figures": report.figures,
                "rows": rows,
                "as_of": as_of,
                "title": title,
                "teams": report.teams,
                "points": trend.trend(municipality=municipality, as_of=as_of, figures_as_of=report.figures),
            },
            request,
        )
    header, body = exports.municipal_table(report, rows)
    if fmt == "csv":
        return exports.csv_response(filename, header, body)
    return exports.xlsx_response(filename, title, header, body, as_of=as_of)


# --- National report ---------------------------------------------------------------------------


def _national_or_404(request):
    if not scope.may_see_national(request.user):
        raise Http404


NATIONAL_PARAMS = ("dato", "sort", "retning", "alle", "region")


def _national_view(request, as_of):
    """The national report as the query string filters it: licensed municipalities only unless
    ?alle=1, one region with ?region=<id>, sorted by risk unless ?sort= names another column. The
    screen and its exports read the same parameters."""
    return reports.national_view(
        as_of=as_of, licensed_only=request.GET.get("alle") != "1", region_id=request.GET.get("region") or None,
        sort=request.GET.get("sort", "risiko"), descending=request.GET.get("retning") == "faldende",
    )


@login_required
def national(request):
    _national_or_404(request)
    as_of, as_of_form = _as_of(request)
    view = _national_view(request, as_of)
    sort_links = {}
    for key in reports.NATIONAL_SORT:
        params = request.GET.copy()
        params["sort"] = key
        params["retning"] = "faldende" if key == view.sort and not view.descending else "stigende"
        sort_links[key] = "?" + params.urlencode()
    toggle = request.GET.copy()
    if view.licensed_only:
        toggle["alle"] = "1"
    else:
        toggle.pop("alle", None)
    # Faded on the map: outside the chosen region (municipalities without an agreement are grey anyway).
    selected = {r.municipality.pk for r in view.all_rows
                if view.region is None or getattr(view.region_of.get(r.municipality.pk), "pk", None) == view.region.pk}
    ids = [r.municipality.pk for r in view.rows if r.licensed]
    points = trend.national_trend(municipality_ids=ids, as_of=as_of)
    return render(
        request,
        "compliance/national_report.html",
        {
            "view": view,
            "filters": request.GET,
            "rows": view.rows,
            "totals": view.totals,
            "as_of": as_of,
            "as_of_form": as_of_form,
            "is_today": as_of == timezone.localdate(),
            "sort": view.sort,
            "descending": view.descending,
            "sort_links": sort_links,
            "toggle_all": "?" + toggle.urlencode(),
            "export_query": _query_suffix(request, *NATIONAL_PARAMS),
            "licensed_count": view.licensed_count,
            "municipality_count": len(view.all_rows),
            "map": tile_map(view.all_rows, selected_ids=selected),
            "chart": trend_chart(points),
            "points": points,
        },
    )


@login_required
def national_export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _national_or_404(request)
    as_of, _form = _as_of(request)
    view = _national_view(request, as_of)
    rows = view.rows
    filename = f"compliance-national-{as_of.isoformat()}"
    title = _("Licence compliance – all municipalities")
    if view.licensed_only:
        title = _("Licence compliance – licensed municipalities")
    if view.region is not None:
        title = f"{title} – {view.region.name}"
    if fmt == "pdf":
        return exports.report_pdf_response(
            filename,
            "compliance/pdf/national.html",
            {
                "rows": rows,
                "totals": reports.national_totals(rows),
                "as_of": as_of,
                "title": title,
                "region": view.region,
                "licensed_only": view.licensed_only,
                "points": trend.national_trend(municipality_ids=[r.municipality.pk for r in rows if r.licensed],
                                               as_of=as_of),
            },
            request,
        )
    header, body = exports.national_table(rows)
    if fmt == "csv":
        return exports.csv_response(filename, header, body)
    return exports.xlsx_response(filename, title, header, body, as_of=as_of)
