from django.urls import path

from . import views

app_name = "scheduling"

urlpatterns = [
    path("", views.my_calendar, name="calendar"),
    path("abonnement/", views.subscription, name="subscription"),
    path("abonnement/forny/", views.subscription_renew, name="subscription_renew"),
    path("feed/<uuid:token>.ics", views.personal_feed, name="personal_feed"),
    path("feed/<uuid:token>/kommune/<slug:slug>.ics", views.municipality_feed, name="municipality_feed"),
    path("kommune/<slug:slug>/", views.municipality_calendar, name="municipality_calendar"),
    path("kommune/<slug:slug>/import/", views.ics_import, name="ics_import"),
    path("udbyder/<slug:slug>/", views.provider_calendar, name="provider_calendar"),
    path("arrangement/nyt/", views.event_create, name="event_create"),
    path("arrangement/<int:pk>/", views.event_detail, name="event_detail"),
    path("arrangement/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("arrangement/<int:pk>/rediger/", views.event_edit, name="event_edit"),
    path("arrangement/<int:pk>/aflys/", views.event_cancel, name="event_cancel"),
    path("arrangement/<int:pk>/tilmeld/", views.register, name="register"),
    path("arrangement/<int:pk>/afmeld/", views.unregister, name="unregister"),
    path("arrangement/<int:pk>/book/", views.book_staff, name="book_staff"),
    path("arrangement/<int:pk>/deltagere/", views.participants, name="participants"),
    path("arrangement/<int:pk>/session/ny/", views.session_edit, {"create": True}, name="session_create"),
    path("session/<int:pk>/rediger/", views.session_edit, name="session_edit"),
    path("session/<int:pk>/aflys/", views.session_cancel, name="session_cancel"),
    path("session/<int:pk>/fremmoede/", views.attendance_roster, name="roster"),
    path("session/<int:pk>/indskrivningsliste.pdf", views.sign_in_sheet, name="sign_in_sheet"),
]
