"""Councillors' words agree with their civility wherever a session is rendered: the session page,
the act, the public space and the draft procès-verbal. An unknown civility reads neutrally."""

import pytest
from council_builders import make_deliberation

from core.gender import Civility
from council.models import AgendaItem
from council.registers import minutes_paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture
def gendered(session, members):
    """members[0] presides (Madame, Maire), members[1] is secretary (Monsieur); members[25..28]
    gave proxies to members[0..3]; the last four are absent."""
    civilities = {0: Civility.MADAME, 1: Civility.MONSIEUR, 2: Civility.MADAME, 25: Civility.MADAME,
                  26: Civility.MONSIEUR, 29: Civility.MADAME, 30: Civility.MONSIEUR}
    offices = {0: "Maire", 2: "Adjoint au maire", 3: "Conseiller municipal"}
    for n, member in enumerate(members):
        member.civility = civilities.get(n, "")
        member.office = offices.get(n, member.office)
        member.save()
    return session, members


def _row(html, name):
    start = html.index(f">{name}<")
    return html[start:html.index("</tr>", start)]


def test_session_page_agrees_presence_presidency_and_proxies(reader_client, gendered):
    session, members = gendered
    html = reader_client.get(session.url).content.decode()
    assert "Présidente de séance" in html and "Président de séance" not in html
    assert "présente" in _row(html, str(members[0]))
    assert "présent(e)" in _row(html, str(members[4]))  # civility unknown
    assert f"représentée par {members[0]}" in _row(html, str(members[25]))
    assert f"représenté par {members[1]}" in _row(html, str(members[26]))
    assert f"représenté(e) par {members[2]}" in _row(html, str(members[27]))
    assert "absente" in _row(html, str(members[29]))
    assert "absent<" in _row(html, str(members[30]))


def test_the_rapporteur_and_her_office_agree_on_the_act(reader_client, gendered):
    session, members = gendered
    act = make_deliberation(session, 1, rapporteur=members[2])
    html = reader_client.get(act.url).content.decode()
    assert "Rapporteure" in html and f"{members[2]}, Adjointe au maire" in html


def test_agenda_rapporteur_agrees(reader_client, gendered):
    session, members = gendered
    AgendaItem.objects.create(session=session, sort_order=0, title="Budget", rapporteur=members[2])
    AgendaItem.objects.create(session=session, sort_order=1, title="Voirie", rapporteur=members[5])
    html = reader_client.get(session.url).content.decode()
    assert f"rapporteure : {members[2]}" in html and f"rapporteur(e) : {members[5]}" in html


def test_draft_minutes_agree_presidency_and_proxies(gendered):
    session, members = gendered
    text = "\n".join(minutes_paragraphs(session))
    assert f"Présidente de séance : {members[0]}" in text
    assert f"{members[25]} (représentée par {members[0]})" in text
    assert f"{members[27]} (représenté(e) par {members[2]})" in text


def test_office_reads_as_typed_when_the_civility_is_unknown(gendered):
    _session, members = gendered
    members[3].civility = ""
    assert members[3].full_title == f"{members[3]}, Conseiller municipal"
    members[3].civility = Civility.MADAME
    assert members[3].full_title == f"{members[3]}, Conseillère municipale"
