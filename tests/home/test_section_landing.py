"""A section's landing shows its children as cards with their content: the latest news for
Actualités, the search box of the directory and of the catalogue; other children keep their
description."""

import pytest

from directory.models import DirectoryPage
from home.models import Section, SectionPage
from library.models import LibraryCatalogPage
from newsfeeds.models import ChannelIndexPage, ChannelPage, NewsItemPage

pytestmark = pytest.mark.django_db


def root(section):
    return SectionPage.objects.get(section=section)


def main_html(response):
    html = response.content.decode()
    return html[html.index('<main id="contenu"') : html.index("</main>")]


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_news_section_shows_the_latest_news(agent_client, site_tree):
    bouquet = publish_child(root(Section.NEWS), ChannelIndexPage(title="Bouquet", slug="bouquet"))
    channel = publish_child(bouquet, ChannelPage(title="Presse", slug="presse"))
    for number in range(6):
        publish_child(channel, NewsItemPage(title=f"Nouvelle {number}", slug=f"nouvelle-{number}"))
    html = main_html(agent_client.get(root(Section.NEWS).url))
    assert html.count('data-testid="news-summary"') == 4
    assert f'href="{bouquet.url}"' in html and "Toutes les actualités" in html


def test_the_directory_section_holds_the_directory_search_box(agent_client, site_tree):
    directory = publish_child(root(Section.DIRECTORY), DirectoryPage(title="Annuaire des agents", slug="agents"))
    html = main_html(agent_client.get(root(Section.DIRECTORY).url))
    assert f'action="{directory.url}"' in html and 'type="search" name="q"' in html
    assert f'href="{directory.url}organigramme/"' in html or "Organigramme" in html


def test_the_library_section_holds_the_catalogue_search_box(agent_client, site_tree):
    catalogue = publish_child(root(Section.LIBRARY), LibraryCatalogPage(title="Catalogue", slug="catalogue"))
    html = main_html(agent_client.get(root(Section.LIBRARY).url))
    assert f'action="{catalogue.url}"' in html and 'name="q"' in html and "Recherche avancée" in html


def test_other_children_keep_their_card_with_their_description(agent_client, site_tree):
    html = main_html(agent_client.get(root(Section.SERVICES).url))
    assert 'class="card"' in html and "card--wide" not in html


def test_the_map_is_in_the_main_menu(agent_client, site_tree):
    from places.models import MapPage

    map_page = publish_child(root(Section.SERVICES), MapPage(title="Plan des équipements", slug="plan"))
    html = agent_client.get("/").content.decode()
    menu = html[html.index('aria-label="Menu principal"') :].split("</nav>")[0]
    assert f'href="{map_page.url}"' in menu
