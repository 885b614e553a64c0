"""`sync_ldap` against a real OpenLDAP (slapd) on a loopback port: no mock of the protocol."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directory.models import Agent, Service

pytestmark = pytest.mark.django_db


def sync(*args):
    out = StringIO()
    call_command("sync_ldap", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def town(ldap_people, organisation):
    dgs = ldap_people.add(
        "mlemoine",
        givenName="Marc",
        sn="Lemoine",
        employeeNumber="L001",
        title="Directeur général des services",
        department="DGS",
        telephoneNumber="01 49 71 00 01",
        mail="marc.lemoine@mairie.example",
        userAccountControl="512",
    )
    ldap_people.add(
        "hdupont",
        givenName="Hélène",
        sn="Dupont",
        employeeNumber="L002",
        title="Officière d'état civil",
        department="État civil",
        telephoneNumber="01 49 71 43 21",
        mail="helene.dupont@mairie.example",
        manager=dgs,
        userAccountControl="512",
    )
    ldap_people.add(
        "pdurand",
        givenName="Paul",
        sn="Durand",
        employeeNumber="L003",
        title="Agent des espaces verts",
        department="Espaces verts",
        manager=dgs,
    )
    return ldap_people


def test_sync_creates_agents_with_services_and_the_hierarchy_from_manager(town, organisation):
    output = sync()
    assert "3 créés, 0 mis à jour, 0 inchangé, 0 désactivé, 0 rejeté, 1 service créé" in output
    helene = Agent.objects.get(matricule="L002")
    assert (helene.full_name, helene.job_title, helene.service) == (
        "Hélène Dupont",
        "Officière d'état civil",
        organisation["etat_civil"],
    )
    assert helene.manager.matricule == "L001"
    assert helene.source == Agent.Source.LDAP
    assert Agent.objects.get(matricule="L003").service == Service.objects.get(name="Espaces verts")
    assert list(Agent.objects.visible().matching("helene dupont")) == [helene]


def test_second_sync_changes_nothing(town):
    sync()
    assert "0 créé, 0 mis à jour, 3 inchangés, 0 désactivé, 0 rejeté" in sync()


def test_dry_run_writes_nothing(town):
    output = sync("--dry-run")
    summary = "Simulation : 3 créés, 0 mis à jour, 0 inchangé, 0 désactivé, 0 rejeté, 1 service créé"
    assert f"{summary} (rien n'a été enregistré)" in output
    assert not Agent.objects.exists()
    assert not Service.objects.filter(name="Espaces verts").exists()


def test_disabled_account_is_deactivated(town):
    sync()
    town.modify("hdupont", userAccountControl="514")
    assert "0 créé, 1 mis à jour, 2 inchangés," in sync()
    assert not Agent.objects.get(matricule="L002").is_active


def test_account_removed_from_the_directory_is_deactivated_not_deleted(town):
    sync()
    town.delete("pdurand")
    assert "1 désactivé," in sync()
    assert not Agent.objects.get(matricule="L003").is_active


def test_changed_manager_moves_the_agent_in_the_hierarchy(town):
    sync()
    town.modify("pdurand", manager=town.dn("hdupont"))
    sync()
    assert Agent.objects.get(matricule="L003").manager.matricule == "L002"


def test_entry_without_employee_number_is_rejected_with_its_dn(town):
    town.add("stagiaire", givenName="Sans", sn="Matricule")
    output = sync()
    assert "Rejeté : uid=stagiaire,ou=people,dc=mairie,dc=test : employeeNumber absent ou invalide" in output
    assert "3 créés," in output and "1 rejeté," in output


def test_unreachable_server_is_a_clear_error(ldap_people, monkeypatch):
    monkeypatch.setenv("DIRECTORY_LDAP_URI", "ldap://127.0.0.1:1")
    monkeypatch.setenv("DIRECTORY_LDAP_TIMEOUT", "2")
    with pytest.raises(CommandError, match="injoignable"):
        sync()


def test_missing_configuration_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("DIRECTORY_LDAP_URI", raising=False)
    with pytest.raises(CommandError, match="DIRECTORY_LDAP_URI"):
        sync()


@pytest.fixture
def ldap_login(town, settings, monkeypatch, site_tree):
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "directory.auth.LdapDirectoryBackend"]
    monkeypatch.setenv("DIRECTORY_LDAP_LOGIN", "1")
    town.modify("hdupont", userPassword="mot-de-passe-annuaire")
    sync()
    return town


def test_agent_logs_in_with_the_directory_password_and_is_linked_to_their_card(client, ldap_login):
    response = client.post("/connexion/", {"username": "hdupont", "password": "mot-de-passe-annuaire"})
    assert response.status_code == 302
    helene = Agent.objects.get(matricule="L002")
    assert helene.user.username == "hdupont"
    assert not helene.user.has_usable_password()
    assert helene.user.groups.filter(name="Agents").exists()


def test_wrong_or_empty_directory_password_is_refused(client, ldap_login):
    for password in ["faux", ""]:
        response = client.post("/connexion/", {"username": "hdupont", "password": password})
        assert response.status_code == 200
    assert not Agent.objects.get(matricule="L002").user


def test_disabled_directory_account_cannot_log_in(client, ldap_login):
    ldap_login.modify("hdupont", userAccountControl="514")
    response = client.post("/connexion/", {"username": "hdupont", "password": "mot-de-passe-annuaire"})
    assert response.status_code == 200


def test_directory_login_is_off_unless_enabled(client, ldap_login, monkeypatch):
    monkeypatch.delenv("DIRECTORY_LDAP_LOGIN")
    response = client.post("/connexion/", {"username": "hdupont", "password": "mot-de-passe-annuaire"})
    assert response.status_code == 200


def test_directory_account_never_opens_a_django_administrator(client, ldap_login, django_user_model):
    django_user_model.objects.create_superuser("hdupont", "admin@mairie.example", "autre-mot-de-passe")
    response = client.post("/connexion/", {"username": "hdupont", "password": "mot-de-passe-annuaire"})
    assert response.status_code == 200


def test_personal_title_gives_the_civility_and_its_absence_keeps_the_one_typed_by_hr(ldap_people, organisation):
    ldap_people.add("cmartin", givenName="Claire", sn="Martin", employeeNumber="L010", title="Directeur",
                    personalTitle="Mme")
    ldap_people.add("pdurand", givenName="Paul", sn="Durand", employeeNumber="L011", title="Jardinier")
    Agent.objects.create(matricule="L011", first_name="Paul", last_name="Durand", civility="Monsieur")
    sync()
    claire, paul = Agent.objects.get(matricule="L010"), Agent.objects.get(matricule="L011")
    assert (claire.civility, claire.function_title) == ("Madame", "Directrice")
    assert paul.civility == "Monsieur"
