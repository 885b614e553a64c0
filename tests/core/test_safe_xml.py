"""Every XML file from outside is read by defusedxml: entity declarations and external entities
are refused with a French message, in OPML imports and MARCXML catalogues alike."""

import io

import pytest

from core import safe_xml
from library.marc.xml import XmlSyntaxError, iter_xml_records
from newsfeeds.opml import OPMLError, read_outlines

LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>"""


@pytest.mark.parametrize("prolog", [LAUGHS, EXTERNAL])
def test_entity_declarations_are_refused_by_the_core_reader(prolog):
    with pytest.raises(safe_xml.UnsafeXml, match="entités XML"):
        safe_xml.parse(prolog + b"<d>&c;</d>")
    with pytest.raises(safe_xml.UnsafeXml):
        list(safe_xml.iterparse(io.BytesIO(prolog + b"<d>&c;</d>")))


@pytest.mark.parametrize("prolog", [LAUGHS, EXTERNAL])
def test_opml_and_marcxml_refuse_them_with_a_french_message(prolog):
    with pytest.raises(OPMLError, match="entités XML"):
        list(read_outlines(prolog + b'<opml><body><outline xmlUrl="https://a.example/&c;"/></body></opml>'))
    with pytest.raises(XmlSyntaxError, match="entités XML"):
        list(iter_xml_records(io.BytesIO(prolog + b"<collection><record>&c;</record></collection>")))


def test_malformed_xml_says_where():
    with pytest.raises(safe_xml.XmlSyntaxError, match="line 1"):
        safe_xml.parse(b"<opml><body></opml>")
