"""Reads of the teaching material, scoped to what the viewer may see: live pages only, pages under a
view restriction only for those it admits, local material only for its municipality.

`hidden_local_index_paths` is the one rule for local material (a course index with a municipality is
seen by that municipality's people and by national admins); everything that hides local material
(serving a page, the material search, the open courses, the list of local indexes) goes through it.
`document_visible_to` applies the same rule to the documents in a municipality's collection.

The material's version (`material_version`, changed by `material_changed` whenever a page is published,
unpublished, moved or deleted, or a course index saved: receivers in courses/wiring.py) keys what is
cached of the tree: the lesson page's outline (courses.selectors.lesson_page)."""

import re
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Collection, Page, PageViewRestriction

from people.permissions import access_for
from web.cache import current_version, version_changed

from ..models import CourseIndexPage, CoursePage, LessonPage, LocalCollection, ModulePage
from ..models.pages import MaterialPageMixin

MATERIAL_TYPES = (CourseIndexPage, CoursePage, ModulePage, LessonPage)


def under_any(paths) -> Q:
    """Pages at or below any of the tree paths (matches nothing for no paths)."""
    paths = list(paths)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(path__startswith=p) for p in paths))


def _hidden_local(queryset, viewer):
    """The rows of `queryset` (each with a municipality) whose municipality's local material the viewer
    may not see: other municipalities'; none for national admins; all of them for anonymous viewers."""
    access = access_for(viewer)
    if access.is_national_admin:
        return queryset.none()
    return queryset.exclude(municipality_id__in=access.municipality_ids())


MATERIAL_VERSION_KEY = "courses:material-version"


def material_version() -> int:
    """The course material's version (web.cache.current_version)."""
    return current_version(MATERIAL_VERSION_KEY)


def material_changed() -> None:
    """The page tree changed (published, unpublished, moved, deleted, an index saved): what is cached of
    it is out of date. The version changes at once and again when the transaction commits
    (web.cache.version_changed): another request that read the new version before the commit may have
    cached the tree as it was, under that version."""
    version_changed(MATERIAL_VERSION_KEY)


def hidden_local_index_paths(viewer) -> list[str]:
    """Paths of the local course indexes (a municipality's own material) the viewer may not see. One query."""
    return list(_hidden_local(CourseIndexPage.objects.filter(municipality__isnull=False), viewer)
                .values_list("path", flat=True))


def document_visible_to(document, viewer) -> bool:
    """Whether the viewer may fetch this Wagtail document: not when it lies in (or below) the collection
    of a municipality whose local material the viewer may not see."""
    path, step = document.collection.path, Collection.steplen
    ancestors = [path[:end] for end in range(step, len(path) + 1, step)]
    return not _hidden_local(LocalCollection.objects.filter(collection__path__in=ancestors), viewer).exists()


def material_visible_to(page: MaterialPageMixin, viewer) -> bool:
    """Whether the viewer may open this material page (the local-material rule for one page): its course
    index is national, or local to one of the viewer's municipalities, or the viewer a national admin.
    No query when the page knows its index (a lesson routed from its index does)."""
    index = page.material_index
    if index is None or index.municipality_id is None:
        return True
    access = access_for(viewer)
    return access.is_national_admin or index.municipality_id in set(access.municipality_ids())


def hidden_material_paths(viewer) -> list[str]:
    """Paths of subtrees the viewer may not see: view restrictions that do not admit them, and other
    municipalities' local material."""
    hidden = []
    group_ids = set(viewer.groups.values_list("pk", flat=True)) if viewer.is_authenticated else set()
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
        kind = restriction.restriction_type
        if kind == PageViewRestriction.LOGIN and viewer.is_authenticated:
            continue
        if kind == PageViewRestriction.GROUPS and viewer.is_authenticated and (
            viewer.is_superuser or group_ids & {g.pk for g in restriction.groups.all()}
        ):
            continue
        hidden.append(restriction.page.path)
    return hidden + hidden_local_index_paths(viewer)


def visible_material(viewer):
    """Live course-material pages the viewer may open."""
    qs = Page.objects.live().type(*MATERIAL_TYPES)
    hidden = hidden_material_paths(viewer)
    return qs.exclude(under_any(hidden)) if hidden else qs


def material_search(*, user, query: str):
    """Search results over the material the viewer may see, best first."""
    # Words only: control characters (a NUL byte above all) break PostgreSQL, and punctuation is query
    # syntax to SQLite's FTS5 (the embedded default), where "<script>" would be a syntax error.
    query = " ".join(re.findall(r"\w+", query or "")).strip()
    if not query:
        return []
    return list(visible_material(user).specific().search(query, operator="and")[:50])


def local_course_indexes(viewer):
    """The live local course indexes the viewer may see, by title."""
    return (
        CourseIndexPage.objects.live().filter(municipality__isnull=False)
        .exclude(path__in=hidden_local_index_paths(viewer)).order_by("title")
    )


def first_course_index(viewer):
    """The national course index, or the viewer's own municipality's when there is no national one."""
    national = CourseIndexPage.objects.live().filter(municipality__isnull=True).order_by("path").first()
    if national is not None:
        return national
    return local_course_indexes(viewer).order_by("path").first()
