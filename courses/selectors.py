"""Reads for learning: course outlines, a learner's progress, a leader's team view, completion rules.

Every function here uses a fixed number of queries, however many courses, lessons or people there are
(the dashboard and the team view assert this in tests).
"""

import datetime
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Membership, Municipality
from people.permissions import access_for, visible_municipalities
from people.roles import MUNICIPAL_ROLES

from .models import (
    Completion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)

# Block types in a lesson body that are exercises (submitted by the learner) and, of those, quizzes.
QUIZ_BLOCK_TYPES = ("quiz",)
EXERCISE_BLOCK_TYPES = ("quiz", "magnet_board", "case_exercise")


def optional_model(app_label, name):
    """A model another helper or app provides, or None while it does not exist yet."""
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


# --- Course structure ---------------------------------------------------------------------------


def _hidden_index_paths(viewer):
    """Paths of local course indexes (a municipality's own material) the viewer may not see."""
    from .models import CourseIndexPage

    if viewer is None:
        return []
    access = access_for(viewer)
    if access.is_national_admin or "municipality" not in {f.name for f in CourseIndexPage._meta.get_fields()}:
        return []
    return list(
        CourseIndexPage.objects.filter(municipality__isnull=False)
        .exclude(municipality_id__in=access.municipality_ids()).values_list("path", flat=True)
    )


def open_courses(viewer=None):
    """Courses one may enrol in oneself: live courses without course days (pure e-learning), leaving out
    other municipalities' local material."""
    qs = CoursePage.objects.live().filter(course_days=0).order_by("path")
    hidden = _hidden_index_paths(viewer)
    return qs.exclude(_under_any(hidden)) if hidden else qs


def is_open_course(course, viewer=None) -> bool:
    if not (course.live and course.course_days == 0):
        return False
    return not any(course.path.startswith(p) for p in _hidden_index_paths(viewer))


def course_for_lesson(lesson):
    return CoursePage.objects.filter(path=lesson.path[: len(lesson.path) - 2 * LessonPage.steplen]).first()


def _under_any(paths):
    paths = list(paths)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(path__startswith=p) for p in paths))


@dataclass
class LessonRow:
    lesson: LessonPage
    done: bool = False
    url: str | None = None


@dataclass
class ModuleRow:
    module: ModulePage
    lessons: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for row in self.lessons if row.done)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class CourseProgress:
    course: CoursePage
    enrolment: Enrolment | None = None
    completion: Completion | None = None
    modules: list = field(default_factory=list)
    sessions: list = field(default_factory=list)

    @property
    def lessons(self):
        return [row for module in self.modules for row in module.lessons]

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for row in self.lessons if row.done)

    @property
    def percent(self):
        if self.completion and not self.total:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_lesson(self):
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


def course_outlines(courses, *, request=None, done_lesson_ids=frozenset()):
    """{course id: [ModuleRow]} for the given courses in two queries (modules, lessons)."""
    courses = list(courses)
    by_path = {c.path: c for c in courses}
    outlines = {c.pk: [] for c in courses}
    if not courses:
        return outlines
    steplen = CoursePage.steplen
    module_index = {}
    modules = ModulePage.objects.live().filter(_under_any(by_path)).order_by("path")
    for module in modules:
        course = by_path.get(module.path[: len(module.path) - steplen])
        if course is None:
            continue
        row = ModuleRow(module=module)
        outlines[course.pk].append(row)
        module_index[module.path] = row
    lessons = (
        LessonPage.objects.live().filter(_under_any(module_index)).order_by("path")
        .only("id", "path", "depth", "title", "slug", "url_path", "required", "estimated_minutes", "live")
    )
    for lesson in lessons:
        row = module_index.get(lesson.path[: len(lesson.path) - steplen])
        if row is None:
            continue
        url = lesson.get_url(request=request) if request is not None else lesson.url
        row.lessons.append(LessonRow(lesson=lesson, done=lesson.pk in done_lesson_ids, url=url))
    return outlines


# --- A learner's own courses --------------------------------------------------------------------


def coming_sessions(*, person, limit_days=365):
    """The learner's coming course days: sessions of cohorts they are confirmed on (one query)."""
    from scheduling.models import Event
    from scheduling.selectors import upcoming_sessions_for

    horizon = timezone.now() + datetime.timedelta(days=limit_days)
    return list(upcoming_sessions_for(person).filter(event__kind=Event.Kind.COHORT, starts_at__lte=horizon))


