"""Arrêtés et décisions du maire: numbered per year, with their ACTES nature, made known by publication or
notification, enforceable once made known and received by the prefecture; reviewed like the council's acts."""

import datetime
import io

import pytest
from council_builders import make_mayoral_act, make_mayoral_index, mayoral_act_post
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import WorkflowState

from council import demo, rules
from council.models import MayoralActNature, MayoralActPage
from council.registers import mayoral_year_register
from council.workflow import SECRETARIAT, setup_council_workflow
from home.roles import CLERKS, setup_roles

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def mayoral_index(council_root):
    return make_mayoral_index(council_root)


def test_an_arrete_goes_from_draft_through_review_to_enforceable(client, make_user, council_root, mayoral_index):
    setup_roles()
    setup_council_workflow(council_root)
    clerk, reviewer = make_user("greffier", CLERKS), make_user("secretaire", SECRETARIAT)
    draft = make_mayoral_act(mayoral_index, 1, publish=False, title="Stationnement rue Haute", signed_on=days_ago(5))
    assert draft.get_workflow().name == "Validation des actes du conseil"
    assert draft.enforceable_on is None
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    client.force_login(clerk)
    transmitted = {"transmitted_on": days_ago(4).isoformat(),
                   "actes_id": f"093-219300999-{days_ago(3):%Y%m%d}-A2026_001-AR"}
    client.post(url, {**mayoral_act_post(draft, **transmitted), "action-publish": "action-publish"})
    assert not MayoralActPage.objects.get(pk=draft.pk).live, "a clerk does not publish an act directly"
    response = client.post(url, {**mayoral_act_post(draft, **transmitted), "action-submit": "action-submit"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(draft.pk))

    client.force_login(reviewer)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.current_task_state.pk]),
                {"comment": ""})
    published = MayoralActPage.objects.get(pk=draft.pk)
    assert published.live
    assert published.acknowledged_on == days_ago(3), "the acknowledgement date is read from the @CTES identifier"
    assert published.online_on == timezone.localdate(), "approving puts the act online"
    assert published.enforceable_on == timezone.localdate(), "online today, acknowledged three days ago"

    published.online_on = days_ago(2)
    published.full_clean()
    published.save()
    assert MayoralActPage.objects.get(pk=draft.pk).enforceable_on == days_ago(2)


@pytest.mark.parametrize(
    ("nature", "made_known", "acknowledged", "transmitted", "enforceable"),
    [
        ("2", {"online_on": days_ago(3)}, days_ago(5), True, days_ago(3)),
        ("2", {"online_on": days_ago(6)}, days_ago(5), True, days_ago(5)),
        ("2", {"online_on": days_ago(6)}, None, True, None),
        ("6", {"online_on": days_ago(6)}, None, False, days_ago(6)),
        ("3", {"notified_on": days_ago(4)}, days_ago(7), True, days_ago(4)),
        ("4", {"notified_on": days_ago(4)}, None, False, days_ago(4)),
        ("3", {}, days_ago(7), True, None),
    ],
)
def test_enforceability_is_the_later_of_publication_or_notification_and_acknowledgement(
    mayoral_index, nature, made_known, acknowledged, transmitted, enforceable
):
    act = make_mayoral_act(mayoral_index, 1, nature=nature, signed_on=days_ago(8), acknowledged_on=acknowledged,
                           transmitted_on=days_ago(8) if transmitted else None, transmission_required=transmitted,
                           **made_known)
    act.full_clean()
    assert act.enforceable_on == enforceable


