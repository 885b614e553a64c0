"""Feed import benchmark: our importer against the `reader` library, same feeds, same run.

Generates FEEDS feeds × ITEMS items (French text, half RSS 2.0, half Atom), serves them from a
loopback HTTP server with ETag/Last-Modified, then imports them twice (first import, then
nothing changed) with our importer (published Wagtail pages with their search entries) and
with reader (entries in SQLite). Each importer runs in its own forked process so that peak
memory is measured separately. Last, the nothing-changed run as cron starts it: the whole
`manage.py import_feeds` process against reader's whole process (start-up included).

    .venv/bin/python benchmarks/import_feeds.py [--feeds 200] [--items 50]

Uses a temporary SQLite database unless DATABASE_URL is set (e.g. the CI PostgreSQL).
BENCH_PROFILE=1 (or a path ending in .html) profiles our first import with pyinstrument
(requirements-bench.txt) and prints the call tree on stderr.
"""

import argparse
import hashlib
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "commune conseil municipal délibération budget dotation agents service public mairie travaux voirie école "
    "cantine crèche urbanisme permis logement transition énergétique sobriété numérique cybersécurité marché "
    "public subvention association culture médiathèque sport gymnase recensement élections état civil citoyens "
    "intercommunalité préfecture décret ordonnance circulaire réforme fonction publique territoriale"
).split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize() + "."


def make_feed(index, items, rng, now):
    atom = index % 2 == 1
    entries = []
    for n in range(items):
        when = now - timedelta(minutes=index * 7 + n * 37)
        link = f"https://presse{index % 20}.exemple.fr/articles/{index}-{n}"
        title = escape(sentence(rng, 8))
        body = escape("".join(f"<p>{sentence(rng, 25)} <a href='{link}?utm_source=rss'>lien</a></p>" for _ in range(3)))
        summary = escape(sentence(rng, 30))
        if atom:
            entries.append(
                f"<entry><title>{title}</title><link href='{link}'/><id>urn:bench:{index}:{n}</id>"
                f"<updated>{when.isoformat()}</updated><summary>{summary}</summary>"
                f"<content type='html'>{body}</content><category term='{rng.choice(WORDS)}'/></entry>"
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{format_datetime(when)}</pubDate><description>{summary}</description>"
                f"<content:encoded>{body}</content:encoded><category>{rng.choice(WORDS)}</category></item>"
            )
    if atom:
        return (
            "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' xml:lang='fr'>"
            f"<title>Flux {index}</title><id>urn:bench:{index}</id><updated>{now.isoformat()}</updated>"
            + "".join(entries)
            + "</feed>"
        ).encode()
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
        f"<title>Flux {index}</title><link>https://presse.exemple.fr/</link><description>x</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


class Server:
    def __init__(self, feeds):
        self.feeds = feeds
        self.statuses = Counter()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                body = server.feeds.get(self.path)
                if body is None:
                    status, payload, headers = 404, b"", {}
                else:
                    etag = '"' + hashlib.md5(body).hexdigest() + '"'
                    modified = "Mon, 02 Nov 2026 10:00:00 GMT"
                    headers = {"ETag": etag, "Last-Modified": modified}
                    if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
                        status, payload = 304, b""
                    else:
                        status, payload = 200, body
                        headers["Content-Type"] = "application/xml; charset=utf-8"
                with server.lock:
                    server.statuses[status] += 1
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take_statuses(self):
        with self.lock:
            counts = dict(self.statuses)
            self.statuses.clear()
        return counts


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children():
    """(pid, fields of /proc/PID/stat after the command) of this process's live children: our parse workers."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(os.getpid()):
            yield int(stat.parent.name), fields


def children_peak_mb():
    """Peak RSS of this process's live children (our parse workers), summed: they run together."""
    total = 0
    for pid, _fields in _children():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
    return total


def _ticks(fields):
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class CpuMeter:
    """CPU seconds used by this process (all threads), its database server process (PostgreSQL)
    and its parsing children: the machine is shared, so CPU per item is the figure that does not
    depend on everyone else's load, unlike items per second."""

    def __init__(self):
        self.start = self._sample()

    @staticmethod
    def _sample():
        from django.db import connection

        server = 0.0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            server = _ticks(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split())
        return time.process_time(), server, {pid: _ticks(fields) for pid, fields in _children()}

    def used(self):
        """{"process", "database", "parsing"}: seconds since this meter was made."""
        process, server, children = self._sample()
        start_process, start_server, start_children = self.start
        parsing = sum(ticks - start_children.get(pid, 0.0) for pid, ticks in children.items())
        return {"process": process - start_process, "database": server - start_server, "parsing": parsing}


