"""Reads of the teaching material, scoped to what the viewer may see: live pages only, pages under a
view restriction only for those it admits, local material only for its municipality."""

import re

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from people.permissions import access_for

from .models import CourseIndexPage, CoursePage, LessonPage, ModulePage

MATERIAL_TYPES = (CourseIndexPage, CoursePage, ModulePage, LessonPage)


def _hidden_paths(user):
    """Paths of subtrees the viewer may not see."""
    hidden = []
    access = access_for(user)
    group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
        kind = restriction.restriction_type
        if kind == PageViewRestriction.LOGIN and user.is_authenticated:
            continue
        if kind == PageViewRestriction.GROUPS and user.is_authenticated and (
            user.is_superuser or group_ids & {g.pk for g in restriction.groups.all()}
        ):
            continue
        hidden.append(restriction.page.path)
    if not access.is_national_admin:
        allowed = access.municipality_ids()
        for path, municipality_id in CourseIndexPage.objects.filter(municipality__isnull=False).values_list(
            "path", "municipality_id"
        ):
            if municipality_id not in allowed:
                hidden.append(path)
    return hidden


def visible_material(user):
    """Live course-material pages the viewer may open."""
    qs = Page.objects.live().type(*MATERIAL_TYPES)
    hidden = _hidden_paths(user)
    if hidden:
        exclude = Q()
        for path in hidden:
            exclude |= Q(path__startswith=path)
        qs = qs.exclude(exclude)
    return qs


def material_search(*, user, query: str):
    """Search results over the material the viewer may see, best first."""
    # Words only: control characters (a NUL byte above all) break PostgreSQL, and punctuation is query
    # syntax to SQLite's FTS5 (the embedded default), where "<script>" would be a syntax error.
    query = " ".join(re.findall(r"\w+", query or "")).strip()
    if not query:
        return []
    return list(visible_material(user).specific().search(query, operator="and")[:50])


def first_course_index(user):
    """The national course index, or the viewer's own municipality's when there is no national one."""
    indexes = CourseIndexPage.objects.live().order_by("path")
    national = indexes.filter(municipality__isnull=True).first()
    if national is not None:
        return national
    access = access_for(user)
    return indexes.filter(municipality_id__in=access.municipality_ids()).first()


def local_course_indexes(user):
    access = access_for(user)
    qs = CourseIndexPage.objects.live().filter(municipality__isnull=False).order_by("title")
    if access.is_national_admin:
        return qs
    return qs.filter(municipality_id__in=access.municipality_ids())
