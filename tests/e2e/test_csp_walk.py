"""Content-Security-Policy in a real browser: the front end raises no violation at all, and an
editor's walk through the Wagtail admin (a page edited and saved, the snippets, the documents)
raises none that is enforced — the admin is under the report-only policy by design."""


import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from home.models import ServicePage
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => window.reportCspViolation({
    page: location.pathname, disposition: event.disposition, directive: event.effectiveDirective,
    blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber,
}));
"""


@pytest.fixture
def csp_violations(page):
    """Every securitypolicyviolation event of every page this tab opens, as the browser fires it."""
    violations = []
    page.expose_function("reportCspViolation", lambda violation: violations.append(violation))
    page.add_init_script(LISTENER)
    return violations


def test_front_end_pages_raise_no_csp_violation(page, live_server, site_tree, make_user, csp_violations):
    make_user("agent")
    login(page, live_server, "agent")
    for path in ["/", "/services/", "/services/etat-civil/", "/recherche/?q=service"]:
        assert page.goto(f"{live_server.url}{path}").status == 200
        page.wait_for_load_state("networkidle")
    page.get_by_label("Rechercher dans l'intranet").fill("urba")  # the suggestions' script at work
    page.wait_for_load_state("networkidle")
    assert csp_violations == []


def test_admin_walk_raises_no_enforced_csp_violation(page, live_server, site_tree, make_user, csp_violations):
    make_user("admin", is_superuser=True)
    document = get_document_model().objects.create(
        title="Règlement intérieur", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="reglement.pdf")
    )
    service = ServicePage.objects.get(slug="etat-civil")
    login(page, live_server, "admin", next_path="/admin/")
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{service.pk}/edit/")
    page.locator("#id_title").fill("État civil et formalités")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text("mise à jour")

    for path in [
        "/admin/snippets/",
        "/admin/snippets/home/homeeditorial/",
        "/admin/documents/",
        f"/admin/documents/edit/{document.pk}/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
    ]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        page.wait_for_load_state("networkidle")

    assert [violation for violation in csp_violations if violation["disposition"] == "enforce"] == []
