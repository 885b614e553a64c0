"""The map page's context and the open-data downloads."""

import json

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from core.collation import french
from core.visibility import visible_pages

from . import exports
from .models import FacilityPage, PlacesSettings
from .themes import Theme


def selected_themes(request):
    """The themes asked for in the URL (?theme=sportif&theme=culturel); unknown values are ignored."""
    valid = set(Theme.values)
    return [theme for theme in dict.fromkeys(request.GET.getlist("theme")) if theme in valid]


def map_context(page, request):
    """Every facility of the map, each marked shown or hidden by the theme filter.

    All facilities are rendered (the hidden ones with the `hidden` attribute) so that the script
    can change the filter without reloading; without the script the GET form reloads the page.
    """
    themes = selected_themes(request)
    facilities = list(
        visible_pages(FacilityPage.objects.child_of(page).live(), request.user)
        .order_by(french("title"), "pk").select_related("photo")
    )
    labels = {value: str(label) for value, label in Theme.choices}
    counts = {}
    items = []
    for facility in facilities:
        counts[facility.theme] = counts.get(facility.theme, 0) + 1
        items.append(
            {
                "id": facility.pk,
                "lat": float(facility.latitude),
                "lon": float(facility.longitude),
                "title": facility.title,
                "theme": facility.theme,
                "themeLabel": labels.get(facility.theme, facility.theme),
                "type": facility.facility_type,
                "address": facility.address,
                "hours": facility.opening_hours_text or facility.opening_hours,
                "phone": facility.phone,
                "url": facility.get_url(request),
            }
        )
    shown = [item for item in items if not themes or item["theme"] in themes]
    return {
        "facilities": [
            {"page": facility, "data": item, "shown": not themes or item["theme"] in themes}
            for facility, item in zip(facilities, items, strict=True)
        ],
        "facility_points": items,
        "shown_count": len(shown),
        "total_count": len(items),
        "theme_filters": [
            {"value": value, "label": label, "count": counts.get(value, 0), "checked": value in themes}
            for value, label in Theme.choices
        ],
        "selected_themes": themes,
        "map_options": PlacesSettings.load(request).map_options(),
    }


@require_GET
def facilities_geojson(request):
    body = json.dumps(exports.facilities_geojson(request), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="equipements.geojson"'
    return response


@require_GET
def facilities_csv(request):
    response = HttpResponse(exports.facilities_csv(request), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="equipements.csv"'
    return response
