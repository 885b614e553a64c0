"""Benchmark of "Mon portail": a logged-in agent's home page under concurrent load.

    .venv/bin/python benchmarks/portal.py [--items 10000] [--subscriptions 20] [--clients 10] [--duration 15]
                                          [--workers N] [--threads N] [--port 8600]

Builds the PostgreSQL database `bench_portal` on 127.0.0.1 (the site tree, a bouquet of 40
channels, 10,000 news items, an agent following 15 channels and 5 services), serves it with
gunicorn on loopback (Redis cache at 127.0.0.1:6379 when it answers, as in production), and
loads it with wrk (Debian package `wrk`) using the agent's session cookie:

- the home page `/` (editorial, the agent's blocks, section cards);
- a minimal Django view behind the same middleware (sessions, authentication, CSRF, CSP...)
  returning a page of the same size for the same agent: the baseline.

Prints requests per second, p50 and p95 for both, and the ratios. Targets (issue #4): the home
page reaches at least half the baseline's throughput, with p95 < 100 ms at 10 clients.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

from bench_support import redis_available

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
DATABASE = "bench_portal"
DATABASE_URL = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/3"
CHANNELS = 40

SETTINGS = """
from mairie_site.settings.test import *  # noqa

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench_portal_urls"
if {redis!r}:
    CACHES = {{"default": {{"BACKEND": "django_redis.cache.RedisCache", "LOCATION": {redis!r}, "KEY_PREFIX": "bench"}}}}
LOGGING = {{"version": 1, "disable_existing_loggers": True, "root": {{"level": "ERROR"}}}}
# As in production: static files are collected, not looked up through the finders on each request
# (the pages' static files are not requested here, so the directory stays empty).
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
STATIC_ROOT = {static_root!r}
"""

URLS = '''
import os

from django.http import HttpResponse
from django.urls import path

from mairie_site import urls as site_urls

SIZE = int(os.environ.get("BENCH_PAGE_SIZE", "20000"))


def minimal(request):
    """Same middleware, same agent, same size, no page logic."""
    name = request.user.get_username()
    return HttpResponse(("<p>" + name + "</p>").ljust(SIZE, " "))


urlpatterns = [path("bench/minimal/", minimal)] + site_urls.urlpatterns
handler403 = getattr(site_urls, "handler403", None)
'''

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %.3f %.3f %d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
"""