def my_courses(*, person, request=None):
    """Everything the learner's course list shows, in a constant number of queries:
    enrolled courses with progress, courses completed without an enrolment (imported), coming days."""
    enrolments = list(
        Enrolment.objects.filter(person=person, course__live=True).select_related("course").order_by("-enrolled_at")
    )
    completions = {}
    for completion in (
        Completion.objects.valid().filter(person=person).select_related("course", "provider").order_by("-completed_on")
    ):
        completions.setdefault(completion.course_id, completion)
    done = set(LessonProgress.objects.filter(person=person).values_list("lesson_id", flat=True))
    courses = [e.course for e in enrolments]
    seen = {c.pk for c in courses}
    courses += [c.course for c in completions.values() if c.course_id not in seen]
    outlines = course_outlines(courses, request=request, done_lesson_ids=done)
    sessions = coming_sessions(person=person)
    sessions_by_course = {}
    for session in sessions:
        sessions_by_course.setdefault(getattr(session.event, "course_page_id", None), []).append(session)
    result = []
    enrolment_by_course = {e.course_id: e for e in enrolments}
    for course in courses:
        result.append(CourseProgress(
            course=course,
            enrolment=enrolment_by_course.get(course.pk),
            completion=completions.get(course.pk),
            modules=outlines.get(course.pk, []),
            sessions=sessions_by_course.get(course.pk, []),
        ))
    # Unfinished first (soonest due date first), then completed.
    result.sort(key=lambda p: (p.completion is not None, p.due_date or datetime.date.max, p.course.title))
    return {"courses": result, "sessions": sessions}


def course_progress(*, person, course, request=None):
    """One course's progress for the learner (course page, lesson page)."""
    enrolment = Enrolment.objects.filter(person=person, course=course).first() if person.is_authenticated else None
    completion = None
    done = frozenset()
    if person.is_authenticated:
        completion = Completion.objects.valid().filter(person=person, course=course).order_by("-completed_on").first()
        done = frozenset(LessonProgress.objects.filter(person=person, course=course).values_list("lesson_id", flat=True))
    outlines = course_outlines([course], request=request, done_lesson_ids=done)
    return CourseProgress(course=course, enrolment=enrolment, completion=completion, modules=outlines[course.pk])


def own_completions(*, person):
    return (
        Completion.objects.filter(person=person)
        .select_related("course", "provider", "revocation")
        .order_by("-completed_on", "-pk")
    )


# --- Completion rules ---------------------------------------------------------------------------


@dataclass
class RuleCheck:
    label: str
    met: bool
    detail: str = ""


@dataclass
class RuleStatus:
    checks: list

    @property
    def met(self):
        return bool(self.checks) and all(check.met for check in self.checks)

    @property
    def by_attendance(self):
        return any(check.label == _("Every course day attended") for check in self.checks)


def exercise_blocks(lesson, types=EXERCISE_BLOCK_TYPES):
    """(block type, block id) of the exercises in a lesson body (top-level blocks, as the exercises
    are submitted)."""
    return [
        (child.block_type, child.id)
        for child in (getattr(lesson, "body", None) or [])
        if getattr(child, "block_type", None) in types and getattr(child, "id", None)
    ]


def days_attended(*, person, course):
    """The day numbers of the course the person attended, in any cohort of it (so a missed day can be
    made up on the same-numbered day of another cohort). Empty while scheduling has no attendance."""
    from scheduling.models import Attendance

    return set(
        Attendance.objects.filter(
            person=person, status=Attendance.Status.ATTENDED, session__event__course_page_id=course.pk,
        ).values_list("session__day_number", flat=True)
    )


def completion_rule_status(*, person, course) -> RuleStatus:
    """Which of the course's completion rules the person meets now."""
    checks = []
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    done = set(LessonProgress.objects.filter(person=person, course=course).values_list("lesson_id", flat=True))
    if course.rule_required_lessons:
        required = [lesson for lesson in lessons if lesson.required]
        missing = [lesson for lesson in required if lesson.pk not in done]
        checks.append(RuleCheck(
            _("All required lessons completed"), not missing,
            _("%(done)s of %(total)s") % {"done": len(required) - len(missing), "total": len(required)},
        ))
    if course.rule_quizzes_passed:
        quizzes = [(lesson, block_id) for lesson in lessons for _type, block_id in exercise_blocks(lesson, QUIZ_BLOCK_TYPES)]
        if quizzes:
            QuizAttempt = optional_model("courses", "QuizAttempt")
            passed = set()
            if QuizAttempt is not None:
                passed = set(
                    QuizAttempt.objects.filter(person=person, lesson__in=[q[0] for q in quizzes], passed=True)
                    .values_list("lesson_id", "block_id")
                )
            missing = [q for q in quizzes if (q[0].pk, q[1]) not in passed]
            checks.append(RuleCheck(
                _("Every quiz passed"), not missing,
                _("%(done)s of %(total)s") % {"done": len(quizzes) - len(missing), "total": len(quizzes)},
            ))
    if course.rule_all_days_attended and course.course_days:
        attended = days_attended(person=person, course=course)
        wanted = set(range(1, course.course_days + 1))
        checks.append(RuleCheck(
            _("Every course day attended"), wanted <= attended,
            _("%(done)s of %(total)s") % {"done": len(wanted & attended), "total": len(wanted)},
        ))
    return RuleStatus(checks=checks)


