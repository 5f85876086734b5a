"""A leader signs people up for a cohort from the municipal report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people.models import User
from scheduling.models import Registration
from web.converters import parse_ids

from .. import services
from ..selectors import scope


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
        registrations = services.book_on_cohort(
            municipality=municipality, event=event, people=people, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    except PermissionDenied:
        raise Http404 from None
    waitlisted = sum(1 for r in registrations if r.status == Registration.Status.WAITLISTED)
    messages.success(
        request,
        ngettext(
            "%(count)s person was booked on %(event)s (%(waitlisted)s on the waitlist).",
            "%(count)s people were booked on %(event)s (%(waitlisted)s on the waitlist).",
            len(registrations),
        )
        % {"count": len(registrations), "event": event, "waitlisted": waitlisted},
    )
    return redirect(back)
