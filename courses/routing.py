"""The way from the home page to the course material in one query (registered with content.routing).

Wagtail would find a lesson (index/course/module/lesson) in five queries from the home page: the course
index by its slug and as its specific page, then the lesson (CourseIndexPage.route finds it in one). The
course indexes are few and change rarely, so each process keeps them, by their URL path, for the current
version of the material (courses.selectors.material.material_version, changed whenever a page is
published, moved, renamed, deleted or an index saved): an address below an index starts there without a
query. The index itself is still routed Wagtail's way (it is served, and a served page is never an object
shared between requests); so is any address the table does not know.

The kept indexes are read, never changed: what a request learns from one (its municipality, its depth)
it copies onto its own lesson (`material_index`)."""

from .models import CourseIndexPage
from .selectors.material import material_version

_table: tuple[object, dict[str, CourseIndexPage]] = (None, {})


def course_indexes_by_url_path() -> dict[str, CourseIndexPage]:
    """Every course index, by its URL path, as of the current version of the material (one query when the
    version changed since this process last read them, else none)."""
    global _table
    version = material_version()
    kept_version, indexes = _table
    if kept_version != version:
        indexes = {index.url_path: index for index in CourseIndexPage.objects.all()}
        _table = (version, indexes)  # one assignment of a new tuple: a reader sees the old table or the new
    return indexes


def material_router(home, request, path_components):
    """Below a course index: start from the kept index (content.routing's contract)."""
    if len(path_components) < 2:
        return None
    index = course_indexes_by_url_path().get(f"{home.url_path}{path_components[0]}/")
    if index is None or not index.path.startswith(home.path) or index.depth != home.depth + 1:
        return None
    return index.route(request, path_components[1:])
