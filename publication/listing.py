"""The list of the public space: acts, listes des délibérations and approved minutes, with search and filters.

Every entry says when it went online and until when at least it stays there (two months for an
act, R2131-1; the minutes stay permanently, L2121-15). Queries do not depend on the number of acts.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council import publicity
from council.models import DeliberationPage, MayoralActKind, MayoralActPage
from council.nomenclature import LEVEL_2

from .addresses import deliberation_url, document_url, mayoral_act_url, session_url

DELIBERATION, ORDER, DECISION, LIST, MINUTES = "deliberation", "arrete", "decision", "liste", "pv"
KINDS = {
    DELIBERATION: _("Délibération"),
    ORDER: MayoralActKind.ORDER.label,
    DECISION: MayoralActKind.DECISION.label,
    LIST: _("Liste des délibérations"),
    MINUTES: _("Procès-verbal"),
}
MAX_QUERY_LENGTH = 200


@dataclass
class Entry:
    kind: str
    title: str
    reference: str
    day: date
    url: str
    online_on: date | None = None
    minimum_end: date | None = None
    permanent: bool = False
    detail: str = ""

    @property
    def kind_label(self):
        return KINDS[self.kind]


def read_filters(params):
    """The valid filters of the query string; anything else is ignored."""
    filters = {}
    query = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    if query:
        filters["q"] = query
    if params.get("type") in KINDS:
        filters["type"] = params["type"]
    year = params.get("annee", "")
    if year.isdigit() and len(year) == 4:
        filters["annee"] = int(year)
    if params.get("matiere") in LEVEL_2:
        filters["matiere"] = params["matiere"]
    return filters


def _searched(model, queryset, query):
    """The acts of `queryset` matching the words of `query`, by the site's search backend."""
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return queryset.none()
    found = [page.pk for page in model.objects.filter(pk__in=ids).search(query)]
    return queryset.filter(pk__in=found)


def _deliberation_entries(filters, today):
    acts = publicity.public_deliberations(today=today).defer("text")
    if "annee" in filters:
        acts = acts.filter(year=filters["annee"])
    if "matiere" in filters:
        acts = acts.filter(matter=filters["matiere"])
    if "q" in filters:
        acts = _searched(DeliberationPage, acts, filters["q"])
    for act in acts:
        since = act.online_since()
        yield Entry(
            DELIBERATION, act.title, act.reference, act.session_date, deliberation_url(act), online_on=since,
            minimum_end=publicity.minimum_end_of_publication(act), detail=act.get_result_display(),
        )


def _mayoral_entries(filters, today, kind):
    acts = publicity.public_mayoral_acts(today=today).defer("text")
    if kind:
        acts = acts.filter(kind=kind)
    if "annee" in filters:
        acts = acts.filter(year=filters["annee"])
    if "matiere" in filters:
        acts = acts.filter(matter=filters["matiere"])
    if "q" in filters:
        acts = _searched(MayoralActPage, acts, filters["q"])
    for act in acts:
        yield Entry(
            act.kind, act.title, act.reference, act.signed_on, mayoral_act_url(act), online_on=act.online_since(),
            minimum_end=publicity.minimum_end_of_publication(act), detail=act.get_nature_display(),
        )


def _session_documents(filters):
    """The listes and approved minutes: no matter, and found by a search on their session's title."""
    if "matiere" in filters:
        return
    query = filters.get("q", "").lower()
    wanted = filters.get("type")
    if wanted in (None, LIST):
        for item in publicity.public_lists():
            day = timezone.localdate(item.session.date)
            if ("annee" not in filters or day.year == filters["annee"]) and query in item.session.title.lower():
                yield Entry(LIST, item.session.title, f"{day:%d/%m/%Y}", day, document_url(item.document),
                            online_on=item.online_on, detail=_("PDF"))
    if wanted in (None, MINUTES):
        sessions = publicity.sessions_with_approved_minutes().select_related("minutes_document", "minutes_approved_in")
        for session in sessions:
            day = timezone.localdate(session.date)
            if ("annee" not in filters or day.year == filters["annee"]) and query in session.title.lower():
                approved = timezone.localdate(session.minutes_approved_in.date)
                yield Entry(MINUTES, session.title, f"{day:%d/%m/%Y}", day, session_url(session), permanent=True,
                            detail=_("approuvé en séance du %(day)s") % {"day": f"{approved:%d/%m/%Y}"})


def entries(filters, *, today=None):
    """Every public entry matching `filters`, newest first."""
    today = today or timezone.localdate()
    wanted = filters.get("type")
    found = []
    if wanted in (None, DELIBERATION):
        found += _deliberation_entries(filters, today)
    if wanted in (None, ORDER, DECISION):
        found += _mayoral_entries(filters, today, wanted)
    if wanted in (None, LIST, MINUTES):
        found += _session_documents(filters)
    found.sort(key=lambda entry: (entry.day, entry.reference), reverse=True)
    return found


def years():
    """The years that have public acts, newest first."""
    found = set(publicity.public_deliberations().values_list("year", flat=True))
    found |= set(publicity.public_mayoral_acts().values_list("year", flat=True))
    return sorted((year for year in found if year), reverse=True)
