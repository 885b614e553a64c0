"""Council archive, session page and PDF text extraction at scale.

Run (PostgreSQL, as the issue asks):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/council.py
Without DATABASE_URL it runs on SQLite in memory. It creates its own database (test_council_bench),
builds 50 sessions and 5,000 deliberations carrying PDF text (bulk inserted: the point is reading,
not the admin's write path), then prints p50/p95 render times and query counts of the archive
(with and without filters) and of a session page, first at 500 then at 5,000 deliberations, each
with its ratio to the shared layout alone (the section's page) measured in the same run; and the
PDF text extraction throughput of pypdf against Debian's `pdftotext` (poppler-utils) on the same files.
"""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")
# Persistent connections, as production should run (DB_CONN_MAX_AGE): no reconnect per request.
os.environ.setdefault("DB_CONN_MAX_AGE", "60")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from fpdf import FPDF  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from council.models import (  # noqa: E402
    CouncilIndexPage,
    CouncilMember,
    CouncilSessionPage,
    DeliberationPage,
    SessionAttendance,
)
from council.nomenclature import LEVEL_2  # noqa: E402
from council.registers import latin1  # noqa: E402
from documents.extraction.pdf import extract_pdf_text  # noqa: E402
from home.demo import ensure_child, ensure_home_page  # noqa: E402
from home.models import Section, SectionPage  # noqa: E402

SESSIONS = 50
# The baseline of the same run: the council section's page, i.e. the shared layout (session, user,
# routing, menu, breadcrumb) with almost no content of its own; ratios discount the machine's load.
BASELINE = "gabarit seul (page de section)"
MATTERS = list(LEVEL_2)
WORDS = ("budget subvention école voirie cantine marché travaux urbanisme personnel culture sport "
         "environnement convention tarif acquisition cession emprunt garantie logement transport").split()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(client, url, repeat):
    client.get(url)  # warm the caches (site root paths, settings)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def build_council(members):
    home = ensure_home_page()
    root = ensure_child(home, SectionPage, slug="conseil", title="Conseil municipal", section=Section.COUNCIL)
    index = ensure_child(root, CouncilIndexPage, slug="seances", title="Séances et délibérations")
    sessions = []
    start = datetime.date(2022, 1, 10)
    for number in range(SESSIONS):
        day = start + datetime.timedelta(days=30 * number)
        session = CouncilSessionPage(
            title=f"Séance du {day:%d/%m/%Y}", slug=f"seance-{number:03d}",
            date=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19))),
            members_in_office=33, kind="extraordinary" if number % 10 == 9 else "ordinary",
            president=members[0], secretary=members[1],
        )
        for position, member in enumerate(members):
            session.attendances.add(SessionAttendance(member=member, status="present" if position < 25 else "absent"))
        index.add_child(instance=session)
        sessions.append(session)
    return index, sessions


def add_deliberations(sessions, members, total):
    """Bulk insert deliberations spread over the sessions, up to `total`, with ~2 kB of PDF text each."""
    content_type = ContentType.objects.get_for_model(DeliberationPage)
    locale = Locale.get_default()
    now = timezone.now()
    existing = DeliberationPage.objects.count()
    per_session = total // len(sessions)
    local_fields = DeliberationPage._meta.local_concrete_fields
    with transaction.atomic():
        for session in sessions:
            session.refresh_from_db()
            start = session.numchild
            pages, details = [], []
            day = timezone.localdate(session.date)
            for position in range(start + 1, per_session + 1):
                existing += 1
                slug = f"deliberation-{position}"
                title = f"Délibération {existing} : {WORDS[existing % len(WORDS)]} {WORDS[(existing * 7) % len(WORDS)]}"
                pages.append(Page(
                    title=title, draft_title=title, slug=slug, content_type=content_type, locale=locale,
                    path=Page._get_path(session.path, session.depth + 1, position), depth=session.depth + 1,
                    numchild=0, url_path=f"{session.url_path}{slug}/", live=True, has_unpublished_changes=False,
                    first_published_at=now, last_published_at=now, translation_key=uuid.uuid4(),
                ))
                votes_for = 20 + existing % 6
                details.append(dict(
                    number=existing, order=position, matter=MATTERS[existing % len(MATTERS)],
                    rapporteur_id=members[existing % 8].pk, text=f"<p>{title}</p>", signatory="Le maire",
                    budget_year="", budget_name="", votes_for=votes_for, votes_against=25 - votes_for,
                    abstentions=0, not_voting=0, secret_ballot=False, casting_vote="",
                    result="adopted" if votes_for > 25 - votes_for else "rejected", transmission_required=True,
                    actes_id="", actes_department="", actes_siren="", actes_number="", actes_nature="",
                    prefecture_id="", online_on=day, enforceable_on=None, session_date=day, year=day.year,
                    council_session_id=session.pk,
                    document_text=" ".join(WORDS[(existing + n) % len(WORDS)] for n in range(300)),
                ))
            if not pages:
                continue
            created = Page.objects.bulk_create(pages)
            if created[0].pk is None:  # SQLite before returning support: read the ids back
                by_path = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "id"))
                for page in created:
                    page.pk = page.id = by_path[page.path]
            rows = [DeliberationPage(page_ptr_id=page.pk, **detail) for page, detail in zip(created, details,
                                                                                         strict=True)]
            DeliberationPage.objects._insert(rows, fields=local_fields, raw=True)
            Page.objects.filter(pk=session.pk).update(numchild=per_session)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load in production
            cursor.execute("ANALYZE")


