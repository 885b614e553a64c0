"""Parsing fetched bytes: unsafe documents, encodings, dates, links and dedup keys."""

import tracemalloc
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from core.text import html_to_text as plain_text
from newsfeeds.importer.parse import NotAFeed, UnsafeDocument, clamp_date, parse_date, parse_feed

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
"""


def rss(title="Titre", extra_item="", encoding_decl="utf-8", link="https://exemple.fr/a"):
    decl = f'<?xml version="1.0" encoding="{encoding_decl}"?>' if encoding_decl else '<?xml version="1.0"?>'
    return (
        f'{decl}<rss version="2.0"><channel><title>Flux</title><link>https://exemple.fr/</link>'
        f"<item><title>{title}</title><link>{link}</link>{extra_item}</item></channel></rss>"
    )


def test_entity_expansion_is_refused_with_bounded_memory():
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeDocument):
            parse_feed(BILLION_LAUGHS, now=NOW)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_entity_declarations_are_refused_in_utf16_too():
    with pytest.raises(UnsafeDocument):
        parse_feed(BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', "").encode("utf-16"), now=NOW)


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-SECRET")
    internal = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>'
    )
    with pytest.raises(UnsafeDocument):
        parse_feed(internal.encode(), now=NOW)
    # No internal subset: the external DTD is not loaded, the undeclared entity is not resolved.
    external = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret}">'
        '<rss version="2.0"><channel><title>Flux</title><item><title>A &amp; B</title>'
        "<link>https://exemple.fr/a</link></item></channel></rss>"
    )
    feed = parse_feed(external.encode(), now=NOW)
    assert "MOT-DE-PASSE-SECRET" not in repr(feed)
    assert feed.items[0].title == "A & B"


@pytest.mark.parametrize("body", [b"", b"   \n", b"<html><head><title>Accueil</title></head><body>x</body></html>"])
def test_empty_body_or_html_page_is_not_a_feed(body):
    with pytest.raises(NotAFeed, match="flux"):
        parse_feed(body, now=NOW)


def test_undeclared_windows_1252_is_decoded():
    body = rss(title="L’été à la mairie", encoding_decl=None).encode("windows-1252")
    assert parse_feed(body, now=NOW).items[0].title == "L’été à la mairie"


def test_declared_latin1_is_decoded():
    body = rss(title="Conseil général de l'Hérault", encoding_decl="iso-8859-1").encode("iso-8859-1")
    assert parse_feed(body, now=NOW).items[0].title == "Conseil général de l'Hérault"


def test_utf8_bom_is_accepted():
    body = "\ufeff".encode() + rss(title="Déchèterie").encode("utf-8")
    assert parse_feed(body, now=NOW).items[0].title == "Déchèterie"


def test_http_charset_is_used_when_the_prolog_says_nothing():
    body = rss(title="Élections", encoding_decl=None).encode("iso-8859-1")
    feed = parse_feed(body, content_type="application/rss+xml; charset=iso-8859-1", now=NOW)
    assert feed.items[0].title == "Élections"


def test_utf16_feed_is_decoded():
    body = rss(title="Crèche", encoding_decl="utf-16").encode("utf-16")
    assert parse_feed(body, now=NOW).items[0].title == "Crèche"


def test_relative_links_are_resolved_against_xml_base():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://exemple.fr/actu/">
<title>Flux</title><id>urn:x</id><updated>2026-11-02T10:00:00Z</updated>
<entry><title>Un</title><id>urn:1</id><link href="article-1"/><updated>2026-11-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;&lt;a href="/plan"&gt;Plan&lt;/a&gt;&lt;/p&gt;</content></entry>
</feed>"""
    item = parse_feed(atom, url="https://flux.exemple.fr/atom.xml", now=NOW).items[0]
    assert item.link == "https://exemple.fr/actu/article-1"
    assert 'href="https://exemple.fr/plan"' in item.body


def test_tracking_parameters_are_stripped_from_links():
    body = rss(link="https://exemple.fr/a?id=4&amp;utm_source=rss&amp;utm_campaign=x&amp;fbclid=abc&amp;xtor=RSS-1")
    assert parse_feed(body.encode(), now=NOW).items[0].link == "https://exemple.fr/a?id=4"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Mon, 02 Nov 2026 10:00:00 +0100", datetime(2026, 11, 2, 9, 0, tzinfo=UTC)),
        ("Mon, 02 Nov 2026 10:00:00 GMT", datetime(2026, 11, 2, 10, 0, tzinfo=UTC)),
        ("2026-11-02T10:00:00Z", datetime(2026, 11, 2, 10, 0, tzinfo=UTC)),
        ("2026-11-02T10:00:00+02:00", datetime(2026, 11, 2, 8, 0, tzinfo=UTC)),
        # No zone, or an unknown one: the town's time.
        ("2026-07-02T10:00:00", datetime(2026, 7, 2, 10, 0, tzinfo=PARIS)),
        ("Thu, 02 Jul 2026 10:00:00 XYZ", datetime(2026, 7, 2, 10, 0, tzinfo=PARIS)),
        ("lundi 2 novembre 2026 à 10h30", datetime(2026, 11, 2, 10, 30, tzinfo=PARIS)),
        ("1er décembre 2026", datetime(2026, 12, 1, 0, 0, tzinfo=PARIS)),
        ("15 août 2026 14:05", datetime(2026, 8, 15, 14, 5, tzinfo=PARIS)),
        ("31 février 2026", None),
        ("n'importe quoi", None),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


def test_future_and_impossible_dates_are_clamped():
    assert clamp_date(datetime(2030, 1, 1, tzinfo=UTC), NOW) == NOW
    assert clamp_date(datetime(1970, 1, 1, tzinfo=UTC), NOW) == NOW
    assert clamp_date(None, NOW) == NOW
    past = datetime(2026, 11, 1, tzinfo=UTC)
    assert clamp_date(past, NOW) == past


def test_item_without_date_gets_the_fetch_time():
    assert parse_feed(rss().encode(), now=NOW).items[0].published_at == NOW


def test_items_sharing_one_guid_get_distinct_keys():
    items = "".join(
        f"<item><title>Article {n}</title><link>https://exemple.fr/{n}</link><guid>même</guid></item>" for n in range(3)
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    assert len({item.key for item in parse_feed(body.encode(), now=NOW).items}) == 3


def test_items_sharing_one_link_and_no_guid_are_not_lost():
    items = "".join(f"<item><title>Brève {n}</title><link>https://exemple.fr/</link></item>" for n in range(3))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    assert len(parse_feed(body.encode(), now=NOW).items) == 3


def test_plain_text_keeps_words_of_separate_blocks_apart_and_inline_words_whole():
    html = "<p>Un lien</p><p>Civil</p><ul><li>un</li><li>deux</li></ul>trois<br>quatre <em>l</em>'état"
    assert plain_text(html) == "Un lien Civil un deux trois quatre l'état"


def test_categories_become_plain_text_tags():
    body = rss(extra_item="<category>Urbanisme</category><category>&lt;b&gt;Finances&lt;/b&gt;</category>")
    assert parse_feed(body.encode(), now=NOW).items[0].tags == ["Urbanisme", "Finances"]
