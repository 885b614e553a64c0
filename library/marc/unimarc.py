"""UNIMARC field map (bibliographic format, copies per the French "Recommandation 995").

pymarc's `title`, `isbn` and `author` properties assume MARC 21 and are wrong on UNIMARC
(200 is the title here, 100 coded data): every value below is read from its field explicitly.

| Element              | UNIMARC                                   |
|----------------------|-------------------------------------------|
| record id            | 001                                       |
| ISBN                 | 010 $a (all occurrences)                  |
| language             | 101 $a (first), else 100 $a/22-24 absent  |
| title, subtitle      | 200 $a (repeated $a joined by " ; "), $e  |
| responsibility       | 200 $f, $g                                |
| edition              | 205 $a                                    |
| place, publisher     | 210 $a, $c (else 214 $a, $c)              |
| year                 | 210 $d / 214 $d, else 100 $a/9-12         |
| collation            | 215 $a $c $d $e                           |
| series               | 225 $a ; $v                               |
| summary              | 330 $a (all occurrences)                  |
| subjects             | 600-608 $a $b, then $x $y $z after " -- " |
| Dewey class          | 676 $a                                    |
| authors              | 700, 701, 702 ($a, $b; role from $4), 710-712 $a |
| URL, cover           | 856 $u (an image URL is taken as cover)   |
| document type        | leader/06-07, refined by 995 $r           |
| copies (995)         | $b owner, $c holding branch (else $b), $e location, $f barcode,    |
|                      | $k call number, $n due date, $o status, $r type, $5 acquisition date |
"""

from ..choices import LEADER_TYPES, DocumentType
from .common import (
    Fields,
    clean,
    copy_status,
    dedupe,
    first,
    is_image_url,
    is_web_url,
    iso_date,
    joined,
    type_from_copies,
    year_from,
)
from .data import CopyData, RecordData, RecordRejected

AUTHOR_TAGS = ["700", "701", "702", "710", "711", "712"]
SUBJECT_TAGS = ["600", "601", "602", "604", "605", "606", "607", "608"]


def _authors(record):
    authors = []
    for tag in AUTHOR_TAGS:
        for field in record.all(tag):
            name = first(field, "a")
            forename = first(field, "b")
            if not name:
                continue
            if forename:
                name = f"{name}, {forename}"
            role = first(field, "4") or ("070" if tag in ("700", "701", "710", "711") else "")
            authors.append((name, role))
    return dedupe(authors)


def _subjects(record):
    subjects = []
    for tag in SUBJECT_TAGS:
        for field in record.all(tag):
            head = joined(field, ["a", "b"], ", ")
            tail = [clean(v) for v in field.get_subfields("x", "y", "z", "j") if clean(v)]
            label = " -- ".join([head] + tail) if head else " -- ".join(tail)
            if label:
                subjects.append(label)
    return dedupe(subjects)


def _copies(record):
    copies = []
    for field in record.all("995"):
        due = iso_date(first(field, "n"))
        copies.append(
            CopyData(
                barcode=first(field, "f"),
                branch=first(field, "c") or first(field, "b"),
                location=first(field, "e"),
                call_number=first(field, "k"),
                status=copy_status(first(field, "o"), due),
                due_date=due,
                acquired_on=iso_date(first(field, "5")),
                copy_type=first(field, "r"),
            )
        )
    return copies


def _document_type(record, copies):
    leader = record.leader
    if leader[7:8] == "s":
        return DocumentType.PERIODICAL.value
    by_copies = type_from_copies(copies)
    if by_copies:
        return by_copies
    return LEADER_TYPES.get(leader[6:7], DocumentType.OTHER).value


def map_record(record):
    """RecordData from a UNIMARC pymarc Record; RecordRejected when it has no title."""
    record = Fields(record)
    title_field = record.get("200")
    titles = [clean(v) for v in title_field.get_subfields("a")] if title_field else []
    title = " ; ".join(t for t in titles if t)
    if not title:
        raise RecordRejected("titre absent (200$a)")
    publication = record.get("210") or record.get("214")
    coded = record.get("100")
    coded_data = first(coded, "a")
    year = year_from(first(publication, "d")) or year_from(coded_data[9:13])
    collation_field = record.get("215")
    collation = ""
    if collation_field:
        collation = first(collation_field, "a")
        for code, sep in (("c", " : "), ("d", " ; "), ("e", " + ")):
            value = first(collation_field, code)
            if value:
                collation = f"{collation}{sep}{value}" if collation else value
    series_field = record.get("225")
    series = first(series_field, "a")
    if series and first(series_field, "v"):
        series = f"{series} ; {first(series_field, 'v')}"
    urls = [clean(v) for f in record.all("856") for v in f.get_subfields("u") if is_web_url(clean(v))]
    copies = _copies(record)
    control = record.get("001")
    return RecordData(
        record_id=clean(control.data)[:64] if control else "",
        isbns=[v for f in record.all("010") for v in f.get_subfields("a")],
        title=title,
        subtitle=" ; ".join(clean(v) for v in title_field.get_subfields("e") if clean(v)),
        responsibility=" ; ".join(clean(v) for v in title_field.get_subfields("f", "g") if clean(v)),
        edition=first(record.get("205"), "a"),
        publisher=first(publication, "c"),
        place=first(publication, "a"),
        year=year,
        collation=collation,
        series=series,
        summary="\n\n".join(clean(v) for f in record.all("330") for v in f.get_subfields("a") if clean(v)),
        dewey=first(record.get("676"), "a"),
        language=first(record.get("101"), "a").lower()[:3],
        document_type=_document_type(record, copies),
        url=next((u for u in urls if not is_image_url(u)), ""),
        cover_url=next((u for u in urls if is_image_url(u)), ""),
        authors=_authors(record),
        subjects=_subjects(record),
        copies=copies,
        source_format="unimarc",
    )
