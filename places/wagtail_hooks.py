"""Admin: a map under a facility's coordinates, to pick the point or check the typed one; the
map in the site's main menu."""

from django.templatetags.static import static
from django.utils.html import format_html, json_script
from wagtail import hooks

from .models import MapPage, PlacesSettings


@hooks.register("insert_editor_js")
def facility_point_picker():
    # The script only acts on forms that have latitude and longitude fields (facilities).
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">{}'
        '<script src="{}"></script><script src="{}"></script>',
        static("places/vendor/leaflet/leaflet.css"),
        static("places/places.css"),
        json_script(PlacesSettings.load().map_options(), "places-admin-map-options"),
        static("places/vendor/leaflet/leaflet.js"),
        static("places/admin_picker.js"),
    )


@hooks.register("register_main_menu_page")
def map_in_main_menu(site):
    """The map is a page of the Services section, and agents look for it in the main menu."""
    pages = MapPage.objects.live().descendant_of(site.root_page)
    return pages.only("title", "url_path", "path", "depth", "search_description").first()
