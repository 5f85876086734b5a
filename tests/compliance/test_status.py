"""The status rules on plain values: the edge cases named in the issue."""

import datetime

from django.utils import translation

from compliance.status import (
    Completed,
    ExemptionSpan,
    Progress,
    Status,
    Terms,
    day_range,
    derive,
    progress_on,
    terms_on,
)
from courses.evidence import LearningSpan
from scheduling.evidence import BookingSpan

D = datetime.date
TERMS = Terms(grace_period_days=365, licensed=True)
START = D(2024, 1, 1)
DEADLINE = START + datetime.timedelta(days=365)  # 2024-12-31


def status(as_of, **kwargs):
    return derive(as_of=as_of, start_date=kwargs.pop("start", START), terms=kwargs.pop("terms", TERMS), **kwargs)


def test_on_the_last_day_of_the_grace_period_the_person_is_still_within_it():
    result = status(DEADLINE)
    assert result.status == Status.WITHIN
    assert result.days_left == 0
    assert result.deadline == DEADLINE


def test_the_day_after_the_grace_period_the_person_is_overdue():
    result = status(DEADLINE + datetime.timedelta(days=1))
    assert result.status == Status.OVERDUE
    assert result.days_left == -1


def test_start_date_exactly_at_the_end_of_the_grace_period_of_another_rule():
    # A shorter grace period moves the deadline: the same day is then overdue.
    short = Terms(grace_period_days=100, licensed=True)
    assert status(START + datetime.timedelta(days=100), terms=short).status == Status.WITHIN
    assert status(START + datetime.timedelta(days=101), terms=short).status == Status.OVERDUE


def test_completion_before_employment_counts():
    result = status(D(2024, 6, 1), basic=[Completed(D(2019, 5, 5))])
    assert result.status == Status.COMPLETED
    assert result.completed_on == D(2019, 5, 5)


def test_completion_after_the_as_of_day_does_not_count_yet():
    assert status(D(2024, 6, 1), basic=[Completed(D(2024, 6, 2))]).status == Status.WITHIN
    assert status(D(2024, 6, 2), basic=[Completed(D(2024, 6, 2))]).status == Status.COMPLETED


def test_a_revoked_completion_counted_until_the_day_it_was_revoked():
    done = Completed(D(2024, 3, 1), revoked_on=D(2024, 9, 1))
    assert status(D(2024, 8, 31), basic=[done]).status == Status.COMPLETED
    assert status(D(2024, 9, 1), basic=[done]).status == Status.WITHIN
    assert status(D(2025, 2, 1), basic=[done]).status == Status.OVERDUE


def test_an_exemption_that_expires():
    exemption = ExemptionSpan(D(2024, 1, 1), D(2025, 3, 31), reason="Orlov")
    assert status(D(2025, 3, 31), exemptions=[exemption]).status == Status.EXEMPT
    after = status(D(2025, 4, 1), exemptions=[exemption])
    assert after.status == Status.OVERDUE  # the deadline passed while exempt
    assert after.exemption is None


def test_a_withdrawn_exemption_stops_on_the_day_it_was_withdrawn():
    exemption = ExemptionSpan(D(2024, 1, 1), None, withdrawn_on=D(2024, 5, 1))
    assert status(D(2024, 4, 30), exemptions=[exemption]).status == Status.EXEMPT
    assert status(D(2024, 5, 1), exemptions=[exemption]).status == Status.WITHIN
    assert exemption.ends_on == D(2024, 4, 30)


def test_completion_wins_over_exemption():
    result = status(
        D(2024, 6, 1), basic=[Completed(D(2024, 5, 1))], exemptions=[ExemptionSpan(D(2024, 1, 1), None)],
    )
    assert result.status == Status.COMPLETED


def booking(start, days, *, status="confirmed", end=None, cancelled_on=None, title="Hold 1"):
    return BookingSpan(
        registration_id=1, person_id=1, event_id=1, event_title=title, course_page_id=1, status=status,
        start=start, end=end, event_cancelled_on=cancelled_on, sessions=tuple((d, None) for d in days),
    )


COURSE_DAYS = (D(2027, 1, 26), D(2027, 1, 27), D(2027, 1, 28))


def test_status_has_exactly_four_values_and_progress_is_its_own_axis():
    assert set(Status.values) == {"gennemfoert", "fritaget", "inden-for-frist", "overskredet"}
    late = status(D(2025, 1, 15))
    assert late.status == Status.OVERDUE  # whatever the person has booked: derive never sees it
    progress = progress_on(D(2025, 1, 15), bookings=[booking(D(2024, 11, 1), COURSE_DAYS)])
    assert progress.kind == Progress.Kind.BOOKED
    with translation.override("da"):
        assert progress.label == "tilmeldt hold 26.–28. jan. 2027"
    assert progress.pauses_reminders


