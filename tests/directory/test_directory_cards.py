"""Agent cards, vCards, service views and the organisation chart."""

import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.chart import build_chart
from directory.models import Service
from directory.phones import tel_uri


@pytest.fixture
def helene(make_agent, organisation):
    return make_agent(
        "Hélène",
        "Dupont",
        job_title="Officière d'état civil",
        service=organisation["etat_civil"],
        phone="01 49 71 43 21",
        extension="4321",
        mobile="06 12 34 56 78",
        email="helene.dupont@mairie.example",
        building="Hôtel de ville",
        office="12",
    )


def test_vcard_is_valid_vcard_4_with_the_required_properties(agent_client, directory_page, helene):
    response = agent_client.get(f"{directory_page.url}agents/{helene.pk}/vcard/")
    assert response["Content-Type"].startswith("text/vcard")
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.vcf"')
    text = response.content.decode()
    assert "TEL;TYPE=work" in text
    card = vobject.readOne(text)
    assert card.version.value == "4.0"
    assert card.fn.value == "Hélène Dupont"
    assert (card.n.value.family, card.n.value.given) == ("Dupont", "Hélène")
    assert card.org.value == ["Ville de Bellerive-sur-Seine", "État civil"]
    assert card.title.value == "Officière d'état civil"
    assert card.tel.value == "tel:+33149714321;ext=4321"
    assert card.email.value == "helene.dupont@mairie.example"


def test_unpublished_mobile_stays_out_of_card_and_vcard(agent_client, directory_page, helene):
    card = agent_client.get(f"{directory_page.url}agents/{helene.pk}/").content.decode()
    vcard = agent_client.get(f"{directory_page.url}agents/{helene.pk}/vcard/").content.decode()
    assert "06 12 34 56 78" not in card
    assert "33612345678" not in vcard
    helene.mobile_published = True
    helene.save()
    vcard = agent_client.get(f"{directory_page.url}agents/{helene.pk}/vcard/").content.decode()
    assert "tel:+33612345678" in vcard


def test_agent_card_has_mailto_and_tel_links(agent_client, directory_page, helene):
    content = agent_client.get(f"{directory_page.url}agents/{helene.pk}/").content.decode()
    assert 'href="mailto:helene.dupont@mairie.example"' in content
    assert 'href="tel:+33149714321;ext=4321"' in content
    assert "poste <strong>4321</strong>" in content


def test_absence_shows_only_the_return_date(agent_client, directory_page, helene):
    import datetime

    helene.absent_until = datetime.date.today() + datetime.timedelta(days=3)
    helene.save()
    content = agent_client.get(f"{directory_page.url}agents/{helene.pk}/").content.decode()
    assert "Absent jusqu&#x27;au" in content or "Absent jusqu'au" in content


@pytest.mark.parametrize(
    "number,extension,expected",
    [
        ("01 49 71 43 21", "", "tel:+33149714321"),
        ("+33 1 49 71 43 21", "12", "tel:+33149714321;ext=12"),
        ("0033 1 49 71 43 21", "", "tel:+33149714321"),
        ("", "12", ""),
    ],
)
def test_tel_uri(number, extension, expected):
    assert tel_uri(number, extension) == expected


def test_chart_runs_from_the_dgs_down_with_heads_and_counts(organisation, helene, make_agent):
    director = make_agent("Marc", "Lemoine", service=organisation["dgs"], job_title="Directeur général des services")
    organisation["dgs"].head = director
    organisation["dgs"].save()
    make_agent("Paul", "Durand", service=organisation["urbanisme"])
    [dgs] = build_chart()
    assert dgs.service.code == "dgs"
    assert dgs.head == director
    assert (dgs.members, dgs.total) == (1, 3)
    population = next(n for n in dgs.children if n.service.code == "population")
    assert [c.service.code for c in population.children] == ["etat-civil"]
    assert (population.members, population.total) == (0, 1)


def test_chart_costs_two_queries_whatever_the_size(organisation, make_agent):
    for i in range(30):
        service = Service.objects.create(code=f"unite-{i}", name=f"Unité {i}", parent=organisation["urbanisme"])
        head = make_agent("Chef", f"Unité {i}", service=service)
        service.head = head
        service.save()
    with CaptureQueriesContext(connection) as queries:
        build_chart()
    assert len(queries) == 2


