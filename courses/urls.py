"""Courses' URLs under /kurser/ (namespace "courses")."""

from django.urls import path

from .views import certificates, exercises, learning, material, personal_data, records, team

app_name = "courses"

urlpatterns = [
    # The teaching material and its exercises.
    path("materiale/", material.material, name="material"),
    path("materiale/soeg/", material.search, name="material_search"),
    path("lektion/<id:lesson_id>/quiz/<str:block_id>/", exercises.quiz_submit, name="quiz_submit"),
    path("lektion/<id:lesson_id>/magneter/<str:block_id>/", exercises.magnet_submit, name="magnet_submit"),
    path("lektion/<id:lesson_id>/case/<str:block_id>/gem/", exercises.case_save, name="case_save"),
    path("lektion/<id:lesson_id>/case/<str:block_id>/aflever/", exercises.case_submit, name="case_submit"),
    # Learning.
    path("mine/", learning.my_courses, name="my_courses"),
    path("tilmeld/<id:course_id>/", learning.enrol, name="enrol"),
    path("lektion/<id:lesson_id>/gennemfoert/", learning.lesson_complete, name="lesson_complete"),
    # A person's own data.
    path("mine/data/", personal_data.my_data, name="my_data"),
    path("mine/data.json", personal_data.my_data_json, name="my_data_json"),
    path("mine/data.csv", personal_data.my_data_csv, name="my_data_csv"),
    # Certificates and their public verification.
    path("kursusbevis/<id:completion_id>.pdf", certificates.certificate_download, name="certificate_pdf"),
    path("bevis/", certificates.certificate_verify_form, name="certificate_verify_form"),
    path("bevis/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    # Completion records.
    path("gennemfoerelse/ny/", records.completion_create, name="completion_create"),
    path("kursusbevis/<id:completion_id>/tilbagekald/", records.completion_revoke, name="completion_revoke"),
    path("tidligere-forloeb/", records.import_completions, name="import_completions"),
    path("tidligere-forloeb/bekraeft/", records.import_confirm, name="import_confirm"),
    # Leaders.
    path("team/", team.team_index, name="team_index"),
    path("team/<slug:municipality_slug>/", team.team_progress, name="team_progress"),
    path("team/<slug:municipality_slug>/tildel/", team.assign, name="assign"),
]
