"""Writes for scheduling, one module per concept:

- `scheduling.services.events`: events, sessions, meeting series, seat quotas, cancellations;
- `scheduling.services.registration`: booking oneself or others, cancelling, the waitlist;
- `scheduling.services.attendance`: recording who came;
- `scheduling.services.calendar_feed`: the secret address of a person's calendar feed;
- `scheduling.services.calendar_import`: events from an uploaded .ics file.

Every function is keyword-only and atomic, and is the one door to its change: it takes `by`, the
person asking, and raises `django.core.exceptions.PermissionDenied` when they may not (the rules are
`scheduling.selectors.may_*`, the same ones the pages read to decide what to show); then it validates
(`ValidationError`, in Danish), writes the change and its history, and queues its mail and signals
after commit. `by=None` is the platform acting on its own (the demo loader): there is nobody to
check, as Wagtail's actions skip their check without a user.
"""
