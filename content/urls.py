from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("tilgaengelighed/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privatliv/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("hjaelp/", views.HelpView.as_view(), name="help"),
    path("hjaelp/forfattere/", views.HelpAuthoringView.as_view(), name="help_authoring"),
]
