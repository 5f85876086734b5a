"""A leader signs staff up for a basic-course cohort in two steps: choose people and a cohort, then
confirm a plan that says who gets a seat, who lands on the waitlist and who is already booked. Only
the confirmation writes (through `compliance.services.book_on_cohort`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from people.models import User
from scheduling.models import Registration
from web.converters import parse_id, parse_ids

from .. import services
from ..selectors import booking as booking_selectors
from ..selectors import reports, scope


def _choices(data):
    """The people and the cohort the leader chose (ids that are not ids are left out)."""
    return parse_ids(data.getlist("person")), parse_id(data.get("hold", ""))


def _context(municipality, rows, options):
    return {
        "municipality": municipality,
        "people": booking_selectors.people_needing_action(rows),
        "options": options,
        "report_url": reverse("compliance:municipal", kwargs={"slug": municipality.slug}) + "?status=ikke-opfyldt",
    }


def _plan_or_errors(municipality, rows, options, person_ids, event_id):
    """(plan, errors): the plan for the choice, or the Danish messages that say what is wrong."""
    errors = {}
    option = next((o for o in options if o.event.pk == event_id), None)
    if option is None:
        errors["hold"] = (_("Choose a cohort.") if event_id is None
                          else _("That cohort cannot be booked: it is closed, cancelled or unknown. Choose another."))
    if not person_ids:
        errors["person"] = _("Choose at least one person to book.")
    if errors:
        return None, errors
    plan = booking_selectors.booking_plan(municipality=municipality, option=option, person_ids=person_ids, rows=rows)
    if plan.unknown:
        errors["person"] = ngettext(
            "One of the chosen people is not on the staff of %(municipality)s. Nobody was booked.",
            "%(count)s of the chosen people are not on the staff of %(municipality)s. Nobody was booked.",
            len(plan.unknown),
        ) % {"count": len(plan.unknown), "municipality": municipality.name}
    elif not plan.to_book:
        errors["person"] = _("None of the chosen people can be booked on this cohort: they are already booked, "
                             "have completed the course or are exempt.")
    return (None, errors) if errors else (plan, {})


@login_required
@require_http_methods(["GET", "POST"])
def book(request, slug):
    """Step 1 (GET): choose people and a cohort; people chosen on the report arrive ticked. Posting the
    choice shows step 2, the plan to confirm; nothing is written here."""
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    rows = reports.municipal_report(municipality=municipality).rows
    options = booking_selectors.cohort_options(municipality=municipality, cohorts=services.bookable_cohorts())
    data = request.POST if request.method == "POST" else request.GET
    person_ids, event_id = _choices(data)
    context = _context(municipality, rows, options) | {"chosen": set(person_ids), "chosen_event": event_id}
    if request.method == "POST":
        plan, errors = _plan_or_errors(municipality, rows, options, person_ids, event_id)
        if plan is not None:
            return render(request, "compliance/booking_confirm.html", context | {"plan": plan})
        context["errors"] = errors
    elif event_id is None and len(options) == 1:
        context["chosen_event"] = options[0].event.pk
    return render(request, "compliance/booking_choose.html", context)


@login_required
@require_POST
def book_confirm(request, slug):
    """Step 3: write what the leader confirmed. When the plan changed since it was shown (someone
    took the seats, someone was booked meanwhile), nothing is written and the new plan is shown."""
    municipality = scope.report_municipality_or_404(viewer=request.user, slug=slug)
    rows = reports.municipal_report(municipality=municipality).rows
    options = booking_selectors.cohort_options(municipality=municipality, cohorts=services.bookable_cohorts())
    person_ids, event_id = _choices(request.POST)
    context = _context(municipality, rows, options) | {"chosen": set(person_ids), "chosen_event": event_id}
    plan, errors = _plan_or_errors(municipality, rows, options, person_ids, event_id)
    if plan is None:
        context["errors"] = errors
        return render(request, "compliance/booking_choose.html", context)
    if not plan.matches(request.POST.get("plan", "")):
        context |= {"plan": plan, "stale": True}
        return render(request, "compliance/booking_confirm.html", context)
    people = list(User.objects.filter(pk__in=plan.to_book))
    try:
        registrations = services.book_on_cohort(
            municipality=municipality, event=plan.option.event, people=people, by=request.user,
            expected=plan.expected,
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        rows = reports.municipal_report(municipality=municipality).rows
        options = booking_selectors.cohort_options(municipality=municipality, cohorts=services.bookable_cohorts())
        context = _context(municipality, rows, options) | {"chosen": set(person_ids), "chosen_event": event_id}
        plan, errors = _plan_or_errors(municipality, rows, options, person_ids, event_id)
        if plan is None:
            context["errors"] = errors
            return render(request, "compliance/booking_choose.html", context)
        context |= {"plan": plan, "stale": True, "service_errors": error.messages}
        return render(request, "compliance/booking_confirm.html", context)
    seats = sum(1 for r in registrations if r.status == Registration.Status.CONFIRMED)
    waiting = len(registrations) - seats
    text = ngettext(
        "%(count)s person got a seat on %(event)s.", "%(count)s people got a seat on %(event)s.", seats
    ) % {"count": seats, "event": plan.option.event.title}
    if waiting:
        text += " " + ngettext(
            "%(count)s person is on the waitlist.", "%(count)s people are on the waitlist.", waiting
        ) % {"count": waiting}
    messages.success(request, text)
    return redirect(reverse("compliance:municipal", kwargs={"slug": municipality.slug}) + "?status=ikke-opfyldt")
