"""Importing a municipality's events from an .ics file: upload, preview, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from people.permissions import plannable_municipalities
from web.forms import error_text

from .. import ical_import, selectors
from ..forms import ImportForm
from ..services.calendar_import import events_import
from .scope import page_object_or_404

IMPORT_SESSION_KEY = "scheduling_import"


@login_required
@require_http_methods(["GET", "POST"])
def ics_import(request, slug):
    municipality = page_object_or_404(
        request, shown=plannable_municipalities(request.user),
        seen=selectors.visible_calendar_municipalities(request.user), slug=slug,
    )
    stored = request.session.get(IMPORT_SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm") and stored and stored["municipality"] == municipality.pk:
        items = [ical_import.Item.from_json(i) for i in stored["items"]]
        try:
            created = events_import(
                municipality=municipality, by=request.user, items=items, kind=stored["kind"],
                audience=stored["audience"],
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, ngettext("%(count)s event imported.", "%(count)s events imported.",
                                               len(created)) % {"count": len(created)})
            return redirect("scheduling:municipality_calendar", slug=municipality.slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview, errors = None, []
    if request.method == "POST" and not request.POST.get("confirm") and form.is_valid():
        try:
            items, errors = ical_import.parse(form.cleaned_data["file"])
        except ical_import.CalendarFileError as exc:
            form.add_error("file", str(exc))
        else:
            preview = items
            request.session[IMPORT_SESSION_KEY] = {
                "municipality": municipality.pk, "kind": form.cleaned_data["kind"],
                "audience": form.cleaned_data["audience"], "items": [i.to_json() for i in items],
            }
    return render(request, "scheduling/import.html", {
        "form": form, "municipality": municipality, "preview": preview, "errors": errors,
    })
