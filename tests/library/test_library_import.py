"""Importing catalogue files: formats, encodings, bad records, idempotence, withdrawal."""

import io

import pymarc
import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from library_files import ISO5426, as_stream, field, iso, legacy_record, marc21, unimarc, with_bytes, xml

from library.catalogue import CatalogueSearch
from library.choices import Availability, CopyStatus, DocumentType
from library.importer import CatalogueImporter, import_catalogue
from library.models import BibliographicRecord, CatalogueImport, Copy

pytestmark = pytest.mark.django_db


def run(data, **options):
    report, _entry = import_catalogue(as_stream(data), filename="test.mrc", **options)
    return report


def test_unimarc_record_gets_title_from_200_author_from_700_and_isbn_from_010():
    record = unimarc()
    assert record.title is None  # pymarc's MARC 21 shortcut is useless on UNIMARC: we must not use it
    report = run(iso(record))
    assert (report.created, report.rejected) == (1, 0)
    notice = BibliographicRecord.objects.get()
    assert notice.record_id == "REC1"
    assert notice.title == "Le Petit Prince"
    assert notice.subtitle == "roman"
    assert notice.isbn == "9782070408504"  # ISBN-10 2-07-040850-7 stored as ISBN-13
    assert [a.name for a in notice.authors.all()] == ["Saint-Exupéry, Antoine de"]
    assert notice.authors.get().role_label == "Auteur"
    assert [s.label for s in notice.subjects.all()] == ["Contes -- Littérature"]
    assert (notice.publisher, notice.place, notice.year) == ("Gallimard", "Paris", 1999)
    assert notice.collation == "97 p. : ill. ; 18 cm"
    assert notice.series == "Folio ; 3000"
    assert (notice.dewey, notice.language, notice.document_type) == ("843", "fre", DocumentType.BOOK)
    assert notice.source_format == "unimarc"


def test_copies_come_from_995_with_call_number_location_and_status():
    record = unimarc(copies=[
        [("b", "BM"), ("c", "Médiathèque centrale"), ("e", "Jeunesse"), ("f", "B1"), ("k", "843 SAI"),
         ("5", "2026-10-02")],
        [("b", "BM"), ("c", "Bibliobus"), ("f", "B2"), ("k", "843 SAI"), ("n", "20261220")],
        [("b", "BM"), ("c", "Bibliobus"), ("f", "B3"), ("o", "3")],
    ])
    run(iso(record))
    first, loaned, lost = Copy.objects.order_by("sort_order")
    assert (first.branch, first.location, first.call_number, first.barcode) == (
        "Médiathèque centrale", "Jeunesse", "843 SAI", "B1")
    assert first.status == CopyStatus.AVAILABLE
    assert loaned.status == CopyStatus.ON_LOAN and loaned.due_date.isoformat() == "2026-12-20"
    assert lost.status == CopyStatus.LOST
    notice = BibliographicRecord.objects.get()
    assert notice.availability == Availability.AVAILABLE
    assert notice.acquired_on.isoformat() == "2026-10-02"


def test_marc21_record_gets_title_from_245_and_copies_from_852_and_949():
    report = run(iso(marc21()))
    assert report.created == 1
    notice = BibliographicRecord.objects.get()
    assert notice.title == "The old man and the sea"  # ISBD " /" removed
    assert notice.isbn == "9780684801223"
    assert notice.year == 1995 and notice.language == "eng" and notice.publisher == "Scribner"
    assert [a.name for a in notice.authors.all()] == ["Hemingway, Ernest"]
    assert [s.label for s in notice.subjects.all()] == ["Fishers -- Cuba -- Fiction."]
    copies = list(notice.copies.order_by("sort_order"))
    assert [(c.branch, c.call_number, c.status) for c in copies] == [
        ("Bibliothèque des Tilleuls", "813 HEM", CopyStatus.AVAILABLE),
        ("Médiathèque centrale", "R HEM", CopyStatus.ON_LOAN),
    ]
    assert notice.source_format == "marc21"


