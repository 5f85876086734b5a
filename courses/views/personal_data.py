"""A person's own data (GDPR access): the page and its JSON and CSV downloads."""

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from web.spreadsheets import neutralise

from ..selectors.personal_data import personal_data, personal_data_rows


@login_required
def my_data(request):
    return render(request, "courses/learning/my_data.html", {})


@login_required
def my_data_json(request):
    data = personal_data(person=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data-ics-akademi.json"'
    return response


@login_required
def my_data_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("section"), _("record"), _("field"), _("value")])
    # The person's own texts (names, case answers) could start with "=": never a formula in Excel.
    for section, number, key, value in personal_data_rows(personal_data(person=request.user)):
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
        writer.writerow([neutralise(section), number, neutralise(key), neutralise(value)])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mine-data-ics-akademi.csv"'
    return response
