"""What the apps above courses may read of it: learning evidence as typed, dated records.

This module is courses' published contract (compliance reads it; nothing above courses reads
`courses.models` for evidence). Every function runs a fixed number of queries, whatever the number of
people, and returns plain frozen dataclasses, so a report of thousands and an "as of" report for a past
date are computed the same way. `tests/courses/test_evidence_contract.py` pins the fields and the
query counts.

- `completions(...)` -> [CompletionRecord]: completions of courses of the given kinds, with the day a
  revocation took effect and the certificate's verification URL (1 query).
- `learning_spans(...)` -> [LearningSpan]: enrolments in courses of a kind as dated spans (enrolled on,
  last day enrolled), with the days lessons were completed, so the e-learning percentage can be read
  for any day (3 queries; 2 while the courses' lesson totals are cached; none for one person whose
  spans are kept, per version of their learning records).

`person_ids` may be a list of ids or a queryset of `person_id` values (a subquery); None means everyone.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from web.cache import versioned_get, versioned_set
from web.dates import local_date

from .models import Completion, CompletionMethod, CourseKind, Enrolment, LessonPage, LessonProgress
from .selectors.learner_records import kept_per_learner
from .selectors.material import material_version
from .selectors.progress import lesson_percent

__all__ = ["CompletionRecord", "LearningSpan", "completions", "learning_spans"]


@dataclass(frozen=True)
class CompletionRecord:
    """One completion as evidence. `revoked_on` is the first day it no longer counts."""

    completion_id: int
    person_id: int
    course_id: int
    course_kind: str  # a CourseKind value
    completed_on: datetime.date
    method: str  # a CompletionMethod value
    recorded_by: str  # the full name of whoever entered it by hand or imported it ("" for the platform)
    revoked_on: datetime.date | None
    certificate_url: str | None

    @property
    def is_imported(self) -> bool:
        """An earlier completion imported from another record, not earned on this platform."""
        return self.method == CompletionMethod.IMPORTED

    def counts_on(self, day: datetime.date) -> bool:
        return self.completed_on <= day and (self.revoked_on is None or self.revoked_on > day)


def completions(
    *, kinds: list[str], until: datetime.date, person_ids: list[int] | QuerySet | None = None
) -> list[CompletionRecord]:
    """Completions of courses of `kinds` dated on or before `until`, revoked or not (the caller reads
    `counts_on(day)`). One query."""
    rows = Completion.objects.filter(course__kind__in=list(kinds), completed_on__lte=until)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    out = []
    for pk, person_id, course_id, kind, completed_on, method, by, revoked_at, code in rows.order_by().values_list(
        "pk", "person_id", "course_id", "course__kind", "completed_on", "method", "recorded_by__full_name",
        "revocation__revoked_at", "verification_code",
    ):
        out.append(CompletionRecord(
            completion_id=pk, person_id=person_id, course_id=course_id, course_kind=kind,
            completed_on=completed_on, method=method, recorded_by=by or "", revoked_on=local_date(revoked_at),
            certificate_url=reverse("courses:certificate_verify", args=[code]) if code else None,
        ))
    return out


@dataclass(frozen=True)
class LearningSpan:
    """An enrolment as a dated span: from the day of enrolling to the last day enrolled (inclusive;
    None while it stands), with the days on which the course's lessons were completed."""

    person_id: int
    course_id: int
    course_title: str
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str  # an EnrolmentEnd value, "" while it stands
    lesson_total: int
    lessons_done_on: tuple[datetime.date, ...]  # sorted

    def covers(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    def lessons_done(self, day: datetime.date) -> int:
        return sum(1 for done in self.lessons_done_on if done <= day)

    def percent_on(self, day: datetime.date) -> int:
        """The share of the course's lessons completed by `day`, in whole per cent (0 with no lessons):
        the one progress figure of courses.selectors.progress."""
        return lesson_percent(self.lessons_done(day), self.lesson_total)


def learning_spans(
    *, kind: str = CourseKind.BASIC, until: datetime.date, person_ids: list[int] | QuerySet | None = None
) -> list[LearningSpan]:
    """Enrolments in courses of `kind` that began on or before `until`. Three queries: the enrolments,
    the lesson progress of those people in those courses, and the live lessons per course (cached per
    version of the material, so two while it is).

    The lesson total is the course's live lessons today (the course's structure is not versioned); the
    days lessons were completed are the recorded `LessonProgress.completed_at` times. For one person the
    spans are kept per version of their learning records and of the material (no query while kept)."""
    if isinstance(person_ids, list | tuple) and len(person_ids) == 1:
        # One person (their own status on the dashboard): kept per version of their learning records.
        person_id = person_ids[0]
        return list(kept_per_learner(
            f"learning-spans:{kind}:{until.isoformat()}", person_id,
            lambda: tuple(_learning_spans(kind=kind, until=until, person_ids=[person_id])),
        ))
    return _learning_spans(kind=kind, until=until, person_ids=person_ids)


def _learning_spans(*, kind, until, person_ids) -> list[LearningSpan]:
    enrolments = Enrolment.objects.filter(course__kind=kind, enrolled_at__date__lte=until)
    if person_ids is not None:
        enrolments = enrolments.filter(person_id__in=person_ids)
    rows = list(enrolments.order_by().values_list(
        "person_id", "course_id", "course__title", "enrolled_at", "ended_at", "end_reason", "course__path"
    ))
    if not rows:
        return []
    course_ids = {row[1] for row in rows}
    paths = {row[1]: row[6] for row in rows}
    done = {}
    # Live lessons only, as the total and every other progress figure count them.
    progress = LessonProgress.objects.filter(course_id__in=course_ids, completed_at__date__lte=until, lesson__live=True)
    if person_ids is not None:
        progress = progress.filter(person_id__in=person_ids)
    for person_id, course_id, completed_at in progress.order_by().values_list("person_id", "course_id", "completed_at"):
        done.setdefault((person_id, course_id), []).append(local_date(completed_at))
    totals = _lesson_totals(paths)
    out = []
    for person_id, course_id, title, enrolled_at, ended_at, end_reason, _path in rows:
        ended = local_date(ended_at)
        out.append(LearningSpan(
            person_id=person_id, course_id=course_id, course_title=title, started_on=local_date(enrolled_at),
            # An enrolment ended during a day no longer covers that day.
            ended_on=ended - datetime.timedelta(days=1) if ended else None, end_reason=end_reason,
            lesson_total=totals.get(course_id, 0),
            lessons_done_on=tuple(sorted(done.get((person_id, course_id), ()))),
        ))
    return out


def _lesson_totals(paths: dict[int, str]) -> dict[int, int]:
    """{course id: number of live lessons under it}, from one query over the lessons' tree paths, kept
    per version of the course material (changed by every publish, unpublish, move, creation and
    deletion of a page), so a warm call runs none."""
    key = f"courses:lesson-totals:{material_version()}:{','.join(f'{pk}={path}' for pk, path in sorted(paths.items()))}"
    totals = versioned_get(key)
    if totals is None:
        totals = _count_lessons(paths)
        versioned_set(key, totals)
    return totals


def _count_lessons(paths: dict[int, str]) -> dict[int, int]:
    totals = dict.fromkeys(paths, 0)
    by_path = {path: pk for pk, path in paths.items()}
    depths = sorted({len(path) for path in by_path})
    under_a_course = Q()
    for path in by_path:
        under_a_course |= Q(path__startswith=path)
    for path in LessonPage.objects.live().filter(under_a_course).values_list("path", flat=True):
        course_id = next((by_path[path[:d]] for d in depths if path[:d] in by_path), None)
        if course_id is not None:
            totals[course_id] += 1
    return totals
