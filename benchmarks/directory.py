"""Directory benchmark: CSV import of 5,000 agents, zero-write re-import, name search, org chart.

    .venv/bin/python benchmarks/directory.py [--count 5000] [--db sqlite|postgres]

Builds a fresh database (a temporary SQLite file, or the PostgreSQL database `bench_directory`
created on 127.0.0.1), the demo services tree, then prints: the time of the first CSV import of
`--count` agents (rows/s), the re-import of the same file (time and number of writes), p50/p95
of name searches (folded, word order ignored) as queryset and as a full page render, and the
number of queries of the organisation chart page at 500 and at `--count` agents.
Targets (issue #7): import < 10 s, re-import with 0 writes, search p95 < 50 ms, chart queries
constant.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def prepare_database(kind, workdir):
    if kind == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS bench_directory")
            connection.execute("CREATE DATABASE bench_directory")
        os.environ["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:5432/bench_directory"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def make_csv(count, services):
    from core.text import fold_words
    from directory.demo import FIRST_NAMES, LAST_NAMES

    rng = random.Random(7)
    lines = ["matricule;nom;prenom;fonction;service;responsable;telephone;poste;courriel;batiment;liste_rouge"]
    people = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        service = rng.choice(services)
        manager = f"B{rng.randrange(max(i, 1)):05d}" if i else ""
        lines.append(
            f"B{i:05d};{last};{first};Agent territorial;{service};{manager};01 49 71 00 00;{10000 + i};"
            f"{fold_words(first)}.{fold_words(last).replace(' ', '-')}.{i}@mairie.example;Hôtel de ville;"
            f"{'oui' if i % 97 == 0 else 'non'}"
        )
        people.append((first, last, str(10000 + i)))
    return ("\n".join(lines) + "\n").encode("utf-8"), people


def count_writes():
    counter = {"writes": 0}

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            counter["writes"] += 1
        return execute(sql, params, many, context)

    return counter, wrapper


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.95) - 1] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        prepare_database(options.db, workdir)
        run(options.count, options.db)


def run(count, db):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directory import demo
    from directory.importers.csv_import import import_directory
    from directory.models import Agent, DirectoryPage
    from directory.queries import search_agents
    from home import demo as home_demo
    from home.roles import setup_roles

    home_demo.load_tree()
    home_demo.load_town()
    setup_roles()
    directory = home_demo.ensure_child(
        home_demo.section_root("annuaire"), DirectoryPage, slug="agents", title="Annuaire"
    )
    services = demo.load_services()
    print(f"Directory benchmark on {db}, {count} agents, {len(services)} services")

    def chart_queries(client):
        client.get(directory.url + "organigramme/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(directory.url + "organigramme/")
        assert response.status_code == 200
        return len(queries)

    user = get_user_model().objects.create_user("bench", password="x")
    client = Client()
    client.force_login(user)

    queries_empty = chart_queries(client)

    data, people = make_csv(count, list(services))
    started = time.perf_counter()
    report = import_directory(data)
    elapsed = time.perf_counter() - started
    print(
        f"CSV import of {count} rows: {elapsed:.2f} s ({count / elapsed:.0f} rows/s) — {report.summary()}"
        f"  [target < 10 s]"
    )

    counter, wrapper = count_writes()
    started = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        report = import_directory(data)
    elapsed = time.perf_counter() - started
    print(
        f"Re-import of the same file: {elapsed:.2f} s, {counter['writes']} writes — {report.summary()}"
        f"  [target 0 writes]"
    )

    rng = random.Random(11)
    queries = []
    for first, last, extension in rng.sample(people, 200):
        queries += [f"{last} {first}".lower(), f"{first[:3]}", extension]
    samples = []
    for query in queries:
        started = time.perf_counter()
        agents = search_agents(query)
        agents.count()
        list(agents[:30])
        samples.append(time.perf_counter() - started)
    p50, p95 = percentiles(samples)
    print(
        f"Name search (count + first 30, {len(queries)} queries): p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        f"  [target p95 < 50 ms]"
    )

    samples = []
    for _ in range(20):
        started = time.perf_counter()
        assert client.get(directory.url).status_code == 200
        samples.append(time.perf_counter() - started)
    p50, p95 = percentiles(samples)
    print(f"Directory page without a query (baseline): p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    samples = []
    for query in queries[::6]:
        started = time.perf_counter()
        assert client.get(directory.url, {"q": query}).status_code == 200
        samples.append(time.perf_counter() - started)
    p50, p95 = percentiles(samples)
    print(f"Search page render ({len(samples)} requests): p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    for service in services.values():
        service.head = Agent.objects.filter(service=service).first()
        service.save()
    queries_large = chart_queries(client)
    started = time.perf_counter()
    client.get(directory.url + "organigramme/")
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"Organisation chart page: {queries_empty} queries with no agent, {queries_large} queries at "
        f"{Agent.objects.count()} agents ({elapsed:.0f} ms)  [target: constant]"
    )


if __name__ == "__main__":
    main()
