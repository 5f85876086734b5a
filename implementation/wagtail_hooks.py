"""The barometer's questionnaire in the Wagtail admin, for national admins (hooks only wiring; the
rules live in services.questionnaire). A version used by a round is frozen: its edit and delete views
refuse with a message, and "New version" copies it. Responses and answers have no admin view at all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from web.forms import error_text

from .models import QuestionnaireVersion
from .services import questionnaire


class QuestionnaireVersionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        try:
            questionnaire.version_assert_editable(self.instance)
        except ValidationError as exc:
            raise ValidationError(error_text(exc)) from exc
        return cleaned


class QuestionnaireVersionViewSet(SnippetViewSet):
    model = QuestionnaireVersion
    icon = "list-ul"
    menu_label = _("Barometer questionnaire")
    menu_name = "barometer"
    list_display = ["title", "number", "frozen_at", "created_at"]
    base_form_class = QuestionnaireVersionForm
    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("introduction"),
        InlinePanel("statements", heading=_("Statements"), label=_("Statement")),
    ]


register_snippet(QuestionnaireVersionViewSet)


def _refuse_frozen(request, instance):
    try:
        questionnaire.version_assert_editable(instance)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(reverse("wagtailsnippets_implementation_questionnaireversion:list"))
    return None


@hooks.register("before_edit_snippet")
def refuse_editing_frozen_version(request, instance):
    if not isinstance(instance, QuestionnaireVersion):
        return None
    if request.method == "POST":
        return _refuse_frozen(request, instance)
    if instance.is_frozen:
        messages.warning(request, _("This version is used by a barometer round and cannot be changed. "
                                    "Use »New version« in the list to change the questionnaire."))
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_used_version(request, instances):
    for instance in instances:
        if isinstance(instance, QuestionnaireVersion) and instance.is_frozen:
            return _refuse_frozen(request, instance)
    return None


def version_copy_view(request, pk):
    version = get_object_or_404(QuestionnaireVersion, pk=pk)
    if request.method != "POST":
        return render(request, "implementation/admin/version_copy.html", {"version": version})
    try:
        copy = questionnaire.version_copy(version=version, by=request.user)
    except PermissionDenied:
        messages.error(request, _("Only national admins manage the questionnaire."))
        return redirect(reverse("wagtailsnippets_implementation_questionnaireversion:list"))
    messages.success(request, _("Version %(number)s has been made as a copy; edit it before a round uses it.") % {
        "number": copy.number})
    return redirect(reverse("wagtailsnippets_implementation_questionnaireversion:edit", args=[copy.pk]))


@hooks.register("register_admin_urls")
def register_copy_url():
    return [path("barometer/version/<int:pk>/kopi/", version_copy_view, name="implementation_version_copy")]


@hooks.register("register_snippet_listing_buttons")
def copy_button(snippet, user, next_url=None):
    if isinstance(snippet, QuestionnaireVersion):
        yield ListingButton(_("New version"), reverse("implementation_version_copy", args=[snippet.pk]),
                            priority=20, icon_name="copy")
