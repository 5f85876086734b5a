from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("medarbejdere/", views.staff_list, name="staff_index"),
    path("medarbejdere/inviter/", views.invitation_create, name="invitation_create"),
    path("medarbejdere/medlemskab/<id:pk>/", views.membership_edit, name="membership_edit"),
    path("medarbejdere/person/<id:pk>/slet/", views.person_erase, name="person_erase"),
    path("medarbejdere/<slug:municipality_slug>/", views.staff_list, name="staff_list"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
