"""Admin wiring for the course material (hooks only; the work is in material_services)."""

from wagtail import hooks

from . import material_services
from .models import CourseIndexPage


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def set_up_local_material(request, page):
    """A course index given a municipality gets that municipality's editors, approvers and workflow."""
    specific = page.specific
    if isinstance(specific, CourseIndexPage) and specific.municipality_id:
        material_services.local_material_setup(index_page=specific)