def run_ours(urls, conn):
    import django
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    django.setup()
    from newsfeeds.importer.run import run_import
    from newsfeeds.models import FeedSource, NewsItemPage

    results = {}
    for label in ("first", "second"):
        sources = list(FeedSource.objects.select_related("channel").order_by("pk"))
        profiler = None
        if os.environ.get("BENCH_PROFILE") and label == "first":
            from pyinstrument import Profiler  # requirements-bench.txt

            profiler = Profiler(interval=0.0005)
            profiler.start()
        with CaptureQueriesContext(connection) as queries:
            cpu = CpuMeter()
            started = time.perf_counter()
            report = run_import(sources, workers=4)
            elapsed = time.perf_counter() - started
            cpu = cpu.used()
        if profiler:
            profiler.stop()
            if os.environ["BENCH_PROFILE"].endswith(".html"):
                Path(os.environ["BENCH_PROFILE"]).write_text(profiler.output_html())
            sys.stderr.write(profiler.output_text(unicode=True, show_all=False))
        page_writes = sum(
            1
            for q in queries.captured_queries
            if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
            and any(t in q["sql"] for t in ("wagtailcore_page", "newsfeeds_newsitempage", "wagtailcore_revision"))
        )
        errors = [r.error for r in report.sources if r.status == "error"]
        results[label] = {
            "seconds": elapsed, "new": report.items.created, "page_writes": page_writes, "errors": errors[:3],
            "items": NewsItemPage.objects.count(), "cpu": cpu, "load": os.getloadavg()[0],
        }  # fmt: skip
    results["peak_mb"] = peak_mb()
    results["children_mb"] = children_peak_mb()
    conn.send(results)


def run_reader(urls, db_path, conn):
    import importlib

    # reader vendors an older feedparser that imports `sgmllib`; feedparser 6.0.14 ships the same
    # module as `feedparser_sgmllib` (already installed), so alias it instead of adding sgmllib3k.
    sys.modules.setdefault("sgmllib", importlib.import_module("feedparser_sgmllib"))
    import logging

    from reader import make_reader

    # One "bozo feed" warning per feed (the content type it reads) would fill the output.
    logging.getLogger("reader").setLevel(logging.ERROR)

    reader = make_reader(db_path)
    for url in urls:
        reader.add_feed(url)
    results = {}
    for label in ("first", "second"):
        before = reader.get_entry_counts().total
        cpu = time.process_time()
        started = time.perf_counter()
        # scheduled=False: every feed is asked again, as our importer does (conditionally).
        reader.update_feeds(scheduled=False)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu  # reader is one process, SQLite in it
        after = reader.get_entry_counts().total
        results[label] = {
            "seconds": elapsed, "new": after - before, "items": after, "cpu": {"process": cpu},
            "load": os.getloadavg()[0],
        }  # fmt: skip
    results["peak_mb"] = peak_mb()
    reader.close()
    conn.send(results)


READER_UPDATE = """
import importlib, logging, sys
sys.modules.setdefault("sgmllib", importlib.import_module("feedparser_sgmllib"))
logging.getLogger("reader").setLevel(logging.ERROR)
from reader import make_reader
make_reader(sys.argv[1]).update_feeds(scheduled=False)
"""


