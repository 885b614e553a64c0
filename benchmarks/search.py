"""The site search at 10,000 and 100,000 generated French documents, on the database and, with
--engine (or OPENSEARCH_URL), on OpenSearch in the same run.

Run:
    .venv/bin/python benchmarks/search.py                       # SQLite (a scratch file), 10,000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_c \\
        .venv/bin/python benchmarks/search.py --sizes 10000,100000 --database search_bench_c --keep
It builds a scratch database (--database; by default Django's test name for DATABASE_URL's database,
"test_<name>", or /tmp/test_search_bench.sqlite3 on SQLite) and drops it at the end, unless --keep:
then it stays, and the next run with --keep reuses it, generating only the documents missing. It
bulk inserts live Wagtail pages (treebeard paths worked out here, ids drawn at once, rows sent with
COPY on PostgreSQL) and their index entries (newsfeeds.importer.index: one INSERT … SELECT per
batch), 100,000 in about 140 s at load 3 (was 18 to 30 minutes through Wagtail's add_bulk), of
mixed kinds — news, pages of the services, deliberations carrying PDF text — whose words follow a
Zipf law over a municipal vocabulary, and puts "commune" in every one of them (the worst case: every
document matches). It indexes them through the configured search backend, then asks 50 queries (the worst-case word
among them) of the search page (results, facets, snippets: what the agent waits for) and of the
suggestions endpoint, and prints p50/p95 of the wall-clock time and the median CPU time per
request (this process plus, on PostgreSQL, its server process: the machine is shared, CPU time does
not depend on the others' load). The baseline, run in the same process, is Wagtail's own
ranked search for the first page of results (ranking every match), without facets, over the first
--baseline queries (the worst case among them).

With --engine URL (the node of `make search-node`, or a cluster), each size is then indexed again
on OpenSearch (update_index: bulk requests of 1,000) and the same queries are asked of the same
pages served by the engine: documents per second and the CPU of this process and of the node while
indexing, p50/p95 of the page and the suggestions with the node's CPU added to each request's, the
node's resident memory and JVM heap, and the ratio of the database's p95 to the engine's.

With --documents N (issue #17: the documents' text is searched beside the pages), each size is
first measured with no document (the baseline of this part, same run, same queries); then N
Wagtail documents with their extracted text (DocumentText rows, 200-600 words of the same corpus,
"commune" in each; no file parsed: extraction is benchmarks/documents.py's measure) are bulk
inserted, a tenth of them in a collection restricted to a group the agent is not in, and indexed;
the same queries are asked again, and the ratio of the p95 with documents to the p95 without is
printed for the search page and the suggestions, CPU beside wall time.
"""

import argparse
import copy
import datetime
import json
import logging
import os
import random
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")
os.environ.setdefault("DB_CONN_MAX_AGE", "60")

import django  # noqa: E402

django.setup()
logging.getLogger("wagtail").setLevel(logging.WARNING)
logging.getLogger("mairie_site").setLevel(logging.WARNING)

from catalogue import cpu_seconds  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from council.models import CouncilIndexPage, CouncilMember, CouncilSessionPage, DeliberationPage  # noqa: E402
from council.nomenclature import LEVEL_2  # noqa: E402
from documents.extraction import OK  # noqa: E402
from documents.models import DocumentText  # noqa: E402
from home import demo  # noqa: E402
from home.models import Section, ServicePage, StandardPage  # noqa: E402
from mairie_site.bulk import copy_rows, reserve_ids  # noqa: E402
from newsfeeds.importer.index import add_to_index, refresh_title_norms  # noqa: E402
from search.engine import visible_pages  # noqa: E402
from search.text import clean_query  # noqa: E402

