"""The national overview for national admins, and its CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from web.spreadsheets import neutralise

from ..chart import phase_count_chart
from ..selectors import national as national_selectors
from ..selectors import scope


def _rows(request):
    sort = request.GET.get("sort", "navn")
    if sort not in national_selectors.SORT_KEYS:
        sort = "navn"
    descending = request.GET.get("retning") == "faldende"
    return national_selectors.national_overview(sort=sort, descending=descending), sort, descending


@login_required
def national(request):
    if not scope.may_see_national(request.user):
        raise Http404
    rows, sort, descending = _rows(request)
    counts = national_selectors.phase_counts(rows)
    sort_links = {}
    for key in national_selectors.SORT_KEYS:
        params = request.GET.copy()
        params["sort"] = key
        params["retning"] = "faldende" if key == sort and not descending else "stigende"
        sort_links[key] = "?" + params.urlencode()
    return render(request, "implementation/national.html", {
        "rows": rows, "counts": counts, "chart": phase_count_chart(counts), "sort": sort, "descending": descending,
        "sort_links": sort_links, "query": request.GET.urlencode(),
    })


@login_required
def national_export(request):
    if not scope.may_see_national(request.user):
        raise Http404
    rows, _sort, _desc = _rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="implementering-landet.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Municipality"), _("Code"), _("Phase"), _("Latest round opened"), _("Invited"), _("Answered"),
                     _("Response rate (%)"), _("Licence status, completed (per cent)")])
    for r in rows:
        writer.writerow([
            neutralise(r.municipality.name), r.municipality.code, neutralise(str(r.phase_label)),
            date_format(r.latest_round.opens_on, "d-m-Y") if r.latest_round else "", r.invited, r.answered,
            "" if r.response_rate is None else str(r.response_rate).replace(".", ","),
            "" if r.compliance is None else str(r.compliance).replace(".", ","),
        ])
    return response