def whole_processes(reader_db, rounds=5):
    """Median wall and CPU (user + system) of a whole nothing-changed run, as cron starts it:
    `manage.py import_feeds` with the production settings against `reader` in its own process."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mairie_site.settings.production",
           "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 50)}  # fmt: skip
    commands = {
        "intranet": [sys.executable, str(ROOT / "manage.py"), "import_feeds", "--verbosity", "0"],
        "reader": [sys.executable, "-c", READER_UPDATE, reader_db],
    }
    # A deployed install runs from compiled bytecode, as reader does from site-packages; this
    # machine sets PYTHONDONTWRITEBYTECODE, so compile the project's modules first (__pycache__/).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-x", r"/\.venv/|/node_modules/", str(ROOT)], check=True)
    measured = {name: {"wall": [], "cpu": []} for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            measured[name]["wall"].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            measured[name]["cpu"].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {name: {key: statistics.median(values) for key, values in figures.items()}
            for name, figures in measured.items()}  # fmt: skip


def in_child(target, *args):
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=target, args=(*args, child))
    process.start()
    result = parent.recv()
    process.join()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'intranet.sqlite3'}")
    os.environ["LOG_LEVEL"] = "WARNING"

    rng = random.Random(2026)
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    feeds = {f"/flux/{i}.xml": make_feed(i, options.items, rng, now) for i in range(options.feeds)}
    server = Server(feeds)
    os.environ["NEWSFEEDS_TRUSTED_HOSTS"] = f"127.0.0.1:{server.port}"
    urls = [f"http://127.0.0.1:{server.port}{path}" for path in feeds]
    total = options.feeds * options.items
    print(f"{options.feeds} flux × {options.items} articles = {total} articles, "
          f"{sum(map(len, feeds.values())) / 1e6:.1f} Mo servis sur 127.0.0.1:{server.port}")  # fmt: skip

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connections

    from home import demo
    from home.models import Section, SectionPage
    from newsfeeds.models import ChannelIndexPage, ChannelPage, FeedSource

    home = demo.ensure_home_page()
    news = demo.ensure_child(home, SectionPage, slug="actualites", title="Actualités", section=Section.NEWS)
    bouquet = demo.ensure_child(news, ChannelIndexPage, slug="administration", title="Bouquet")
    channels = [demo.ensure_child(bouquet, ChannelPage, slug=f"canal-{n}", title=f"Canal {n}") for n in range(10)]
    FeedSource.objects.bulk_create(
        FeedSource(name=f"Flux {i}", url=url, channel=channels[i % 10], first_import_max_items=0, retention_days=0)
        for i, url in enumerate(urls)
    )
    connections.close_all()
    server.take_statuses()

    ours = in_child(run_ours, urls)
    ours_statuses = server.take_statuses()
    theirs = in_child(run_reader, urls, str(workdir / "reader.sqlite3"))
    reader_statuses = server.take_statuses()

    def rate(result):
        return result["first"]["new"] / result["first"]["seconds"]

    print()
    print(f"{'':32}{'intranet':>14}{'reader':>14}")
    print(f"{'1er import : articles':32}{ours['first']['new']:>14}{theirs['first']['new']:>14}")
    print(f"{'1er import : secondes':32}{ours['first']['seconds']:>14.2f}{theirs['first']['seconds']:>14.2f}")
    print(f"{'1er import : articles/s':32}{rate(ours):>14.0f}{rate(theirs):>14.0f}")
    print(f"{'2e import : secondes':32}{ours['second']['seconds']:>14.2f}{theirs['second']['seconds']:>14.2f}")
    print(f"{'2e import : nouveaux':32}{ours['second']['new']:>14}{theirs['second']['new']:>14}")
    for label, name in (("first", "1er"), ("second", "2e")):
        ours_cpu, theirs_cpu = ours[label]["cpu"], theirs[label]["cpu"]
        print(f"{name + ' import : CPU (s)':32}{sum(ours_cpu.values()):>14.2f}{theirs_cpu['process']:>14.2f}")
        detail = "{process:.1f}/{database:.1f}/{parsing:.1f}".format(**ours_cpu)
        print(f"{'  processus/base/analyse (s)':32}{detail:>14}")
    cpu_per_item = [1000 * sum(r["first"]["cpu"].values()) / max(1, r["first"]["new"]) for r in (ours, theirs)]
    print(f"{'1er import : CPU par article (ms)':32}{cpu_per_item[0]:>14.2f}{cpu_per_item[1]:>14.2f}")
    print(f"{'charge (1 min) à la fin du 1er':32}{ours['first']['load']:>14.1f}{theirs['first']['load']:>14.1f}")
    print(f"{'pic mémoire (RSS, Mo)':32}{ours['peak_mb']:>14.0f}{theirs['peak_mb']:>14.0f}")
    print(f"{'  + processus d’analyse (Mo)':32}{ours['children_mb']:>14.0f}{0:>14}")
    print()
    print(f"Rapport de débit (intranet / reader) : {rate(ours) / rate(theirs):.2f} (cible ≥ 0,5, visée 1)")
    print(f"Rapport d'articles par seconde CPU (intranet / reader) : {cpu_per_item[1] / cpu_per_item[0]:.2f}")
    second_ratio = ours["second"]["seconds"] / theirs["second"]["seconds"]
    print(f"2e import, temps intranet / reader : {second_ratio:.2f} (cible ≤ 1,5)")
    share_304 = ours_statuses.get(304, 0) / max(1, options.feeds)
    print(f"Réponses HTTP intranet (2 passes) : {ours_statuses} — part de 304 au 2e passage : {share_304:.0%}")
    print(f"Réponses HTTP reader (2 passes) : {reader_statuses}")
    print(f"Écritures de pages au 2e passage (intranet) : {ours['second']['page_writes']}")
    whole = whole_processes(str(workdir / "reader.sqlite3"))
    print(f"Processus entier, rien de changé (cron, médiane de 5) : intranet {whole['intranet']['wall']:.2f} s "
          f"(CPU {whole['intranet']['cpu']:.2f} s), reader {whole['reader']['wall']:.2f} s "
          f"(CPU {whole['reader']['cpu']:.2f} s) ; rapport {whole['intranet']['wall'] / whole['reader']['wall']:.2f}, "
          f"CPU {whole['intranet']['cpu'] / whole['reader']['cpu']:.2f} (cible ≤ 1,5) ; "
          f"charge {os.getloadavg()[0]:.1f}")  # fmt: skip
    if ours["first"]["errors"]:
        print(f"Erreurs (intranet) : {ours['first']['errors']}")


if __name__ == "__main__":
    main()
