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

- `exercise_html`: an exercise as the viewer sees it, cached per page revision, language and the
  viewer's state (`courses.selectors.exercises.state_fingerprint`: their latest attempt or answer and its
  revision). Attempts are never changed once made, so the entry for a state never goes stale; a new
  attempt is a new state. Nobody has made an attempt yet is one state shared by everyone. A quiz waiting
  for its retry pause depends on the clock and is rendered each time. The entry holds a placeholder
  where the form's CSRF token goes; the viewer's own token is put in on the way out.

Every key names the versions it depends on, so an entry never changes once written: each is kept in
Redis and in the process's own memory (web.cache), and a lesson reads the memory copy without a round
trip. A preview (a draft shown to an editor) is never read from or written to the cache. An
unpublished page is not served at all (Wagtail's routing answers 404 before the template is reached)."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from content.blocks import EXERCISE_BLOCK_TYPES
from web.cache import versioned_get, versioned_set

from ..models import LessonPage
from .catalogue import course_outlines
from .exercises import state_fingerprint
from .material import material_version


@dataclass(frozen=True)
class BodyPart:
    """One top-level block of the body: `html` (cached, the same for everyone) or `child` (an exercise,
    rendered per request)."""

    block_id: str
    html: str | None = None
    child: object = None


CSRF_PLACEHOLDER = "ics-csrf-token-placeholder"


# Turning an exercise block's stored JSON into Wagtail's block values (questions, answers, cards: about
# 4 ms for a quiz and a magnet board) would otherwise happen on every view. The values of a page's live
# revision never change, so each process keeps them, for the most recently viewed lessons, as objects
# (Django's cache would pickle them, which costs as much as building them). Only read, never changed.
_EXERCISE_CHILDREN: OrderedDict = OrderedDict()
_EXERCISE_CHILDREN_LOCK = threading.Lock()
_EXERCISE_CHILDREN_MAX = 256


def exercise_children(page: LessonPage, *, cached: bool) -> list:
    """The lesson's exercise blocks (`LessonPage.exercise_blocks`), kept per live revision in this process.
    `cached` False for a preview."""
    if not cached or page.live_revision_id is None:  # a page made without a revision: its row is all there is
        return page.exercise_blocks()
    key = (page.pk, page.live_revision_id, page.last_published_at)
    ids = [item["id"] for item in page.body.raw_data if item["type"] in EXERCISE_BLOCK_TYPES]
    with _EXERCISE_CHILDREN_LOCK:
        children = _EXERCISE_CHILDREN.get(key)
        if children is not None and [child.id for child in children] == ids:
            _EXERCISE_CHILDREN.move_to_end(key)
            return children
    children = page.exercise_blocks()
    with _EXERCISE_CHILDREN_LOCK:
        _EXERCISE_CHILDREN[key] = children
        while len(_EXERCISE_CHILDREN) > _EXERCISE_CHILDREN_MAX:
            _EXERCISE_CHILDREN.popitem(last=False)
    return children


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
    rendered = versioned_get(key) if cached else None
    if rendered is None or set(rendered) != set(static_ids):
        rendered = {}
        for index, item in enumerate(raw):
            if item["type"] not in EXERCISE_BLOCK_TYPES:
                child = page.body[index]
                rendered[child.id] = str(child.render_as_block(context={**context, "block_id": child.id}))
        if cached:
            versioned_set(key, rendered)
    exercises = {child.id: child for child in exercise_children(page, cached=cached)}
    parts = []
    for item in raw:
        if item["type"] in EXERCISE_BLOCK_TYPES:
            parts.append(BodyPart(block_id=item["id"], child=exercises[item["id"]]))
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
    data = versioned_get(key)
    if data is None:
        data = _outline_data(page, request)
        versioned_set(key, data)
    return data


def exercise_html(page: LessonPage, part: BodyPart, state: dict | None, *, context, request, cached: bool):
    """An exercise block rendered with the viewer's state (see the module docstring). `context` is the page
    template's context, flattened; `cached` False for a preview."""
    block_context = {**context, "ex": state, "block_id": part.block_id}
    # A page made without a revision (fixtures) has no version to name: rendered each time.
    fingerprint = state_fingerprint(state) if cached and state and page.live_revision_id else None
    if fingerprint is None:
        return part.child.render_as_block(context=block_context)
    key = _page_key("exercise", page, part.block_id, timezone.get_current_timezone_name(), fingerprint)
    html = versioned_get(key)
    if html is None:
        html = str(part.child.render_as_block(context={**block_context, "csrf_token": CSRF_PLACEHOLDER}))
        versioned_set(key, html)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 (our own render)
