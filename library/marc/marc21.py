"""MARC 21 field map (bibliographic format; holdings from 852 or a local 949).

| Element              | MARC 21                                    |
|----------------------|--------------------------------------------|
| record id            | 001                                        |
| ISBN                 | 020 $a (all occurrences)                   |
| language             | 041 $a, else 008/35-37                     |
| title, subtitle      | 245 $a, $b (ISBD punctuation removed)      |
| responsibility       | 245 $c                                     |
| edition              | 250 $a                                     |
| place, publisher     | 264 $a, $b (else 260 $a, $b)               |
| year                 | 264 $c / 260 $c, else 008/07-10            |
| collation            | 300 $a $b $c $e                            |
| series               | 490 $a ; $v                                |
| summary              | 520 $a                                     |
| subjects             | 600-655 $a, then $x $y $z $v after " -- "  |
| Dewey class          | 082 $a                                     |
| authors              | 100, 110, 111, 700, 710, 711 $a; role from $4 else $e |
| URL, cover           | 856 $u (an image URL is taken as cover)    |
| document type        | leader/06-07                               |
| copies (852)         | $b branch, $c location, $h $i call number, $p barcode |
| copies (949, local)  | $a branch, $b barcode, $c call number, $d status, $e due date,   |
|                      | $l location, $5 acquisition date                                  |
"""

from ..choices import LEADER_TYPES, DocumentType
from .common import Fields, clean, copy_status, dedupe, first, is_image_url, is_web_url, iso_date, joined, year_from
from .data import CopyData, RecordData, RecordRejected

AUTHOR_TAGS = ["100", "110", "111", "700", "710", "711"]
SUBJECT_TAGS = ["600", "610", "611", "630", "648", "650", "651", "655"]


def _authors(record):
    authors = []
    for tag in AUTHOR_TAGS:
        for field in record.all(tag):
            name = first(field, "a")
            if not name:
                continue
            role = first(field, "4") or first(field, "e") or ("aut" if tag.startswith("1") else "")
            authors.append((name, role))
    return dedupe(authors)


def _subjects(record):
    subjects = []
    for tag in SUBJECT_TAGS:
        for field in record.all(tag):
            parts = [clean(v) for v in field.get_subfields("a", "x", "y", "z", "v") if clean(v)]
            if parts:
                subjects.append(" -- ".join(parts))
    return dedupe(subjects)


def _copies(record):
    copies = []
    for field in record.all("852"):
        copies.append(
            CopyData(
                barcode=first(field, "p"),
                branch=first(field, "b") or first(field, "a"),
                location=first(field, "c"),
                call_number=joined(field, ["h", "i"]),
                status=copy_status("", ""),
            )
        )
    for field in record.all("949"):
        due = iso_date(first(field, "e"))
        copies.append(
            CopyData(
                barcode=first(field, "b"),
                branch=first(field, "a"),
                location=first(field, "l"),
                call_number=first(field, "c"),
                status=copy_status(first(field, "d"), due),
                due_date=due,
                acquired_on=iso_date(first(field, "5")),
            )
        )
    return copies


def map_record(record):
    """RecordData from a MARC 21 pymarc Record; RecordRejected when it has no title."""
    record = Fields(record)
    title_field = record.get("245")
    title = first(title_field, "a")
    if not title:
        raise RecordRejected("titre absent (245$a)")
    publication = record.get("264") or record.get("260")
    fixed = record.get("008")
    fixed_data = fixed.data if fixed is not None and fixed.data else ""
    language = first(record.get("041"), "a") or fixed_data[35:38].strip()
    series_field = record.get("490")
    series = first(series_field, "a")
    if series and first(series_field, "v"):
        series = f"{series} ; {first(series_field, 'v')}"
    urls = [clean(v) for f in record.all("856") for v in f.get_subfields("u") if is_web_url(clean(v))]
    leader = record.leader
    if leader[7:8] == "s":
        document_type = DocumentType.PERIODICAL.value
    else:
        document_type = LEADER_TYPES.get(leader[6:7], DocumentType.OTHER).value
    control = record.get("001")
    return RecordData(
        record_id=clean(control.data)[:64] if control else "",
        isbns=[v for f in record.all("020") for v in f.get_subfields("a")],
        title=title,
        subtitle=first(title_field, "b"),
        responsibility=first(title_field, "c"),
        edition=first(record.get("250"), "a"),
        publisher=first(publication, "b"),
        place=first(publication, "a"),
        year=year_from(first(publication, "c")) or year_from(fixed_data[7:11]),
        collation=joined(record.get("300"), ["a", "b", "c", "e"]),
        series=series,
        summary="\n\n".join(clean(v) for f in record.all("520") for v in f.get_subfields("a") if clean(v)),
        dewey=first(record.get("082"), "a"),
        language=language.lower()[:3],
        document_type=document_type,
        url=next((u for u in urls if not is_image_url(u)), ""),
        cover_url=next((u for u in urls if is_image_url(u)), ""),
        authors=_authors(record),
        subjects=_subjects(record),
        copies=_copies(record),
        source_format="marc21",
    )
