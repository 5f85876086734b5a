"""Hooks compliance registers in the apps below it (scheduling never imports compliance)."""

from django.utils import timezone


def waitlist_priority(event, person_ids):
    """On a basic-course cohort's waitlist, the person with the nearest licence deadline goes first.

    Returns {person_id: days left}; people who have completed the course or are exempt get no key (so
    scheduling puts them after those with a deadline, first come first served)."""
    from courses.models import CoursePage

    from .selectors import load_evidence
    from .status import Status, derive, terms_on

    course_page_id = getattr(event, "course_page_id", None)
    if not course_page_id or not CoursePage.objects.filter(pk=course_page_id, kind="grundkursus").exists():
        return {}
    today = timezone.localdate()
    person_ids = list(person_ids)
    keys = {}
    if not person_ids:
        return keys
    evidence = load_evidence(first_day=today, last_day=today, municipality_ids=None, person_id=None,
                             detailed=False, person_ids=person_ids)
    for mid, memberships in evidence.memberships.items():
        terms = terms_on(evidence.terms.get(mid, []), today)
        for pid, _role, _team, start, _end in memberships:
            derived = derive(
                as_of=today, start_date=start, terms=terms, basic=evidence.basic.get(pid, ()),
                brush_ups=evidence.brush_ups.get(pid, ()), exemptions=evidence.exemptions.get((pid, mid), ()),
            )
            if derived.status in (Status.COMPLETED, Status.EXEMPT) or derived.days_left is None:
                continue
            keys[pid] = min(keys.get(pid, derived.days_left), derived.days_left)
    return keys


def register():
    try:
        from scheduling import hooks as scheduling_hooks
    except ImportError:
        return
    register_fn = getattr(scheduling_hooks, "register_waitlist_priority", None)
    if register_fn is not None:
        register_fn(waitlist_priority)
