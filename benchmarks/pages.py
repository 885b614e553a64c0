"""CPU and SQL queries of the pages themselves, in process (no HTTP, no gunicorn), before and after.

    .venv/bin/python benchmarks/pages.py [--baseline REF] [--rounds 20] [--postgres] [--reuse-database]
                                         [--profile PAGE]

Builds a throwaway database with the demo content (`load_demo`: SQLite in a temporary folder, or
the PostgreSQL database `bench_pages` on 127.0.0.1 with --postgres), then serves with Django's
test client, as the demo agent "agent", the pages of the 9:00 rush (benchmarks/load.py): the home
page "Mon portail", a channel, a news item, a search, the directory. Each page is measured:

- cold: the cache emptied before each request (after a deployment, or when a generation moved);
- first visit: the shared caches warm, the agent's own entries not yet built (a new session and a
  new CSRF cookie each time: what each agent of the rush costs at their first home page);
- again: the same session asking again (the agent's cached page).

CPU is this process's (`time.process_time`: Python, templates, the ORM, and SQLite itself; on
PostgreSQL the server's work is not counted), median of `--rounds`. The baseline is the code at
`--baseline` (default: the merge base with main), exported with `git archive` and measured in
another process on the same database in the same run; the script prints both and the ratio
baseline / current (above 1: the current code is cheaper). `--profile accueil` prints a
pyinstrument profile (requirements-bench.txt) of that page's cold and first-visit requests.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PG_URL = "postgresql://postgres@127.0.0.1:5432"
DATABASE = "bench_pages"
MODES = ("cold", "first", "again")
MODE_LABELS = {"cold": "cache vide", "first": "1re visite", "again": "à nouveau"}


def setup_django(tree):
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")
    import django

    django.setup()
    import logging

    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, as under pytest
    logging.disable(logging.WARNING)  # the audit log of each login


def page_urls():
    from directory.models import DirectoryPage
    from newsfeeds.models import ChannelPage, NewsItemPage

    return {
        "accueil": "/",
        "canal": ChannelPage.objects.live().order_by("path").first().url,
        "article": NewsItemPage.objects.live().order_by("-first_published_at").first().url,
        "recherche": "/recherche/?q=conseil",
        "annuaire": DirectoryPage.objects.live().first().url,
    }


def measure(rounds, profile):
    """{page: {mode: (median CPU ms, queries)}}, printed as JSON by the child process."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    agent = get_user_model().objects.get(username="agent")
    results = {}
    for name, url in page_urls().items():
        results[name] = {}
        again_client = None
        for mode in MODES:
            times, queries = [], []
            for number in range(rounds + 1):  # the first round warms what this mode keeps warm
                if mode == "again" and again_client is not None:
                    client = again_client
                else:
                    client = Client()
                    client.force_login(agent)
                    client.cookies["csrftoken"] = f"bench{number:030d}{mode}"
                    again_client = client
                if mode == "cold":
                    cache.clear()
                profiler = None
                if profile == name and mode != "again" and number == rounds:
                    from pyinstrument import Profiler

                    profiler = Profiler()
                    profiler.start()
                with CaptureQueriesContext(connection) as captured:
                    started = time.process_time()
                    response = client.get(url)
                    elapsed = time.process_time() - started
                if profiler:
                    profiler.stop()
                    print(f"--- {name}, {mode}", file=sys.stderr)
                    print(profiler.output_text(unicode=True, show_all=False), file=sys.stderr)
                    for query in captured.captured_queries:
                        print(query["sql"][:240], file=sys.stderr)
                if response.status_code != 200:
                    sys.exit(f"{url} answered {response.status_code}")
                if number:
                    times.append(elapsed * 1000)
                    queries.append(len(captured.captured_queries))
            results[name][mode] = (statistics.median(times), max(queries))
    return results


def export(ref):
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-baseline-"))
    archive = subprocess.run(["git", "archive", ref], cwd=BASE_DIR, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    subprocess.run([sys.executable, "manage.py", "compile_locale"], cwd=folder, check=True, capture_output=True)
    return folder


def child(tree, env, rounds, profile):
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(tree), "--rounds", str(rounds)]
    if profile:
        command += ["--profile", profile]
    output = subprocess.run(command, env=env, check=True, text=True, stdout=subprocess.PIPE).stdout
    return json.loads(output.strip().splitlines()[-1])


def build(env, postgres, reuse):
    if postgres and not reuse:
        for statement in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
            subprocess.run(["psql", "-q", f"{PG_URL}/postgres", "-c", statement], check=True)
    if reuse:
        return
    setup_env = {**env, "TASKS_BACKEND": "immediate"}
    for arguments in (["migrate", "--noinput", "-v0"], ["load_demo", "--password", "banc-d-essai-pages"]):
        subprocess.run([sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=setup_env, check=True,
                       capture_output=True)  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="git ref of the baseline (default: merge base with main)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--reuse-database", action="store_true")
    parser.add_argument("--profile", help="page name to profile (accueil, canal, article, recherche, annuaire)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # child: the tree to measure
    options = parser.parse_args()
    if options.measure:
        setup_django(Path(options.measure))
        print(json.dumps(measure(options.rounds, options.profile)))
        return

    folder = Path(tempfile.gettempdir()) / "bench-pages"
    folder.mkdir(exist_ok=True)
    url = f"{PG_URL}/{DATABASE}" if options.postgres else f"sqlite:///{folder / 'demo.sqlite3'}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mairie_site.settings.test", "DATABASE_URL": url}
    if not options.postgres and not options.reuse_database:
        (folder / "demo.sqlite3").unlink(missing_ok=True)
    build(env, options.postgres, options.reuse_database)
    ref = options.baseline or subprocess.run(
        ["git", "merge-base", "HEAD", "main"], cwd=BASE_DIR, check=True, capture_output=True, text=True
    ).stdout.strip()
    baseline_tree = export(ref)
    load_before = os.getloadavg()[0]
    before = child(baseline_tree, env, options.rounds, None)
    after = child(BASE_DIR, env, options.rounds, options.profile)
    load_after = os.getloadavg()[0]
    print(f"Pages en processus, {'PostgreSQL' if options.postgres else 'SQLite'}, {options.rounds} tours "
          f"(médiane), agent « agent » ; référence {ref[:10]} ; charge {load_before:.1f} → {load_after:.1f}")
    print(f"{'page':10} {'':11} {'réf. CPU ms':>12} {'requêtes':>9} {'CPU ms':>8} {'requêtes':>9} {'rapport CPU':>12}")
    for name, modes in after.items():
        for mode in MODES:
            (base_cpu, base_queries), (cpu, queries) = before[name][mode], modes[mode]
            print(f"{name:10} {MODE_LABELS[mode]:11} {base_cpu:>12.1f} {base_queries:>9} {cpu:>8.1f} {queries:>9} "
                  f"{base_cpu / cpu if cpu else 0:>12.2f}")


if __name__ == "__main__":
    main()
