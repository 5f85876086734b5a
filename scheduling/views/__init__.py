"""Scheduling's pages, one module per concern: `calendar` (personal, municipal and provider
calendars), `panels` (the dashboard panels), `events` (planning, editing and cancelling events and sessions),
`registration` (signing up, booking staff, cancelling, participant lists), `attendance` (the roster
and the sign-in sheet), `feeds` (iCalendar feeds and the subscription page) and `calendar_import`
(the .ics upload).

Views are thin: they read through `scheduling.selectors` what the viewer may see (and, to decide what
to show, what they may do), and write only by calling `scheduling.services`, which check the
permission themselves. A service's `ValidationError` goes back onto the form; its `PermissionDenied`
becomes Django's 403. `scope` holds the one rule for finding the object a management page is about.
"""
