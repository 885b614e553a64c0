"""A background worker killed mid-task (kill -9) loses nothing silently: the task stays visible as
running, /health/ reports it, `manage.py stuck_tasks --requeue` puts it back in the queue and the
next worker runs it to the end.

The worker is a real `manage.py db_worker` process sharing the test database, so this runs on
PostgreSQL (CI's second pass); an in-memory SQLite database cannot be shared with another process.
"""

import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from home import demo
from home.models import Section, SectionPage
from newsfeeds.models import ChannelIndexPage, ChannelPage, FeedSource, NewsItemPage
from newsfeeds.tasks import fetch_source

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
FEED = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Flux</title>
<link>https://exemple.fr/</link><description>Test</description>
<item><title>Article repris</title><link>https://exemple.fr/a/1</link><guid>https://exemple.fr/a/1</guid>
<pubDate>Mon, 02 Nov 2026 10:00:00 +0100</pubDate><description>Repris par le worker suivant.</description></item>
</channel></rss>"""


class SlowFeedServer:
    """Loopback feed server whose first answer waits until `release` is set: the worker that asked
    is then mid-task for as long as the test wants."""

    def __init__(self):
        self.arrived, self.release = threading.Event(), threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.arrived.set()
                server.release.wait(60)
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Content-Length", str(len(FEED)))
                    self.end_headers()
                    self.wfile.write(FEED)
                except OSError:  # the worker that asked was killed
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = SlowFeedServer()
    yield server
    server.close()


@pytest.fixture
def worker_env(feed_server, settings):
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database server to share (run with DATABASE_URL=postgres://…)")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    config = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mairie_site.settings.test",
        "DATABASE_URL": f"postgres://{config['USER']}@{config['HOST']}:{config['PORT']}/{config['NAME']}",
        "TASKS_BACKEND": "database",
        "NEWSFEEDS_TRUSTED_HOSTS": feed_server.host,
        "NEWSFEEDS_LEASE_MINUTES": "0",
    }


def db_worker(env, *arguments):
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2", *arguments]
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture
def source(feed_server):
    home = demo.ensure_home_page()
    news = demo.ensure_child(home, SectionPage, slug=Section.NEWS.value, title="Actualités", section=Section.NEWS)
    index = demo.ensure_child(news, ChannelIndexPage, slug="administration", title="Bouquet")
    channel = demo.ensure_child(index, ChannelPage, slug="collectivites", title="Collectivités", description="Test.")
    return FeedSource.objects.create(
        name="Presse lente", url=f"http://{feed_server.host}/flux.xml", channel=channel,
        first_import_max_items=0, retention_days=0,
    )  # fmt: skip


def test_a_task_whose_worker_is_killed_is_reported_then_requeued_and_finished(
    client, settings, feed_server, worker_env, source
):
    result = fetch_source.enqueue(source.pk, True)
    worker = db_worker(worker_env, "--worker-id", "killed-worker")
    try:
        assert feed_server.arrived.wait(90), worker.stderr.read1().decode() if worker.poll() is not None else ""
        task = DBTaskResult.objects.get(pk=result.id)
        assert task.status == "RUNNING"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    feed_server.release.set()

    # Nothing finished it, nothing retried it: it stays RUNNING, with the worker that took it.
    task.refresh_from_db()
    assert (task.status, task.worker_ids, task.finished_at) == ("RUNNING", ["killed-worker"], None)
    settings.TASKS_STALE_MINUTES = 0
    health = client.get("/health/")
    assert health.status_code == 503
    assert health.json()["checks"]["tasks"].startswith("erreur : 1 task(s) stuck running")
    listing = StringIO()
    call_command("stuck_tasks", older_than=0, stdout=listing)
    assert "newsfeeds.tasks.fetch_source" in listing.getvalue() and "killed-worker" in listing.getvalue()

    call_command("stuck_tasks", older_than=0, requeue=True, stdout=StringIO())
    rerun = db_worker(worker_env, "--batch", "--worker-id", "next-worker")
    assert rerun.wait(120) == 0, rerun.stderr.read().decode()

    task.refresh_from_db()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["killed-worker", "next-worker"])
    assert NewsItemPage.objects.filter(title="Article repris").exists()
    assert client.get("/health/").status_code == 200


def test_stuck_tasks_only_lists_without_requeue(settings, worker_env):
    DBTaskResult.objects.create(
        status="RUNNING", args_kwargs={"args": [], "kwargs": {}}, task_path="newsfeeds.tasks.fetch_source",
        backend_name="default", started_at="2026-11-28T08:00:00Z", worker_ids=["gone"],
    )  # fmt: skip
    output = StringIO()
    call_command("stuck_tasks", older_than=0, stdout=output)
    assert "1 tâche(s) bloquée(s)." in output.getvalue()
    assert DBTaskResult.objects.get().status == "RUNNING"