def test_format_is_detected_per_record_in_a_mixed_file():
    report = run(iso(unimarc(record_id="U1"), marc21(record_id="M1")))
    assert report.created == 2
    assert dict(BibliographicRecord.objects.values_list("record_id", "source_format")) == {
        "U1": "unimarc", "M1": "marc21"}


@pytest.mark.parametrize("flag", [" ", "a"], ids=["flag-right", "flag-wrong"])
def test_marc8_record_is_decoded_whatever_the_leader_flag_says(flag):
    report = run(legacy_record("Élève à l'école", flag=flag))
    assert report.rejected == 0, report.rejections
    assert BibliographicRecord.objects.get().title == "Élève à l'école"


def test_iso5426_record_is_decoded_when_its_bytes_show_it():
    title = "Œuvres complètes : Françoise à l'été, Müller et Straße"
    report = run(legacy_record(title, record_id="I1", table=ISO5426, charsets=b"    ", flag="a"))
    assert report.rejected == 0, report.rejections
    assert BibliographicRecord.objects.get().title == title
    assert CatalogueSearch(QueryDict("q=oeuvres+francoise+ete")).results().total == 1


@pytest.mark.parametrize("charsets, title", [
    (b"0103", "Ĳsselmeer et Ĳmuiden"),
    (b"5003", "s\u0306selmeer et m\u0306uiden"),
], ids=["declared-iso5426", "declared-unicode"])
def test_iso5426_declared_in_100_decides_when_the_bytes_would_read_as_marc8(charsets, title):
    # 0xE6 is Ĳ in ISO 5426 and a breve in MARC-8: alone, these bytes read as MARC-8.
    run(legacy_record("Ĳsselmeer et Ĳmuiden", record_id="I2", table=ISO5426, charsets=charsets))
    assert BibliographicRecord.objects.get().title == title


def test_a_byte_iso5426_does_not_define_rejects_its_record_only():
    bad = legacy_record("Été XX", record_id="I-BAD", table={**ISO5426, "X": b"\xe0"}, charsets=b"0103")
    good = legacy_record("Été", record_id="I-OK", table=ISO5426, charsets=b"0103")
    report = run(iso(bad, good))
    assert (report.created, report.rejected) == (1, 1)
    assert "I-BAD" in report.rejections[0] and "octet 0xE0 hors du jeu ISO 5426" in report.rejections[0]


def test_utf8_record_with_a_blank_encoding_flag_is_read_as_utf8():
    data = unimarc(title="Les Misérables").as_marc()
    data = data[:9] + b" " + data[10:]
    run(data)
    assert BibliographicRecord.objects.get().title == "Les Misérables"


@pytest.mark.parametrize("marcxchange", [False, True], ids=["marcxml", "marcxchange"])
def test_xml_files_are_imported(marcxchange):
    report = run(xml(unimarc(record_id="X1"), unimarc(record_id="X2", title="Vol de nuit"), marcxchange=marcxchange))
    assert (report.created, report.rejected) == (2, 0)
    assert set(BibliographicRecord.objects.values_list("title", flat=True)) == {"Le Petit Prince", "Vol de nuit"}


def test_marc21_xml_is_imported():
    report = run(xml(marc21()))
    assert report.created == 1
    assert BibliographicRecord.objects.get().title == "The old man and the sea"


