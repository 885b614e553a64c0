"""The one import report: every importer's summary line reads the same, agreed with what it imports."""

from django.template.loader import render_to_string
from django.utils import translation

from core.imports import MAX_REPORTED_REJECTIONS, Extra, ImportReport

SERVICES_CREATED = Extra("service créé", "services créés")


def notices(**counts):
    return ImportReport(feminine=True, removal="retiré", **counts)


def agents(**counts):
    return ImportReport(removal="désactivé", **counts)


def test_the_summary_names_every_count_in_the_same_order():
    report = agents(created=3, updated=2, unchanged=4, removed=5, rejected=6)
    assert report.summary() == "3 créés, 2 mis à jour, 4 inchangés, 5 désactivés, 6 rejetés"


def test_feminine_nouns_agree_every_participle():
    report = notices(created=2, updated=2, unchanged=2, removed=2, rejected=2)
    assert report.summary() == "2 créées, 2 mises à jour, 2 inchangées, 2 retirées, 2 rejetées"


def test_zero_and_one_are_singular_in_french():
    assert notices(created=1).summary() == "1 créée, 0 mise à jour, 0 inchangée, 0 retirée, 0 rejetée"
    assert agents(updated=1).summary() == "0 créé, 1 mis à jour, 0 inchangé, 0 désactivé, 0 rejeté"


def test_an_import_that_never_removes_has_no_removal_count():
    assert ImportReport(created=2).summary() == "2 créés, 0 mis à jour, 0 inchangé, 0 rejeté"


def test_each_app_names_what_removal_means():
    assert "1 supprimé," in ImportReport(removal="supprimé", removed=1).summary()


def test_numbers_are_grouped_the_french_way():
    with translation.override("fr"):
        summary = notices(created=12345, unchanged=1234567).summary()
    assert summary.startswith("12\xa0345 créées, 0 mise à jour, 1\xa0234\xa0567 inchangées")


def test_a_dry_run_says_that_nothing_was_saved():
    summary = agents(created=3, dry_run=True).summary()
    assert summary == "Simulation : 3 créés, 0 mis à jour, 0 inchangé, 0 désactivé, 0 rejeté (rien n'a été enregistré)"


def test_an_extra_count_is_one_more_part_of_the_same_line_when_it_happened():
    report = agents(created=1)
    assert "service" not in report.summary()
    report.extras[SERVICES_CREATED] += 1
    assert report.summary().endswith("0 rejeté, 1 service créé")
    report.extras[SERVICES_CREATED] += 1
    assert report.summary().endswith("0 rejeté, 2 services créés")


def test_a_rejection_keeps_where_and_why():
    report = agents()
    report.reject("ligne 3 (M042)", "matricule invalide")
    assert (report.rejected, report.rejections) == (1, ["ligne 3 (M042) : matricule invalide"])


def test_rejections_are_counted_all_but_listed_within_a_bound():
    report = notices()
    for position in range(MAX_REPORTED_REJECTIONS + 10):
        report.reject(f"notice n°{position + 1}", "titre absent")
    assert report.rejected == MAX_REPORTED_REJECTIONS + 10
    assert len(report.rejections) == MAX_REPORTED_REJECTIONS
    assert report.rejections[-1] == f"notice n°{MAX_REPORTED_REJECTIONS} : titre absent"


def test_merge_adds_counts_extras_and_warnings_and_keeps_the_bound():
    total = agents(created=1, updated=1, unchanged=1, removed=1)
    total.extras[SERVICES_CREATED] += 1
    total.warnings.append("première")
    for _ in range(MAX_REPORTED_REJECTIONS - 1):
        total.reject("ici", "déjà")
    other = agents(created=2, updated=3, unchanged=4, removed=5)
    other.extras[SERVICES_CREATED] += 2
    other.warnings.append("seconde")
    other.reject("là", "un")
    other.reject("là", "deux")
    assert total.merge(other) is total
    assert (total.created, total.updated, total.unchanged, total.removed) == (3, 4, 5, 6)
    assert total.rejected == MAX_REPORTED_REJECTIONS + 1
    assert len(total.rejections) == MAX_REPORTED_REJECTIONS and total.rejections[-1] == "là : un"
    assert total.warnings == ["première", "seconde"] and total.extras[SERVICES_CREATED] == 3


def test_read_counts_what_was_stored_left_or_rejected_not_what_was_removed():
    assert agents(created=1, updated=2, unchanged=3, removed=7, rejected=4).read == 10


def test_the_admin_rendering_shows_the_summary_the_rejections_and_the_warnings():
    report = notices(created=2, duration=1.5)
    report.reject("notice n°3", "titre absent")
    report.warnings.append("Fichier incomplet : aucune notice n'a été retirée.")
    html = render_to_string("core/includes/import_report.html", {"report": report})
    assert "<strong>2 créées, 0 mise à jour, 0 inchangée, 0 retirée, 1 rejetée</strong> — 1,5 s" in html
    assert "<li>notice n°3 : titre absent</li>" in html
    assert "Avertissements" in html and "Fichier incomplet : aucune notice n&#x27;a été retirée." in html


def test_the_admin_rendering_says_when_only_the_first_rejections_are_listed():
    report = notices()
    for position in range(MAX_REPORTED_REJECTIONS + 1):
        report.reject(f"notice n°{position}", "titre absent")
    with translation.override("fr"):
        html = render_to_string("core/includes/import_report.html", {"report": report})
    assert "les 500 premiers sur 501" in html and "Avertissements" not in html
