"""The public space's addresses, all under /actes/; every view here answers without a session."""

from django.urls import path

from . import views
from .feeds import PublicActsFeed

app_name = "publication"

urlpatterns = [
    path("actes/", views.index, name="index"),
    path("actes/deliberations/<int:year>/<int:number>/", views.deliberation, name="deliberation"),
    path("actes/<str:kind>/<int:year>/<int:number>/", views.mayoral_act, name="mayoral_act"),
    path("actes/seances/", views.sessions, name="sessions"),
    path("actes/seances/<int:pk>/", views.session, name="session"),
    path("actes/documents/<int:document_id>/<str:filename>", views.document, name="document"),
    path("actes/actes.rss", PublicActsFeed(), name="rss"),
    path("actes/seances.ics", views.sessions_ics, name="sessions_ics"),
    path("actes/deliberations.csv", views.deliberations_csv, name="deliberations_csv"),
    path("actes/deliberations.json", views.deliberations_json, name="deliberations_json"),
    # Any other address under /actes/ is a 404 of the public space, never the intranet's login.
    path("actes/<path:rest>", views.unknown),
]