def test_bad_records_are_reported_with_position_and_id_and_the_rest_is_imported():
    good_first = unimarc(record_id="OK1")
    broken_leader = unimarc(record_id="BAD-LEADER").as_marc()
    broken_leader = b"12x45" + broken_leader[5:]
    bad_indicators = unimarc(record_id="BAD-IND", extra=[field("300", ("a", "note"), indicators=("#", "!"))])
    bad_utf8 = with_bytes(unimarc(record_id="BAD-UTF8", title="Titre XXXX"), b"XXXX", b"\xff\xfe\x80A")
    unknown_subfield = unimarc(record_id="BAD-SUB", extra=[field("300", ("%", "note"))])
    no_title = unimarc(record_id="NO-TITLE", title=None)
    good_last = unimarc(record_id="OK2", isbn="978-2-07-036822-8")
    truncated = unimarc(record_id="CUT").as_marc()[:-40]
    data = iso(good_first, broken_leader, bad_indicators, bad_utf8, unknown_subfield, no_title, good_last, truncated)

    report = run(data)

    assert set(BibliographicRecord.objects.values_list("record_id", flat=True)) == {"OK1", "OK2"}
    assert (report.created, report.rejected) == (2, 6)
    text = "\n".join(report.rejections)
    assert "notice n°2" in text and "BAD-LEADER" in text and "guide" in text
    assert "notice n°3" in text and "BAD-IND" in text and "indicateurs" in text
    assert "notice n°4" in text and "BAD-UTF8" in text and "ni UTF-8 ni MARC-8" in text
    assert "notice n°5" in text and "BAD-SUB" in text and "sous-champ" in text
    assert "notice n°6" in text and "NO-TITLE" in text and "titre absent" in text
    assert "notice n°8" in text and "CUT" in text
    assert "octet" in report.rejections[0]


def test_malformed_xml_keeps_the_records_before_the_error_and_withdraws_nothing():
    run(iso(unimarc(record_id="OLD")))
    data = xml(unimarc(record_id="X1"), unimarc(record_id="X2"))
    cut = data[: data.index(b"<record", data.index(b"X1")) + 30]
    report = run(cut, withdraw_missing=True)
    assert report.created == 1 and report.rejected == 1
    assert "XML mal formé" in report.rejections[0]
    assert report.removed == 0 and report.warnings
    assert not BibliographicRecord.objects.get(record_id="OLD").withdrawn


def test_the_stored_import_keeps_its_warnings_apart_from_its_rejections():
    data = xml(unimarc(record_id="X1"), unimarc(record_id="X2"))
    _report, entry = import_catalogue(as_stream(data[: data.index(b"<record", data.index(b"X1")) + 30]),
                                      filename="coupé.xml", withdraw_missing=True)
    entry.refresh_from_db()
    assert len(entry.rejections) == 1 and "XML mal formé" in entry.rejections[0]
    assert entry.warnings == ["Fichier incomplet : aucune notice n'a été retirée."]
    assert entry.summary() == "1 créée, 0 mise à jour, 0 inchangée, 0 retirée, 1 rejetée"


def test_reimporting_an_unchanged_file_writes_nothing():
    data = iso(*(unimarc(record_id=f"R{i}", isbn=None, title=f"Titre {i}") for i in range(30)))
    first = run(data)
    assert first.created == 30
    with CaptureQueriesContext(connection) as queries:
        again = run(data, withdraw_missing=True)
    assert (again.created, again.updated, again.unchanged, again.removed) == (0, 0, 30, 0)
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
              and "library_catalogueimport" not in q["sql"]]
    assert writes == []


def test_a_changed_record_is_updated_in_place():
    run(iso(unimarc(record_id="R1", title="Premier titre")))
    pk = BibliographicRecord.objects.get().pk
    report = run(iso(unimarc(record_id="R1", title="Titre corrigé", copies=[[("c", "Bibliobus"), ("f", "X9")]])))
    assert (report.created, report.updated) == (0, 1)
    notice = BibliographicRecord.objects.get()
    assert notice.pk == pk and notice.title == "Titre corrigé"
    assert list(notice.copies.values_list("barcode", flat=True)) == ["X9"]


def test_a_record_without_id_is_matched_on_its_isbn():
    run(iso(unimarc(record_id=None, isbn="2-07-040850-7", title="Sans identifiant")))
    report = run(iso(unimarc(record_id=None, isbn="978-2-07-040850-4", title="Sans identifiant, corrigé")))
    assert (report.created, report.updated) == (0, 1)
    assert BibliographicRecord.objects.get().title == "Sans identifiant, corrigé"


