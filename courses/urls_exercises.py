"""The teaching material's own URLs under /kurser/ (namespace "courses", set by courses/urls.py)."""

from django.urls import path

from . import exercise_views as views

urlpatterns = [
    path("materiale/", views.material, name="material"),
    path("materiale/soeg/", views.search, name="material_search"),
    path("lektion/<int:lesson_id>/quiz/<str:block_id>/", views.quiz_submit, name="quiz_submit"),
    path("lektion/<int:lesson_id>/magneter/<str:block_id>/", views.magnet_submit, name="magnet_submit"),
    path("lektion/<int:lesson_id>/case/<str:block_id>/gem/", views.case_save, name="case_save"),
    path("lektion/<int:lesson_id>/case/<str:block_id>/aflever/", views.case_submit, name="case_submit"),
]
