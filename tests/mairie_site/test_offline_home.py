"""The home page readable offline: the worker comes from this origin at the site's root, the CSP
allows workers from 'self' only and loosens nothing else, the server marks for keeping the agent's
own home page and no other response, and logging in or out clears what the browser kept."""

import pytest

from mairie_site.offline import OFFLINE_HEADER
from tests.conftest import PASSWORD
from tests.mairie_site.test_private_responses import crawl

pytestmark = pytest.mark.django_db


def test_the_worker_is_served_at_the_root_as_javascript_never_cached(agent_client):
    response = agent_client.get("/service-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Service-Worker-Allowed" not in response  # its own scope is the root: no widening
    assert f'"{OFFLINE_HEADER.lower()}"' in response.content.decode()


def test_the_worker_requires_login_like_every_page(client, site_tree):
    assert client.get("/service-worker.js").status_code == 302


def test_the_policy_allows_workers_from_this_origin_only_and_no_inline_script(agent_client):
    policy = agent_client.get("/")["Content-Security-Policy"]
    assert "worker-src 'self';" in policy + ";"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "blob:" not in policy


def test_only_the_agents_own_home_page_is_marked_for_keeping(client, make_user, site_tree):
    client.force_login(make_user("redac", "Rédaction", is_superuser=True))
    answers = crawl(client)
    assert len(answers) > 60
    marked = {url for url, response in answers.items() if response.get(OFFLINE_HEADER)}
    assert marked == {"/"}
    assert client.get("/").get(OFFLINE_HEADER) == "1"  # served again, from the home page's cache
    client.logout()
    assert not client.get("/").get(OFFLINE_HEADER)


def test_logging_out_clears_the_browsers_copy(agent_client):
    response = agent_client.post("/deconnexion/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_logging_in_clears_the_previous_agents_copy(client, make_user, site_tree):
    make_user("suivant")
    failed = client.post("/connexion/", {"username": "suivant", "password": "faux"})
    assert failed.status_code == 200 and "Clear-Site-Data" not in failed
    response = client.post("/connexion/", {"username": "suivant", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