def test_the_same_record_id_twice_in_a_file_is_rejected_the_second_time():
    report = run(iso(unimarc(record_id="R1"), unimarc(record_id="R1", title="Autre")))
    assert (report.created, report.rejected) == (1, 1)
    assert "double" in report.rejections[0]


def test_withdraw_missing_hides_absent_records_until_they_come_back():
    run(iso(unimarc(record_id="A"), unimarc(record_id="B"), unimarc(record_id="C")))
    report = run(iso(unimarc(record_id="A"), unimarc(record_id="C")), withdraw_missing=True)
    assert report.removed == 1
    assert BibliographicRecord.objects.get(record_id="B").withdrawn
    assert BibliographicRecord.objects.visible().count() == 2
    back = run(iso(unimarc(record_id="A"), unimarc(record_id="B"), unimarc(record_id="C")), withdraw_missing=True)
    assert (back.updated, back.unchanged, back.removed) == (1, 2, 0)
    assert not BibliographicRecord.objects.get(record_id="B").withdrawn


def test_withdraw_missing_spares_records_rejected_in_the_file():
    run(iso(unimarc(record_id="A"), unimarc(record_id="B")))
    broken_b = with_bytes(unimarc(record_id="B", title="Titre XXXX"), b"XXXX", b"\xff\xff\xff\xff")
    report = run(iso(unimarc(record_id="A"), broken_b), withdraw_missing=True)
    assert (report.rejected, report.removed) == (1, 0)
    assert not BibliographicRecord.objects.get(record_id="B").withdrawn


def test_dry_run_reports_what_would_change_and_writes_nothing():
    report = run(iso(unimarc(record_id="A"), unimarc(record_id="B")), dry_run=True)
    assert report.created == 2 and report.dry_run
    assert BibliographicRecord.objects.count() == 0
    assert "Simulation" in report.summary()


def test_import_catalogue_command_prints_the_summary(tmp_path):
    path = tmp_path / "export.mrc"
    path.write_bytes(iso(unimarc(record_id="A"), b"garbage\x1d"))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", str(path), stdout=out, stderr=err)
    assert "1 créée, 0 mise à jour, 0 inchangée, 0 retirée, 1 rejetée" in out.getvalue()
    assert "notice n°2" in err.getvalue()
    assert CatalogueImport.objects.get().created == 1
    call_command("import_catalogue", str(path), "--dry-run", "--format", "unimarc", stdout=out, stderr=err)
    dry_run = "Simulation : 0 créée, 0 mise à jour, 1 inchangée, 0 retirée, 1 rejetée (rien n'a été enregistré)"
    assert dry_run in out.getvalue()


def test_import_catalogue_command_refuses_a_missing_file():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_catalogue", "/nonexistent/file.mrc")


def test_sample_catalogue_imports_without_rejection():
    from library.sample import write_sample

    buffer = io.BytesIO()
    write_sample(buffer, 50)
    report = run(buffer.getvalue())
    assert (report.created, report.rejected) == (50, 0)
    assert Copy.objects.count() >= 50


