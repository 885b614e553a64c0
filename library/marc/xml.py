"""MARCXML and MarcXchange (UNIMARC XML) reading, streamed with core.safe_xml's iterparse (entity
declarations refused).

Namespaces are ignored (MARC 21 slim, MarcXchange, BnF's unimarcxchange all use the same
element names), which is what pymarc's reader only does with strict=False. The structure is
checked per record; a malformed document stops the reading at the point of the error, and what
was read before it is kept.
"""

import re

import pymarc

from core import safe_xml

from .iso2709 import StructureError

_VALID_CODE = re.compile(r"^[0-9a-z]$")
_VALID_INDICATOR = re.compile(r"^[0-9a-z ]$")
_VALID_TAG = re.compile(r"^[0-9A-Za-z]{3}$")


def _local(tag):
    return tag.rsplit("}", 1)[-1]


class XmlSyntaxError(Exception):
    pass


def element_identifier(element):
    for child in element:
        if _local(child.tag) == "controlfield" and child.get("tag") == "001":
            return (child.text or "").strip()[:64]
    return ""


def element_to_record(element):
    """Build a pymarc Record from a <record> element, or raise StructureError."""
    record = pymarc.Record(force_utf8=True)
    for child in element:
        name = _local(child.tag)
        if name == "leader":
            leader = (child.text or "").ljust(24)
            if len(leader) != 24:
                raise StructureError("guide (leader) invalide")
            record.leader = pymarc.Leader(leader)
        elif name == "controlfield":
            tag = child.get("tag", "")
            if not _VALID_TAG.match(tag):
                raise StructureError(f"étiquette de champ invalide : {tag!r}")
            record.add_field(pymarc.Field(tag=tag, data=child.text or ""))
        elif name == "datafield":
            tag = child.get("tag", "")
            if not _VALID_TAG.match(tag):
                raise StructureError(f"étiquette de champ invalide : {tag!r}")
            indicators = [child.get("ind1", " ") or " ", child.get("ind2", " ") or " "]
            if not all(len(i) == 1 and _VALID_INDICATOR.match(i) for i in indicators):
                raise StructureError(f"indicateurs invalides dans le champ {tag} : {indicators!r}")
            subfields = []
            for sub in child:
                code = sub.get("code", "")
                if not _VALID_CODE.match(code):
                    raise StructureError(f"sous-champ inconnu ${code!r} dans le champ {tag}")
                subfields.append(pymarc.Subfield(code=code, value=sub.text or ""))
            record.add_field(pymarc.Field(tag=tag, indicators=indicators, subfields=subfields))
    return record


def iter_xml_records(stream):
    """Yield (ordinal, element) per <record>; raise XmlSyntaxError when the document is malformed."""
    ordinal = 0
    try:
        root = None
        for event, element in safe_xml.iterparse(stream, events=("start", "end")):
            if root is None:
                root = element
            if event != "end" or _local(element.tag) != "record":
                continue
            ordinal += 1
            yield ordinal, element
            # Drop what was read so that memory stays flat however long the file is.
            element.clear()
            if root is not element:
                root.clear()
    except safe_xml.UnsafeXml as error:
        raise XmlSyntaxError(str(error)) from error
    except safe_xml.XmlSyntaxError as error:
        raise XmlSyntaxError(f"XML mal formé après la notice n°{ordinal} : {error}") from error
