from django.urls import path

from . import views

urlpatterns = [
    path("equipements.geojson", views.facilities_geojson, name="places_geojson"),
    path("equipements.csv", views.facilities_csv, name="places_csv"),
]
