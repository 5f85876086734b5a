"""Wagtail hooks of the course material (wiring only; the rules are in selectors and services)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks

from .models import CourseIndexPage
from .models.pages import MaterialPageMixin
from .selectors.material import document_visible_to, material_visible_to
from .services.material import local_material_setup


@hooks.register("before_serve_page")
def serve_material(page, request, serve_args, serve_kwargs):
    """Course material is for logged-in people; local material only for its municipality (and national
    admins). Anyone else gets the login page, or a 404 that reveals nothing."""
    if not isinstance(page, MaterialPageMixin):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not material_visible_to(page, request.user):
        raise Http404
    return None


@hooks.register("before_serve_document")
def serve_document(document, request):
    """A document in a municipality's local-material collection is served only to those who may see that
    municipality's local material; anyone else (anonymous included) gets a 404 that reveals nothing."""
    if not document_visible_to(document, request.user):
        raise Http404
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def set_up_local_material(request, page):
    """A course index given a municipality gets that municipality's editors, approvers and workflow."""
    specific = page.specific
    if isinstance(specific, CourseIndexPage) and specific.municipality_id:
        local_material_setup(index_page=specific)
