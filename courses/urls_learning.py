"""Learning: enrolment, progress, team view, import, certificates and their public verification.
Included by courses/urls.py under /kurser/ (namespace "courses")."""

from django.urls import path

from . import views

urlpatterns = [
    path("mine/", views.my_courses, name="my_courses"),
    path("mine/data/", views.my_data, name="my_data"),
    path("mine/data.json", views.my_data_json, name="my_data_json"),
    path("mine/data.csv", views.my_data_csv, name="my_data_csv"),
    path("tilmeld/<int:course_id>/", views.enrol, name="enrol"),
    path("lektion/<int:lesson_id>/gennemfoert/", views.lesson_complete, name="lesson_complete"),
    path("kursusbevis/<int:completion_id>.pdf", views.certificate_download, name="certificate_pdf"),
    path("gennemfoerelse/ny/", views.completion_create, name="completion_create"),
    path("kursusbevis/<int:completion_id>/tilbagekald/", views.completion_revoke, name="completion_revoke"),
    path("bevis/", views.certificate_verify_form, name="certificate_verify_form"),
    path("bevis/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("team/", views.team_index, name="team_index"),
    path("team/<slug:municipality_slug>/", views.team_progress, name="team_progress"),
    path("team/<slug:municipality_slug>/tildel/", views.assign, name="assign"),
    path("tidligere-forloeb/", views.import_completions, name="import_completions"),
    path("tidligere-forloeb/bekraeft/", views.import_confirm, name="import_confirm"),
]
