"""Every response to a logged-in agent is private (no shared cache may keep it), and /media/
follows one rule in every environment: login required, image renditions only."""

import importlib
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import clear_url_caches
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from mairie_site.middleware import PrivateCacheMiddleware
from tests.mairie_site.test_security import private_document

pytestmark = pytest.mark.django_db

# Reached by a form or a script rather than a link; some are only in the admin's menus.
SEEDS = [
    "/", "/recherche/?q=mairie", "/recherche/suggestions/?q=mai", "/conseil/deliberations.csv",
    "/conseil/deliberations.json", "/conseil/seances.ics", "/conseil/actes.rss", "/equipements.csv",
    "/equipements.geojson", "/portail/abonnements/", "/portail/preferences/", "/portail/applications/",
    "/portail/bienvenue/", "/mot-de-passe/oubli/", "/page-inexistante/", "/admin/", "/admin/pages/",
    "/admin/pages/search/?q=mairie", "/admin/documents/", "/admin/images/", "/admin/reports/locked/",
]  # fmt: skip
# The admin's own links are many and alike: its seeds stand for it.
NOT_CRAWLED = re.compile(r"^/(deconnexion|static|admin)/")
HREF = re.compile(r"""href=["'](/[^"'#]*)""")
MAX_URLS = 250


def crawl(client):
    """GET the seeds and every same-site link they lead to (breadth first, up to MAX_URLS)."""
    seen, queue, answers = set(SEEDS), deque(SEEDS), {}
    while queue and len(answers) < MAX_URLS:
        url = queue.popleft()
        response = client.get(url)
        answers[url] = response
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in HREF.findall(response.content.decode(errors="replace")):
            link = link.replace("&amp;", "&")
            if link.startswith("//") or NOT_CRAWLED.match(urlsplit(link).path) or link in seen:
                continue
            seen.add(link)
            queue.append(link)
    return answers


def not_private(answers):
    headers = {url: response.get("Cache-Control", "") for url, response in answers.items()}
    return {url: header for url, header in headers.items() if "private" not in header}


def test_every_response_a_logged_in_editor_gets_is_private(client, make_user, site_tree):
    client.force_login(make_user("redac", "Rédaction", is_superuser=True))
    answers = crawl(client)
    assert len(answers) > 60  # the crawl did reach the site
    assert not_private(answers) == {}


def test_every_response_a_plain_agent_gets_is_private(agent_client):
    answers = crawl(agent_client)
    assert not_private(answers) == {}


def respond_with(cache_control=None):
    def view(request):
        response = HttpResponse("ok")
        if cache_control:
            response["Cache-Control"] = cache_control
        return response

    return PrivateCacheMiddleware(view)


@pytest.mark.parametrize(
    "set_by_view, expected",
    [(None, "private"), ("no-store", "no-store, private"), ("max-age=60", "max-age=60, private"),
     ("public, max-age=60", "public, max-age=60")],
)  # fmt: skip
def test_a_view_s_own_directives_are_kept_and_only_public_opts_out(rf, agent, set_by_view, expected):
    request = rf.get("/")
    request.user = agent
    assert respond_with(set_by_view)(request)["Cache-Control"] == expected


def test_anonymous_responses_are_left_alone(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/connexion/")
    request.user = AnonymousUser()
    assert "Cache-Control" not in respond_with()(request)


@pytest.fixture
def rendition(site_tree):
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    return image, image.get_rendition("fill-40x40")


@pytest.fixture(params=[False, True], ids=["production", "development"])
def environment(request):
    """The URLs as built with DEBUG off (production) and on (development)."""
    import mairie_site.urls

    def rebuild():
        importlib.reload(mairie_site.urls)
        clear_url_caches()

    with override_settings(DEBUG=request.param):
        rebuild()
        yield
    rebuild()


def test_image_renditions_are_served_to_agents_only_and_privately(client, agent, rendition, environment):
    _image, thumbnail = rendition
    assert client.get(thumbnail.url).status_code == 302  # anonymous: to the login page
    client.force_login(agent)
    response = client.get(thumbnail.url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_and_original_images_are_never_served_from_media(client, make_user, rendition, environment):
    """A private collection's file is reachable only through /documents/ (which checks privacy),
    in development as in production; so is any document, and an original image is not shown."""
    document = private_document(None)
    image, _thumbnail = rendition
    client.force_login(make_user("clerc", "Greffe"))  # a member: even they go through /documents/
    for path in [document.file.name, image.file.name, f"images/../{document.file.name}"]:
        assert client.get(f"/media/{path}").status_code == 404, path
    assert client.get(document.url).status_code == 200
