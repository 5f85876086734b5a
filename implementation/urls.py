from django.urls import path

from . import views

app_name = "implementation"

urlpatterns = [
    path("", views.index, name="index"),
    path("landet/", views.national, name="national"),
    path("landet/eksport.csv", views.national_export, name="national_export"),
    path("kommune/<slug:slug>/", views.plan, name="plan"),
    path("kommune/<slug:slug>/ny-maaling/", views.round_open, name="round_open"),
    path("kommune/<slug:slug>/<slug:action>/", views.plan_action, name="plan_action"),
    path("maaling/<id:pk>/", views.answer, name="answer"),
    path("maaling/<id:pk>/rapport/", views.report, name="report"),
    path("maaling/<id:pk>/rapport.<str:fmt>", views.report_export, name="report_export"),
]
