"""Build real catalogue files for the tests with pymarc: UNIMARC and MARC 21, ISO 2709 and XML."""

import io

import pymarc

SUB = pymarc.Subfield

# MARC-8 (ANSEL) and ISO 5426 spell an accented letter as the combining mark, then the letter.
MARC8 = {"é": b"\xe2e", "É": b"\xe2E", "è": b"\xe1e", "ê": b"\xe3e", "à": b"\xe1a", "ç": b"\xf0c", "ô": b"\xe3o",
         "ï": b"\xe8i", "ü": b"\xe8u", "ö": b"\xe8o"}
ISO5426 = {"é": b"\xc2e", "É": b"\xc2E", "è": b"\xc1e", "ê": b"\xc3e", "à": b"\xc1a", "ç": b"\xd0c", "ô": b"\xc3o",
           "ï": b"\xc8i", "ü": b"\xc9u", "œ": b"\xfa", "Œ": b"\xea", "ß": b"\xfb", "Ĳ": b"\xe6"}


def field(tag, *subfields, indicators=(" ", " ")):
    return pymarc.Field(tag=tag, indicators=list(indicators), subfields=[SUB(c, v) for c, v in subfields])


def unimarc(record_id="REC1", title="Le Petit Prince", isbn="2-07-040850-7", authors=(("Saint-Exupéry", "Antoine de"),),
            subjects=("Contes",), year="1999", language="fre", copies=None, leader_type="am", extra=()):
    """A UNIMARC record; copies are lists of (code, value) for field 995."""
    record = pymarc.Record(leader=f"00000n{leader_type}  2200000   450 ", force_utf8=True)
    if record_id:
        record.add_field(pymarc.Field(tag="001", data=record_id))
    if isbn:
        record.add_field(field("010", ("a", isbn), ("d", "7 EUR")))
    record.add_field(field("100", ("a", f"20240101d{year}    m  y0frey5003    ba")))
    record.add_field(field("101", ("a", language), indicators=("0", " ")))
    if title:
        record.add_field(field("200", ("a", title), ("e", "roman"), ("f", "Antoine de Saint-Exupéry"),
                               indicators=("1", " ")))
    record.add_field(field("210", ("a", "Paris"), ("c", "Gallimard"), ("d", year)))
    record.add_field(field("215", ("a", "97 p."), ("c", "ill."), ("d", "18 cm")))
    record.add_field(field("225", ("a", "Folio"), ("v", "3000")))
    record.add_field(field("330", ("a", "Un aviateur rencontre un petit prince venu d'une autre planète.")))
    for subject in subjects:
        record.add_field(field("606", ("a", subject), ("x", "Littérature")))
    record.add_field(field("676", ("a", "843")))
    for number, (surname, forename) in enumerate(authors):
        record.add_field(field("700" if number == 0 else "701", ("a", surname), ("b", forename), ("4", "070"),
                               indicators=(" ", "1")))
    if copies is None:
        copies = [[("b", "BM"), ("c", "Médiathèque centrale"), ("e", "Jeunesse"), ("f", "B001"), ("k", "843 SAI"),
                   ("r", "LIV"), ("5", "2026-10-02")]]
    for copy in copies:
        record.add_field(field("995", *copy))
    for extra_field in extra:
        record.add_field(extra_field)
    return record


def marc21(record_id="M1", title="The old man and the sea /", isbn="0-684-80122-1", author="Hemingway, Ernest,",
           year="1995", copies=None):
    record = pymarc.Record(leader="00000nam a2200000 a 4500", force_utf8=True)
    record.add_field(pymarc.Field(tag="001", data=record_id))
    record.add_field(pymarc.Field(tag="008", data=f"950101s{year}    nyu           000 1 eng d"))
    record.add_field(field("020", ("a", f"{isbn} (pbk.)")))
    record.add_field(field("082", ("a", "813.52")))
    record.add_field(field("100", ("a", author), ("e", "author."), indicators=("1", " ")))
    record.add_field(field("245", ("a", title), ("c", "Ernest Hemingway."), indicators=("1", "4")))
    record.add_field(field("264", ("a", "New York :"), ("b", "Scribner,"), ("c", f"{year}."), indicators=(" ", "1")))
    record.add_field(field("300", ("a", "127 p. ;"), ("c", "21 cm")))
    record.add_field(field("520", ("a", "An old Cuban fisherman and a giant marlin.")))
    record.add_field(field("650", ("a", "Fishers"), ("z", "Cuba"), ("v", "Fiction."), indicators=(" ", "0")))
    if copies is None:
        copies = [field("852", ("b", "Bibliothèque des Tilleuls"), ("c", "Adultes"), ("h", "813"), ("i", "HEM"),
                        ("p", "M001")),
                  field("949", ("a", "Médiathèque centrale"), ("b", "M002"), ("c", "R HEM"), ("d", "1"),
                        ("e", "20261215"), ("5", "2026-09-01"))]
    for copy in copies:
        record.add_field(copy)
    return record


def iso(*records):
    return b"".join(r if isinstance(r, bytes) else r.as_marc() for r in records)


def as_stream(data):
    return io.BytesIO(data)


def with_bytes(record, placeholder, replacement):
    """The record's ISO 2709 bytes with `placeholder` replaced by bytes of the same length."""
    assert len(placeholder) == len(replacement)
    data = record.as_marc()
    assert placeholder in data
    return data.replace(placeholder, replacement)


def legacy_record(title, record_id="M8", flag=" ", table=MARC8, charsets=b"5003"):
    """A UNIMARC record whose text is MARC-8 (or ISO 5426 with `table=ISO5426`), with leader/09 set to
    `flag` (" " is right, "a" is wrong) and `charsets` as 100 $a/26-29 ("0103": ISO 646 and ISO 5426)."""
    ascii_record = unimarc(record_id=record_id, title="T" * 200, isbn=None, authors=(("Dupont", "Jean"),), copies=[])
    encoded = b"".join(table[ch] if ch in table else ch.encode("ascii") for ch in title)
    data = ascii_record.as_marc()
    # Rebuild the 200 field with the encoded title, then fix the lengths by hand.
    data = data.replace(b"T" * 200, encoded + b" " * (200 - len(encoded)))
    data = data.replace(b"frey5003", b"frey" + charsets)
    data = data[:9] + flag.encode() + data[10:]
    return data


def xml(*records, marcxchange=False):
    buffer = io.BytesIO()
    writer = pymarc.XMLWriter(buffer)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    data = buffer.getvalue()
    if marcxchange:
        data = data.replace(b"http://www.loc.gov/MARC21/slim", b"info:lc/xmlns/marcxchange-v2")
    return data


def catalog_page():
    """The catalogue page under the Bibliothèque section root (needs the site_tree fixture)."""
    from home.demo import ensure_child, section_root
    from home.models import Section
    from library.models import LibraryCatalogPage

    return ensure_child(section_root(Section.LIBRARY), LibraryCatalogPage, slug="catalogue", title="Catalogue")


def import_records(*records):
    from library.importer import import_catalogue

    report, _entry = import_catalogue(as_stream(iso(*records)), filename="fixture.mrc")
    assert report.rejected == 0, report.rejections
    return report
