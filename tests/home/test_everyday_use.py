"""Everyday use: French dates, the way in and out of the intranet, the admin's shortcuts and lists,
the project's French corrections to Wagtail's and Django's strings."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from home.roles import CLERKS, EDITORS, HUMAN_RESOURCES, LIBRARIANS, setup_roles
from mairie_site.dates import french_date
from portal.models import Announcement

pytestmark = pytest.mark.django_db


def test_first_day_of_the_month_is_written_1er():
    assert french_date(datetime.date(2026, 12, 1)) == "1er décembre 2026"
    assert french_date(datetime.datetime(2026, 6, 1, 18, 30), "l j F Y à H:i") == "lundi 1er juin 2026 à 18:30"


def test_other_days_and_numeric_formats_are_unchanged():
    assert french_date(datetime.date(2026, 12, 11)) == "11 décembre 2026"
    assert french_date(datetime.date(2026, 12, 1), "d/m/Y") == "01/12/2026"


def test_date_fr_filter_converts_to_local_time_before_choosing_1er():
    # 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
    value = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    rendered = Template('{% load french %}{{ value|date_fr:"j F" }}').render(Context({"value": value}))
    assert rendered == "1er décembre"


def test_no_template_formats_a_day_of_the_month_without_date_fr():
    roots = [path for path in settings.BASE_DIR.glob("*/templates") if ".venv" not in str(path)]
    offenders = [
        str(path)
        for root in roots
        for path in root.rglob("*.html")
        if re.search(r'\|date:"(l )?j', path.read_text())
    ]
    assert offenders == []


def test_agent_without_admin_access_gets_a_french_page_not_a_redirect_loop(agent_client):
    response = agent_client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    content = response.content.decode()
    assert "n'a pas accès à l'administration" in content
    assert 'href="/"' in content
    assert "permission" not in content.lower()


def test_logged_in_agent_opening_the_login_page_goes_home(agent_client):
    response = agent_client.get(reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logout_says_so(agent_client):
    response = agent_client.post(reverse("logout"), follow=True)
    assert "Vous êtes déconnecté" in response.content.decode()


def test_an_idle_session_that_expired_is_explained_on_the_login_page(client, site_tree):
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-no-longer-exists"
    response = client.get("/", follow=True)
    assert "Votre session a expiré" in response.content.decode()


def test_a_first_visit_is_not_called_an_expired_session(client, site_tree):
    response = client.get("/", follow=True)
    assert "expiré" not in response.content.decode()


def test_the_absolute_session_limit_is_explained_on_the_login_page(agent_client, settings):
    settings.SESSION_ABSOLUTE_SECONDS = -1
    response = agent_client.get("/", follow=True)
    assert "Votre session a expiré" in response.content.decode()


def test_csrf_failure_page_is_french(agent, site_tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Le formulaire a expiré" in content
    assert "CSRF" not in content


def test_admin_calls_no_avatar_service():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


@pytest.fixture
def role_client(make_user):
    def login(*groups):
        setup_roles()
        client = Client()
        client.force_login(make_user(f"role-{len(Group.objects.all())}-{'-'.join(groups)}", *groups))
        return client

    return login


def shortcuts(client):
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'data-testid="dashboard-shortcuts">(.*?)</div>', content, re.S)
    return re.findall(r'<a class="button[^"]*" href="[^"]+">.*?</svg>\s*([^<]+)</a>', panel.group(1)) if panel else []


def test_dashboard_shortcuts_follow_each_role(role_client, site_tree):
    assert {"Nouvelle annonce", "Santé des flux"} <= set(shortcuts(role_client(EDITORS)))
    assert "Importer le catalogue" in shortcuts(role_client(LIBRARIANS))
    assert "Ajouter un agent" in shortcuts(role_client(HUMAN_RESOURCES))
    clerk = shortcuts(role_client(CLERKS))
    assert "Nouvelle annonce" not in clerk and "Importer le catalogue" not in clerk


def test_each_shortcut_leads_to_a_page_the_role_may_open(role_client, site_tree):
    client = role_client(EDITORS)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'data-testid="dashboard-shortcuts">(.*?)</div>', content, re.S).group(1)
    for url in re.findall(r'href="([^"]+)"', panel):
        assert client.get(url).status_code == 200, url


def test_admin_lists_show_no_django_admin_icon(role_client, site_tree):
    client = role_client(EDITORS, LIBRARIANS)
    for name in ("newsfeeds_feedsource:index", "library_catalogueimport:index"):
        content = client.get(reverse(name)).content.decode()
        assert "admin/img/icon-" not in content
        assert ">Health<" not in content


def test_saving_an_announcement_while_another_is_pinned_warns(role_client, site_tree):
    from django.utils import timezone

    later = timezone.now() + datetime.timedelta(days=3)
    Announcement.objects.create(title="Fermeture de la mairie", ends_at=later)
    client = role_client(EDITORS)
    response = client.post(
        reverse("wagtailsnippets_portal_announcement:add"),
        {"title": "Coupure d'eau", "body": "", "link": "", "pinned": "on", "starts_at": "",
         "ends_at": (later).strftime("%Y-%m-%d %H:%M")},
        follow=True,
    )
    assert "annonces sont épinglées en ce moment" in response.content.decode()


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Add %(model_name)s", "Ajouter : %(model_name)s"),
        ("0 minutes", "0 minute"),
        ("Embed", "Contenu intégré"),
    ],
)
def test_project_catalogue_corrects_wagtail_french(english, french):
    with translation.override("fr"):
        assert translation.gettext(english) == french


def test_project_catalogue_agrees_the_page_count():
    english = '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>'
    plural = '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>'
    with translation.override("fr"):
        assert "créées" in translation.ngettext(english, plural, 142)


def test_wagtail_default_workflow_has_a_french_name(site_tree):
    from wagtail.models import Workflow

    setup_roles()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_image_alt_text_is_required_and_never_the_file_name():
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    form_class = get_image_form(get_image_model())
    form = form_class()
    assert form.fields["description"].required
    assert not form.initial.get("description")


def test_links_show_a_readable_address():
    rendered = Template("{% load french %}{{ url|readable_url }}").render(
        Context({"url": "https://mediatheque.example/notice/%C3%A9l%C3%A8ve/"})
    )
    assert rendered == "mediatheque.example/notice/élève"
