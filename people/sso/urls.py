from django.urls import path

from . import demo_idp, views

app_name = "sso"

urlpatterns = [
    path("metadata/", views.sp_metadata, name="metadata"),
    path("login/", views.sso_start, name="start"),
    path("acs/", views.acs, name="acs"),
    path("sls/", views.sls, name="sls"),
    path("logout/", views.sso_logout, name="logout"),
    # The development-only demo IdP answers 404 unless settings.ICS_SSO["DEMO_IDP"] (dev settings).
    path("demo-idp/metadata/", demo_idp.metadata, name="demo_idp_metadata"),
    path("demo-idp/sso/", demo_idp.single_sign_on, name="demo_idp_sso"),
    path("demo-idp/slo/", demo_idp.single_logout, name="demo_idp_slo"),
]
