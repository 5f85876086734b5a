"""Writes for compliance: licence agreements and their terms, exemptions, snapshots, bookings."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CourseKind, CoursePage
from people.models import Membership, Municipality, User
from people.permissions import access_for
from scheduling.models import Event, Registration
from scheduling.selectors import open_cohorts_for_course_page
from scheduling.services.registration import registrations_bulk_create

from .models import (
    AgreementStatus,
    Exemption,
    ExemptionWithdrawal,
    LicenceAgreement,
    LicenceTerms,
    MonthlySnapshot,
)
from .selectors.booking import booking_plan, cohort_options
from .selectors.evidence import COVERED_ROLES
from .selectors.reports import figures_on, municipal_report
from .selectors.trend import month_end

# --- Licence agreements ------------------------------------------------------------------------


def _terms_differ(agreement, latest):
    if latest is None:
        return True
    return (
        latest.status != agreement.status
        or latest.grace_period_days != agreement.grace_period_days
        or latest.min_superusers != agreement.min_superusers
        or latest.brush_up_years != agreement.brush_up_years
        or latest.valid_from != agreement.changes_valid_from
    )


@transaction.atomic
def licence_terms_record(*, agreement: LicenceAgreement, by: User | None) -> LicenceTerms | None:
    """Append the agreement's current status and requirements to its history (when they changed).

    Called after every save of an agreement (the admin's snippet views, the services below)."""
    agreement = LicenceAgreement.objects.get(pk=agreement.pk)  # what was saved, not a stale copy
    latest = agreement.terms.order_by("-recorded_at", "-pk").first()
    if not _terms_differ(agreement, latest):
        return None
    terms = LicenceTerms(
        agreement=agreement, valid_from=agreement.changes_valid_from, status=agreement.status,
        grace_period_days=agreement.grace_period_days, min_superusers=agreement.min_superusers,
        brush_up_years=agreement.brush_up_years, reason=agreement.change_reason, recorded_by=by,
    )
    terms.full_clean()
    terms.save()
    return terms


@transaction.atomic
def licence_agreement_create(
    *,
    municipality: Municipality,
    signed_on: datetime.date,
    by: User | None,
    status: str = AgreementStatus.ACTIVE,
    grace_period_days: int | None = None,
    min_superusers: int | None = None,
    brush_up_years: int | None = None,
    valid_from: datetime.date | None = None,
) -> LicenceAgreement:
    agreement = LicenceAgreement(
        municipality=municipality, signed_on=signed_on, status=status,
        changes_valid_from=valid_from or signed_on, change_reason=_("Agreement signed"),
    )
    if grace_period_days is not None:
        agreement.grace_period_days = grace_period_days
    if min_superusers is not None:
        agreement.min_superusers = min_superusers
    agreement.brush_up_years = brush_up_years
    agreement.full_clean()
    agreement.save()
    licence_terms_record(agreement=agreement, by=by)
    return agreement


@transaction.atomic
def licence_terms_change(
    *, agreement: LicenceAgreement, valid_from: datetime.date, by: User | None, reason: str = "", **changes
) -> LicenceAgreement:
    """Change the status or requirements from a date on. Earlier days keep the terms that applied then."""
    allowed = {"status", "grace_period_days", "min_superusers", "brush_up_years"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Unknown licence terms: {sorted(unknown)}")
    agreement = LicenceAgreement.objects.select_for_update().get(pk=agreement.pk)
    for name, value in changes.items():
        setattr(agreement, name, value)
    agreement.changes_valid_from = valid_from
    agreement.change_reason = reason
    agreement.full_clean()
    agreement.save()
    licence_terms_record(agreement=agreement, by=by)
    return agreement


# --- Exemptions --------------------------------------------------------------------------------


def _check_leads(by, municipality):
    if not access_for(by).leads(municipality):
        raise PermissionDenied


@transaction.atomic
def exemption_create(
    *,
    person: User,
    municipality: Municipality,
    reason: str,
    by: User,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Exemption:
    _check_leads(by, municipality)
    if not Membership.objects.current().filter(
        person=person, municipality=municipality, role__in=COVERED_ROLES
    ).exists():
        raise ValidationError(_("The person is not on the municipality's staff."))
    exemption = Exemption(
        person=person, municipality=municipality, reason=(reason or "").strip(),
        valid_from=valid_from or timezone.localdate(), valid_until=valid_until, granted_by=by,
    )
    exemption.full_clean()
    exemption.save()
    return exemption


@transaction.atomic
def exemption_withdraw(*, exemption: Exemption, withdrawn_on: datetime.date, reason: str, by: User):
    _check_leads(by, exemption.municipality)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for ending the exemption.")})
    if hasattr(exemption, "withdrawal"):
        raise ValidationError(_("The exemption has already been ended."))
    withdrawal = ExemptionWithdrawal(
        exemption=exemption, withdrawn_on=withdrawn_on, reason=reason.strip(), withdrawn_by=by
    )
    withdrawal.full_clean()
    withdrawal.save()
    return withdrawal


# --- Snapshots ---------------------------------------------------------------------------------


def snapshot_month(*, month: datetime.date, as_of: datetime.date | None = None) -> int:
    """Store every municipality's figures for a month (as of its last day, or `as_of`). A month already
    stored is left as it was: the snapshot is what was known then. Returns the number written."""
    month = month.replace(day=1)
    as_of = as_of or month_end(month.year, month.month)
    done = set(MonthlySnapshot.objects.filter(month=month).values_list("municipality_id", flat=True))
    new = []
    for mid, figures in figures_on(as_of).items():
        if mid in done:
            continue
        new.append(MonthlySnapshot(
            municipality_id=mid, month=month, as_of=as_of, total=figures.total, completed=figures.completed,
            within_deadline=figures.within, overdue=figures.overdue, exempt=figures.exempt,
            booked=figures.booked, qualified_superusers=figures.qualified_superusers,
            required_superusers=figures.required_superusers,
        ))
    try:
        with transaction.atomic():
            MonthlySnapshot.objects.bulk_create(new)
    except IntegrityError:  # a second worker wrote them a moment ago
        MonthlySnapshot.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# --- Booking on a cohort -----------------------------------------------------------------------


def bookable_cohorts() -> list[Event]:
    """Basic-course cohorts open for booking (scheduling's rule: `open_cohorts_for_course_page`),
    soonest first (by the `first_start` that selector annotates)."""
    cohorts = []
    for page_id in CoursePage.objects.filter(kind=CourseKind.BASIC).values_list("pk", flat=True):
        cohorts.extend(open_cohorts_for_course_page(page_id))
    return sorted(cohorts, key=lambda event: (event.first_start, event.pk))


@transaction.atomic
def book_on_cohort(
    *, municipality: Municipality, event: Event, people: list[User], by: User, expected: dict[int, str] | None = None
) -> list[Registration]:
    """Register people of the municipality's staff on a basic-course cohort (scheduling's service holds
    capacity and the waitlist under the cohort's row lock). Only people who still need the course
    (overdue or within the deadline), hold no confirmed booking and are not on the cohort already are
    booked, in the order of `compliance.selectors.booking.booking_plan` (overdue first, then the nearest
    deadline), so the first ones get the seats.

    `expected` (person id -> "confirmed" / "waitlisted") is what the leader confirmed; when the booking
    would come out otherwise (someone took the seats meanwhile), a ValidationError and nothing is written."""
    _check_leads(by, municipality)
    Event.objects.select_for_update().filter(pk=event.pk).first()  # hold the seats still while we plan
    cohorts = [cohort for cohort in bookable_cohorts() if cohort.pk == event.pk]
    if not cohorts:
        raise ValidationError(_("The cohort cannot be booked."))
    report = municipal_report(municipality=municipality)
    bookable = {row.person_id for row in report.rows if row.bookable}
    if not any(p.pk in bookable for p in people):
        raise ValidationError(_("Choose at least one person who has not completed the basic course."))
    (option,) = cohort_options(municipality=municipality, cohorts=cohorts)
    plan = booking_plan(municipality=municipality, option=option, person_ids=[p.pk for p in people], rows=report.rows)
    if expected is not None and plan.expected != expected:
        raise ValidationError(_(
            "The seats on the cohort changed while you confirmed. Nobody was booked; look at the new plan."
        ))
    by_id = {p.pk: p for p in people}
    chosen = [by_id[pid] for pid in plan.to_book]
    if not chosen:
        raise ValidationError(_("None of the chosen people can be booked on this cohort."))
    registrations = registrations_bulk_create(event=event, people=chosen, by=by, municipality=municipality)
    if expected is not None and {r.person_id: r.status for r in registrations} != expected:
        raise ValidationError(_(
            "The seats on the cohort changed while you confirmed. Nobody was booked; look at the new plan."
        ))
    return registrations
