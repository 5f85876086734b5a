"""Signals scheduling sends to the apps above it (it never imports them). All are sent after commit.

attendance_changed(sender, attendance_id, session_id, person_id, status): a person's attendance on a
    session changed. The courses app listens to run its completion rule.
registration_changed(sender, registration_id, event_id, person_id, status): a registration was
    created, confirmed, waitlisted, promoted or cancelled (`status` is the new `Registration.Status`).
    The courses app listens to enrol on a confirmed cohort registration and to end the cohort enrolment
    when the registration is cancelled.
event_cancelled(sender, event_id): an event (a cohort, a theme day, ...) was cancelled as a whole;
    its registrations keep their status, the event's `cancelled_at` records when. The courses app
    listens to end the enrolments the cohort made.
"""

from django.dispatch import Signal

attendance_changed = Signal()
registration_changed = Signal()
event_cancelled = Signal()
