"""Every importer refuses a file over its size cap with a French reason, before parsing it."""

import pytest

from directory.importers import csv_import
from newsfeeds import opml
from places import importer as places_importer

pytestmark = pytest.mark.django_db


def oversize(cap, unit=b"a;b;c\n"):
    return unit * (cap // len(unit) + 1)


def test_an_opml_file_over_the_cap_is_refused_before_parsing():
    outlines = oversize(opml.MAX_BYTES, b'<outline xmlUrl="https://exemple.fr/f.xml"/>')
    data = b"<opml><body>" + outlines + b"</body></opml>"
    with pytest.raises(opml.OPMLError, match="trop volumineux"):
        list(opml.read_outlines(data))


def test_an_opml_file_under_the_cap_is_read():
    data = b'<opml><body><outline text="A" xmlUrl="https://exemple.fr/f.xml"/></body></opml>'
    assert [url for _position, _title, url, _site in opml.read_outlines(data)] == ["https://exemple.fr/f.xml"]


def test_a_directory_export_over_the_cap_is_refused_before_parsing():
    data = b"matricule;nom;prenom\n" + oversize(csv_import.MAX_BYTES)
    with pytest.raises(csv_import.ImportFileError, match="dépasse 20 Mo"):
        csv_import.read_rows(data)


def test_a_facilities_file_over_the_cap_is_refused_before_parsing(site_tree):
    report = places_importer.import_facilities(oversize(places_importer.MAX_BYTES))
    assert report.rejections == ["fichier : fichier de plus de 20 Mo"]
