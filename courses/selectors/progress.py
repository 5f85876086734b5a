"""A learner's progress: their courses with the lessons done, where to resume, coming course days.

Every function here uses a fixed number of queries, however many courses, lessons or people there are
(the dashboard asserts this in tests). An ended enrolment no longer counts as being enrolled.

The one progress figure (`lesson_percent`, `ProgressFigure`): the course's live lessons completed, of
its live lessons, in whole per cent, written "3 af 9 lektioner · 33 %". The lesson page, the course
page, the learner's courses, the team table and the e-learning percentage of the licence status
(courses.evidence) all count it so. A course's completion is shown beside it, never folded into it."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import ngettext

from scheduling.models import Event
from scheduling.selectors import upcoming_sessions_for

from ..models import Completion, Enrolment
from .catalogue import CourseOutline, LessonRow, ModuleRow, course_outlines
from .completion import valid_completion
from .learner_records import course_records, learner_courses


def lesson_percent(done: int, total: int) -> int:
    """The share of lessons done, in whole per cent rounded half up as people read it (1 of 8: 13 %),
    0 with no lessons, never above 100."""
    if not total:
        return 0
    return min(100, (200 * done + total) // (2 * total))


@dataclass(frozen=True)
class ProgressFigure:
    """Lessons done of a course's (or module's) lessons: "3 af 9 lektioner · 33 %"."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return lesson_percent(self.done, self.total)

    @property
    def label(self) -> str:
        return ngettext(
            "%(done)s of %(total)s lesson · %(percent)s %%", "%(done)s of %(total)s lessons · %(percent)s %%",
            self.total,
        ) % {"done": self.done, "total": self.total, "percent": self.percent}

    def __str__(self):
        return self.label


@dataclass
class CourseProgress(CourseOutline):
    """The course's outline with the learner's lessons done, their enrolment, completion and course days."""

    enrolment: Enrolment | None = None
    completion: Completion | None = None
    sessions: list = field(default_factory=list)

    @property
    def next_lesson(self) -> LessonRow | None:
        """Where to resume: the first lesson not yet done after the last one worked on, else the first not done."""
        rows = self.lessons
        last_id = self.enrolment.last_lesson_id if self.enrolment else None
        if last_id:
            ids = [row.lesson.pk for row in rows]
            if last_id in ids:
                start = ids.index(last_id)
                for row in rows[start:] + rows[:start]:
                    if not row.done:
                        return row
        return next((row for row in rows if not row.done), None)

    @property
    def due_date(self):
        return self.enrolment.due_date if self.enrolment else None

    @property
    def overdue(self):
        return bool(self.due_date and not self.completion and self.due_date < timezone.localdate())


def coming_sessions(*, person, limit_days=365):
    """The learner's coming course days: sessions of cohorts they are confirmed on (one query)."""
    horizon = timezone.now() + datetime.timedelta(days=limit_days)
    return list(upcoming_sessions_for(person).filter(event__kind=Event.Kind.COHORT, starts_at__lte=horizon))


def my_courses(*, person, request=None):
    """Everything the learner's course list shows, in a constant number of queries:
    enrolled courses with progress, courses completed without an enrolment (imported), coming days.
    The learner's own rows are kept per version of their records (learner_records.learner_courses), so a
    warm call runs one query, for the coming days."""
    records = learner_courses(person_id=person.pk)
    enrolments = list(records.enrolments)
    completions = {}
    for completion in records.completions:
        completions.setdefault(completion.course_id, completion)
    done = records.done_lesson_ids
    courses = [e.course for e in enrolments]
    seen = {c.pk for c in courses}
    courses += [c.course for c in completions.values() if c.course_id not in seen]
    outlines = course_outlines(courses, request=request, done_lesson_ids=done)
    sessions = coming_sessions(person=person)
    sessions_by_course = {}
    for session in sessions:
        sessions_by_course.setdefault(session.event.course_page_id, []).append(session)
    enrolment_by_course = {e.course_id: e for e in enrolments}
    result = [
        CourseProgress(
            course=course,
            enrolment=enrolment_by_course.get(course.pk),
            completion=completions.get(course.pk),
            modules=outlines.get(course.pk, []),
            sessions=sessions_by_course.get(course.pk, []),
        )
        for course in courses
    ]
    # Unfinished first (soonest due date first), then completed.
    result.sort(key=lambda p: (p.completion is not None, p.due_date or datetime.date.max, p.course.title))
    return {"courses": result, "sessions": sessions}


def lesson_page_progress(*, person, course, modules: list[ModuleRow]) -> CourseProgress:
    """The learner's progress in the course as a lesson page shows it, with the course's outline given
    (the page keeps it cached) and the learner's records in the course (courses.selectors.learner_records:
    no query while they are kept). Not enrolled: no progress (the page offers enrolment instead)."""
    if not person.is_authenticated:
        return CourseProgress(course=course, modules=_with_done(modules, frozenset()))
    records = course_records(person_id=person.pk, course_id=course.pk)
    if records.enrolment is None:
        return CourseProgress(course=course, modules=_with_done(modules, frozenset()))
    return CourseProgress(course=course, enrolment=records.enrolment, completion=records.completion,
                          modules=_with_done(modules, records.done_lesson_ids))


def _with_done(modules: list[ModuleRow], done) -> list[ModuleRow]:
    return [
        ModuleRow(module=row.module, lessons=[
            LessonRow(lesson=lesson.lesson, done=lesson.lesson.pk in done, url=lesson.url) for lesson in row.lessons
        ])
        for row in modules
    ]


def course_progress(*, person, course, request=None) -> CourseProgress:
    """One course's progress for the learner (the course page; the lesson page has `lesson_page_progress`).
    An enrolled learner's records are the kept ones (courses.selectors.learner_records: no query while
    they hold). Without a current enrolment only a completion counts (one a course provider recorded, or
    one from an enrolment since ended): it is read, and no lessons are done."""
    enrolment = completion = None
    done = frozenset()
    if person.is_authenticated:
        records = course_records(person_id=person.pk, course_id=course.pk)
        enrolment, completion, done = records.enrolment, records.completion, records.done_lesson_ids
        if enrolment is None:
            completion = valid_completion(person_id=person.pk, course_id=course.pk)
    outlines = course_outlines([course], request=request, done_lesson_ids=done)
    return CourseProgress(course=course, enrolment=enrolment, completion=completion, modules=outlines[course.pk])