WORST = "commune"
VOCABULARY = """
conseil municipal délibération séance budget cantine scolaire tarif école voirie travaux marché public
subvention association culture sport environnement convention acquisition cession emprunt garantie
logement transport urbanisme permis construire déclaration préalable cadastre parcelle quartier
jeunesse crèche périscolaire restauration menu allergie inscription famille quotient recensement
naissance mariage décès livret état civil passeport identité élection électoral bureau vote scrutin
personnel carrière paie formation télétravail congé santé prévention accident assurance retraite
informatique messagerie téléphone logiciel sauvegarde sécurité réseau imprimante badge accueil
médiathèque conservatoire musique théâtre exposition patrimoine archives bibliothèque lecture
gymnase piscine stade terrain club tournoi manifestation fête marché nocturne illuminations
propreté déchets collecte tri encombrants espaces verts arbres fleurissement cimetière concession
police stationnement circulation vitesse radar sécurité caméra prévention nuisances bruit arrêté
solidarité seniors canicule isolement domiciliation aide alimentaire logement social handicap
accessibilité ascenseur rampe bâtiment chaufferie énergie éclairage rénovation isolation toiture
finances fiscalité taxe foncière dotation compte administratif investissement fonctionnement
canton cantonal intercommunalité syndicat département région préfecture contrôle légalité
""".split()
MATTERS = list(LEVEL_2)
YEARS = list(range(2017, 2027))
QUERIES_SINGLE = 20
QUERIES_PAIRS = 14
QUERIES_TRIPLES = 8
FIXED_QUERIES = [WORST, f"{WORST} conseil", "l'état civil", "délibération cantine tarifs 2024", "CCAS",
                 "Hélène", "cantonal", "xylophonique"]
PREFIXES = ["can", "déli", "urba", "bud", "écol", "subv", "méd", "pisc", "stat", "ccas", "dgs", "etat",
            "perm", "form", "sécu", "cons", "rest", "voir", "ass", "trav"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Corpus:
    """Deterministic French text: a Zipf law over the vocabulary, the worst-case word everywhere."""

    def __init__(self, seed=2026):
        self.random = random.Random(seed)
        self.weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]

    def words(self, count):
        return self.random.choices(VOCABULARY, weights=self.weights, k=count)

    def title(self):
        words = self.words(self.random.randint(3, 6))
        return " ".join(words).capitalize()

    def body(self, length):
        words = self.words(length)
        words.insert(self.random.randrange(len(words)), WORST)
        return " ".join(words) + "."

    def moment(self):
        day = datetime.date(self.random.choice(YEARS), self.random.randint(1, 12), self.random.randint(1, 28))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def page_fields(parent, position, title, content_type, locale, published):
    """A live page's own columns under `parent` at `position`: the treebeard path worked out here."""
    slug = f"p-{uuid.uuid4().hex[:12]}"
    return dict(
        title=title, draft_title=title, slug=slug, content_type=content_type, locale=locale,
        path=Page._get_path(parent.path, parent.depth + 1, position), depth=parent.depth + 1, numchild=0,
        url_path=f"{parent.url_path}{slug}/", live=True, has_unpublished_changes=False,
        first_published_at=published, last_published_at=published, translation_key=uuid.uuid4(),
    )


