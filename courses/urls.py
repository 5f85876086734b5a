from importlib import util

from django.urls import include, path

app_name = "courses"

# Two concerns, two url modules: the exercises of the teaching material, and learning (enrolment,
# progress, completions, certificates).
urlpatterns = []
for module in ("courses.urls_exercises", "courses.urls_learning"):
    if util.find_spec(module) is not None:
        urlpatterns.append(path("", include(module)))