# --- Leaders: team progress ---------------------------------------------------------------------


def team_municipalities(*, viewer):
    """Municipalities whose team progress the viewer may see (led ones; all for national admins)."""
    return visible_municipalities(viewer).order_by("name")


def may_see_team_progress(viewer) -> bool:
    access = access_for(viewer)
    return access.is_national_admin or bool(access.led_municipality_ids)


@dataclass
class CourseColumn:
    course: CoursePage
    lessons: int = 0
    enrolled: int = 0
    completed: int = 0
    overdue: int = 0


@dataclass
class PersonRow:
    person: object
    team: object
    cells: list = field(default_factory=list)


@dataclass
class Cell:
    enrolment: Enrolment | None = None
    completion: Completion | None = None
    done: int = 0
    total: int = 0

    @property
    def percent(self):
        if self.completion:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def overdue(self):
        due = self.enrolment.due_date if self.enrolment else None
        return bool(due and not self.completion and due < timezone.localdate())

    @property
    def empty(self):
        return self.enrolment is None and self.completion is None


def municipality_staff(*, municipality, team=None):
    """Current memberships (municipal roles) of a municipality: the people a leader follows."""
    qs = Membership.objects.current().filter(municipality=municipality, role__in=sorted(MUNICIPAL_ROLES))
    if team is not None:
        qs = qs.filter(team=team)
    return qs


def team_progress(*, viewer, municipality: Municipality, team=None, page=1, per_page=100):
    """The leader's view: every current staff member of the municipality (optionally one team) against
    the courses any of them is enrolled in or has completed. Constant queries; paginated by person."""
    from django.core.paginator import Paginator

    staff = municipality_staff(municipality=municipality, team=team)
    people_ids = staff.values("person_id")
    courses = list(
        CoursePage.objects.live()
        .filter(
            Q(pk__in=Enrolment.objects.filter(person__in=people_ids).values("course_id"))
            | Q(pk__in=Completion.objects.filter(person__in=people_ids).values("course_id"))
            | Q(required_by_licence=True)
        )
        .order_by("path")
    )
    columns = {c.pk: CourseColumn(course=c) for c in courses}
    steplen = CoursePage.steplen
    by_path = {c.path: c.pk for c in courses}
    for path in LessonPage.objects.live().filter(_under_any(by_path)).values_list("path", flat=True):
        course_id = by_path.get(path[: len(path) - 2 * steplen])
        if course_id:
            columns[course_id].lessons += 1
    today = timezone.localdate()
    for row in (
        Enrolment.objects.filter(person__in=people_ids, course_id__in=columns)
        .annotate(has_completion=Exists(
            Completion.objects.valid().filter(person_id=OuterRef("person_id"), course_id=OuterRef("course_id"))
        ))
        .values("course_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_date__lt=today, has_completion=False)))
    ):
        columns[row["course_id"]].enrolled = row["n"]
        columns[row["course_id"]].overdue = row["late"]
    for row in (
        Completion.objects.valid().filter(person__in=people_ids, course_id__in=columns)
        .values("course_id").annotate(n=Count("person_id", distinct=True))
    ):
        columns[row["course_id"]].completed = row["n"]

    memberships = staff.select_related("person", "team").order_by("person__full_name", "person__email", "pk")
    paginator = Paginator(memberships, per_page)
    page_obj = paginator.get_page(page)
    rows_people = {}
    for membership in page_obj.object_list:
        rows_people.setdefault(membership.person_id, membership)
    ids = list(rows_people)
    enrolments = {(e.person_id, e.course_id): e for e in Enrolment.objects.filter(person_id__in=ids)}
    completions = {}
    for c in Completion.objects.valid().filter(person_id__in=ids).order_by("completed_on"):
        completions[(c.person_id, c.course_id)] = c
    done = {
        (r["person_id"], r["course_id"]): r["n"]
        for r in LessonProgress.objects.filter(person_id__in=ids, lesson__live=True)
        .values("person_id", "course_id").annotate(n=Count("pk"))
    }
    rows = []
    for person_id, membership in rows_people.items():
        cells = []
        for course in courses:
            key = (person_id, course.pk)
            cells.append(Cell(
                enrolment=enrolments.get(key), completion=completions.get(key),
                done=done.get(key, 0), total=columns[course.pk].lessons,
            ))
        rows.append(PersonRow(person=membership.person, team=membership.team, cells=cells))
    return {
        "columns": [columns[c.pk] for c in courses],
        "rows": rows,
        "page_obj": page_obj,
        "paginator": paginator,
    }



# --- My data (GDPR access) ----------------------------------------------------------------------

_SECRET_FIELDS = {"password"}


def _record(instance):
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in _SECRET_FIELDS:
            continue
        value = f.value_from_object(instance)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (int, float, bool, str, list, dict)):
            value = str(value)
        data[f.attname] = value
        if f.is_relation and value is not None:
            related = getattr(instance, f.name, None)
            if related is not None:
                data[f.name + "_name"] = str(getattr(related, "title", None) or related)
    return data


