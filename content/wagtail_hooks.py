"""Wagtail admin wiring for the teaching-material toolbox: an accessible name for every rich-text editor."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def rich_text_editor_names():
    return format_html('<script src="{}" defer></script>', static("js/admin-a11y.js"))
