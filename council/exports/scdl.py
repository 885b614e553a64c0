"""The SCDL "Délibérations" open-data export (schema scdl/deliberations 2.1.5), as CSV and JSON rows.

Column names, order and formats follow the schema exactly; a missing value is an empty string.
Only adopted deliberations are exported: the schema describes the acts a local authority adopted.
"""

from core.csv_writer import write_csv
from home.models import TownSettings

from ..models import VoteResult
from ..nomenclature import scdl_matter_name
from ..publicity import public_deliberations

SCHEMA = "scdl/deliberations"
SCHEMA_VERSION = "2.1.5"

COLUMNS = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
]
INTEGER_COLUMNS = {"VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"}


def exported_deliberations():
    """The adopted deliberations of the public copy (council/publicity.py), oldest first."""
    return (
        public_deliberations()
        .filter(result=VoteResult.ADOPTED, session_date__isnull=False)
        .defer("text", "council_session__summary", "council_session__document_text")
        .order_by("session_date", "number")
    )


def _iso(day):
    return day.isoformat() if day else None


def row_for(deliberation, *, town, request=None, act_url=None):
    """One SCDL row as a dict of Python values (None for a missing value).

    `act_url(deliberation)` gives DELIB_URL (the public space's address of the act); by default the
    signed PDF's address, else the page's.
    """
    session = deliberation.council_session
    effective = session.members_in_office if session else None
    real = None
    if session is not None:
        real = max(session.present_count + session.represented_count - (deliberation.not_voting or 0), 0)
    absolute_url = request.build_absolute_uri if request is not None else (lambda url: url)
    if act_url is not None:
        url = absolute_url(act_url(deliberation))
    elif deliberation.document_id:
        url = absolute_url(deliberation.document.url)
    else:
        # With a request, Wagtail caches the site's root paths: no query per row.
        page_url = deliberation.get_url(request=request)
        url = absolute_url(page_url) if page_url else None
    return {
        "COLL_NOM": town.town_name,
        "COLL_SIRET": town.siret,
        "DELIB_ID": deliberation.reference,
        "DELIB_DATE": _iso(deliberation.session_date),
        "DELIB_MATIERE_CODE": deliberation.matter,
        "DELIB_MATIERE_NOM": scdl_matter_name(deliberation.matter),
        "DELIB_OBJET": deliberation.title,
        "BUDGET_ANNEE": deliberation.budget_year or None,
        "BUDGET_NOM": deliberation.budget_name or None,
        "PREF_ID": deliberation.prefecture_id or None,
        "PREF_DATE": _iso(deliberation.acknowledged_on),
        "VOTE_EFFECTIF": effective,
        "VOTE_REEL": real,
        "VOTE_POUR": deliberation.votes_for,
        "VOTE_CONTRE": deliberation.votes_against,
        "VOTE_ABSTENTION": deliberation.abstentions,
        "DELIB_URL": url,
    }


def rows(queryset=None, *, request=None, act_url=None):
    town = TownSettings.load()
    queryset = exported_deliberations() if queryset is None else queryset
    for deliberation in queryset:
        yield row_for(deliberation, town=town, request=request, act_url=act_url)


def to_csv(row_iter):
    return write_csv(COLUMNS, row_iter)