def test_chart_page_is_nested_lists_within_a_fixed_number_of_queries(
    agent_client, directory_page, organisation, make_agent, django_assert_max_num_queries
):
    agent_client.get(directory_page.url + "organigramme/")
    for i in range(20):
        service = Service.objects.create(code=f"unite-{i}", name=f"Unité {i}", parent=organisation["urbanisme"])
        service.head = make_agent("Chef", f"Unité {i}", service=service)
        service.save()
    with django_assert_max_num_queries(20):
        response = agent_client.get(directory_page.url + "organigramme/")
    content = response.content.decode()
    assert '<ul class="org-chart"' in content
    assert content.index("Direction générale des services") < content.index("Unité 19")
    assert "Chef Unité 19" in content
    assert "<script" not in content.split('data-testid="org-chart"')[1].split("</ul>\n")[0]


def test_service_view_lists_members_sub_services_and_its_page(agent_client, directory_page, organisation, helene):
    from home.demo import ensure_child, section_root
    from home.models import Section, ServicePage

    population = organisation["population"]
    population.service_page = ensure_child(
        section_root(Section.SERVICES), ServicePage, slug="etat-civil", title="État civil"
    )
    population.save()
    content = agent_client.get(directory_page.url + "services/population/").content.decode()
    assert "État civil" in content
    assert "/services/etat-civil/" in content
    member_page = agent_client.get(directory_page.url + "services/etat-civil/").content.decode()
    assert "Hélène Dupont" in member_page


def test_unknown_service_is_not_found(agent_client, directory_page):
    assert agent_client.get(directory_page.url + "services/nope/").status_code == 404


def test_vcard_escapes_line_breaks_so_no_property_can_be_injected(agent_client, directory_page, make_agent):
    agent = make_agent("Eve", "Martin\r\nX-INJECTED:1", job_title="Agent\nEMAIL:pirate@example.com")
    text = agent_client.get(f"{directory_page.url}agents/{agent.pk}/vcard/").content.decode()
    card = vobject.readOne(text)
    assert "x-injected" not in card.contents
    assert "email" not in card.contents


def test_names_are_escaped_in_cards(agent_client, directory_page, make_agent):
    agent = make_agent("<script>alert(1)</script>", "Martin")
    content = agent_client.get(f"{directory_page.url}agents/{agent.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_a_service_cannot_depend_on_itself(organisation):
    from django.core.exceptions import ValidationError

    dgs = organisation["dgs"]
    dgs.parent = organisation["etat_civil"]
    with pytest.raises(ValidationError):
        dgs.full_clean()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_service_view_and_card_queries_do_not_grow_with_members(agent_client, directory_page, organisation, make_agent):
    service_url = directory_page.url + "services/etat-civil/"
    boss = make_agent("Cheffe", "Service", service=organisation["etat_civil"])
    for i in range(3):
        make_agent("Agent", f"Numéro {i}", service=organisation["etat_civil"], manager=boss)
    card_url = f"{directory_page.url}agents/{boss.pk}/"
    agent_client.get(service_url)
    few = (_count_queries(agent_client, service_url), _count_queries(agent_client, card_url))
    for i in range(3, 30):
        make_agent("Agent", f"Numéro {i}", service=organisation["etat_civil"], manager=boss)
    many = (_count_queries(agent_client, service_url), _count_queries(agent_client, card_url))
    assert many == few
    assert max(many) <= 20


def test_card_service_head_and_vcard_write_the_title_agreeing_with_the_civility(
    agent_client, directory_page, organisation, make_agent
):
    head = make_agent("Claire", "Roux", civility="Madame", job_title="Directeur général des services",
                      service=organisation["dgs"])
    Service.objects.filter(pk=organisation["dgs"].pk).update(head=head)
    unknown = make_agent("Dominique", "Petit", job_title="Directeur", service=organisation["dgs"])
    card = agent_client.get(f"{directory_page.url}agents/{head.pk}/").content.decode()
    assert "Directrice générale des services" in card and "Directeur général" not in card
    vcard = vobject.readOne(agent_client.get(f"{directory_page.url}agents/{head.pk}/vcard/").content.decode())
    assert vcard.title.value == "Directrice générale des services"
    service = agent_client.get(f"{directory_page.url}services/dgs/").content.decode()
    assert "Claire Roux</a>, Directrice générale des services" in service
    assert "Directeur" in agent_client.get(f"{directory_page.url}agents/{unknown.pk}/").content.decode()