def test_csv_file_with_one_row_per_copy_is_imported():
    data = (
        "identifiant;isbn;titre;auteurs;annee;langue;sujets;bibliotheque;cote;code_barres;statut;retour_prevu\n"
        "C1;2-07-036822-X;L'Étranger;Camus, Albert;1942;fre;Roman|Absurde;Bibliobus;R CAM;X1;;\n"
        "C1;2-07-036822-X;L'Étranger;Camus, Albert;1942;fre;Roman|Absurde;Médiathèque centrale;R CAM;X2;;2026-12-24\n"
        ";;;Sans titre;;;;;;;;\n"
        "C2;;La Peste;Camus, Albert;1947;fre;;;;;;\n"
    ).encode("utf-8-sig")
    report = run(data)
    assert (report.created, report.rejected) == (2, 1), report.rejections
    assert "notice n°4" in report.rejections[0] and "titre absent" in report.rejections[0]
    stranger = BibliographicRecord.objects.get(record_id="C1")
    assert stranger.isbn == "9782070368228" and stranger.year == 1942 and stranger.source_format == "csv"
    assert [(c.branch, c.status) for c in stranger.copies.order_by("sort_order")] == [
        ("Bibliobus", CopyStatus.AVAILABLE), ("Médiathèque centrale", CopyStatus.ON_LOAN)]
    again = run(data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_xml_entities_are_never_expanded(tmp_path):

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-VALUE")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<collection><record><leader>00000nam  2200000   450 </leader>'
           '<controlfield tag="001">XXE</controlfield>'
           '<datafield tag="200" ind1="1" ind2=" "><subfield code="a">A&x;B</subfield></datafield>'
           '</record></collection>').encode()
    report = run(xxe)
    assert "SECRET-VALUE" not in " ".join(BibliographicRecord.objects.values_list("title", flat=True))
    laughs = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
              + ']><collection><record><datafield tag="200" ind1=" " ind2=" "><subfield code="a">&j;'
              '</subfield></datafield></record></collection>').encode()
    report = run(laughs)
    assert report.created == 0 and report.rejected == 1


def _stored():
    records = BibliographicRecord.objects.order_by("record_id")
    return [
        (*values, list(Copy.objects.filter(record__record_id=values[0]).values_list("barcode", "branch", "status")))
        for values in records.values_list("record_id", "title", "source_format", "isbns", "search_text",
                                          "content_hash", "availability")
    ]


def test_a_file_of_several_batches_is_decoded_in_worker_processes_with_the_same_outcome():
    no_flavour = pymarc.Record(leader="00000nam  2200000   450 ", force_utf8=True)  # neither 200, 245 nor 008
    no_flavour.add_field(pymarc.Field(tag="001", data="NOFLAV"), field("606", ("a", "Contes")))
    broken_leader = b"12x45" + unimarc(record_id="BAD-LEADER").as_marc()[5:]
    bad_utf8 = with_bytes(unimarc(record_id="BAD-UTF8", title="Titre XXXX"), b"XXXX", b"\xff\xfe\x80A")
    records = [unimarc(record_id=f"U{i}", isbn=None, title=f"Été {i}") for i in range(7)]
    # Batches of 3: the first is decoded here, the others by a worker; NOFLAV (7th) takes its
    # flavour from the record before it, which only this process knows.
    data = iso(records[0], marc21(record_id="M1"), legacy_record("Fran\xe7ais", record_id="M8"), *records[1:4],
               no_flavour, broken_leader, bad_utf8, unimarc(record_id="U2", title="Doublon"), *records[4:])

    reports = {}
    for workers, batch_size in [(0, 500), (1, 3)]:
        BibliographicRecord.objects.all().delete()
        importer = CatalogueImporter(batch_size=batch_size, decode_workers=workers)
        report = importer.run(as_stream(data))
        assert (importer.decoder is not None) == bool(workers)
        reports[workers] = (report.summary(), report.rejections, _stored())

    assert reports[1] == reports[0]
    summary, rejections, stored = reports[1]
    assert summary.startswith("9 créées") and len(rejections) == 4
    assert any("NOFLAV" in line for line in rejections)
    assert any("U2" in line and "double" in line for line in rejections)


def test_no_prefix_pattern_index_slows_the_inserts_down_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("varchar_pattern_ops indexes exist only on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'library\\_%%' "
                       "AND indexdef LIKE '%%varchar_pattern_ops%%'")
        assert cursor.fetchall() == []
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = 'library_bibliographicrecord' "
                       "AND indexdef LIKE '%%(record_id)%%'")
        assert cursor.fetchone()[0] == 2  # the plain index and the unique one stay
