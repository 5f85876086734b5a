"""The course tree in Wagtail: CourseIndexPage → CoursePage → ModulePage → LessonPage.

A course index with a municipality holds that municipality's own material (local brush-ups, theme
days); without one it holds the national material. Pages below a local index are shown only to people
of that municipality (and national admins): the rule is courses.selectors.material, applied when a page
is served by the `before_serve_page` hook in courses/wagtail_hooks.py.

These models import nothing from courses' services or selectors (those import the models); what a
page's template needs from them it reads through courses/templatetags/learning_tags.py.
"""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from content.blocks import EXERCISE_BLOCK_TYPES, BaseStreamBlock

from ..page_forms import CourseIndexPageForm

__all__ = ["CourseKind", "LessonType", "CourseIndexPage", "CoursePage", "ModulePage", "LessonPage"]


class CourseKind(models.TextChoices):
    BASIC = "grundkursus", _("ICS basic course")
    SUPERUSER = "superbrugerkursus", _("ICS superuser course")
    BRUSH_UP = "brush-up", _("Brush-up")
    THEME = "temaforloeb", _("Theme course")


class LessonType(models.TextChoices):
    PREPARATION = "forberedelse", _("Preparation")
    FOLLOW_UP = "opfoelgning", _("Follow-up")
    E_LEARNING = "e-laering", _("E-learning")


class MaterialPageMixin:
    """What every page of the course material has: its course index and the "where am I" trail.
    Material is for logged-in people only, local material only for its municipality (and national
    admins): see `serve_material` in courses/wagtail_hooks.py."""

    @cached_property
    def material_index(self):
        if isinstance(self, CourseIndexPage):
            return self
        return CourseIndexPage.objects.ancestor_of(self).order_by("-depth").first()

    def breadcrumbs(self):
        """"Where am I": the material pages from the course index down to (not including) this page, as
        plain pages: a crumb is a title and an address, which the specific page would not change."""
        if self.depth <= self.material_depth:
            return []
        return list(self.get_ancestors().filter(depth__gte=self.material_depth))

    def get_view_restrictions(self):
        """Wagtail's rule in one query instead of two: the restrictions on this page and its ancestors,
        an alias (here or above) taking its source page's restrictions instead of its own."""
        step = Page.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    @cached_property
    def material_depth(self):
        index_page = self.material_index
        return index_page.depth if index_page else self.depth


class CourseIndexPage(MaterialPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="course_indexes",
        verbose_name=_("municipality"),
        help_text=_("Leave empty for national material. With a municipality, only its staff see the material."),
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("municipality")]
    base_form_class = CourseIndexPageForm  # the municipality is the national admins' to set
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")

    def route(self, request, path_components):
        """The address of a course, module or lesson below this index (course/, course/module/,
        course/module/lesson/) is found in one query instead of Wagtail's two per level: each level holds
        one type of page only (`subpage_types`). Anything else is routed the usual way."""
        level = len(path_components)
        if 1 <= level <= len(MATERIAL_LEVELS):
            url_path = self.url_path + "/".join(path_components) + "/"
            model = MATERIAL_LEVELS[level - 1]
            page = model.objects.descendant_of(self).filter(url_path=url_path, depth=self.depth + level).first()
            if page is not None:
                page.material_index = self  # its index (the cached property), known without a query
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = list(CoursePage.objects.child_of(self).live().specific().order_by("path"))
        course_path_length = (self.depth + 1) * Page.steplen
        counts = {}
        for path in LessonPage.objects.live().descendant_of(self).values_list("path", flat=True):
            counts[path[:course_path_length]] = counts.get(path[:course_path_length], 0) + 1
        for course in courses:
            course.lesson_count = counts.get(course.path, 0)
        context["courses"] = courses
        return context


class CoursePage(MaterialPageMixin, Page):
    kind = models.CharField(_("kind of course"), max_length=20, choices=CourseKind.choices, default=CourseKind.BASIC)
    course_days = models.PositiveSmallIntegerField(
        _("number of course days"), default=0, help_text=_("In-person course days; 0 for pure e-learning.")
    )
    course_hours = models.PositiveSmallIntegerField(
        _("course hours"), null=True, blank=True,
        help_text=_("Hours of teaching and e-learning in all, printed on the certificate. Leave empty to leave them off."),
    )
    required_by_licence = models.BooleanField(_("required by the licence"), default=False)
    audience = models.CharField(
        _("audience"), max_length=255, blank=True, help_text=_("Who the course is for, e.g. every caseworker."),
    )
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Learning objective"), max_length=300))],
        verbose_name=_("learning objectives"), blank=True,
        help_text=_("What the participant can do after the course; one objective per item."),
    )
    introduction = RichTextField(_("introduction"), blank=True)
    # Completion rules (read by courses.selectors.completion.completion_rule_status).
    rule_required_lessons = models.BooleanField(_("all required lessons completed"), default=True)
    rule_quizzes_passed = models.BooleanField(_("every quiz passed at its pass mark"), default=True)
    rule_all_days_attended = models.BooleanField(
        _("every course day attended"), default=True,
        help_text=_("Only for courses with course days. A missed day may be made up on the same day of another cohort."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("introduction"), index.SearchField("audience"), index.SearchField("learning_objectives"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldPanel("kind"),
            FieldRowPanel([FieldPanel("course_days"), FieldPanel("course_hours"), FieldPanel("required_by_licence")]),
            FieldPanel("audience"),
        ], heading=_("The course")),
        FieldPanel("introduction"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel([
            FieldPanel("rule_required_lessons"), FieldPanel("rule_quizzes_passed"), FieldPanel("rule_all_days_attended"),
        ], heading=_("Completion rules")),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")


class ModulePage(MaterialPageMixin, Page):
    introduction = RichTextField(_("introduction"), blank=True)
    course_day = models.PositiveSmallIntegerField(
        _("course day"), null=True, blank=True,
        help_text=_("The in-person course day this module belongs to, if any."),
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [FieldPanel("course_day"), FieldPanel("introduction")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    @cached_property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context["lessons"] = list(LessonPage.objects.child_of(self).live().order_by("path"))
        context["total_minutes"] = sum(lesson.estimated_minutes for lesson in context["lessons"])
        return context


class LessonPage(MaterialPageMixin, Page):
    lesson_type = models.CharField(
        _("kind of lesson"), max_length=20, choices=LessonType.choices, default=LessonType.E_LEARNING,
        help_text=_("Preparation before a course day, follow-up after it, or e-learning on its own."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences shown in the module overview."),
    )
    # Required: a draft may be saved without content (Wagtail defers the check), but it cannot be
    # submitted or published; BaseStreamBlock says so in Danish.
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=15)
    required = models.BooleanField(_("required"), default=True)

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("lesson_type"), FieldPanel("estimated_minutes"), FieldPanel("required")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    @cached_property
    def module(self):
        return ModulePage.objects.ancestor_of(self).first()

    def exercise_blocks(self):
        """The exercise blocks (quiz, magnet board, case exercise) at the top level of the body. Reads
        only those blocks (the others, e.g. images, are not looked up)."""
        return [self.body[index] for index, item in enumerate(self.body.raw_data)
                if item["type"] in EXERCISE_BLOCK_TYPES]

    # The page's outline (breadcrumbs, module strip, previous/next, the course) and its body are read by
    # the template through `lesson_outline` and `lesson_body` (courses/selectors/lesson_page.py, cached).


# The page type at each level below a course index, as the tree's `subpage_types` allow it.
MATERIAL_LEVELS = (CoursePage, ModulePage, LessonPage)
