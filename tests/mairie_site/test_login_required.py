"""It is an intranet: nothing but the login pages, static files, /health/ and the public space of the acts
(/actes/, what the law makes public) answers anonymously."""

import pytest
import time_machine
from django.urls import get_resolver
from django.utils import timezone
from wagtail.models import Page

from home.demo import load_users
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/connexion/", "/mot-de-passe/oubli/", "/mot-de-passe/oubli/envoye/", "/health/"]


def demo_page_urls():
    return [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]


def app_urls(apps=("newsfeeds", "council", "library", "directory", "places", "portal")):
    """Every parameterless URL of these apps' own urls.py."""
    urls = []
    for pattern in get_resolver().url_patterns:
        module = getattr(pattern, "urlconf_module", None)
        name = getattr(module, "__name__", "")
        if name.split(".")[0] in apps:
            for sub in module.urlpatterns:
                route = str(sub.pattern)
                if "<" not in route and "(" not in route:
                    urls.append("/" + route.lstrip("^").rstrip("$"))
    return urls


def test_every_page_and_app_url_redirects_anonymous_visitors_to_login_with_next(client, site_tree):
    urls = demo_page_urls() + app_urls() + ["/recherche/?q=urbanisme", "/admin/", "/documents/1/x.pdf"]
    assert len(urls) > 20
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/?next="), url


def test_every_page_and_app_url_answers_a_logged_in_agent(agent_client, site_tree):
    for url in demo_page_urls() + app_urls() + ["/recherche/?q=urbanisme"]:
        response = agent_client.get(url)
        # 405: an action that only accepts POST (follow, share…) answers GET that way.
        assert response.status_code in (200, 405), url
        if response.status_code == 405:
            assert response["Allow"] == "POST", url


def test_the_public_space_of_the_acts_answers_anonymously_and_only_under_actes(client, site_tree):
    urls = app_urls(apps=("publication",))
    assert len(urls) >= 6
    for url in urls:
        assert url.startswith("/actes/"), url
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_login_password_reset_and_health_need_no_login(client, path):
    assert client.get(path).status_code == 200


def test_after_login_the_agent_lands_where_they_were_going(client, site_tree):
    load_users(PASSWORD)
    response = client.post("/connexion/", {"username": "agent", "password": PASSWORD, "next": "/services/"})
    assert response.status_code == 302
    assert response["Location"] == "/services/"
    assert client.get("/services/").status_code == 200


def test_wrong_password_shows_a_french_error(client, site_tree):
    load_users(PASSWORD)
    response = client.post("/connexion/", {"username": "agent", "password": "faux"})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()


def test_logout_ends_the_session(agent_client):
    assert agent_client.get("/").status_code == 200
    agent_client.post("/deconnexion/")
    assert agent_client.get("/").status_code == 302


def test_static_files_are_served_without_login(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200


def test_an_idle_session_expires_and_an_active_one_is_renewed(agent_client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert agent_client.get("/").status_code == 200
        traveller.shift(29 * 60)
        assert agent_client.get("/").status_code == 200  # renewed for 30 minutes more
        traveller.shift(29 * 60)
        assert agent_client.get("/").status_code == 200
        # Idle for longer than the limit: the session is gone, from the cache and the database.
        traveller.shift(31 * 60)
        assert agent_client.get("/").status_code == 302


def test_an_agent_active_all_day_logs_in_once(agent_client, settings):
    assert settings.SESSION_ABSOLUTE_SECONDS >= 10 * 3600
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        agent_client.get("/")
        # From 8:00 to 18:00, a page every 20 minutes.
        for _ in range(10 * 3):
            traveller.shift(20 * 60 - 1)
            assert agent_client.get("/").status_code == 200
        traveller.shift(settings.SESSION_ABSOLUTE_SECONDS - 30 * (20 * 60 - 1) + 1)
        assert agent_client.get("/").status_code == 302


def test_sessions_are_read_from_the_cache_and_kept_in_the_database(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
