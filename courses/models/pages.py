from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

__all__ = ["CourseKind", "CourseIndexPage", "CoursePage", "ModulePage", "LessonPage"]


class CourseKind(models.TextChoices):
    BASIC = "grundkursus", _("ICS basic course")
    SUPERUSER = "superbrugerkursus", _("ICS superuser course")
    BRUSH_UP = "brush-up", _("Brush-up")
    THEME = "temaforloeb", _("Theme course")


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")


class CoursePage(Page):
    kind = models.CharField(_("kind of course"), max_length=20, choices=CourseKind.choices, default=CourseKind.BASIC)
    course_days = models.PositiveSmallIntegerField(
        _("number of course days"), default=0, help_text=_("In-person course days; 0 for pure e-learning.")
    )
    required_by_licence = models.BooleanField(_("required by the licence"), default=False)
    introduction = RichTextField(_("introduction"), blank=True)
    # Completion rules (read by the learning code in courses/services.py).
    rule_required_lessons = models.BooleanField(_("all required lessons completed"), default=True)
    rule_quizzes_passed = models.BooleanField(_("every quiz passed at its pass mark"), default=True)
    rule_all_days_attended = models.BooleanField(
        _("every course day attended"), default=True,
        help_text=_("Only for courses with course days. A missed day may be made up on the same day of another cohort."),
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [
        FieldPanel("kind"), FieldPanel("course_days"), FieldPanel("required_by_licence"), FieldPanel("introduction"),
        FieldPanel("rule_required_lessons"), FieldPanel("rule_quizzes_passed"), FieldPanel("rule_all_days_attended"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")


class ModulePage(Page):
    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")


class LessonPage(Page):
    # The teaching-material issue replaces this with content.blocks' shared StreamBlock.
    body = StreamField([("paragraph", blocks.RichTextBlock())], verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=15)
    required = models.BooleanField(_("required"), default=True)

    search_fields = Page.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("estimated_minutes"), FieldPanel("required")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
