from django.urls import path

from .views import attendance, calendar, calendar_import, events, feeds, registration

app_name = "scheduling"

urlpatterns = [
    path("", calendar.my_calendar, name="calendar"),
    path("abonnement/", feeds.subscription, name="subscription"),
    path("abonnement/forny/", feeds.subscription_renew, name="subscription_renew"),
    path("feed/<uuid:token>.ics", feeds.personal_feed, name="personal_feed"),
    path("feed/kommune/<slug:slug>/<str:key>.ics", feeds.municipality_feed, name="municipality_feed"),
    path("kommune/<slug:slug>/", calendar.municipality_calendar, name="municipality_calendar"),
    path("kommune/<slug:slug>/import/", calendar_import.ics_import, name="ics_import"),
    path("udbyder/<slug:slug>/", calendar.provider_calendar, name="provider_calendar"),
    path("arrangement/nyt/", events.event_create, name="event_create"),
    path("arrangement/<id:pk>/", events.event_detail, name="event_detail"),
    path("arrangement/<id:pk>.ics", events.event_ics, name="event_ics"),
    path("arrangement/<id:pk>/rediger/", events.event_edit, name="event_edit"),
    path("arrangement/<id:pk>/aflys/", events.event_cancel, name="event_cancel"),
    path("arrangement/<id:pk>/tilmeld/", registration.register, name="register"),
    path("arrangement/<id:pk>/afmeld/", registration.unregister, name="unregister"),
    path("arrangement/<id:pk>/book/", registration.book_staff, name="book_staff"),
    path("arrangement/<id:pk>/deltagere/", registration.participants, name="participants"),
    path("arrangement/<id:pk>/session/ny/", events.session_edit, {"create": True}, name="session_create"),
    path("session/<id:pk>/rediger/", events.session_edit, name="session_edit"),
    path("session/<id:pk>/aflys/", events.session_cancel, name="session_cancel"),
    path("session/<id:pk>/fremmoede/", attendance.attendance_roster, name="roster"),
    path("session/<id:pk>/indskrivningsliste.pdf", attendance.sign_in_sheet, name="sign_in_sheet"),
]