def test_a_booking_stops_when_cancelled_when_the_cohort_is_cancelled_and_when_it_is_over():
    cancelled = booking(D(2024, 11, 1), COURSE_DAYS, end=D(2024, 12, 1))
    assert progress_on(D(2024, 12, 1), bookings=[cancelled]).kind == Progress.Kind.BOOKED
    assert progress_on(D(2024, 12, 2), bookings=[cancelled]).kind == Progress.Kind.NONE
    called_off = booking(D(2024, 11, 1), COURSE_DAYS, cancelled_on=D(2025, 1, 5))
    assert progress_on(D(2025, 1, 4), bookings=[called_off]).kind == Progress.Kind.BOOKED
    assert progress_on(D(2025, 1, 5), bookings=[called_off]).kind == Progress.Kind.NONE
    standing = booking(D(2024, 11, 1), COURSE_DAYS)
    assert progress_on(D(2027, 1, 28), bookings=[standing]).kind == Progress.Kind.BOOKED
    assert progress_on(D(2027, 1, 29), bookings=[standing]).kind == Progress.Kind.NONE


def test_a_cancelled_course_day_leaves_the_dates_when_it_is_cancelled():
    span = BookingSpan(
        registration_id=1, person_id=1, event_id=1, event_title="Hold", course_page_id=1, status="confirmed",
        start=D(2024, 11, 1), end=None, event_cancelled_on=None,
        sessions=((D(2027, 1, 26), None), (D(2027, 1, 27), None), (D(2027, 1, 28), D(2025, 1, 10))),
    )
    assert span.last_day(D(2025, 1, 9)) == D(2027, 1, 28)
    assert span.last_day(D(2025, 1, 10)) == D(2027, 1, 27)


def test_waitlist_and_e_learning_progress():
    waiting = booking(D(2024, 11, 1), COURSE_DAYS, status="waitlisted")
    progress = progress_on(D(2025, 1, 1), bookings=[waiting])
    assert progress.kind == Progress.Kind.WAITLISTED and not progress.pauses_reminders
    with translation.override("da"):
        assert progress.label == "på venteliste til hold 26.–28. jan. 2027"
    learning = LearningSpan(person_id=1, course_id=1, course_title="Grundkursus", started_on=D(2024, 1, 1),
                            ended_on=None, end_reason="", lesson_total=5,
                            lessons_done_on=(D(2024, 2, 1), D(2024, 3, 1)))
    assert progress_on(D(2024, 1, 15), learning=[learning]).kind == Progress.Kind.NONE  # nothing done yet
    started = progress_on(D(2024, 3, 1), learning=[learning])
    assert started.kind == Progress.Kind.E_LEARNING and started.elearning_percent == 40
    # A confirmed booking is shown before e-learning.
    assert progress_on(D(2025, 1, 1), bookings=[booking(D(2024, 11, 1), COURSE_DAYS)],
                       learning=[learning]).kind == Progress.Kind.BOOKED


@translation.override("da")
def test_day_ranges_read_as_danish_dates():
    assert day_range(D(2027, 1, 26), D(2027, 1, 28)) == "26.–28. jan. 2027"
    assert day_range(D(2027, 1, 30), D(2027, 2, 1)) == "30. jan.–1. feb. 2027"
    assert day_range(D(2027, 3, 2), D(2027, 3, 2)) == "2. mar. 2027"


def test_brush_up_required_every_n_years():
    terms = Terms(grace_period_days=365, brush_up_years=3, licensed=True)
    basic = [Completed(D(2020, 6, 1))]
    assert status(D(2023, 6, 1), start=D(2020, 1, 1), terms=terms, basic=basic).status == Status.COMPLETED
    assert status(D(2023, 6, 2), start=D(2020, 1, 1), terms=terms, basic=basic).status == Status.OVERDUE
    refreshed = status(D(2024, 1, 1), start=D(2020, 1, 1), terms=terms, basic=basic,
                       brush_ups=[Completed(D(2023, 5, 1))])
    assert refreshed.status == Status.COMPLETED
    assert refreshed.deadline == D(2026, 5, 1)


def test_brush_up_off_by_default_a_completion_never_expires():
    assert status(D(2040, 1, 1), basic=[Completed(D(2020, 6, 1))]).status == Status.COMPLETED


def test_terms_on_picks_the_row_in_force():
    history = [
        (D(2020, 1, 1), "active", 365, 2, None),
        (D(2023, 1, 1), "active", 180, 2, None),
        (D(2023, 1, 1), "suspended", 180, 3, None),  # recorded later the same day: it wins
    ]
    assert not terms_on(history, D(2019, 12, 31)).licensed
    assert terms_on(history, D(2022, 12, 31)).grace_period_days == 365
    latest = terms_on(history, D(2023, 1, 1))
    assert (latest.status, latest.min_superusers, latest.licensed) == ("suspended", 3, True)
