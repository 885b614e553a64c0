"""Security rules of the shell: throttled logins, headers, private documents, checked uploads,
session lifetime and the audit log."""

import importlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def fail_logins(client, url, username, times, **headers):
    for _ in range(times):
        client.post(url, {"username": username, "password": "mauvais"}, **headers)


@pytest.mark.parametrize("login_url", ["/connexion/", "/admin/login/"])
def test_five_failures_lock_the_account_out_even_with_the_right_password(axes_on, client, make_user, login_url):
    make_user("cible")
    fail_logins(client, login_url, "cible", 5)
    response = client.post(login_url, {"username": "cible", "password": PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()


def test_a_forged_forwarded_for_header_does_not_bypass_the_lockout(axes_on, client, make_user):
    make_user("cible")
    for number in range(5):
        client.post("/connexion/", {"username": "cible", "password": "x"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    response = client.post(
        "/connexion/", {"username": "cible", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 429


def test_the_lockout_ends_after_the_cool_off_time(axes_on, client, make_user, settings):
    make_user("cible")
    fail_logins(client, "/connexion/", "cible", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = client.post("/connexion/", {"username": "cible", "password": PASSWORD})
    assert response.status_code == 302


def test_front_end_has_a_strict_nonce_csp_and_the_admin_a_report_only_one(client, make_user):
    client.force_login(make_user("redac", "Rédaction"))
    front = client.get("/")
    policy = front["Content-Security-Policy"]
    assert "script-src 'self'" in policy  # plus a nonce when a template asks for one
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'self'" in policy
    admin = client.get("/admin/")
    assert "Content-Security-Policy" not in admin
    assert "Content-Security-Policy-Report-Only" in admin


def private_document(site_tree):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Documents du Greffe")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Greffe"))
    document = get_document_model()(title="Note confidentielle", collection=collection)
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4\n% confidential\n"), save=True)
    return document


def test_private_documents_are_refused_to_non_members_and_never_cached(client, make_user, site_tree):
    document = private_document(site_tree)
    url = document.url
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_user("lambda"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(make_user("clerc", "Greffe"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def upload(client, name, content):
    collection = Collection.objects.get(name="Rédaction")
    return client.post(
        "/admin/documents/add/",
        {"title": name, "collection": collection.pk, "file": ContentFile(content, name=name)},
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("piege.pdf", b"<html><script>alert(1)</script></html>"),
        ("tableau.xlsx", b"<!DOCTYPE html><html></html>"),
        ("liste.csv", b"nom;prenom\n<script>alert(1)</script>"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
    ],
)
def test_uploads_whose_content_does_not_match_their_extension_are_refused(client, make_user, site_tree, name, content):
    client.force_login(make_user("redac", "Rédaction"))
    response = upload(client, name, content)
    assert response.status_code == 200  # the form again, with its error
    assert not get_document_model().objects.filter(title=name).exists()


def test_a_real_pdf_upload_is_accepted(client, make_user, site_tree):
    client.force_login(make_user("redac", "Rédaction"))
    response = upload(client, "vrai.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="vrai.pdf").exists()


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(agent_client, settings):
    agent_client.get("/")
    session = agent_client.session
    session["_started"] = session["_started"] - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = agent_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_logins_failures_lockouts_and_refusals_are_in_the_audit_log(axes_on, client, make_user, site_tree, caplog):
    make_user("cible")
    caplog.set_level("INFO", logger="mairie_site.audit")
    fail_logins(client, "/connexion/", "cible", 5)
    client.post("/connexion/", {"username": "cible", "password": PASSWORD})
    AccessAttempt.objects.all().delete()
    client.post("/connexion/", {"username": "cible", "password": PASSWORD})
    client.get("/admin/pages/2/edit/")  # a plain agent in the admin
    messages = [record.getMessage() for record in caplog.records if record.name == "mairie_site.audit"]
    assert any(m.startswith("login_failed user=cible ip=127.0.0.1") for m in messages)
    assert any(m.startswith("lockout user=cible") for m in messages)
    assert any(m.startswith("login user=cible") for m in messages)


def test_production_cookies_are_secure_host_only_and_lax(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    production = importlib.import_module("mairie_site.settings.production")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_NAME.startswith("__Host-")
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    assert production.SECURE_HSTS_SECONDS >= 365 * 24 * 3600


def test_check_deploy_is_clean_on_production_settings():
    import os
    import secrets
    import subprocess
    import sys

    secret = secrets.token_urlsafe(50)
    env = {**os.environ, "SECRET_KEY": secret, "DJANGO_SETTINGS_MODULE": "mairie_site.settings.production"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest for this process
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
