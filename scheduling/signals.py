"""Signals scheduling sends to the apps above it (it never imports them).

attendance_changed(sender, attendance_id, session_id, person_id, status): after commit of a change
    to a person's attendance on a session. The courses app listens to run its completion rule.
registration_changed(sender, registration_id, event_id, person_id, status): after commit of a
    registration being created, confirmed, waitlisted or cancelled.
"""

from django.dispatch import Signal

attendance_changed = Signal()
registration_changed = Signal()