def insert_pages(model, pages):
    """Rows of `pages` (specific instances, without ids) into Page's table and the model's: ids drawn
    at once, then on PostgreSQL COPY (mairie_site/bulk.py), elsewhere one INSERT per 2,000 rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids = reserve_ids(cursor, Page, len(pages))
        else:  # inside the generation's transaction: nobody else draws ids meanwhile
            first = (Page.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
            ids = range(first, first + len(pages))
        for page, pk in zip(pages, ids, strict=True):
            page.id = page.page_ptr_id = pk
        for table in (Page, model):
            fields = table._meta.local_concrete_fields
            if connection.vendor == "postgresql":
                copy_rows(cursor, table, [field.column for field in fields], (
                    [field.get_db_prep_save(getattr(page, field.attname), connection) for field in fields]
                    for page in pages
                ))
            else:
                for start in range(0, len(pages), 2000):
                    table.objects._insert(pages[start:start + 2000], fields=fields, raw=True)


def insert_children(parent, model, count, corpus, detail):
    """Bulk insert `count` live pages of `model` under `parent`, `detail(corpus)` giving the model's own
    fields, and update the parent's numchild; returns them (specific instances, ready to index)."""
    parent.refresh_from_db()
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    pages = [
        model(**page_fields(parent, parent.numchild + offset, corpus.title(), content_type, locale, corpus.moment()),
              **detail(corpus))
        for offset in range(1, count + 1)
    ]
    insert_pages(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    return pages


def standard_fields(corpus):
    return {"intro": corpus.body(corpus.random.randint(60, 140)), "body": []}


def deliberation_fields(corpus):
    number = corpus.random.randint(1, 999)
    votes_for = corpus.random.randint(18, 33)
    return dict(
        number=number, order=1, matter=corpus.random.choice(MATTERS), rapporteur_id=None,
        text=f"<p>{corpus.body(40)}</p>", signatory="Le maire", budget_year="", budget_name="",
        votes_for=votes_for, votes_against=33 - votes_for, abstentions=0, not_voting=0, secret_ballot=False,
        casting_vote="", result="adopted", transmission_required=True, actes_id="", actes_department="",
        actes_siren="", actes_number="", actes_nature="", prefecture_id="", online_on=None, enforceable_on=None,
        session_date=None, year=corpus.random.choice(YEARS), council_session_id=None,
        document_text=corpus.body(corpus.random.randint(150, 300)),
    )


def council_sessions():
    existing = list(CouncilSessionPage.objects.order_by("pk"))
    if existing:  # a kept database
        return existing
    council = demo.section_root(Section.COUNCIL)
    index = demo.ensure_child(council, CouncilIndexPage, slug="seances", title="Séances et délibérations")
    member = CouncilMember.objects.create(first_name="Hélène", last_name="Maire")
    sessions = []
    for number in range(20):
        day = datetime.date(2017 + number // 2, 3 + 6 * (number % 2), 10)
        session = CouncilSessionPage(
            title=f"Séance du {day:%d/%m/%Y}", slug=f"seance-{number:02d}", members_in_office=33,
            date=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19))),
            president=member, secretary=member,
        )
        index.add_child(instance=session)
        sessions.append(session)
    return sessions


def document_count():
    return StandardPage.objects.filter(intro__contains=WORST).count() + DeliberationPage.objects.count()


def grow(corpus, total, sessions):
    """Add documents until there are `total`: 40 % news, 20 % service pages, 40 % deliberations."""
    news = demo.section_root(Section.NEWS)
    services = list(ServicePage.objects.order_by("pk"))
    missing = total - document_count()
    chunk = 5000
    while missing > 0:
        size = min(chunk, missing)
        news_count, service_count = size * 2 // 5, size // 5
        service, session = corpus.random.choice(services), corpus.random.choice(sessions)
        for model, pages in (
            (StandardPage, insert_children(news, StandardPage, news_count, corpus, standard_fields)),
            (StandardPage, insert_children(service, StandardPage, service_count, corpus, standard_fields)),
            (DeliberationPage, insert_children(session, DeliberationPage, size - news_count - service_count,
                                               corpus, deliberation_fields)),
        ):
            add_to_index(model, pages)  # on PostgreSQL one INSERT … SELECT of the entries per batch
        missing -= size
    for model in (StandardPage, DeliberationPage):
        refresh_title_norms(model)


BENCH_DOCUMENTS = "Documents du banc d'essai"


def add_documents(corpus, total):
    """Bulk insert documents with their extracted text until the bench collections hold `total`;
    one in ten goes to a collection restricted to a group (the agent's refused collections are
    excluded on every search). Returns (documents added, seconds to insert, seconds to index)."""
    from django.contrib.auth.models import Group

    root = Collection.get_first_root_node()
    public = root.get_children().filter(name=BENCH_DOCUMENTS).first() or root.add_child(name=BENCH_DOCUMENTS)
    private = public.get_children().filter(name="Réservé").first() or public.add_child(name="Réservé")
    if not CollectionViewRestriction.objects.filter(collection=private).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.get_or_create(name="Banc d'essai, réservé")[0])
    Document = get_document_model()
    missing = total - Document.objects.filter(collection__in=[public, private]).count()
    started = time.perf_counter()
    ids = []
    while missing > 0:
        size = min(2000, missing)
        documents = [
            Document(title=corpus.title(), collection=private if corpus.random.random() < 0.1 else public,
                     file=f"documents/banc-{uuid.uuid4().hex[:12]}.pdf", file_size=40_000)
            for _ in range(size)
        ]
        created = Document.objects.bulk_create(documents)
        if created[0].pk is None:  # SQLite without RETURNING: read the ids back
            by_file = dict(Document.objects.filter(file__in=[d.file.name for d in documents]).values_list("file", "id"))
            for document in created:
                document.pk = document.id = by_file[document.file.name]
        DocumentText.objects.bulk_create([
            DocumentText(document_id=document.pk, status=OK, pages=corpus.random.randint(1, 12),
                         text=corpus.body(corpus.random.randint(200, 600)))
            for document in created
        ])
        ids += [document.pk for document in created]
        missing -= size
    inserted = time.perf_counter() - started
    backend = get_search_backend()
    for start in range(0, len(ids), 1000):
        backend.add_bulk(Document, list(Document.objects.filter(pk__in=ids[start:start + 1000])
                                        .select_related("extracted_text")))
    return len(ids), inserted, time.perf_counter() - started - inserted


