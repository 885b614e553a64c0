"""CSV catalogue files, for libraries whose software exports no MARC.

One row per copy, `;` or `,` separated, UTF-8 (a BOM is accepted), a header row with these
columns (only `titre` is required; consecutive rows with the same `identifiant` are one record
with several copies):

    identifiant, isbn, titre, sous_titre, auteurs (separated by "|"), editeur, lieu, annee,
    langue, type, sujets (separated by "|"), resume, dewey, collection,
    bibliotheque, localisation, cote, code_barres, statut, retour_prevu, date_acquisition
"""

import csv
import io

from ..choices import DocumentType
from .common import clean, copy_status, iso_date, year_from
from .data import CopyData, RecordData, RecordRejected

TYPES = {value for value, _label in DocumentType.choices}


def _copy(row):
    if not any(row.get(k) for k in ("bibliotheque", "cote", "code_barres")):
        return None
    due = iso_date(row.get("retour_prevu", ""))
    return CopyData(
        barcode=clean(row.get("code_barres", "")), branch=clean(row.get("bibliotheque", "")),
        location=clean(row.get("localisation", "")), call_number=clean(row.get("cote", "")),
        status=copy_status(row.get("statut", ""), due), due_date=due,
        acquired_on=iso_date(row.get("date_acquisition", "")),
    )


def _record(row):
    title = clean(row.get("titre", ""))
    if not title:
        raise RecordRejected("titre absent (colonne « titre »)")
    doc_type = clean(row.get("type", "")).lower()
    return RecordData(
        record_id=clean(row.get("identifiant", ""))[:64],
        isbns=[v for v in row.get("isbn", "").replace("|", " ").split() if v],
        title=title,
        subtitle=clean(row.get("sous_titre", "")),
        publisher=clean(row.get("editeur", "")),
        place=clean(row.get("lieu", "")),
        year=year_from(row.get("annee", "")),
        language=clean(row.get("langue", "")).lower()[:3],
        document_type=doc_type if doc_type in TYPES else DocumentType.BOOK.value,
        summary=clean(row.get("resume", "")),
        dewey=clean(row.get("dewey", "")),
        series=clean(row.get("collection", "")),
        authors=[(clean(a), "") for a in row.get("auteurs", "").split("|") if clean(a)],
        subjects=[clean(s) for s in row.get("sujets", "").split("|") if clean(s)],
        source_format="csv",
    )


def iter_csv_records(stream):
    """Yield (position, identifier, RecordData or None, error) per record (consecutive rows merged)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    sample = text.read(4096)
    text.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(text, dialect=dialect)
    if reader.fieldnames:
        reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    pending = None  # (position, identifier, data)
    try:
        for line, row in enumerate(reader, start=2):
            row = {k: (v or "") for k, v in row.items() if k}
            identifier = clean(row.get("identifiant", ""))[:64]
            if pending and identifier and pending[1] == identifier and pending[2] is not None:
                copy = _copy(row)
                if copy:
                    pending[2].copies.append(copy)
                continue
            if pending:
                yield pending + ("",)
            try:
                data = _record(row)
                copy = _copy(row)
                if copy:
                    data.copies.append(copy)
                pending = (line, identifier, data)
            except RecordRejected as error:
                pending = None
                yield (line, identifier, None, str(error))
    except UnicodeDecodeError as error:
        raise RecordRejected(f"fichier CSV illisible : texte non UTF-8 ({error.reason})") from error
    finally:
        text.detach()
    if pending:
        yield pending + ("",)