def prepare_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def bulk_items(channels, services, count):
    """10,000 Wagtail pages in seconds: base rows and child rows inserted in batches, paths computed."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from newsfeeds.models import NewsItemPage

    content_type = ContentType.objects.get_for_model(NewsItemPage)
    locale = Locale.get_default()
    now = timezone.now()
    per_channel = count // len(channels)
    fields = [f for f in NewsItemPage._meta.local_concrete_fields]
    for n_channel, channel in enumerate(channels):
        items = []
        for n in range(per_channel):
            slug = f"article-{n_channel}-{n}"
            published = now - timedelta(minutes=7 * (n * len(channels) + n_channel))
            items.append(
                NewsItemPage(
                    title=f"Article {n} du canal {channel.title} : une information pour les agents",
                    draft_title=f"Article {n}",
                    slug=slug,
                    path=Page._get_path(channel.path, channel.depth + 1, n + 1),
                    depth=channel.depth + 1,
                    numchild=0,
                    url_path=f"{channel.url_path}{slug}/",
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    summary="Un résumé de quelques lignes, comme en produisent les sources de la presse territoriale.",
                    published_at=published,
                    channel_id=channel.pk,
                    service_id=services[n % len(services)].pk if n % 10 == 0 else None,
                )
            )
        base_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
        pages = Page.objects.bulk_create(
            [Page(**{name: getattr(item, name) for name in base_fields}) for item in items]
        )
        for item, page in zip(items, pages, strict=True):
            item.pk = item.page_ptr_id = page.pk
        NewsItemPage.objects._insert(items, fields=fields, raw=True)
        Page.objects.filter(pk=channel.pk).update(numchild=per_channel)


def build(items, subscriptions):
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "mairie_site.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from home import demo
    from home.demo import ensure_child, section_root
    from home.models import Section, ServicePage
    from home.roles import setup_roles
    from newsfeeds.models import ChannelIndexPage, ChannelPage
    from portal import services as portal_services
    from portal.models import Announcement, Application, FavouriteApplication

    started = time.perf_counter()
    demo.load_tree()
    demo.load_town()
    demo.load_editorial()
    setup_roles()
    index = ensure_child(section_root(Section.NEWS), ChannelIndexPage, slug="administration", title="Bouquet")
    channels = [
        ensure_child(index, ChannelPage, slug=f"canal-{n}", title=f"Canal {n}", description="Un canal.")
        for n in range(CHANNELS)
    ]
    service_pages = list(ServicePage.objects.order_by("path"))
    bulk_items(channels, service_pages, items)
    user = get_user_model().objects.create_user("agent-bench", password="bench-portail-2026", first_name="Agent")
    services_followed = min(5, subscriptions)
    for page in channels[: subscriptions - services_followed] + service_pages[:services_followed]:
        portal_services.follow(user=user, page=page)
    Announcement.objects.create(title="Annonce épinglée", ends_at=django.utils.timezone.now() + timedelta(days=3))
    for n in range(3):
        application = Application.objects.create(name=f"Application {n}", url=f"https://app{n}.example/")
        FavouriteApplication.objects.create(user=user, application=application)
    client = Client()
    client.force_login(user)
    print(f"Database built in {time.perf_counter() - started:.1f} s: {items} items, {CHANNELS} channels, "
          f"{subscriptions} subscriptions")  # fmt: skip
    return f"sessionid={client.cookies['sessionid'].value}"


def start_gunicorn(command, env, base):
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/health/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.geturl(), response.read(), response.headers.get_all("Set-Cookie") or []


def run_wrk(url, cookie, clients, duration, script):
    output = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{duration}s", "-s", script,
         "-H", f"Cookie: {cookie}", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, p50, p95, errors = line.split()[1:]
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "p50": float(p50),
        "p95": float(p95),
        "errors": int(errors),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--subscriptions", type=int, default=20)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    # Threads (gunicorn's gthread worker) let a worker overlap its waits on PostgreSQL and Redis.
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk est introuvable : apt-get install wrk")

    prepare_database()
    cookie = build(args.items, args.subscriptions)

    redis = REDIS_URL if redis_available() else ""
    workdir = Path(tempfile.mkdtemp(prefix="bench-portal-"))
    (workdir / "bench_portal_settings.py").write_text(SETTINGS.format(redis=redis, static_root=str(workdir)))
    (workdir / "bench_portal_urls.py").write_text(URLS)
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    port = args.port or free_port()
    env = {
        **os.environ,
        "PYTHONPATH": f"{workdir}:{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": "bench_portal_settings",
        "DATABASE_URL": DATABASE_URL,
    }
    command = [str(Path(sys.executable).parent / "gunicorn"), "mairie_site.wsgi", "-b", f"127.0.0.1:{port}",
               "-w", str(args.workers), "--threads", str(args.threads), "--log-level", "warning"]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(command, env, base)
    try:
        status, final_url, body, set_cookies = fetch(f"{base}/", cookie)
        if status != 200 or "/connexion/" in final_url or b'data-testid="portal"' not in body:
            sys.exit(f"La page d'accueil ne répond pas comme attendu ({status} {final_url})")
        # A browser sends back the CSRF cookie the first page set; the page cache is per browser.
        csrf = [c.split(";")[0] for c in set_cookies if c.startswith("csrftoken=")]
        cookie = "; ".join([cookie, *csrf])
        env_size = len(body)
        os.environ["BENCH_PAGE_SIZE"] = str(env_size)
        # The minimal view reads its size from the environment of the workers: restart them with it.
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        env["BENCH_PAGE_SIZE"] = str(env_size)
        gunicorn = start_gunicorn(command, env, base)
        _, _, minimal_body, _ = fetch(f"{base}/bench/minimal/", cookie)
        for url in (f"{base}/", f"{base}/bench/minimal/"):
            run_wrk(url, cookie, args.clients, 3, str(script))  # warm-up
        home = run_wrk(f"{base}/", cookie, args.clients, args.duration, str(script))
        minimal = run_wrk(f"{base}/bench/minimal/", cookie, args.clients, args.duration, str(script))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"gunicorn {args.workers} workers × {args.threads} threads, "
          f"wrk {args.clients} connections × {args.duration} s, "
          f"cache {'Redis' if redis else 'locmem (Redis absent)'}; page {env_size} bytes, "
          f"minimal {len(minimal_body)} bytes")  # fmt: skip
    print(f"{'':22}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
    for name, figures in (("Accueil (Mon portail)", home), ("Vue minimale", minimal)):
        print(f"{name:22}{figures['rps']:>10.1f}{figures['p50']:>10.1f}{figures['p95']:>10.1f}{figures['errors']:>8}")
    ratio = home["rps"] / minimal["rps"]
    print(f"Débit accueil / vue minimale : {ratio:.2f} (objectif ≥ 0,50) ; "
          f"p95 accueil {home['p95']:.1f} ms (objectif < 100 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
