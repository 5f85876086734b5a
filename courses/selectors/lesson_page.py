"""The same-for-everyone parts of a lesson page, rendered once and kept in Django's cache.

- `lesson_body_parts`: the lesson's body as a list of parts in order. A part without per-person state
  (text, images, callouts, the triangle …) is its rendered HTML, cached per page, live revision and
  language: publishing a new revision changes the key, so nothing needs purging. An exercise (quiz,
  magnet board, case exercise) shows the viewer's own answers and results, so it is never cached: its
  part is the bound block, rendered per request with the state from `exercise_states`.
- `lesson_outline`: the breadcrumbs, the module's lessons and the previous/next lesson as plain data
  (titles and URLs), cached per page and per version of the course material. That version changes
  whenever any page is published, unpublished, moved or deleted (courses.selectors.material), since
  those change other pages' titles, order and presence.

A preview (a draft shown to an editor) is never read from or written to the cache. An unpublished
page is not served at all (Wagtail's routing answers 404 before the template is reached)."""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from content.blocks import EXERCISE_BLOCK_TYPES

from ..models import LessonPage
from .catalogue import course_outlines
from .material import material_version

CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class BodyPart:
    """One top-level block of the body: `html` (cached, the same for everyone) or `child` (an exercise,
    rendered per request)."""

    block_id: str
    html: str | None = None
    child: object = None


def _page_key(kind: str, page: LessonPage, *extra) -> str:
    published = page.last_published_at.timestamp() if page.last_published_at else ""
    parts = [kind, page.pk, page.live_revision_id or "", published, translation.get_language() or "", *extra]
    return "courses:lesson:" + ":".join(str(part) for part in parts)


def lesson_body_parts(page: LessonPage, *, context, cached: bool) -> list[BodyPart]:
    """The body's parts in order (see the module docstring). `context` is the page template's context,
    flattened, as `{% include_block %}` would pass it; `cached` False for a preview."""
    raw = list(page.body.raw_data)
    static_ids = [item["id"] for item in raw if item["type"] not in EXERCISE_BLOCK_TYPES]
    key = _page_key("body", page)
    rendered = cache.get(key) if cached else None
    if rendered is None or set(rendered) != set(static_ids):
        rendered = {}
        for index, item in enumerate(raw):
            if item["type"] not in EXERCISE_BLOCK_TYPES:
                child = page.body[index]
                rendered[child.id] = str(child.render_as_block(context={**context, "block_id": child.id}))
        if cached:
            cache.set(key, rendered, CACHE_SECONDS)
    parts = []
    for index, item in enumerate(raw):
        if item["type"] in EXERCISE_BLOCK_TYPES:
            parts.append(BodyPart(block_id=item["id"], child=page.body[index]))
        else:
            parts.append(BodyPart(block_id=item["id"], html=mark_safe(rendered[item["id"]])))  # noqa: S308 (our own render)
    return parts


def _link(page, request) -> dict:
    return {"pk": page.pk, "title": page.title, "url": page.get_url(request=request)}


def _outline_data(page: LessonPage, request) -> dict:
    ancestors = list(page.get_ancestors().filter(depth__gte=page.material_depth).only(
        "id", "title", "path", "depth", "url_path"))
    course = page.course
    module = next((a for a in ancestors if a.depth == page.depth - 1), None)
    lessons = list(
        LessonPage.objects.live().descendant_of(course).order_by("path").only("id", "title", "path", "depth", "url_path")
    ) if course is not None else []
    keys = [lesson.pk for lesson in lessons]
    position = keys.index(page.pk) if page.pk in keys else -1
    module_lessons = [lesson for lesson in lessons if module is not None and lesson.path.startswith(module.path)
                      and lesson.depth == module.depth + 1]
    return {
        "course_page": course,
        "course_modules": course_outlines([course], request=request)[course.pk] if course is not None else [],
        "breadcrumbs": [_link(a, request) for a in ancestors],
        "module": _link(module, request) if module is not None else None,
        "module_lessons": [_link(lesson, request) for lesson in module_lessons],
        "course": _link(course, request) if course is not None else None,
        "previous": _link(lessons[position - 1], request) if position > 0 else None,
        "next": _link(lessons[position + 1], request) if 0 <= position < len(lessons) - 1 else None,
        "position": position + 1 if position >= 0 else 0,
        "count": len(lessons),
    }


def lesson_outline(page: LessonPage, *, request, cached: bool) -> dict:
    """Breadcrumbs, the module strip and previous/next as titles and URLs (see the module docstring);
    with the course (`course_page`) and its live modules and lessons (`course_modules`, for the
    learner's progress). `cached` False for a preview."""
    if not cached:
        return _outline_data(page, request)
    key = _page_key("outline", page, material_version(), request.get_host() if request is not None else "")
    data = cache.get(key)
    if data is None:
        data = _outline_data(page, request)
        cache.set(key, data, CACHE_SECONDS)
    return data
