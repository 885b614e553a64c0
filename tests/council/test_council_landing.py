"""The council's landing, and the Conseil municipal section above it, show the next session (date,
place, a link to its agenda) and the latest deliberations, as the agent may see them."""

import datetime

import pytest
from council_builders import make_deliberation, make_session
from django.utils import timezone

from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


def main_html(response):
    html = response.content.decode()
    return html[html.index('<main id="contenu"') : html.index("</main>")]


@pytest.fixture
def sessions(council_index, members):
    today = timezone.localdate()
    past = make_session(council_index, members, present=25, day=today - datetime.timedelta(days=40), slug="passee")
    soon = make_session(council_index, members, present=25, day=today + datetime.timedelta(days=9), slug="proche")
    later = make_session(council_index, members, present=25, day=today + datetime.timedelta(days=60), slug="loin")
    return past, soon, later


def test_the_landing_shows_the_next_session_with_its_place_and_agenda(reader_client, council_index, sessions):
    past, soon, later = sessions
    html = main_html(reader_client.get(council_index.url))
    block = html[html.index('data-testid="next-session"') :]
    block = block[: block.index("</section>")]
    assert soon.title in block and past.title not in block and later.title not in block
    assert soon.place in block and f'href="{soon.url}#titre-odj"' in block
    assert "à 19:00" in block


def test_a_session_restricted_to_a_group_is_not_announced_to_others(reader_client, council_index, sessions):
    past, soon, later = sessions
    restrict_to_group(soon)
    block = main_html(reader_client.get(council_index.url)).split('data-testid="next-session"')[1]
    assert later.title in block.split("</section>")[0]


def test_the_landing_shows_the_latest_acts_by_session_date(reader_client, council_index, members, sessions):
    past, soon, later = sessions
    older = make_session(council_index, members, present=25, slug="ancienne",
                         day=timezone.localdate() - datetime.timedelta(days=90))
    for number in range(1, 8):
        make_deliberation(older, number, title=f"Acte {number}")
    make_deliberation(past, 8, title="Acte de la dernière séance")
    html = main_html(reader_client.get(council_index.url))
    block = html[html.index('data-testid="latest-acts"') :].split("</section>")[0]
    assert block.index("Acte de la dernière séance") < block.index("Acte 1<")
    assert block.count("<li>") == 5


def test_without_a_coming_session_the_landing_says_so(reader_client, council_index):
    assert "Aucune séance n'est encore annoncée." in main_html(reader_client.get(council_index.url))


def test_the_council_section_shows_the_next_session_and_acts_not_a_bare_link(reader_client, council_root,
                                                                             council_index, sessions):
    past, soon, later = sessions
    make_deliberation(past, 1, title="Budget primitif")
    html = main_html(reader_client.get(council_root.url))
    assert soon.title in html and "Budget primitif" in html and f'href="{soon.url}#titre-odj"' in html
