"""The hooks compliance registers in the apps below it (scheduling never imports compliance)."""

from django.utils import timezone

from courses.models import CourseKind, CoursePage
from scheduling.models import Event

from .selectors.evidence import derive_person, load_evidence, people_on
from .status import BOOKABLE, terms_on


def waitlist_priority(event: Event, person_ids: list[int]) -> dict[int, int]:
    """On a basic-course cohort's waitlist, the person with the nearest licence deadline goes first.

    Returns {person_id: days left}; people who have completed the course or are exempt get no key (so
    scheduling puts them after those with a deadline, first come first served)."""
    person_ids = list(person_ids)
    if not person_ids or not event.course_page_id:
        return {}
    if not CoursePage.objects.filter(pk=event.course_page_id, kind=CourseKind.BASIC).exists():
        return {}
    today = timezone.localdate()
    evidence = load_evidence(first_day=today, last_day=today, person_ids=person_ids)
    keys = {}
    for mid in evidence.memberships:
        terms = terms_on(evidence.terms.get(mid, []), today)
        for pid, (start, _end, _team, _roles) in people_on(evidence, mid, today).items():
            derived, _progress = derive_person(evidence, municipality_id=mid, person_id=pid, start=start,
                                               terms=terms, day=today)
            if derived.status in BOOKABLE:
                keys[pid] = min(keys.get(pid, derived.days_left), derived.days_left)
    return keys
