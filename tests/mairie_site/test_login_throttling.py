"""Login and password-reset throttling: per user name from one address, per account from any
address (behind the trusted proxy, where each request can come from another forwarded address),
and per address and per e-mail on the password-reset form."""

import pytest
from django.core import mail

from mairie_site.throttle import duration_in_words
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URLS = ["/connexion/", "/admin/login/"]


@pytest.fixture
def behind_proxy(settings):
    """The documented production set-up: nginx on loopback forwards the client's address."""
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def post_login(client, url, username, password, address):
    return client.post(url, {"username": username, "password": password}, HTTP_X_FORWARDED_FOR=address)


def spread_failures(client, url, username, count, first=0):
    """`count` wrong passwords for `username`, each from another forwarded address."""
    for number in range(first, first + count):
        post_login(client, url, username, "mauvais", f"203.0.113.{number}")


@pytest.mark.parametrize("login_url", LOGIN_URLS)
def test_thirty_failures_from_thirty_addresses_lock_the_account_even_for_the_right_password(
    behind_proxy, client, make_user, login_url
):
    make_user("cible")
    spread_failures(client, login_url, "cible", 30)
    response = post_login(client, login_url, "cible", PASSWORD, "198.51.100.7")
    assert response.status_code == 429
    page = response.content.decode()
    assert "bloqué par précaution" in page
    assert "15\xa0minutes" in page and "PT15M" not in page


def test_the_account_limit_counts_failures_on_both_login_views_together(behind_proxy, client, make_user, settings):
    make_user("cible")
    half = settings.AXES_ACCOUNT_FAILURE_LIMIT // 2
    spread_failures(client, "/connexion/", "cible", half)
    spread_failures(client, "/admin/login/", "cible", settings.AXES_ACCOUNT_FAILURE_LIMIT - half, first=100)
    assert post_login(client, "/connexion/", "cible", PASSWORD, "198.51.100.7").status_code == 429


def test_fewer_failures_than_the_account_limit_from_many_addresses_let_the_owner_in(
    behind_proxy, client, make_user, settings
):
    make_user("cible")
    spread_failures(client, "/connexion/", "cible", settings.AXES_ACCOUNT_FAILURE_LIMIT - 1)
    assert post_login(client, "/connexion/", "cible", PASSWORD, "198.51.100.7").status_code == 302


def test_the_account_lockout_does_not_lock_other_accounts(behind_proxy, client, make_user, settings):
    make_user("cible")
    make_user("voisin")
    spread_failures(client, "/connexion/", "cible", settings.AXES_ACCOUNT_FAILURE_LIMIT)
    assert post_login(client, "/connexion/", "voisin", PASSWORD, "203.0.113.1").status_code == 302


def test_five_failures_from_one_forwarded_address_still_lock_that_address_out(behind_proxy, client, make_user):
    make_user("cible")
    for _ in range(5):
        post_login(client, "/connexion/", "cible", "mauvais", "203.0.113.9")
    locked = post_login(client, "/connexion/", "cible", PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    assert "pour cet identifiant" in locked.content.decode()
    assert post_login(client, "/connexion/", "cible", PASSWORD, "198.51.100.7").status_code == 302


def test_an_account_lockout_is_an_audit_event_of_its_own(behind_proxy, client, make_user, settings, caplog):
    make_user("cible")
    caplog.set_level("INFO", logger="mairie_site.audit")
    spread_failures(client, "/connexion/", "cible", settings.AXES_ACCOUNT_FAILURE_LIMIT)
    messages = [record.getMessage() for record in caplog.records if record.name == "mairie_site.audit"]
    assert any(m.startswith("account_lockout user=cible ip=203.0.113.") for m in messages)


@pytest.mark.parametrize(
    "minutes, words",
    [(15, "15\xa0minutes"), (1, "1\xa0minute"), (60, "1\xa0heure"), (90, "1\xa0heure, 30\xa0minutes")],
)
def test_lockout_durations_are_said_in_french_words(minutes, words):
    from datetime import timedelta

    assert duration_in_words(timedelta(minutes=minutes)) == words


def ask_reset(client, email, address):
    return client.post("/mot-de-passe/oubli/", {"email": email}, HTTP_X_FORWARDED_FOR=address)


def test_password_reset_is_limited_per_e_mail_whatever_the_address(behind_proxy, client, make_user, settings):
    make_user("cible")
    for number in range(settings.PASSWORD_RESET_PER_EMAIL):
        assert ask_reset(client, "cible@mairie.example", f"203.0.113.{number}").status_code == 302
    refused = ask_reset(client, "CIBLE@mairie.example", "198.51.100.7")
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_EMAIL


def test_password_reset_is_limited_per_address_whatever_the_e_mail(behind_proxy, client, make_user, settings):
    for number in range(settings.PASSWORD_RESET_PER_ADDRESS):
        make_user(f"agent{number}")
        assert ask_reset(client, f"agent{number}@mairie.example", "203.0.113.5").status_code == 302
    make_user("dernier")
    assert ask_reset(client, "dernier@mairie.example", "203.0.113.5").status_code == 429
    assert ask_reset(client, "dernier@mairie.example", "198.51.100.7").status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_ADDRESS + 1


def test_password_reset_is_limited_for_unknown_e_mails_too(behind_proxy, client, settings, caplog):
    caplog.set_level("INFO", logger="mairie_site.audit")
    for _ in range(settings.PASSWORD_RESET_PER_EMAIL):
        ask_reset(client, "inconnu@mairie.example", "203.0.113.5")
    assert ask_reset(client, "inconnu@mairie.example", "203.0.113.6").status_code == 429
    assert any(r.getMessage().startswith("password_reset_throttled user=inconnu@") for r in caplog.records)
