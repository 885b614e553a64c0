"""Fixtures of the feed tests: a real loopback HTTP server serving fixture feeds, and a channel."""

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from home import demo
from home.models import Section, SectionPage
from newsfeeds.models import ChannelIndexPage, ChannelPage, FeedSource

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    gzip: bool = False
    trickle: float = 0.0  # seconds between bytes: a server that never finishes
    declared_length: int | None = None


class FeedServer:
    """ThreadingHTTPServer on 127.0.0.1 with a route table and a request log."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = gzip.compress(route.body) if route.gzip else route.body
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                length = route.declared_length if route.declared_length is not None else len(body)
                if length >= 0:  # -1: no Content-Length, the body ends when the connection closes
                    self.send_header("Content-Length", str(length))
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    if route.trickle:
                        for index in range(len(body)):
                            self.wfile.write(body[index : index + 1])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"

    def url(self, path):
        return f"http://{self.host}{path}"

    def add(self, path, body=b"", **options):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def hits(self, path):
        return [headers for requested, headers in self.requests if requested == path]


@pytest.fixture
def feed_server():
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def trusted_server(feed_server, settings):
    """The loopback server, listed in NEWSFEEDS_TRUSTED_HOSTS as the operator would list it."""
    settings.NEWSFEEDS_TRUSTED_HOSTS = feed_server.host
    return feed_server


@pytest.fixture
def news_root(db):
    """Only the home page and the Actualités root: the full demo tree costs seconds per test."""
    home = demo.ensure_home_page()
    return demo.ensure_child(home, SectionPage, slug=Section.NEWS.value, title="Actualités", section=Section.NEWS)


@pytest.fixture
def reader_client(client, make_user):
    """A plain agent, logged in."""
    client.force_login(make_user("lecteur"))
    return client


@pytest.fixture
def bouquet(news_root):
    index = news_root.add_child(instance=ChannelIndexPage(title="Bouquet administration", slug="administration"))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_channel(bouquet):
    def make(slug="collectivites", title="Collectivités locales"):
        channel = bouquet.add_child(instance=ChannelPage(title=title, slug=slug, description="La presse territoriale."))
        channel.save_revision().publish()
        return channel

    return make


@pytest.fixture
def channel(make_channel):
    return make_channel()


@pytest.fixture
def make_source(channel):
    def make(url, name="Source de test", target=None, **fields):
        fields.setdefault("first_import_max_items", 0)
        fields.setdefault("retention_days", 0)
        return FeedSource.objects.create(name=name, url=url, channel=target or channel, **fields)

    return make


def rss(items, *, title="Flux de test", encoding="utf-8", extra_channel=""):
    """A small RSS 2.0 document; items are dicts of RSS elements (raw XML strings)."""
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>', '<rss version="2.0"><channel>', f"<title>{title}</title>"]
    parts.append("<link>https://exemple.fr/</link><description>Test</description>" + extra_channel)
    for item in items:
        parts.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def rss_items(
    count, *, prefix="Article", link="https://exemple.fr/articles/{n}", date="Mon, 02 Nov 2026 10:00:00 +0100"
):
    return [
        {"title": f"{prefix} {n}", "link": link.format(n=n), "guid": link.format(n=n), "pubDate": date,
         "description": f"Résumé de l'article {n}."}
        for n in range(1, count + 1)
    ]  # fmt: skip


@pytest.fixture
def make_rss():
    return rss


@pytest.fixture
def make_items():
    return rss_items