def pdf_files(directory, count, pages_each):
    paths = []
    for number in range(count):
        pdf = FPDF()
        pdf.set_font("Helvetica", size=11)
        for page in range(pages_each):
            pdf.add_page()
            text = " ".join(WORDS[(number + page + n) % len(WORDS)] for n in range(350))
            pdf.multi_cell(0, 6, latin1(f"Délibération {number}, page {page + 1}. {text}"))
        path = Path(directory) / f"acte-{number:04d}.pdf"
        path.write_bytes(bytes(pdf.output()))
        paths.append(path)
    return paths


def extraction_benchmark(count, pages_each):
    directory = tempfile.mkdtemp(prefix="council-bench-")
    try:
        paths = pdf_files(directory, count, pages_each)
        blobs = [path.read_bytes() for path in paths]
        started = time.perf_counter()
        pages = sum(extract_pdf_text(blob).pages for blob in blobs)
        pypdf_seconds = time.perf_counter() - started
        if shutil.which("pdftotext"):
            started = time.perf_counter()
            for path in paths:
                subprocess.run(["pdftotext", "-q", str(path), "-"], check=True, capture_output=True)
            poppler_seconds = time.perf_counter() - started
        else:
            poppler_seconds = None
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    print(f"\nExtraction du texte : {count} PDF de {pages_each} pages ({pages} pages)")
    print(f"  pypdf (intranet)   : {pages / pypdf_seconds:8.1f} pages/s")
    if poppler_seconds:
        print(f"  pdftotext (poppler): {pages / poppler_seconds:8.1f} pages/s (un processus par fichier)")
        print(f"  ratio pypdf / pdftotext : {poppler_seconds / pypdf_seconds:.2f}")
    else:
        print("  pdftotext absent : installez poppler-utils pour la comparaison")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--total", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--pages", type=int, default=5)
    args = parser.parse_args()

    setup_test_environment()
    if connection.vendor != "sqlite":  # SQLite stays in memory; a server gets its own scratch database
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "test_council_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"Base : {connection.vendor} ({connection.settings_dict['NAME']})")
        members = [CouncilMember.objects.create(first_name=f"Prénom{n}", last_name=f"Élu{n:02d}") for n in range(33)]
        index, sessions = build_council(members)
        user = get_user_model().objects.create_user("bench", password="x")
        client = Client()
        client.force_login(user)
        target_session = sessions[SESSIONS // 2]
        year = timezone.localdate(target_session.date).year
        urls = [
            (BASELINE, index.get_parent().url),
            ("archive, sans filtre", index.url),
            ("archive, année", f"{index.url}?annee={year}"),
            ("archive, année + matière", f"{index.url}?annee={year}&matiere={MATTERS[3]}"),
            ("archive, rapporteur + résultat", f"{index.url}?rapporteur={members[2].pk}&resultat=adopted"),
            ("archive, page 20", f"{index.url}?page=20"),
            ("page de séance", target_session.url),
            ("liste des délibérations", f"{target_session.url}liste/"),
        ]
        for total in sorted({min(500, args.total), args.total}):
            started = time.perf_counter()
            add_deliberations(sessions, members, total)
            print(f"\n{DeliberationPage.objects.count()} délibérations "
                  f"(insérées en {time.perf_counter() - started:.1f} s)")
            print(f"  {'URL':34} {'p50 ms':>8} {'p95 ms':>8} {'requêtes':>9} {'p50 / gabarit':>14}")
            baseline = None
            for label, url in urls:
                p50, p95, queries = measure(client, url, args.repeat)
                baseline = baseline or p50
                print(f"  {label:34} {p50:8.1f} {p95:8.1f} {queries:9d} {p50 / baseline:14.2f}")
        extraction_benchmark(args.pdfs, args.pages)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
