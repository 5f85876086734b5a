"""A leader's view of their municipality's staff: every person against the courses, and the summary
on the leader's dashboard panel. Constant queries, whatever the number of people."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from people.models import Membership, Municipality
from people.permissions import access_for, visible_municipalities
from people.roles import MUNICIPAL_ROLES

from ..models import Completion, CoursePage, Enrolment, LessonPage, LessonProgress
from .material import under_any
from .progress import lesson_percent


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
class TeamProgressCell:
    enrolment: Enrolment | None = None
    completion: Completion | None = None
    done: int = 0
    total: int = 0

    @property
    def percent(self):
        return lesson_percent(self.done, self.total)  # the one figure; the completion is shown beside it

    @property
    def overdue(self):
        due = self.enrolment.due_date if self.enrolment else None
        return bool(due and not self.completion and due < timezone.localdate())

    @property
    def empty(self):
        return self.enrolment is None and self.completion is None


@dataclass
class TeamProgressRow:
    person: object
    team: object
    cells: list[TeamProgressCell] = field(default_factory=list)


def municipality_staff(*, municipality, team=None):
    """Current memberships (municipal roles) of a municipality: the people a leader follows."""
    qs = Membership.objects.current().filter(municipality=municipality, role__in=sorted(MUNICIPAL_ROLES))
    if team is not None:
        qs = qs.filter(team=team)
    return qs


def team_progress(*, viewer, municipality: Municipality, team=None, page=1, per_page=100):
    """The leader's view: every current staff member of the municipality (optionally one team) against
    the courses any of them is enrolled in or has completed. Constant queries; paginated by person."""
    staff = municipality_staff(municipality=municipality, team=team)
    people_ids = staff.values("person_id")
    enrolments_qs = Enrolment.objects.current()
    courses = list(
        CoursePage.objects.live()
        .filter(
            Q(pk__in=enrolments_qs.filter(person__in=people_ids).values("course_id"))
            | Q(pk__in=Completion.objects.filter(person__in=people_ids).values("course_id"))
            | Q(required_by_licence=True)
        )
        .order_by("path")
    )
    columns = {c.pk: CourseColumn(course=c) for c in courses}
    steplen = CoursePage.steplen
    by_path = {c.path: c.pk for c in courses}
    for path in LessonPage.objects.live().filter(under_any(by_path)).values_list("path", flat=True):
        course_id = by_path.get(path[: len(path) - 2 * steplen])
        if course_id:
            columns[course_id].lessons += 1
    today = timezone.localdate()
    for row in (
        enrolments_qs.filter(person__in=people_ids, course_id__in=columns)
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
    enrolments = {(e.person_id, e.course_id): e for e in enrolments_qs.filter(person_id__in=ids)}
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
            cells.append(TeamProgressCell(
                enrolment=enrolments.get(key), completion=completions.get(key),
                done=done.get(key, 0), total=columns[course.pk].lessons,
            ))
        rows.append(TeamProgressRow(person=membership.person, team=membership.team, cells=cells))
    return {
        "columns": [columns[c.pk] for c in courses],
        "rows": rows,
        "page_obj": page_obj,
        "paginator": paginator,
    }


def team_summary(*, municipality_ids):
    """{municipality id: [{"title", "enrolled", "completed"}]} for the leader's dashboard panel, in two queries."""
    staff = Membership.objects.current().filter(municipality_id__in=municipality_ids, role__in=sorted(MUNICIPAL_ROLES))
    counts = {}
    for row in (
        staff.filter(person__enrolments__course__live=True, person__enrolments__ended_at__isnull=True)
        .values("municipality_id", "person__enrolments__course_id", "person__enrolments__course__title")
        .annotate(enrolled=Count("person_id", distinct=True))
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
    result = {}
    for (municipality_id, _course_id), value in sorted(counts.items(), key=lambda kv: kv[1]["title"]):
        result.setdefault(municipality_id, []).append(value)
    return result