def compare_documents(without, with_documents, count):
    """The p95 (and CPU p95) with the documents over the same without them (above 1: slower)."""
    for name, label in (("page", "page de recherche"), ("worst", f"« {WORST} » seul"),
                        ("suggestions", "suggestions")):
        before, after = without[name], with_documents[name]
        print(f"  {label:42} p95 avec {thousands(count)} documents / sans : ×{after[1] / before[1]:5.2f} (mur), "
              f"×{after[3][1] / before[3][1]:5.2f} (CPU p95)")


def thousands(number):
    return f"{number:,}".replace(",", " ")


def queries(corpus):
    ranked = VOCABULARY  # Zipf: the first words are the most frequent
    picks = [ranked[int(len(ranked) * (n / QUERIES_SINGLE) ** 2)] for n in range(QUERIES_SINGLE)]
    pairs = [" ".join(corpus.random.sample(ranked[:80], 2)) for _ in range(QUERIES_PAIRS)]
    triples = [" ".join(corpus.random.sample(ranked[:60], 3)) for _ in range(QUERIES_TRIPLES)]
    return FIXED_QUERIES + picks + pairs + triples


def timed(function, items, rounds, warm=True, extra_cpu=lambda: 0.0):
    """(p50, p95, max) of the wall-clock milliseconds, and (p50, p95) of the CPU milliseconds
    (this process, the database server's and `extra_cpu`'s: the search node's)."""
    for item in items if warm else ():  # warm: compiled statements, caches, database buffers
        function(item)
    timings, cpu = [], []
    for _ in range(rounds):
        for item in items:
            cpu_started, started = cpu_seconds() + extra_cpu(), time.perf_counter()
            function(item)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((cpu_seconds() + extra_cpu() - cpu_started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), max(timings), (statistics.median(cpu),
                                                                                   percentile(cpu, 0.95))


class Engine:
    """The OpenSearch node or cluster under --engine: switched on for a measure, its CPU and memory."""

    def __init__(self, url, prefix):
        self.url = url.rstrip("/")
        self.prefix = prefix
        self.database_backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
        self.backends = {"default": {"BACKEND": "search.backends.opensearch", "URLS": [self.url],
                                     "INDEX_PREFIX": prefix, "TIMEOUT": 60, "OPTIONS": {"max_retries": 0}}}
        local = self.get("/_nodes/_local/process")["nodes"]
        process = next(iter(local.values()))["process"]
        # The node's own CPU is readable when it runs on this machine (make search-node).
        self.stat = Path(f"/proc/{process['id']}/stat")
        if not self.stat.exists():
            self.stat = None

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return json.load(response)

    def cpu_seconds(self):
        if self.stat is None:
            return 0.0
        fields = self.stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory(self):
        node = next(iter(self.get("/_nodes/_local/stats/jvm,process")["nodes"].values()))
        heap = node["jvm"]["mem"]
        rss = node["process"]["mem"]["total_virtual_in_bytes"]
        if self.stat is not None:
            status = (self.stat.parent / "status").read_text()
            rss = int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) * 1024
        return rss / 2**20, heap["heap_used_in_bytes"] / 2**20, heap["heap_max_in_bytes"] / 2**20

    def on(self):
        settings.WAGTAILSEARCH_BACKENDS = self.backends

    def off(self):
        settings.WAGTAILSEARCH_BACKENDS = self.database_backends

    def index(self, documents):
        """Index the whole database again on the engine; prints documents/s and CPU."""
        cpu_started, node_started, started = cpu_seconds(), self.cpu_seconds(), time.perf_counter()
        call_command("update_index", verbosity=0, chunk_size=1000)
        wall = time.perf_counter() - started
        print(f"  OpenSearch : {documents} documents indexés en {wall:.0f} s ({documents / wall:,.0f} documents/s, "
              f"bulk de 1 000) ; CPU : ce processus {cpu_seconds() - cpu_started:.0f} s, "
              f"le nœud {self.cpu_seconds() - node_started:.0f} s")
        rss, heap, heap_max = self.memory()
        print(f"  nœud OpenSearch : mémoire résidente {rss:,.0f} Mo, tas JVM {heap:,.0f} / {heap_max:,.0f} Mo")
        indices = self.get(f"/_cat/indices/{self.prefix}*?bytes=b&format=json")
        size = sum(int(index["store.size"]) for index in indices)
        print(f"  index sur disque : {size / 2**20:,.0f} Mo, {size / documents:,.0f} octets par document")


