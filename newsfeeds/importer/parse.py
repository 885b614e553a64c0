"""Turn fetched bytes into items: feedparser on bytes only, dates, dedup keys.

A document that declares an internal DTD subset (entities) is refused before parsing:
feedparser's loose parser would expand them (a 110 KB file becomes gigabytes).
"""

import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import feedparser

from core.text import html_to_text as plain_text

from .sanitize import clean_html, clean_url

PARIS = ZoneInfo("Europe/Paris")
OLDEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(minutes=10)
PROLOG_WINDOW = 64 * 1024
DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
ENTITY = re.compile(rb"<!ENTITY\b", re.IGNORECASE)

FRENCH_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
FRENCH_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>[a-zéûèô]+)\.?\s+(?P<year>\d{4})"
    r"(?:\s*(?:à|,|-)?\s*(?P<hour>\d{1,2})\s*[h:]\s*(?P<minute>\d{2})?(?::(?P<second>\d{2}))?)?",
    re.IGNORECASE,
)


class FeedError(Exception):
    """The document is not a feed we can read; the message is French, for the editors."""


class UnsafeDocument(FeedError):
    pass


class NotAFeed(FeedError):
    pass


@dataclass
class ParsedItem:
    key: str
    title: str
    link: str
    guid: str
    summary: str
    body: str
    author: str
    published_at: datetime
    tags: list = field(default_factory=list)

    @property
    def content_hash(self):
        digest = hashlib.sha256()
        for part in (self.title, self.link, self.summary, self.body, self.author, "\x1f".join(self.tags)):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x1e")
        return digest.hexdigest()


@dataclass
class ParsedFeed:
    title: str
    link: str
    items: list
    warnings: list = field(default_factory=list)


def _head_variants(body):
    """The prolog as bytes we can search, whatever the encoding (UTF-16/32 included)."""
    head = body[:PROLOG_WINDOW]
    yield head
    if b"\x00" in head[:200]:
        for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            try:
                yield head.decode(encoding, errors="ignore").encode("utf-8", errors="ignore")
            except (UnicodeError, LookupError):
                continue


def refuse_unsafe(body):
    """Refuse DTD internal subsets and entity declarations before any XML parser sees them."""
    for head in _head_variants(body):
        if INTERNAL_SUBSET.search(head) or ENTITY.search(head):
            raise UnsafeDocument("Document refusé : il déclare des entités XML (DOCTYPE), ce qu'un flux ne fait pas.")


def _aware(value):
    if value.tzinfo is None:
        # A date without a zone is read as the town's time, not UTC.
        return value.replace(tzinfo=PARIS)
    return value


def parse_date(raw, parsed=None):
    """An aware datetime from the formats feeds use, or None."""
    raw = (raw or "").strip()
    if raw:
        try:
            value = parsedate_to_datetime(raw)
            if value is not None:
                return _aware(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        try:
            return _aware(datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw))
        except ValueError:
            pass
        match = FRENCH_DATE.search(raw.lower())
        if match and match["month"] in FRENCH_MONTHS:
            try:
                return datetime(
                    int(match["year"]), FRENCH_MONTHS[match["month"]], int(match["day"]),
                    int(match["hour"] or 0), int(match["minute"] or 0), int(match["second"] or 0), tzinfo=PARIS,
                )  # fmt: skip
            except ValueError:
                return None
    if parsed:
        try:
            return datetime(*parsed[:6], tzinfo=UTC)
        except (TypeError, ValueError):
            return None
    return None


def clamp_date(value, now):
    """Future dates become now; impossible ones (before 1995) too: the item stays listed sensibly."""
    if value is None or value > now + FUTURE_TOLERANCE or value < OLDEST_PLAUSIBLE:
        return now
    return value


def _key(basis):
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


def _entry_html(entry, url):
    """The entry's richest HTML and the base its relative links are resolved against."""
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"], content.get("base") or url
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", "") or "", detail.get("base") or url


def parse_feed(body, *, url="", content_type="", now=None):
    """Parse fetched bytes into a ParsedFeed; raise FeedError for what is not a readable feed."""
    now = now or datetime.now(UTC)
    if not body or not body.strip():
        raise NotAFeed("Ce n'est pas un flux : la réponse est vide.")
    refuse_unsafe(body)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never a string: feedparser treats a string as a URL or a file name.
    # Sanitizing and relative links are done by nh3 afterwards: feedparser's passes are slow and weaker.
    result = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    if not result.get("version") and not result.entries:
        reason = str(result.get("bozo_exception") or "")
        raise NotAFeed(
            "Ce n'est pas un flux RSS ou Atom (page HTML ou document illisible)" + (f" : {reason}" if reason else ".")
        )
    entries = result.entries
    links = [clean_url(entry.get("link", "")) for entry in entries]
    guids = [(entry.get("id") or "").strip() for entry in entries]
    link_counts = Counter(link for link in links if link)
    guid_counts = Counter(guid for guid in guids if guid)
    items = []
    seen = set()
    warnings = []
    for position, entry in enumerate(entries, start=1):
        link, guid = links[position - 1], guids[position - 1]
        title = plain_text(entry.get("title", ""), max_length=255)
        body_html = clean_html(*_entry_html(entry, url))
        summary = plain_text(entry.get("summary", "") or body_html, max_length=600)
        if not title:
            title = plain_text(summary, max_length=80)
        if not title and not link:
            warnings.append(f"article n° {position} ignoré : ni titre ni lien")
            continue
        # The link is the most stable identity (guid schemes change, one article comes through two
        # sources); a link or guid shared by several items of the feed identifies none of them.
        if link and link_counts[link] == 1:
            basis = "link:" + link
        elif guid and guid_counts[guid] == 1:
            basis = "guid:" + guid
        else:
            basis = "hash:" + "\x1f".join((guid, link, title, entry.get("published", "") or entry.get("updated", "")))
        key = _key(basis)
        if key in seen:
            continue
        seen.add(key)
        raw_date = entry.get("published") or entry.get("updated") or entry.get("created") or ""
        parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
        tags = []
        for tag in entry.get("tags") or []:
            name = plain_text(tag.get("term") or tag.get("label") or "", max_length=100)
            if name and name.lower() not in {t.lower() for t in tags}:
                tags.append(name)
        items.append(
            ParsedItem(
                key=key,
                title=title or link,
                link=link,
                guid=guid[:500],
                summary=summary,
                body=body_html,
                author=plain_text(entry.get("author", ""), max_length=255),
                published_at=clamp_date(parse_date(raw_date, parsed_date), now),
                tags=tags[:10],
            )
        )
    feed = result.get("feed", {})
    return ParsedFeed(
        title=plain_text(feed.get("title", ""), max_length=200),
        link=clean_url(feed.get("link", "")),
        items=items,
        warnings=warnings,
    )
