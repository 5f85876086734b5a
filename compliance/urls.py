from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("", views.index, name="index"),
    path("min-status/", views.own_status, name="own_status"),
    path("landet/", views.national, name="national"),
    path("landet/eksport.<str:fmt>", views.national_export, name="national_export"),
    path("kommune/<slug:slug>/", views.municipal, name="municipal"),
    path("kommune/<slug:slug>/eksport.<str:fmt>", views.municipal_export, name="municipal_export"),
    path("kommune/<slug:slug>/tilmeld/", views.book, name="book"),
    path("kommune/<slug:slug>/tilmeld/bekraeft/", views.book_confirm, name="book_confirm"),
    path("kommune/<slug:slug>/medarbejdere/", views.staff, name="staff"),
    path("kommune/<slug:slug>/import/", views.roster_upload, name="roster_upload"),
    path("kommune/<slug:slug>/import/<id:pk>/", views.roster_preview, name="roster_preview"),
    path("kommune/<slug:slug>/fritagelse/<id:person_id>/", views.exemption_create, name="exemption_create"),
]