def personal_data(*, person) -> dict:
    """Everything the platform holds about the person that this app knows of: the person, memberships,
    enrolments, lesson progress, exercise attempts, completions and revocations, and scheduling's
    registrations and attendance when that app has them. Sections are lists of flat records."""
    from people.models import Membership as MembershipModel

    sections = {
        "person": [_record(person)],
        "memberships": [_record(m) for m in MembershipModel.objects.filter(person=person)
                        .select_related("municipality", "provider", "team").order_by("start_date")],
        "enrolments": [_record(e) for e in Enrolment.objects.filter(person=person)
                       .select_related("course", "last_lesson", "assigned_by").order_by("enrolled_at")],
        "lesson_progress": [_record(p) for p in LessonProgress.objects.filter(person=person)
                            .select_related("lesson", "course").order_by("completed_at")],
    }
    for key, name in (("quiz_attempts", "QuizAttempt"), ("magnet_board_attempts", "MagnetBoardAttempt"),
                      ("case_answers", "CaseAnswer")):
        model = optional_model("courses", name)
        if model is not None and "person" in {f.name for f in model._meta.get_fields()}:
            sections[key] = [_record(a) for a in model.objects.filter(person=person).order_by("pk")]
    completions = list(Completion.objects.filter(person=person).select_related("course", "provider").order_by("pk"))
    sections["completions"] = [_record(c) for c in completions]
    from .models import CompletionRevocation

    sections["completion_revocations"] = [
        _record(r) for r in CompletionRevocation.objects.filter(completion__person=person).order_by("pk")
    ]
    for key, name in (("registrations", "Registration"), ("attendance", "Attendance")):
        model = optional_model("scheduling", name)
        if model is not None and "person" in {f.name for f in model._meta.get_fields()}:
            sections[key] = [_record(r) for r in model.objects.filter(person=person).order_by("pk")]
    return sections


def personal_data_rows(data: dict):
    """The same data as flat rows for CSV: section, record number, field, value."""
    for section, records in data.items():
        for number, record in enumerate(records, start=1):
            for key, value in record.items():
                yield section, number, key, "" if value is None else value


def team_summary(*, municipality_ids):
    """{municipality id: [(course, enrolled, completed)]} for the leader's dashboard panel, in two queries."""
    today = timezone.localdate()
    staff = Membership.objects.current().filter(municipality_id__in=municipality_ids, role__in=sorted(MUNICIPAL_ROLES))
    result = {}
    counts = {}
    for row in (
        staff.filter(person__enrolments__course__live=True)
        .values("municipality_id", "person__enrolments__course_id", "person__enrolments__course__title")
        .annotate(
            enrolled=Count("person_id", distinct=True),
            overdue=Count("person_id", distinct=True, filter=Q(person__enrolments__due_date__lt=today)),
        )
    ):
        key = (row["municipality_id"], row["person__enrolments__course_id"])
        counts[key] = {"title": row["person__enrolments__course__title"], "enrolled": row["enrolled"], "completed": 0}
    for row in (
        staff.filter(person__completions__revocation__isnull=True, person__completions__course__live=True)
        .values("municipality_id", "person__completions__course_id", "person__completions__course__title")
        .annotate(completed=Count("person_id", distinct=True))
    ):
        key = (row["municipality_id"], row["person__completions__course_id"])
        counts.setdefault(key, {"title": row["person__completions__course__title"], "enrolled": 0, "completed": 0})
        counts[key]["completed"] = row["completed"]
    for (municipality_id, _course_id), value in sorted(counts.items(), key=lambda kv: kv[1]["title"]):
        result.setdefault(municipality_id, []).append(value)
    return result