def report(label, figures, baseline=None):
    p50, p95, worst, cpu = figures
    ratio = f"   ×{baseline[1] / p95:5.1f} (p95 base / p95)" if baseline else ""
    print(f"  {label:42} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   max {worst:7.1f} ms   "
          f"CPU p50 {cpu[0]:6.1f} / p95 {cpu[1]:6.1f} ms{ratio}")


def measure(client, request, search_queries, rounds, baseline_queries, extra_cpu=lambda: 0.0, label=""):
    def page(query):
        response = client.get("/recherche/", {"q": query})
        assert response.status_code == 200, response.status_code

    def worst_only(query):
        page(WORST)

    def suggest(prefix):
        response = client.get("/recherche/suggestions/", {"q": prefix})
        assert response.status_code == 200, response.status_code

    pages = visible_pages(request)

    def plain_wagtail(query):
        list(pages.search(clean_query(query))[:10])

    # The baseline ranks every match (on SQLite, one correlated sub-query per match): a sample suffices.
    baseline = None
    if baseline_queries:
        baseline = timed(plain_wagtail, search_queries[:baseline_queries], 1, warm=False)
        report(f"base : recherche Wagtail ({baseline_queries} requêtes)", baseline)
    figures = {
        "page": timed(page, search_queries, rounds, extra_cpu=extra_cpu),
        "worst": timed(worst_only, range(10), rounds, extra_cpu=extra_cpu),
        "suggestions": timed(suggest, PREFIXES, rounds, extra_cpu=extra_cpu),
    }
    report(f"{label}page de recherche (résultats, facettes)", figures["page"], baseline)
    report(f"{label}page de recherche, « {WORST} » seul", figures["worst"])
    report(f"{label}suggestions (autocomplétion)", figures["suggestions"])
    with CaptureQueriesContext(connection) as captured:
        page(WORST)
    print(f"  requêtes SQL pour « {WORST} » : {len(captured)}")
    return figures