def test_numbers_are_unique_per_year_and_kind(mayoral_index):
    make_mayoral_act(mayoral_index, 7)
    decision = make_mayoral_act(mayoral_index, 7, kind="decision", title="Décision 7")
    decision.full_clean()
    clash = MayoralActPage(title="Autre", slug="autre", kind="arrete", number=7, nature="2", matter="6.1",
                           signatory="X", signed_on=days_ago(1))
    with pytest.raises(ValidationError) as error:
        clash.clean()
    assert "Le numéro 7 est déjà attribué" in str(error.value)
    assert MayoralActPage.next_number(TODAY.year) == 8


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"nature": "3", "online_on": days_ago(1)}, "online_on", "prend effet à sa notification"),
        ({"nature": "2", "notified_on": days_ago(1)}, "notified_on", "prend effet à sa publication"),
        ({"transmission_required": False, "transmitted_on": days_ago(1)}, "transmitted_on", "pas transmissible"),
        ({"actes_id": "093-219300999-20260105-A1-AI"}, "actes_id", "porte la nature AI (Acte individuel)"),
        ({"actes_id": "n'importe quoi"}, "actes_id", "Identifiant @CTES invalide"),
        ({"online_on": days_ago(20)}, "online_on", "ne peut pas précéder la signature"),
        ({"signed_on": TODAY + datetime.timedelta(days=1)}, "signed_on", "dans le futur"),
    ],
)
def test_inconsistent_dates_and_natures_are_refused_in_french(mayoral_index, fields, field, message):
    values = {"nature": "2", "signed_on": days_ago(10), **fields}
    act = MayoralActPage(title="Acte", slug="acte", kind="arrete", number=1, matter="6.1", signatory="X", **values)
    with pytest.raises(ValidationError) as error:
        act.clean()
    assert message in " ".join(error.value.message_dict[field])


def test_natures_are_shown_with_their_labels_never_bare_codes(reader_client, mayoral_index):
    act = make_mayoral_act(mayoral_index, 3, nature=MayoralActNature.CONTRACT, notified_on=days_ago(2),
                           title="Convention de mise à disposition")
    page = reader_client.get(act.url).content.decode()
    assert "Contrat, convention et avenant" in page
    assert "Notifié le" in page
    listing = reader_client.get(mayoral_index.url).content.decode()
    assert "Contrat, convention et avenant" in listing
    assert ">4<" not in listing


def test_the_yearly_register_has_tables_by_date_and_by_matter(reader_client, mayoral_index):
    make_mayoral_act(mayoral_index, 1, title="Stationnement place du Marché", matter="6.1", signed_on=days_ago(3))
    make_mayoral_act(mayoral_index, 1, kind="decision", title="Marché d'entretien", nature="4", matter="1.1",
                     signed_on=days_ago(2))
    year = days_ago(3).year
    response = reader_client.get(f"{mayoral_index.url}registre/{year}/")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Registre des arrêtés et décisions du maire {year}" in text
    assert "1. Table chronologique" in text and "2. Table par matière" in text
    assert "6.1 Libertés publiques" in text and "1.1 Commande publique / Marchés publics" in text
    assert "Contrat, convention et avenant" in text
    assert reader_client.get(f"{mayoral_index.url}registre/1990/").status_code == 404
    assert mayoral_year_register(1990) is None


def test_demo_has_a_dozen_mayoral_acts_of_several_natures_and_reloads_identically(site_tree):
    demo.load(stdout=io.StringIO())
    acts = list(MayoralActPage.objects.all())
    assert len(acts) == 12
    assert {act.nature for act in acts} >= {"2", "3", "4", "5", "6"}
    for act in acts:
        act.full_clean()
    assert sum(1 for act in acts if act.enforceable_on) >= 9
    demo.load(stdout=io.StringIO())
    assert MayoralActPage.objects.count() == 12


def test_an_act_in_its_two_months_online_offers_no_view_restriction(mayoral_index):
    recent = make_mayoral_act(mayoral_index, 1, online_on=days_ago(20), signed_on=days_ago(25),
                              transmission_required=False)
    assert recent.private_page_options == []
    assert mayoral_index.private_page_options == [], "restricting the index would hide the act below it"
    old = MayoralActPage.objects.get(pk=recent.pk)
    old.online_on, old.signed_on = days_ago(70), days_ago(75)
    old.save()
    assert MayoralActPage.objects.get(pk=old.pk).private_page_options == ["password", "groups", "login"]
    assert rules.minimum_online_until(days_ago(70)) <= TODAY
