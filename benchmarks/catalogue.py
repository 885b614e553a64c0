"""Catalogue benchmark: import speed, memory, re-import of an unchanged file, search latency.

    .venv/bin/python benchmarks/catalogue.py [--count 100000] [--db both|sqlite|postgres] [--pg-name NAME]

Generates a UNIMARC file with library/sample.py, imports it into a fresh database (a temporary
SQLite file, or the PostgreSQL database `--pg-name`, default `$CATALOGUE_BENCH_DB` else
`library_bench_catalogue`, dropped and created again on 127.0.0.1), then
prints: records per second, resident memory along the import (flat if the import streams) and
its peak, the re-import of the same file (writes counted, speed-up against the first import),
and p50/p95 of 50 catalogue searches with their facets, computed, then again (served from the
cache). `both` (the default) runs SQLite then PostgreSQL, each in its own process. Targets
(issue #6): ≥2,000 records/s, re-import ≥3× faster with zero writes, search p95 < 150 ms on
PostgreSQL.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def cpu_seconds():
    """CPU used so far by this process, its finished children and, on PostgreSQL, its database server process.

    The machine is shared: wall-clock figures depend on everyone else's load, CPU time does not.
    The children are the import's decoding workers (library/marc/reader.py), counted once they end.
    """
    from django.db import connection

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = time.process_time() + children.ru_utime + children.ru_stime
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # ru_maxrss is in KiB


def prepare_database(kind, workdir, pg_name):
    if kind == "postgres":
        import psycopg
        from psycopg import sql

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(pg_name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(pg_name)))
        os.environ["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{pg_name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def count_writes():
    """A connection wrapper counting INSERT/UPDATE/DELETE on catalogue tables (the import's own log excluded)."""
    counter = {"writes": 0}

    def wrapper(execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith(("INSERT", "UPDATE", "DELETE")) and "CATALOGUEIMPORT" not in statement:
            counter["writes"] += 1
        return execute(sql, params, many, context)

    return counter, wrapper


def timed_import(path, count):
    from django.db import connection

    from library.importer import import_catalogue

    samples = []

    def progress(report):
        samples.append((report.read, rss_mb()))

    counter, wrapper = count_writes()
    with open(path, "rb") as stream, connection.execute_wrapper(wrapper):
        cpu = cpu_seconds()
        started = time.perf_counter()
        report, _entry = import_catalogue(stream, filename=path.name, progress=progress, batch_size=1000)
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds() - cpu
    return report, elapsed, cpu, samples, counter["writes"]


def search_latencies(runs=50):
    from django.http import QueryDict

    from library.catalogue import CatalogueSearch

    queries = [
        "q=jardin", "q=maison", "q=eleve", "q=roman+policier", "q=cuisine", "q=martin", "q=dupre",
        "q=histoire+de+france", "q=voyage", "q=ecole&type=livre", "q=foret&tri=titre", "q=secret&tri=annee",
        "q=la", "q=le", "q=les+enfants", "q=ete", "q=musique&disponibilite=disponible", "q=theatre",
        "q=paris", "q=gallimard", "auteur_nom=moreau", "titre=chateau&de=2000&a=2020", "sujet_mot=ecologie",
        "q=sciences&langue=eng", "q=poesie&annees=2010-2019", "q=art&bibliotheque=Bibliobus", "q=sante",
        "q=informatique", "q=l", "q=economie&tri=annee-asc", "q=vincent", "q=ngoma", "q=nguyen",
        "q=da+silva", "q=revolution", "q=silence", "q=etoiles", "q=oiseaux", "q=montagne", "q=fleuve",
        "q=hiver", "q=ville", "q=mer", "q=saisons", "q=chateau", "q=cinema", "q=sport", "q=droit",
        "q=philosophie", "type=video",
    ][:runs]
    latencies, cpu_times = [], []
    for query in queries:
        cpu = cpu_seconds()
        started = time.perf_counter()
        results = CatalogueSearch(QueryDict(query)).results()
        latencies.append((time.perf_counter() - started) * 1000)
        cpu_times.append((cpu_seconds() - cpu) * 1000)
        assert results.facets[0].total == results.total
    return latencies, cpu_times


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description="Catalogue benchmark")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--pg-name", default=os.environ.get("CATALOGUE_BENCH_DB", "library_bench_catalogue"),
                        help="PostgreSQL database to drop and create (default: $CATALOGUE_BENCH_DB, else %(default)s)")
    args = parser.parse_args()
    if args.db == "both":
        for kind in ("sqlite", "postgres"):
            subprocess.run([sys.executable, __file__, "--count", str(args.count), "--db", kind,
                            "--pg-name", args.pg_name], check=True)
        return

    with tempfile.TemporaryDirectory() as workdir:
        prepare_database(args.db, workdir, args.pg_name)
        from library.sample import write_sample

        path = Path(workdir) / "catalogue.mrc"
        started = time.perf_counter()
        with open(path, "wb") as stream:
            write_sample(stream, args.count)
        print(f"Generated {args.count} UNIMARC records ({path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - started:.1f} s — database: {args.db}")

        rss_before = rss_mb()
        report, first, cpu, samples, writes = timed_import(path, args.count)
        print(f"First import: {report.summary()}")
        print(f"  {first:.1f} s, {args.count / first:.0f} records/s, {writes} write statements "
              "(rows sent by COPY on PostgreSQL are not statements)")
        print(f"  CPU: {cpu:.1f} s (this process, its decoding workers and its database server process), "
              f"{args.count / cpu:.0f} records per CPU-second: the rate on an unloaded core")
        marks = [samples[max(0, int(len(samples) * f) - 1)] for f in (0.1, 0.5, 1.0) if samples]
        print("  resident memory along the import: " + ", ".join(f"{read} records → {mb:.0f} MB" for read, mb in marks)
              + f" (before: {rss_before:.0f} MB, peak: {peak_mb():.0f} MB)")

        report, second, second_cpu, _samples, writes = timed_import(path, args.count)
        print(f"Re-import of the same file: {report.summary()}")
        print(f"  {second:.1f} s, {args.count / second:.0f} records/s, {writes} write statements, "
              f"speed-up ×{first / second:.1f} (CPU: ×{cpu / second_cpu:.1f})")

        for label in ("first time (computed)", "again (the scan from the cache)"):
            latencies, cpu_times = search_latencies()
            print(f"Search with facets over {args.count} records, {len(latencies)} queries, {label}: "
                  f"p50 {percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
                  f"max {max(latencies):.0f} ms, mean {statistics.mean(latencies):.0f} ms")
            print("  CPU per search (this process and its database server process, "
                  "not the server's parallel workers): "
                  f"p50 {percentile(cpu_times, 0.5):.0f} ms, p95 {percentile(cpu_times, 0.95):.0f} ms")
        print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
