"""The library's block on the agents' home page ("Mon portail", hook `portal_shared_home_blocks`, contract in
`portal/extensions.py`): the latest acquisitions, linked to their records in the catalogue."""

from .models import BibliographicRecord, LibraryCatalogPage

NEW_ACQUISITIONS = 4


def new_acquisitions(request, *, now, private_q):
    catalogue = LibraryCatalogPage.objects.live().first()
    if catalogue is None:
        return None
    records = BibliographicRecord.objects.visible().filter(acquired_on__isnull=False).order_by("-acquired_on", "-pk")
    records = list(records.only("title", "responsibility", "acquired_on")[:NEW_ACQUISITIONS])
    if not records:
        return None
    base = catalogue.get_url(request)
    return {
        "key": "bibliotheque",
        "title": "Nouveautés de la bibliothèque",
        "items": [
            {
                "title": record.title,
                "url": base + catalogue.reverse_subpage("record", args=[record.pk]),
                "meta": record.responsibility,
            }
            for record in records
        ],
        "more_url": base + catalogue.reverse_subpage("new"),
    }
