from django.urls import path

from . import views
from .feeds import NewActsFeed

app_name = "council"

urlpatterns = [
    path("conseil/deliberations.csv", views.deliberations_csv, name="deliberations_csv"),
    path("conseil/deliberations.json", views.deliberations_json, name="deliberations_json"),
    path("conseil/seances.ics", views.sessions_ics, name="sessions_ics"),
    path("conseil/actes.rss", NewActsFeed(), name="acts_rss"),
    path("notes-de-service/<int:note_id>/lue/", views.acknowledge_note, name="acknowledge_note"),
]
