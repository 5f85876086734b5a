"""Exports of the reports: CSV (semicolon, UTF-8 with BOM, as Danish Excel likes it), XLSX and PDF."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.roles import Role
from web.pdf import pdf_response, render_pdf, static_data_uri
from web.spreadsheets import neutralise

from .chart import trend_chart
from .models import AgreementStatus
from .status import Status

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value):
    return value.strftime("%d-%m-%Y") if value else ""


def municipal_table(report, rows):
    header = [_("Name"), _("Email"), _("Team"), _("Role"), _("Start date"), _("Status"), _("Progress"),
              _("Deadline"), _("Days left"), _("Completed on"), _("Imported by"), _("Exempt until"), _("Exemption reason")]
    body = []
    for r in rows:
        exemption = r.derived.exemption
        body.append([
            r.name, r.email, r.team_name, ", ".join(str(Role(x).label) for x in r.roles), r.start_date,
            str(Status(r.status).label), r.progress.label if r.needs_action else "", r.derived.deadline, r.derived.days_left, r.derived.completed_on,
            _imported_by(r.completion) if r.status == Status.COMPLETED else "",
            (exemption.ends_on if exemption else None), (exemption.reason if exemption else ""),
        ])
    return header, body


def _imported_by(completion):
    """Who imported an earlier completion (a licence audit sees which completions were not earned here)."""
    if completion is None or not completion.is_imported:
        return ""
    return completion.recorded_by or _("imported")


def national_table(rows):
    header = [_("Municipality"), _("Code"), _("Licence"), _("Staff"), _("Completed"),
              _("Within deadline"), _("Overdue"), _("Booked on a cohort"), _("Exempt"), _("Compliance (%)"), _("Qualified superusers"),
              _("Required superusers"), _("Superuser requirement met")]
    body = []
    for r in rows:
        f = r.figures
        body.append([
            r.municipality.name, r.municipality.code,
            str(_licence_label(f.terms)), f.total, f.completed, f.within, f.overdue, f.booked, f.exempt,
            f.percent, f.qualified_superusers, f.required_superusers, _("Yes") if f.superusers_met else _("No"),
        ])
    return header, body


def _licence_label(terms):
    if not terms.licensed:
        return _("No agreement")
    return AgreementStatus(terms.status).label


def csv_response(filename, header, body):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([neutralise(h) for h in header])
    for row in body:
        writer.writerow([
            _date(v) if hasattr(v, "strftime") else ("" if v is None else str(v).replace(".", ",")
                                                    if isinstance(v, float) else neutralise(v))
            for v in row
        ])
    return response


def xlsx_bytes(title, header, body, *, as_of):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    def bold_cell(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        return cell

    def text_cell(value):
        # Written as a string cell, never a formula, whatever the text starts with.
        cell = WriteOnlyCell(sheet, value=neutralise(value))
        cell.data_type = "s"
        return cell

    sheet.append([bold_cell(title)])
    sheet.append([_("Figures as of %(date)s") % {"date": _date(as_of)}])
    sheet.append([])
    sheet.append([bold_cell(h) for h in header])
    for row in body:
        sheet.append([text_cell(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, title, header, body, *, as_of):
    response = HttpResponse(xlsx_bytes(title, header, body, as_of=as_of), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def report_pdf_response(filename, template, context, request=None):
    """A report as PDF through the project's one renderer (`web.pdf`): the logo in the header of every
    page, and the trend chart when the view passes the trend's `points`."""
    context = {**context, "generated_at": timezone.localtime(), "logo": static_data_uri("img/logo.svg")}
    if context.get("points"):
        context["chart"] = trend_chart(context["points"])
    pdf = render_pdf(template, context, request=request)
    return pdf_response(pdf, f"{filename}.pdf")
