"""Exports: SCDL Délibérations CSV (column by column against the schema), JSON, iCalendar and RSS."""

import csv
import datetime
import io
import re

import feedparser
import icalendar
import pytest
from council_builders import make_deliberation, make_pdf
from django.urls import reverse

from council.exports.scdl import COLUMNS
from home.models import TownSettings

pytestmark = pytest.mark.django_db

# scdl/deliberations 2.1.5: (required, pattern) per column, in the schema's order.
SCHEMA = {
    "COLL_NOM": (True, r".+"),
    "COLL_SIRET": (True, r"\d{14}"),
    "DELIB_ID": (True, r".+"),
    "DELIB_DATE": (True, r"\d{4}-\d{2}-\d{2}"),
    "DELIB_MATIERE_CODE": (True, r"\d\.\d{1,2}"),
    "DELIB_MATIERE_NOM": (True, r"[^,()A-Z]+/[^,()A-Z]+"),
    "DELIB_OBJET": (True, r".+"),
    "BUDGET_ANNEE": (False, r"[0-9]{4}(/[0-9]{4})?"),
    "BUDGET_NOM": (False, r".+"),
    "PREF_ID": (False, r"PREF[0-9AB]{3}|SPREF[0-9AB]{3}[0-9]|SGAR[0-9AB]{3}"),
    "PREF_DATE": (False, r"\d{4}-\d{2}-\d{2}"),
    "VOTE_EFFECTIF": (False, r"\d+"),
    "VOTE_REEL": (False, r"\d+"),
    "VOTE_POUR": (False, r"\d+"),
    "VOTE_CONTRE": (False, r"\d+"),
    "VOTE_ABSTENTION": (False, r"\d+"),
    "DELIB_URL": (False, r"https?://\S+"),
}


@pytest.fixture
def acts(session):
    town = TownSettings.load()
    town.town_name, town.siret = "Ville de Bellerive-sur-Seine", "21930099900017"
    town.save()
    adopted = make_deliberation(
        session, 1, title="Tarifs de la cantine, année scolaire 2024-2025", matter="7.9",
        votes_for=25, votes_against=2, abstentions=1, not_voting=1, budget_year="2024/2025",
        budget_name="Budget principal", prefecture_id="PREF093", actes_id="093-219300999-20240315-2024_001-DE",
        document=make_pdf("Acte 2024-001", "Tarifs de la cantine"),
    )
    plain = make_deliberation(session, 2, title="Dénomination d'une rue", matter="8.3", votes_for=29, votes_against=0)
    rejected = make_deliberation(session, 3, title="Motion rejetée", matter="9.4", votes_for=3, votes_against=20)
    return adopted, plain, rejected


def test_scdl_csv_follows_the_schema_column_by_column(reader_client, acts):
    response = reader_client.get(reverse("council:deliberations_csv"))
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    reader = csv.reader(io.StringIO(content))
    header = next(reader)
    assert header == list(SCHEMA) == COLUMNS
    rows = [dict(zip(header, row, strict=True)) for row in reader]
    assert len(rows) == 2  # the rejected motion is not an adopted act
    for row in rows:
        for column, (required, pattern) in SCHEMA.items():
            value = row[column]
            if not value:
                assert not required, f"{column} is required"
                continue
            assert re.fullmatch(pattern, value), f"{column}={value!r} does not match {pattern}"
    first = rows[0]
    assert first["COLL_NOM"] == "Ville de Bellerive-sur-Seine"
    assert first["COLL_SIRET"] == "21930099900017"
    assert first["DELIB_ID"] == "2024-001"
    assert first["DELIB_DATE"] == "2024-03-12"
    assert first["DELIB_MATIERE_CODE"] == "7.9"
    assert first["DELIB_MATIERE_NOM"] == "finances locales/prise de participation sem etc."
    assert first["DELIB_OBJET"] == "Tarifs de la cantine, année scolaire 2024-2025"
    assert (first["BUDGET_ANNEE"], first["BUDGET_NOM"]) == ("2024/2025", "Budget principal")
    assert (first["PREF_ID"], first["PREF_DATE"]) == ("PREF093", "2024-03-15")
    assert first["VOTE_EFFECTIF"] == "33"
    assert first["VOTE_REEL"] == "28"  # 25 present + 4 represented - 1 not voting
    assert (first["VOTE_POUR"], first["VOTE_CONTRE"], first["VOTE_ABSTENTION"]) == ("25", "2", "1")
    assert first["DELIB_URL"].startswith("http://testserver/documents/")
    assert rows[1]["DELIB_MATIERE_NOM"] == "domaines de compétences par thèmes/voirie"
    assert rows[1]["PREF_DATE"] == "" and rows[1]["VOTE_ABSTENTION"] == ""
    assert rows[1]["DELIB_URL"].startswith("http://testserver/")


def test_json_export_has_the_same_rows_as_the_csv(reader_client, acts):
    csv_content = reader_client.get(reverse("council:deliberations_csv")).content.decode()
    csv_rows = list(csv.DictReader(io.StringIO(csv_content)))
    payload = reader_client.get(reverse("council:deliberations_json")).json()
    assert payload["schema"] == "scdl/deliberations" and payload["count"] == 2
    for csv_row, json_row in zip(csv_rows, payload["results"], strict=True):
        assert list(json_row) == COLUMNS
        assert {k: "" if v is None else str(v) for k, v in json_row.items()} == csv_row
    assert isinstance(payload["results"][0]["VOTE_POUR"], int)


def test_icalendar_feed_of_sessions_parses(reader_client, session):
    response = reader_client.get(reverse("council:sessions_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == session.title
    assert event["dtstart"].dt == session.date
    assert event["dtend"].dt - event["dtstart"].dt == datetime.timedelta(hours=3)
    assert str(event["uid"]).startswith(f"seance-{session.pk}@")
    assert "hôtel de ville" in str(event["location"])


def test_rss_of_new_acts_parses(reader_client, acts):
    response = reader_client.get(reverse("council:acts_rss"))
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 3
    assert any("Délibération 2024-001" in title for title in titles)


def test_exports_require_login(client, acts):
    response = client.get(reverse("council:deliberations_csv"))
    assert response.status_code == 302
