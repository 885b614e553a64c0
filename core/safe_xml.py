"""The one reader of XML files that come from outside (OPML lists of feeds, MARCXML catalogues):
defusedxml, so that entity declarations (billion laughs, quadratic blow-up) and external entities
(local files, internal addresses) are refused before anything is expanded, with a French message.
Feeds themselves go through feedparser, guarded by newsfeeds.importer.parse.refuse_unsafe."""

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

UNSAFE_MESSAGE = "Document refusé : il déclare des entités XML (DOCTYPE), ce qu'un fichier d'échange ne fait pas."


class UnsafeXml(Exception):
    """The document declares entities or refers to external ones."""


class XmlSyntaxError(Exception):
    """The document is not well-formed XML; the message says where."""


def parse(data):
    """The root element of `data` (bytes or text)."""
    try:
        return SafeElementTree.fromstring(data)
    except DefusedXmlException:
        raise UnsafeXml(UNSAFE_MESSAGE) from None
    except ParseError as error:
        raise XmlSyntaxError(str(error)) from None


def iterparse(stream, events=("start", "end")):
    """(event, element) pairs read from `stream` as it goes, for files too large to hold whole."""
    try:
        yield from SafeElementTree.iterparse(stream, events=events)
    except DefusedXmlException:
        raise UnsafeXml(UNSAFE_MESSAGE) from None
    except ParseError as error:
        raise XmlSyntaxError(str(error)) from None
