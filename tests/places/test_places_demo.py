from io import StringIO

from places import demo
from places.models import FacilityPage, FacilityService, MapPage, PlacesSettings


def test_demo_builds_about_forty_facilities_inside_the_town(site_tree):
    demo.load(stdout=StringIO())
    settings = PlacesSettings.load()
    facilities = FacilityPage.objects.live()
    assert 38 <= facilities.count() <= 45
    assert MapPage.objects.get().get_parent().specific.section == "services"
    for facility in facilities:
        assert settings.contains(facility.latitude, facility.longitude), facility.title
    assert FacilityService.objects.filter(facility__title="Hôtel de ville").count() == 5


def test_demo_runs_twice_without_changing_anything(site_tree):
    demo.load(stdout=StringIO())
    before = sorted(FacilityPage.objects.values_list("pk", "latitude", "longitude", "latest_revision_id"))
    output = StringIO()
    demo.load(stdout=output)
    after = sorted(FacilityPage.objects.values_list("pk", "latitude", "longitude", "latest_revision_id"))
    assert before == after
    assert "0 créés" in output.getvalue()
