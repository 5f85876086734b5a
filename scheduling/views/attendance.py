"""The attendance roster of a session and its printable sign-in sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from people.permissions import get_visible_or_404
from web.forms import error_text
from web.pdf import pdf_response, render_pdf

from .. import selectors
from ..models import Attendance, Session
from ..services.attendance import attendance_bulk_record
from .scope import page_object_or_404

RELATED = ("event", "event__municipality", "event__provider")


@login_required
@require_http_methods(["GET", "POST"])
def attendance_roster(request, pk):
    session = page_object_or_404(
        request,
        shown=Session.objects.filter(event__in=selectors.attendance_events(request.user)).select_related(*RELATED),
        seen=Session.objects.filter(event__in=selectors.visible_events(request.user)).select_related(*RELATED),
        pk=pk,
    )
    rows = selectors.roster(session)
    if request.method == "POST":
        bulk = request.POST.get("bulk")
        valid = set(Attendance.Status.values)
        statuses = {}
        for row in rows:
            value = bulk if bulk in valid else request.POST.get(f"status-{row['person'].pk}", "")
            if value in valid and value != row["status"]:
                statuses[row["person"].pk] = value
        try:
            changed = attendance_bulk_record(session=session, statuses=statuses, by=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Attendance saved (%(count)s changed).") % {"count": changed})
            return redirect("scheduling:roster", pk=session.pk)
    return render(request, "scheduling/roster.html", {
        "session": session, "event": session.event, "rows": rows,
        "choices": Attendance.Status.choices, "attended": Attendance.Status.ATTENDED, "absent": Attendance.Status.ABSENT,
        "history": selectors.attendance_history(session)[:100],
        "recorded": sum(1 for r in rows if r["status"]),
    })


@login_required
def sign_in_sheet(request, pk):
    session = get_visible_or_404(
        Session.objects.filter(event__in=selectors.attendance_events(request.user)).select_related(*RELATED), pk=pk,
    )
    pdf = render_pdf("scheduling/sign_in_sheet.html", {
        "session": session, "event": session.event, "rows": selectors.roster(session), "printed": timezone.now(),
    }, request=request)
    return pdf_response(pdf, f"indskrivningsliste-{session.pk}.pdf", inline=True)
