"""OPML in and out: the usual way feed readers exchange lists of sources."""

import xml.etree.ElementTree as ET

from django.utils import timezone

from core import safe_xml
from core.imports import ImportReport
from core.text import html_to_text as plain_text

from .importer.fetch import FetchError, check_url
from .models import FeedSource

# A list of feed sources: a few hundred kilobytes at most; the cap bounds the parser's memory.
MAX_BYTES = 5 * 1024 * 1024


class OPMLError(Exception):
    pass


def read_outlines(data):
    """Yield (position, title, xml_url, html_url) for each feed outline of an OPML document."""
    if len(data) > MAX_BYTES:
        raise OPMLError(f"Fichier OPML trop volumineux (plus de {MAX_BYTES // (1024 * 1024)} Mo).")
    try:
        root = safe_xml.parse(data)
    except safe_xml.UnsafeXml as error:
        raise OPMLError(str(error)) from None
    except safe_xml.XmlSyntaxError as error:
        raise OPMLError(f"Fichier OPML illisible : {error}.") from None
    if root.tag.lower() != "opml":
        raise OPMLError("Ce fichier n'est pas un document OPML (élément racine <opml> attendu).")
    for position, outline in enumerate(root.iter("outline"), start=1):
        xml_url = (outline.get("xmlUrl") or "").strip()
        if xml_url:
            title = plain_text(outline.get("title") or outline.get("text") or xml_url, max_length=200)
            yield position, title, xml_url, (outline.get("htmlUrl") or "").strip()


def import_opml(data, channel, *, dry_run=False):
    """Add the feeds of an OPML document to `channel`; an address already known is left as it is."""
    report = ImportReport(dry_run=dry_run)  # flux: masculine; an OPML import never removes a source
    known = set(FeedSource.objects.values_list("url", flat=True))
    for position, title, xml_url, html_url in read_outlines(data):
        try:
            check_url(xml_url)
        except FetchError as error:
            report.reject(f"entrée n° {position} ({xml_url})", str(error))
            continue
        if xml_url in known:
            report.unchanged += 1
            continue
        known.add(xml_url)
        if not dry_run:
            FeedSource.objects.create(
                name=title, url=xml_url, site_url=html_url if html_url.startswith(("http://", "https://")) else "",
                channel=channel,
            )  # fmt: skip
        report.created += 1
    return report


def export_opml(sources, title="Sources de l'intranet"):
    """An OPML 2.0 document (bytes), one outline per channel holding its sources."""
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = timezone.now().strftime("%a, %d %b %Y %H:%M:%S %z")
    body = ET.SubElement(opml, "body")
    groups = {}
    for source in sources:
        channel_title = source.channel.title if source.channel else "Sans canal"
        if channel_title not in groups:
            groups[channel_title] = ET.SubElement(body, "outline", text=channel_title, title=channel_title)
        attributes = {"type": "rss", "text": source.name, "title": source.name, "xmlUrl": source.url}
        if source.site_url:
            attributes["htmlUrl"] = source.site_url
        ET.SubElement(groups[channel_title], "outline", attributes)
    ET.indent(opml)
    return ET.tostring(opml, encoding="utf-8", xml_declaration=True)
