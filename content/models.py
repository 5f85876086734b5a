from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import routing


class HomePage(Page):
    """The public front page of ICS Akademi."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["content.StandardPage", "courses.CourseIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Through the upper apps' routers first (content.routing), else Wagtail's way."""
        if path_components:
            result = routing.route(self, request, path_components)
            if result is not None:
                return result
        return super().route(request, path_components)


class StandardPage(Page):
    """A plain page of text, such as "Om ICS Akademi"."""

    body = RichTextField(_("body"))

    search_fields = Page.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("body")]
    subpage_types = ["content.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
