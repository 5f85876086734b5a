"""A round's report, its PDF and its CSV: aggregate figures only."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from web.pdf import pdf_response, render_pdf
from web.spreadsheets import neutralise

from ..chart import distribution_chart, means_chart
from ..models import Answer
from ..selectors import report as report_selectors
from ..selectors import scope

EXPORT_FORMATS = ("csv", "pdf")


def _context(barometer_round):
    data = report_selectors.round_report(barometer_round=barometer_round)
    groups = data.groups
    phase_charts = []
    for phase in data.phases:
        rows = [(data.group_labels[g], phase.cells[g]) for g in groups]
        phase_charts.append((phase, distribution_chart(rows)))
    return {
        "round": barometer_round, "municipality": barometer_round.municipality, "report": data,
        "groups": groups, "labels": data.group_labels, "phase_charts": phase_charts,
        "means_chart": means_chart(data.phases, groups, data.group_labels),
        "min_respondents": report_selectors.MIN_RESPONDENTS, "answer_labels": Answer.choices, "generated_at": timezone.now(),
        "as_of": timezone.localdate(),
    }


@login_required
def report(request, pk):
    barometer_round = scope.report_round_or_404(viewer=request.user, pk=pk)
    return render(request, "implementation/report.html", _context(barometer_round))


def _fmt(value):
    return "" if value is None else number_format(value, 2)


def csv_rows(context):
    """The aggregate figures as rows: one per statement (or phase) and group, suppressed ones empty."""
    data, labels = context["report"], context["labels"]
    header = [_("Phase"), _("Code"), _("Statement"), _("Respondent group"), _("Respondents"), _("Mean (1–5)"),
              *[str(Answer(v).label) for v in Answer.values], _("Note")]
    rows = []
    hidden = _("Hidden: fewer than %(n)s respondents") % {"n": report_selectors.MIN_RESPONDENTS}
    for phase in data.phases:
        for g in data.groups:
            cell = phase.cells[g]
            rows.append([phase.label, "", _("The whole phase"), labels[g], "" if cell.suppressed else cell.respondents,
                         _fmt(cell.mean), *(["" if cell.suppressed else cell.counts[v] for v in Answer.values]),
                         hidden if cell.suppressed else ""])
        for row in phase.statements:
            for g, cell in row.cells.items():
                rows.append([phase.label, row.statement.code, row.statement.text, labels[g],
                             "" if cell.suppressed else cell.respondents, _fmt(cell.mean),
                             *(["" if cell.suppressed else cell.counts[v] for v in Answer.values]),
                             hidden if cell.suppressed else ""])
    return header, rows


@login_required
def report_export(request, pk, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    barometer_round = scope.report_round_or_404(viewer=request.user, pk=pk)
    context = _context(barometer_round)
    filename = f"barometer-{barometer_round.municipality.slug}-{barometer_round.opens_on.isoformat()}"
    if fmt == "pdf":
        context["title"] = _("Implementation barometer – %(name)s") % {"name": barometer_round.municipality.name}
        return pdf_response(render_pdf("implementation/pdf/report.html", context, request=request), f"{filename}.pdf")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    header, rows = csv_rows(context)
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([neutralise(str(v)) if not isinstance(v, int) else v for v in row])
    return response
