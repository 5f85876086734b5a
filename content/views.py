from django.views.generic import TemplateView


class AccessibilityStatementView(TemplateView):
    template_name = "content/accessibility_statement.html"


class PrivacyNoticeView(TemplateView):
    template_name = "content/privacy_notice.html"


class HelpView(TemplateView):
    template_name = "content/help.html"


class HelpAuthoringView(TemplateView):
    """The superusers' authoring guide: lessons, blocks, approval (issue 11, item 5)."""

    template_name = "content/help_authoring.html"