def compare(database, engine):
    """The database's p95 over the engine's, per measure (above 1: the engine is faster)."""
    for name, label in (("page", "page de recherche"), ("worst", f"« {WORST} » seul"),
                        ("suggestions", "suggestions")):
        print(f"  {label:42} p95 base de données / p95 OpenSearch : ×{database[name][1] / engine[name][1]:5.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated document counts, e.g. 10000,100000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", type=int, default=10,
                        help="queries of the baseline (0: none; on SQLite it takes minutes at 10,000)")
    parser.add_argument("--database", help="scratch database (default: test_<DATABASE_URL's name>)")
    parser.add_argument("--engine", default=os.environ.get("OPENSEARCH_URL"),
                        help="OpenSearch URL: the same queries on the engine too (default: OPENSEARCH_URL)")
    parser.add_argument("--index-prefix", default="bench_",
                        help="the engine's index names start with it: one per person sharing a node")
    parser.add_argument("--documents", type=int, default=0,
                        help="documents with extracted text to add beside the pages of each size, measured "
                             "against the same queries without them (e.g. 20000)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch database, and reuse it if an earlier --keep run left it")
    args = parser.parse_args()
    if args.documents and "," in args.sizes:
        parser.error("--documents : une seule taille (--sizes), mesurée sans puis avec les documents")

    setup_test_environment()
    settings.SEARCH_RATE_PER_MINUTE = 10**9
    settings.SEARCH_TIME_LIMIT_MS = 60_000  # measured, not stopped
    engine = Engine(args.engine, args.index_prefix) if args.engine else None
    default = "/tmp/test_search_bench.sqlite3" if connection.vendor == "sqlite" else None
    name = args.database or default or f"test_{connection.settings_dict['NAME']}"
    old_name = connection.settings_dict["NAME"]
    if args.keep and scratch_exists(name):
        use_database(name)
        call_command("migrate", verbosity=0)
    else:
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"Base : {connection.vendor} ({connection.settings_dict['NAME']})")
        if args.documents and get_document_model().objects.filter(collection__name=BENCH_DOCUMENTS).exists():
            sys.exit("--documents : la base conservée contient déjà les documents, la mesure sans eux serait "
                     "faussée ; relancer sans --keep ou avec une autre --database")
        demo.load_tree()
        sessions = council_sessions()
        user, _ = get_user_model().objects.get_or_create(username="bench")
        client = Client()
        client.force_login(user)
        request = type("Request", (), {"user": user, "session": {}})()
        corpus = Corpus()
        search_queries = queries(corpus)
        for total in sorted(int(size) for size in args.sizes.split(",")):
            before, cpu_started, started = document_count(), cpu_seconds(), time.perf_counter()
            with transaction.atomic():
                grow(corpus, total, sessions)
            wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            total = document_count()
            print(f"\n{total} documents, {len(search_queries)} requêtes × {args.rounds}")
            print(f"  {thousands(total - before)} générés et indexés dans la base en {wall:.0f} s "
                  f"({(total - before) / wall:,.0f} documents/s ; CPU de ce processus et du serveur {cpu:.0f} s)")
            with open("/proc/loadavg") as load:
                print(f"  charge de la machine (1, 5, 15 min) : {' '.join(load.read().split()[:3])}")
            client.force_login(user)  # the generation outlasts an idle session (SESSION_IDLE_MINUTES)
            on_database = measure(client, request, search_queries, args.rounds, args.baseline, label="base : ")
            if args.documents:
                on_database = with_documents(client, request, corpus, search_queries, args, on_database)
            if engine:
                engine.on()
                try:
                    engine.index(total)
                    on_engine = measure(client, request, search_queries, args.rounds, 0,
                                        extra_cpu=engine.cpu_seconds, label="OpenSearch : ")
                finally:
                    engine.off()
                compare(on_database, on_engine)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def with_documents(client, request, corpus, search_queries, args, without):
    """Add the documents, measure again, compare with the figures `without` them."""
    added, inserted, indexed = add_documents(corpus, args.documents)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"\n  + {thousands(added)} documents au texte extrait (insérés en {inserted:.0f} s, "
          f"indexés en {indexed:.0f} s)")
    with open("/proc/loadavg") as load:
        print(f"  charge de la machine (1, 5, 15 min) : {' '.join(load.read().split()[:3])}")
    client.force_login(request.user)
    figures = measure(client, request, search_queries, args.rounds, 0, label="avec documents : ")
    context = client.get("/recherche/", {"q": WORST}).context
    print(f"  « {WORST} » : {thousands(context['total'])} résultats, dont {len(context['documents'])} documents "
          f"en tête de page")
    compare_documents(without, figures, added)
    return figures


def scratch_exists(name):
    """Whether the scratch database is there (a kept SQLite file, or a PostgreSQL database)."""
    if connection.vendor == "sqlite":
        return Path(name).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def use_database(name):
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = name


if __name__ == "__main__":
    main()
