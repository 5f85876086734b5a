from django.urls import path

from .views import attendance, calendar, calendar_import, events, feeds, registration

app_name = "scheduling"

urlpatterns = [
    path("", calendar.my_calendar, name="calendar"),
    path("abonnement/", feeds.subscription, name="subscription"),
    path("abonnement/forny/", feeds.subscription_renew, name="subscription_renew"),
    path("feed/<uuid:token>.ics", feeds.personal_feed, name="personal_feed"),
    path("feed/<uuid:token>/kommune/<slug:slug>.ics", feeds.municipality_feed, name="municipality_feed"),
    path("kommune/<slug:slug>/", calendar.municipality_calendar, name="municipality_calendar"),
    path("kommune/<slug:slug>/import/", calendar_import.ics_import, name="ics_import"),
    path("udbyder/<slug:slug>/", calendar.provider_calendar, name="provider_calendar"),
    path("arrangement/nyt/", events.event_create, name="event_create"),
    path("arrangement/<int:pk>/", events.event_detail, name="event_detail"),
    path("arrangement/<int:pk>.ics", events.event_ics, name="event_ics"),
    path("arrangement/<int:pk>/rediger/", events.event_edit, name="event_edit"),
    path("arrangement/<int:pk>/aflys/", events.event_cancel, name="event_cancel"),
    path("arrangement/<int:pk>/tilmeld/", registration.register, name="register"),
    path("arrangement/<int:pk>/afmeld/", registration.unregister, name="unregister"),
    path("arrangement/<int:pk>/book/", registration.book_staff, name="book_staff"),
    path("arrangement/<int:pk>/deltagere/", registration.participants, name="participants"),
    path("arrangement/<int:pk>/session/ny/", events.session_edit, {"create": True}, name="session_create"),
    path("session/<int:pk>/rediger/", events.session_edit, name="session_edit"),
    path("session/<int:pk>/aflys/", events.session_cancel, name="session_cancel"),
    path("session/<int:pk>/fremmoede/", attendance.attendance_roster, name="roster"),
    path("session/<int:pk>/indskrivningsliste.pdf", attendance.sign_in_sheet, name="sign_in_sheet"),
]
