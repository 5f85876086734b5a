"""The course catalogue: which courses one may enrol in oneself, and course outlines (modules with
their lessons) for any number of courses in a fixed number of queries. The outline is built here only:
the course page reads it through `{% course_outline %}` (courses/templatetags/learning_tags.py) and the
learner's progress (courses.selectors.progress) adds what they have done to it."""

from dataclasses import dataclass, field

from web.cache import versioned_get, versioned_set

from ..models import CourseKind, CoursePage, LessonPage, ModulePage
from .material import hidden_local_index_paths, material_version, under_any


def open_courses(viewer):
    """Courses one may enrol in oneself: live courses without course days (pure e-learning), leaving out
    other municipalities' local material."""
    qs = CoursePage.objects.live().filter(course_days=0).order_by("path")
    hidden = hidden_local_index_paths(viewer)
    return qs.exclude(under_any(hidden)) if hidden else qs


def is_open_course(course: CoursePage, viewer) -> bool:
    if not (course.live and course.course_days == 0):
        return False
    return not any(course.path.startswith(p) for p in hidden_local_index_paths(viewer))


@dataclass
class LessonRow:
    lesson: LessonPage
    done: bool = False
    url: str | None = None


class LessonTally:
    """Counts over `self.lessons` (LessonRows): how many lessons, how many done, the percentage done,
    the estimated minutes."""

    lessons: list[LessonRow]

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for row in self.lessons if row.done)

    @property
    def figure(self):
        """The one progress figure ("3 af 9 lektioner · 33 %"), defined in courses.selectors.progress."""
        from .progress import ProgressFigure  # progress builds on this module's outlines

        return ProgressFigure(done=self.done, total=self.total)

    @property
    def percent(self):
        return self.figure.percent

    @property
    def minutes(self):
        return sum(row.lesson.estimated_minutes for row in self.lessons)


@dataclass
class ModuleRow(LessonTally):
    module: ModulePage
    lessons: list[LessonRow] = field(default_factory=list)


@dataclass
class CourseOutline(LessonTally):
    course: CoursePage
    modules: list[ModuleRow] = field(default_factory=list)

    @property
    def lessons(self) -> list[LessonRow]:
        return [row for module in self.modules for row in module.lessons]


def course_outlines(courses, *, request=None, done_lesson_ids=frozenset()) -> dict[int, list[ModuleRow]]:
    """{course id: [ModuleRow]} for the given courses, with the lessons in `done_lesson_ids` marked done.
    The structure (live modules, live lessons, their URLs) is the same for everyone: read in two queries
    and kept per version of the course material (`material_version`, changed by every publish,
    unpublish, move and delete) and host, so a warm call runs no query."""
    courses = list(courses)
    if not courses:
        return {}
    host = request.get_host() if request is not None else ""
    key = f"courses:outlines:{material_version()}:{host}:{','.join(str(c.pk) for c in courses)}"
    structure = versioned_get(key)
    if structure is None:
        structure = _outline_structure(courses, request)
        versioned_set(key, structure)
    return {
        course_id: [
            ModuleRow(module=module, lessons=[
                LessonRow(lesson=lesson, done=lesson.pk in done_lesson_ids, url=url) for lesson, url in lessons
            ])
            for module, lessons in modules
        ]
        for course_id, modules in structure.items()
    }


def _outline_structure(courses, request) -> dict[int, list[tuple]]:
    """{course id: [(module, [(lesson, url)])]}: the live modules and lessons in order (two queries)."""
    by_path = {c.path: c for c in courses}
    outlines = {c.pk: [] for c in courses}
    steplen = CoursePage.steplen
    module_index = {}
    for module in ModulePage.objects.live().filter(under_any(by_path)).order_by("path"):
        course = by_path.get(module.path[: len(module.path) - steplen])
        if course is None:
            continue
        lessons = []
        outlines[course.pk].append((module, lessons))
        module_index[module.path] = lessons
    lessons = (
        LessonPage.objects.live().filter(under_any(module_index)).order_by("path")
        .only("id", "path", "depth", "title", "slug", "url_path", "required", "estimated_minutes", "lesson_type",
              "live")
    )
    for lesson in lessons:
        row = module_index.get(lesson.path[: len(lesson.path) - steplen])
        if row is None:
            continue
        row.append((lesson, lesson.get_url(request=request) if request is not None else lesson.url))
    return outlines


def course_outline(course: CoursePage, *, request=None) -> CourseOutline:
    """One course's live modules in order, each with its live lessons (two queries)."""
    return CourseOutline(course=course, modules=course_outlines([course], request=request)[course.pk])


def basic_course() -> CoursePage | None:
    """The live ICS basic course (the first in the tree, should there be more), kept per version of the
    material: the caseworker's home asks for it on every view."""
    key = f"courses:basic-course:{material_version()}"
    found = versioned_get(key)
    if found is None:
        found = CoursePage.objects.live().filter(kind=CourseKind.BASIC).order_by("path").first() or False
        versioned_set(key, found)
    return found or None
