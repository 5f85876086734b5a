"""A learner's own records as the lesson page reads them, kept per version of the learner's records.

The lesson page shows, besides the material that is the same for everyone, the learner's attempts at
its exercises and their place in the course (the current enrolment, a valid completion, the lessons
done). Those rows change only when the learner does something (or a provider records or revokes a
completion), while the page is read far more often. So each learner has a version
(`learner_version`), changed by `learner_changed` whenever one of their enrolments, completions,
revocations, lesson progress, quiz or magnet-board attempts or case answers is saved or deleted
(receivers in courses/wiring.py); the rows are kept under a key naming that version and the version of
the material. Such an entry never changes under its key, so it is kept in the process's memory as well
as in Redis (web.cache), and a lesson costs two small cache reads instead of four queries.

Only the rows are kept, never anything derived from the clock: a quiz's retry pause is worked out from
the attempts at every request (courses.selectors.exercises)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from web.cache import current_version, version_changed, versioned_get, versioned_set

from ..models import CaseAnswer, Completion, Enrolment, LessonProgress, MagnetBoardAttempt, QuizAttempt
from .completion import valid_completion
from .material import material_version


def _version_key(person_id: int) -> str:
    return f"courses:learner-version:{person_id}"


def learner_version(person_id: int) -> int:
    """The version of the person's learning records (web.cache.current_version)."""
    return current_version(_version_key(person_id))


def learner_changed(person_id: int) -> None:
    """One of the person's learning records was written. The version changes at once and again when the
    transaction commits (web.cache.version_changed): a request that read the new version before the
    commit may have kept the rows as they were, under that version."""
    version_changed(_version_key(person_id))


def kept_per_learner(name: str, person_id: int, read):
    """`read()`, kept per version of the person's learning records and of the material, like the rows
    here: for a read that only the person's enrolments, completions, revocations, lesson progress,
    attempts and case answers and the material determine (no names of other people: an erasure does
    not change a version)."""
    return _kept(name, person_id, 0, read)


def _kept(kind: str, person_id: int, object_id: int, read):
    # The material's version in the key too: a test database (or a restored one) reuses primary keys
    # that an earlier one's entries may still name, and every new database starts a new material version.
    key = f"courses:learner:{kind}:{material_version()}:{person_id}:{learner_version(person_id)}:{object_id}"
    value = versioned_get(key)
    if value is None:
        value = read()
        versioned_set(key, value)
    return value


@dataclass(frozen=True)
class LessonAttempts:
    """The learner's rows for one lesson's exercises, oldest first."""

    quiz: tuple  # QuizAttempt
    magnet: tuple  # MagnetBoardAttempt
    case: tuple  # CaseAnswer


def lesson_attempts(*, person_id: int, lesson_id: int, quiz=True, magnet=True, case=True) -> LessonAttempts:
    """The learner's attempts at the lesson's exercises: at most one query per kind asked for, none
    while the kept copy holds."""
    def read():
        by_time = ("submitted_at", "pk")
        mine = {"person_id": person_id, "lesson_id": lesson_id}
        return LessonAttempts(
            quiz=tuple(QuizAttempt.objects.filter(**mine).order_by(*by_time)) if quiz else (),
            magnet=tuple(MagnetBoardAttempt.objects.filter(**mine).order_by(*by_time)) if magnet else (),
            case=tuple(CaseAnswer.objects.filter(**mine).order_by("pk")) if case else (),
        )

    kinds = f"{quiz:d}{magnet:d}{case:d}"
    return _kept(f"attempts-{kinds}", person_id, lesson_id, read)


@dataclass(frozen=True)
class CourseRecords:
    """The learner's place in one course: the current enrolment (None when not enrolled), its valid
    completion (None when there is none) and the lessons done."""

    enrolment: Enrolment | None
    completion: Completion | None
    done_lesson_ids: frozenset


def course_records(*, person_id: int, course_id: int) -> CourseRecords:
    """The learner's enrolment, completion and lessons done in the course: two queries (three with a
    completion), none while the kept copy holds."""
    def read():
        of_enrolment = {"person_id": OuterRef("person_id"), "course_id": OuterRef("course_id")}
        enrolment = (
            Enrolment.objects.current().filter(person_id=person_id, course_id=course_id)
            .annotate(completed=Exists(Completion.objects.valid().filter(**of_enrolment))).first()
        )
        if enrolment is None:
            return CourseRecords(enrolment=None, completion=None, done_lesson_ids=frozenset())
        completion = valid_completion(person_id=person_id, course_id=course_id) if enrolment.completed else None
        done = LessonProgress.objects.filter(person_id=person_id, course_id=course_id).values_list("lesson_id", flat=True)
        return CourseRecords(enrolment=enrolment, completion=completion, done_lesson_ids=frozenset(done))

    return _kept("course", person_id, course_id, read)


@dataclass(frozen=True)
class LearnerCourses:
    """The learner's rows behind their list of courses: current enrolments in live courses (newest
    first, each with its course), valid completions (newest first, with course and provider) and the
    lessons done in any course."""

    enrolments: tuple  # Enrolment, course selected
    completions: tuple  # Completion, course and provider selected
    done_lesson_ids: frozenset


def learner_courses(*, person_id: int) -> LearnerCourses:
    """The learner's enrolments, completions and lessons done: three queries, none while the kept copy
    holds (the dashboard and "My courses" read them at every view). Kept per version of the material
    as well, which a course going live or offline changes."""
    def read():
        return LearnerCourses(
            enrolments=tuple(
                Enrolment.objects.current().filter(person_id=person_id, course__live=True)
                .select_related("course").order_by("-enrolled_at")
            ),
            completions=tuple(
                Completion.objects.valid().filter(person_id=person_id).select_related("course", "provider")
                .order_by("-completed_on")
            ),
            done_lesson_ids=frozenset(
                LessonProgress.objects.filter(person_id=person_id).values_list("lesson_id", flat=True)
            ),
        )

    return kept_per_learner("courses", person_id, read)
