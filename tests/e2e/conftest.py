"""Browser journeys: Playwright drives Debian's Chromium against a live server.

Chromium is never downloaded: its path is CHROMIUM_PATH (default /usr/bin/chromium). Without it
the journeys are skipped with a clear reason, unless REQUIRE_BROWSER is set (CI sets it), in
which case they fail.
"""

import os
import shutil

import pytest

from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.environ.get("REQUIRE_BROWSER"):
        return
    skip = pytest.mark.skip(reason=f"Chromium introuvable ({CHROMIUM}) : parcours navigateur non exécutés")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    if shutil.which(CHROMIUM):
        return f"browser journeys: Chromium at {CHROMIUM}"
    if os.environ.get("REQUIRE_BROWSER"):
        return f"browser journeys: REQUIRED but Chromium missing at {CHROMIUM}"
    return f"browser journeys: SKIPPED, no Chromium at {CHROMIUM} (install Debian's chromium package)"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


def login(page, live_server, username, password=PASSWORD, next_path="/"):
    """Log in through the real login form, the way an agent does."""
    page.goto(f"{live_server.url}/connexion/?next={next_path}")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
