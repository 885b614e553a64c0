"""« Tester l'adresse »: fetch a feed address through the guarded client and say, in French, what is there.

The same road as the importer (fetch.py's network guard, size cap and redirects; the parser in a
child process with its deadline and memory cap), with a shorter deadline: an editor is waiting.
Nothing is stored.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import conf
from .importer.fetch import FetchError, check_url, fetch
from .importer.isolate import parse_isolated
from .importer.parse import FeedError, NotAFeed

PROBE_DEADLINE_SECONDS = 10.0


@dataclass
class ProbeResult:
    ok: bool
    message: str
    title: str = ""
    items: int = 0


def probe_feed(url):
    """Fetch and read `url` once; return what an editor can act on (never an internal address)."""
    url = (url or "").strip()
    if not url:
        return ProbeResult(False, _("Saisissez l'adresse du flux, par exemple https://www.exemple.fr/rss.xml."))
    try:
        check_url(url)
        result = fetch(url, deadline=min(PROBE_DEADLINE_SECONDS, float(conf.get("NEWSFEEDS_DEADLINE"))))
    except FetchError as error:
        return ProbeResult(False, str(error))
    try:
        feed = parse_isolated(result.body, url=result.url, content_type=result.headers.get("content-type", ""))
    except NotAFeed:
        return ProbeResult(False, _(
            "Cette adresse mène à une page web ou à un document, pas à un flux RSS ou Atom : cherchez sur le "
            "site le lien « RSS » ou « flux » et copiez son adresse."
        ))
    except FeedError as error:
        return ProbeResult(False, str(error))
    count = len(feed.items)
    title = feed.title or _("sans titre")
    if not count:
        return ProbeResult(True, _("Flux « %(title)s » trouvé, mais il ne contient aucun article pour l'instant.")
                           % {"title": title}, title=title)
    message = ngettext(
        "Flux « %(title)s » trouvé : %(count)d article.",
        "Flux « %(title)s » trouvé : %(count)d articles.",
        count,
    ) % {"title": title, "count": count}
    return ProbeResult(True, message, title=title, items=count)
