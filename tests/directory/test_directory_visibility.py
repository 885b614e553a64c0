"""Agents on the liste rouge and inactive agents never appear in any output; HR still sees them."""

import pytest

from directory.models import Agent

HIDDEN = {"do_not_list": {"do_not_list": True}, "inactive": {"is_active": False}}


@pytest.fixture(params=list(HIDDEN))
def hidden_agent(request, make_agent, organisation):
    agent = make_agent(
        "Zoé", "Invisible", extension="9999", service=organisation["etat_civil"], **HIDDEN[request.param]
    )
    organisation["etat_civil"].head = agent
    organisation["etat_civil"].save()
    return agent


@pytest.fixture
def visible_agent(make_agent, organisation):
    return make_agent("Victor", "Visible", service=organisation["etat_civil"], manager=None)


def test_hidden_agent_is_not_in_the_visible_queryset(hidden_agent, visible_agent):
    assert list(Agent.objects.visible()) == [visible_agent]
    assert not hidden_agent.is_visible


def test_hidden_agent_is_absent_from_search(agent_client, directory_page, hidden_agent):
    for query in ["invisible", "zoe", "9999"]:
        response = agent_client.get(directory_page.url, {"q": query})
        assert "Invisible" not in response.content.decode()


def test_hidden_agent_is_absent_from_service_listing_and_chart(
    agent_client, directory_page, hidden_agent, visible_agent
):
    service_page = agent_client.get(directory_page.url + "services/etat-civil/").content.decode()
    chart = agent_client.get(directory_page.url + "organigramme/").content.decode()
    for content in (service_page, chart):
        assert "Invisible" not in content
    assert "Victor Visible" in service_page


def test_hidden_agent_card_and_vcard_are_not_found(agent_client, directory_page, hidden_agent):
    assert agent_client.get(f"{directory_page.url}agents/{hidden_agent.pk}/").status_code == 404
    assert agent_client.get(f"{directory_page.url}agents/{hidden_agent.pk}/vcard/").status_code == 404


def test_hidden_agent_is_absent_from_autocomplete(agent_client, directory_page, hidden_agent):
    assert agent_client.get(directory_page.url + "suggestions/", {"q": "zoe"}).json() == {"results": []}


def test_hidden_manager_is_not_named_on_a_colleague_card(agent_client, directory_page, hidden_agent, visible_agent):
    visible_agent.manager = hidden_agent
    visible_agent.save()
    response = agent_client.get(f"{directory_page.url}agents/{visible_agent.pk}/")
    assert response.status_code == 200
    assert "Invisible" not in response.content.decode()


def test_hr_sees_hidden_agents_in_the_admin(client, make_user, directory_page, hidden_agent):
    client.force_login(make_user("drh", "Ressources humaines"))
    response = client.get("/admin/snippets/directory/agent/")
    assert response.status_code == 200
    assert "Invisible" in response.content.decode()


def test_plain_agents_cannot_open_the_directory_admin(agent_client, directory_page, hidden_agent):
    response = agent_client.get("/admin/snippets/directory/agent/")
    assert response.status_code in (302, 403)


def test_agents_are_not_in_wagtail_search_index_so_site_search_cannot_leak_them(
    agent_client, directory_page, hidden_agent
):
    from wagtail.search.index import class_is_indexed

    assert not class_is_indexed(Agent)
    response = agent_client.get("/recherche/", {"q": "Invisible"})
    assert response.status_code == 200
    assert "Zoé Invisible" not in response.content.decode()
    assert f"/agents/{hidden_agent.pk}/" not in response.content.decode()


def test_hr_searches_and_opens_the_add_form_in_the_admin(client, make_user, directory_page, hidden_agent):
    client.force_login(make_user("drh", "Ressources humaines"))
    response = client.get("/admin/snippets/directory/agent/", {"q": "invisible"})
    assert "Zoé Invisible" in response.content.decode()
    assert client.get("/admin/snippets/directory/agent/add/").status_code == 200
    assert client.get("/admin/snippets/directory/service/add/").status_code == 200
