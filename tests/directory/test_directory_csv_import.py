"""`import_directory`: keyed on matricule, line-numbered rejections, dry run, idempotent, deactivation."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.importers.csv_import import import_directory
from directory.models import Agent

pytestmark = pytest.mark.django_db

HEADER = "matricule;nom;prenom;nom_usage;fonction;service;responsable;telephone;poste;courriel;batiment;liste_rouge\n"
ROWS = [
    "A001;Lemoine;Marc;;Directeur général des services;DGS;;01 49 71 00 01;1001;marc.lemoine@mairie.example;"
    "Hôtel de ville;non\n",
    "A002;Dupont;Hélène;;Officière d'état civil;État civil;A001;01 49 71 43 21;4321;helene.dupont@mairie.example;"
    "Hôtel de ville;non\n",
    "A003;Martin;Claire;Lambert;Instructrice;urbanisme;A001;;2200;;Centre technique;oui\n",
]


def csv_bytes(*rows, header=HEADER):
    return (header + "".join(rows)).encode("utf-8")


def run(data, tmp_path, *args):
    path = tmp_path / "agents.csv"
    path.write_bytes(data)
    out = StringIO()
    call_command("import_directory", str(path), *args, stdout=out)
    return out.getvalue()


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_import_creates_agents_with_services_and_managers(organisation, tmp_path):
    output = run(csv_bytes(*ROWS), tmp_path)
    assert "3 créés, 0 mis à jour, 0 inchangé, 0 désactivé, 0 rejeté" in output
    helene = Agent.objects.get(matricule="A002")
    assert helene.service == organisation["etat_civil"]
    assert helene.manager.matricule == "A001"
    assert helene.source == Agent.Source.CSV
    claire = Agent.objects.get(matricule="A003")
    assert (claire.full_name, claire.do_not_list, claire.service.code) == ("Claire Lambert", True, "urbanisme")
    assert list(Agent.objects.matching("helene dupont")) == [helene]


def test_dry_run_changes_nothing_but_reports(organisation, tmp_path):
    output = run(csv_bytes(*ROWS), tmp_path, "--dry-run")
    assert "Simulation : 3 créés, 0 mis à jour, 0 inchangé, 0 désactivé, 0 rejeté (rien n'a été enregistré)" in output
    assert not Agent.objects.exists()


def test_reimport_is_idempotent_with_zero_writes(organisation):
    import_directory(csv_bytes(*ROWS))
    with CaptureQueriesContext(connection) as queries:
        report = import_directory(csv_bytes(*ROWS))
    assert (report.created, report.updated, report.unchanged, report.removed) == (0, 0, 3, 0)
    assert writes(queries) == []


def test_changed_line_updates_only_that_agent(organisation):
    import_directory(csv_bytes(*ROWS))
    changed = ROWS[1].replace("Officière d'état civil", "Responsable de l'état civil")
    report = import_directory(csv_bytes(ROWS[0], changed, ROWS[2]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Agent.objects.get(matricule="A002").job_title == "Responsable de l'état civil"
    assert list(Agent.objects.matching("responsable etat")) == [Agent.objects.get(matricule="A002")]


def test_agent_missing_from_a_full_export_is_deactivated_not_deleted(organisation):
    import_directory(csv_bytes(*ROWS))
    report = import_directory(csv_bytes(ROWS[0], ROWS[1]))
    assert report.removed == 1
    claire = Agent.objects.get(matricule="A003")
    assert not claire.is_active
    report = import_directory(csv_bytes(*ROWS))
    assert report.updated == 1
    assert Agent.objects.get(matricule="A003").is_active


def test_partial_file_deactivates_nobody(organisation):
    import_directory(csv_bytes(*ROWS))
    report = import_directory(csv_bytes(ROWS[0]), partial=True)
    assert report.removed == 0
    assert Agent.objects.filter(is_active=True).count() == 3


def test_manually_created_agents_are_not_deactivated_by_the_import(organisation, make_agent):
    manual = make_agent("Saisi", "Àlamain")
    import_directory(csv_bytes(*ROWS))
    manual.refresh_from_db()
    assert manual.is_active


def test_bad_lines_are_rejected_with_their_line_number_and_do_not_stop_the_others(organisation, tmp_path):
    bad = [
        "A004;;Sans nom;;;;;;;;;\n",
        "A005;Durand;Paul;;;Service fantôme;;;;;;\n",
        "A006;Petit;Anne;;;;;;12ab;pas-un-courriel;;peut-être\n",
        "A001;Doublon;Marc;;;;;;;;;\n",
        "A 7;Espace;Matricule;;;;;;;;;\n",
        "A008;Trop;Court\n",
    ]
    output = run(csv_bytes(ROWS[0], *bad, ROWS[1]), tmp_path)
    assert "2 créés, 0 mis à jour, 0 inchangé, 0 désactivé, 6 rejetés" in output
    assert "ligne 3 (A004) : nom obligatoire" in output
    assert "ligne 4 (A005) : service inconnu « Service fantôme »" in output
    assert "ligne 5 (A006) : " in output and "poste invalide « 12ab »" in output
    assert "courriel invalide" in output and "liste_rouge doit valoir oui ou non" in output
    assert "ligne 6 (A001) : matricule déjà présent ligne 2" in output
    assert "ligne 7 (A 7) : matricule invalide" in output
    assert "ligne 8 : 3 valeurs au lieu de 12" in output
    assert set(Agent.objects.values_list("matricule", flat=True)) == {"A001", "A002"}


def test_rejected_agent_is_not_deactivated(organisation):
    import_directory(csv_bytes(*ROWS))
    broken = ROWS[2].replace(";2200;", ";22ab;")
    report = import_directory(csv_bytes(ROWS[0], ROWS[1], broken))
    assert report.removed == 0 and report.rejected == 1
    assert Agent.objects.get(matricule="A003").is_active


def test_unknown_manager_is_a_warning_and_left_empty(organisation):
    report = import_directory(csv_bytes(ROWS[1].replace(";A001;", ";Z999;")))
    assert report.created == 1
    assert any("responsable « Z999 » inconnu" in w for w in report.warnings)
    assert Agent.objects.get(matricule="A002").manager is None


def test_missing_required_column_refuses_the_file(tmp_path):
    with pytest.raises(CommandError, match="colonne\\(s\\) obligatoire\\(s\\) absente\\(s\\) : prenom"):
        run(b"matricule;nom\nA001;Lemoine\n", tmp_path)


def test_windows_1252_comma_separated_file_is_read(organisation):
    data = "matricule,nom,prenom,service\nA010,Bénard,Élodie,ccas\n".encode("cp1252")
    report = import_directory(data)
    assert report.created == 1
    assert Agent.objects.get(matricule="A010").full_name == "Élodie Bénard"


def test_absent_optional_columns_keep_self_service_values(organisation):
    import_directory(csv_bytes(*ROWS))
    helene = Agent.objects.get(matricule="A002")
    helene.office = "B204"
    helene.save()
    import_directory(b"matricule;nom;prenom\nA002;Dupont;H\xc3\xa9l\xc3\xa8ne\n", partial=True)
    helene.refresh_from_db()
    assert helene.office == "B204" and helene.extension == "4321"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("import_directory", str(tmp_path / "absent.csv"))


def test_civilite_column_is_read_in_its_usual_spellings_and_an_unknown_one_rejects_the_line():
    header = "matricule;nom;prenom;civilite;fonction\n"
    report = import_directory(csv_bytes("C001;Durand;Claire;Mme;Conseiller en économie sociale et familiale\n",
                                        "C002;Petit;Louis;M.;Jardinier\n", "C003;Roux;Sam;;Agent d'accueil\n",
                                        "C004;Blanc;Lou;Docteur;Agent d'accueil\n", header=header))
    agents = {agent.matricule: agent for agent in Agent.objects.filter(matricule__startswith="C")}
    assert agents["C001"].civility == "Madame"
    assert agents["C001"].function_title == "Conseillère en économie sociale et familiale"
    assert (agents["C002"].civility, agents["C003"].civility) == ("Monsieur", "")
    assert "C004" not in agents
    assert report.rejections == ["ligne 5 (C004) : civilite inconnue « Docteur » (Madame, Monsieur, Mme, M. ou vide)"]


def test_a_file_without_civilite_keeps_the_civility_typed_by_hr():
    Agent.objects.create(matricule="C005", first_name="Claire", last_name="Durand", civility="Madame")
    import_directory(csv_bytes("C005;Durand;Claire;;Directeur;;;;;;;non\n"), partial=True)
    agent = Agent.objects.get(matricule="C005")
    assert (agent.civility, agent.function_title) == ("Madame", "Directrice")
