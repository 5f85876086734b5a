from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from people import views as people_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("allauth.urls")),
    path("sso/", include("people.sso.urls")),
    # Every way in goes through allauth (rate limits, two-factor): Wagtail's own login form is replaced
    # by a redirect, for POST too, so a password posted there logs nobody in. Wagtail's password reset
    # is off (WAGTAIL_PASSWORD_RESET_ENABLED) and answers 404; Django's admin is not installed.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("mit/", people_views.dashboard, name="dashboard"),
    path("", include("people.urls")),
    path("", include("content.urls")),
    path("kurser/", include("courses.urls")),
    path("kalender/", include("scheduling.urls")),
    path("compliance/", include("compliance.urls")),
    path("implementering/", include("implementation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the page tree (home, course pages) for everything else; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))
