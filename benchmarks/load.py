"""Load test: agents arriving at 9:00, logging in and browsing, with locust (headless).

    .venv/bin/python benchmarks/load.py [--levels 50,150,300] [--steady 60] [--spawn-rate 1]
                                        [--think 5 20] [--port 8500] [--reuse-database]

Builds the PostgreSQL database `bench_load` on 127.0.0.1 with the demo content (`load_demo`) and
as many generated agent accounts as the largest level, then serves it with gunicorn and
deploy/gunicorn.conf.py on loopback, with the production settings (DEBUG off, Argon2 password
hashing, django-axes, CSP, tasks queued in the database, Redis cache at 127.0.0.1:6379 when it
answers); only TLS is left out (plain HTTP on loopback: cookies without `Secure`).

For each level, a fresh crowd of agents arrives at `--spawn-rate` agents per second (9:00), each
one logs in through the login form, then browses with think times between `--think` seconds:
the home page, a channel, a news item, a search, the directory. Once everyone is there, the
crowd browses for `--steady` seconds more. Prints, per level, p50/p95/p99 and errors of the
login and of the browsing, the CPU used by the gunicorn workers, by the PostgreSQL backends of
this database, by Redis and by locust itself, and which saturates first. Targets (issue #10):
zero errors and p95 < 300 ms at 300 agents. The baseline is the smallest level: the ratios show
how latency grows with the crowd.
"""

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gevent
import psutil
from bench_support import PRODUCTION_LIKE_SETTINGS, redis_available, start_gunicorn
from locust import HttpUser, between, task
from locust.env import Environment
from locust.event import Events
from locust.stats import StatsEntry

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))  # the project's password hasher, measured in report()
DATABASE = "bench_load"
PG_URL = "postgresql://postgres@127.0.0.1:5432"
DATABASE_URL = f"{PG_URL}/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/4"
PASSWORD = "charge-9h00-mairie"
SEARCH_TERMS = ["urbanisme", "conseil", "congés", "crèche", "formation", "délibération", "voirie", "paie"]
TARGET_P95_MS = 300


# Run by `manage.py shell`: the accounts (one hash for all: hashing 300 passwords would take
# minutes) and the URLs the agents will visit, printed as JSON.
SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from wagtail.models import Page
from newsfeeds.models import ChannelPage, NewsItemPage
from directory.models import DirectoryPage

User = get_user_model()
password = make_password({password!r})
User.objects.bulk_create(
    [User(username=f"agent-{{n:03d}}", first_name="Agent", last_name=f"n°{{n}}", password=password)
     for n in range(1, {count} + 1)],
    ignore_conflicts=True,
)
print(json.dumps({{
    "channels": [p.url for p in ChannelPage.objects.live()],
    "items": [p.url for p in NewsItemPage.objects.live().order_by("-first_published_at")[:40]],
    "directory": DirectoryPage.objects.live().first().url,
}}))
"""


class Agent(HttpUser):
    """One agent: logs in at arrival, then reads with pauses."""

    wait_time = between(5, 20)
    accounts = iter(())
    urls = {}

    def on_start(self):
        self.client.get("/connexion/", name="connexion (formulaire)")
        with self.client.post(
            "/connexion/",
            data={
                "username": next(self.accounts),
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="connexion",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies or "/connexion/" in response.url:
                response.failure(f"connexion refusée ({response.status_code})")

    def visit(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if "/connexion/" in response.url:
                response.failure("renvoyé vers la connexion")

    @task(3)
    def home(self):
        self.visit("/", "accueil")

    @task(2)
    def channel(self):
        self.visit(random.choice(self.urls["channels"]), "canal")

    @task(3)
    def item(self):
        self.visit(random.choice(self.urls["items"]), "article")

    @task(1)
    def search(self):
        self.visit(f"/recherche/?q={random.choice(SEARCH_TERMS)}", "recherche")

    @task(1)
    def directory(self):
        self.visit(self.urls["directory"], "annuaire")


def manage(*arguments, env, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, check=True,
        capture_output=capture, text=True,
    )  # fmt: skip
    return result.stdout


def build(env, agents, reuse):
    """A fresh database with the demo content (unless reused), the agents' accounts, collected
    static files."""
    started = time.perf_counter()
    # Loaded with the tasks run at once, so the search index is complete before the load.
    setup_env = {**env, "TASKS_BACKEND": "immediate"}
    if not reuse:
        for statement in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
            subprocess.run(["psql", "-q", f"{PG_URL}/postgres", "-c", statement], check=True)
        manage("migrate", "--noinput", "-v0", env=setup_env)
        manage("load_demo", "--password", PASSWORD, env=setup_env, capture=True)
    manage("collectstatic", "--noinput", "-v0", env=setup_env)
    output = manage("shell", "-c", SETUP.format(password=PASSWORD, count=agents), env=setup_env, capture=True)
    urls = json.loads(output.strip().splitlines()[-1])
    print(f"Base construite en {time.perf_counter() - started:.0f} s : démo + {agents} agents, "
          f"{len(urls['channels'])} canaux, {len(urls['items'])} articles visités")  # fmt: skip
    return urls


class CpuSampler:
    """CPU seconds used by each group of processes, from /proc through psutil, sampled each second.

    Each process's counter is read at every sample, so only the last second of a process that
    exits is missed (gunicorn recycles its workers now and then)."""

    def __init__(self, gunicorn_pid):
        self.gunicorn = psutil.Process(gunicorn_pid)
        self.seen = {}  # (group, pid) -> (first, last) CPU seconds
        self.machine = []

    def groups(self):
        yield "gunicorn", self.gunicorn.children()
        backends, redis = [], []
        for process in psutil.process_iter(["name", "cmdline"]):
            cmdline = " ".join(process.info["cmdline"] or [])
            if cmdline.startswith("postgres:") and f" {DATABASE} " in cmdline:
                backends.append(process)
            elif (process.info["name"] or "").startswith("redis-server"):
                redis.append(process)
        yield "postgresql", backends
        yield "redis", redis
        yield "locust", [psutil.Process()]

    def sample(self):
        for group, processes in self.groups():
            for process in processes:
                try:
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                used = times.user + times.system
                first, _ = self.seen.get((group, process.pid), (0.0 if group != "locust" else used, 0))
                self.seen[(group, process.pid)] = (first, used)
        self.machine.append(psutil.cpu_percent())

    def run(self):
        psutil.cpu_percent()
        while True:
            self.sample()
            gevent.sleep(1)

    def cores(self, elapsed):
        """Average number of cores each group kept busy."""
        used = {"gunicorn": 0.0, "postgresql": 0.0, "redis": 0.0, "locust": 0.0}
        for (group, _), (first, last) in self.seen.items():
            used[group] += last - first
        return {group: seconds / elapsed for group, seconds in used.items()}


def run_level(base, agents, spawn_rate, steady, think, gunicorn_pid):
    Agent.wait_time = between(*think)
    # Own events per level: a shared hook would also count this level's requests in the previous ones.
    environment = Environment(user_classes=[Agent], events=Events(), host=base)
    runner = environment.create_local_runner()
    sampler = CpuSampler(gunicorn_pid)
    sampler.sample()  # processes already there count from now
    for key, (_, last) in sampler.seen.items():
        sampler.seen[key] = (last, last)
    watcher = gevent.spawn(sampler.run)
    started = time.perf_counter()
    runner.start(agents, spawn_rate=spawn_rate)
    gevent.sleep(agents / spawn_rate + steady)
    runner.quit()
    watcher.kill()
    sampler.sample()
    elapsed = time.perf_counter() - started
    stats = environment.stats
    login = stats.get("connexion", "POST")
    browsing = StatsEntry(stats, "navigation", "GET", use_response_times_cache=False)
    for (name, method), entry in stats.entries.items():
        if method == "GET" and name != "connexion (formulaire)":
            browsing.extend(entry)
    return {
        "agents": agents,
        "elapsed": elapsed,
        "requests": stats.total.num_requests,
        "login": login,
        "browsing": browsing,
        "total_errors": stats.total.num_failures,
        "rps": browsing.num_requests / elapsed,
        "cores": sampler.cores(elapsed),
        "machine": sum(sampler.machine) / max(len(sampler.machine), 1),
        "errors": sorted({str(error.error) for error in stats.errors.values()})[:5],
        "pages": {name: figures(entry) for (name, method), entry in stats.entries.items() if method == "GET"},
    }


def figures(entry):
    return (entry.get_response_time_percentile(0.5), entry.get_response_time_percentile(0.95),
            entry.get_response_time_percentile(0.99), entry.num_requests, entry.num_failures)  # fmt: skip


def login_cost(hasher_class):
    """CPU seconds of one password check with this Django hasher and its default parameters."""
    hasher = hasher_class()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    started = time.process_time()
    hasher.verify(PASSWORD, encoded)
    return time.process_time() - started


def report(results, workers, redis, think, spawn_rate, steady):
    cores = os.cpu_count() or 1
    from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher

    from mairie_site.hashers import Argon2PasswordHasher as ProjectHasher

    cost = login_cost(ProjectHasher)
    django_argon2, before = login_cost(Argon2PasswordHasher), login_cost(PBKDF2PasswordHasher)
    print(f"\nUne connexion coûte {cost:.3f} s de CPU (Argon2id au réglage de l'OWASP, celui du projet ; "
          f"Argon2 au réglage de Django : {django_argon2:.3f} s, rapport {django_argon2 / cost:.1f} ; PBKDF2 à "
          f"{PBKDF2PasswordHasher.iterations:,} itérations, celui d'avant : {before:.3f} s, "
          f"rapport {before / cost:.1f}) : "
          f"au plus {cores / cost:.1f} connexions/s sur {cores} cœurs libres ; l'arrivée à {spawn_rate} agents/s en "
          f"demande {spawn_rate * cost:.2f} cœur(s)")  # fmt: skip
    print(f"gunicorn {workers} workers (deploy/gunicorn.conf.py), réglages de production, cache "
          f"{'Redis' if redis else 'locmem (Redis absent)'} ; arrivée {spawn_rate} agents/s, puis {steady} s "
          f"de navigation ; pauses {think[0]}–{think[1]} s ; machine de {cores} cœurs")  # fmt: skip
    header = f"{'agents':>6} {'':10}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'requêtes':>10}{'erreurs':>9}"
    print(header)
    for result in results:
        for label in ("login", "browsing"):
            p50, p95, p99, count, failures = figures(result[label])
            name = "connexion" if label == "login" else "navigation"
            print(f"{result['agents']:>6} {name:10}{p50:>8.0f}{p95:>8.0f}{p99:>8.0f}{count:>10}{failures:>9}")
    last = results[-1]
    print(f"\nPar page, à {last['agents']} agents :")
    for name, (p50, p95, p99, count, failures) in sorted(last["pages"].items()):
        print(f"{'':7}{name:22}{p50:>8.0f}{p95:>8.0f}{p99:>8.0f}{count:>10}{failures:>9}")
    print(f"\n{'agents':>6}{'req/s':>8}  cœurs occupés : {'gunicorn':>9}{'postgres':>9}{'redis':>7}"
          f"{'locust':>8}   machine entière")  # fmt: skip
    for result in results:
        used = result["cores"]
        print(f"{result['agents']:>6}{result['rps']:>8.1f}  {'':16}{used['gunicorn']:>9.2f}{used['postgresql']:>9.2f}"
              f"{used['redis']:>7.2f}{used['locust']:>8.2f}   {result['machine']:.0f} %")  # fmt: skip
    # CPU seconds of the workers per request, whatever share of the machine they were given: what
    # an idle machine of this size could serve, against what the crowd asks.
    per_request = sum(r["cores"]["gunicorn"] * r["elapsed"] for r in results) / sum(r["requests"] for r in results)
    demand = results[-1]["agents"] / (sum(think) / 2)
    print(f"CPU des workers par requête (connexions comprises) : {per_request * 1000:.0f} ms ; capacité estimée "
          f"sur {cores} cœurs libres : {cores / per_request:.0f} req/s ; demande de {results[-1]['agents']} agents "
          f"en navigation : {demand:.0f} req/s")  # fmt: skip
    baseline, last = results[0], results[-1]
    base_p95 = figures(baseline["browsing"])[1] or 1
    for result in results[1:]:
        print(f"p95 de navigation à {result['agents']} / à {baseline['agents']} agents : "
              f"{figures(result['browsing'])[1] / base_p95:.2f}")  # fmt: skip
    for result in results:
        if result["errors"]:
            print(f"Erreurs à {result['agents']} agents : {'; '.join(result['errors'])}")
    used = last["cores"]
    first = max(("gunicorn", "postgresql", "redis"), key=lambda group: used[group])
    names = {"gunicorn": "le CPU des workers gunicorn (Python)", "postgresql": "PostgreSQL", "redis": "Redis"}
    print(f"Saturé en premier : {names[first]} — {used[first]:.2f} cœur(s) sur {cores} à {last['agents']} agents "
          f"(machine entière à {last['machine']:.0f} %, autres processus compris)")  # fmt: skip
    p95 = figures(last["browsing"])[1]
    ok = last["total_errors"] == 0 and p95 < TARGET_P95_MS
    print(
        f"Objectif à {last['agents']} agents (0 erreur, p95 < {TARGET_P95_MS} ms) : "
        f"{'atteint' if ok else 'NON atteint'} — {last['total_errors']} erreur(s), p95 navigation {p95:.0f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="50,150,300", help="nombres d'agents simultanés")
    parser.add_argument("--steady", type=int, default=60, help="secondes de navigation après l'arrivée")
    parser.add_argument("--spawn-rate", type=float, default=1.0, help="agents arrivant par seconde")
    parser.add_argument("--think", type=float, nargs=2, default=(5, 20), help="pause entre deux pages (s)")
    parser.add_argument("--port", type=int, default=8500)
    parser.add_argument("--reuse-database", action="store_true", help="garder la base d'un essai précédent")
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]

    redis = REDIS_URL if redis_available() else ""
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    (workdir / "bench_load_settings.py").write_text(
        PRODUCTION_LIKE_SETTINGS.format(
            static=str(workdir / "static"), media=str(workdir / "media"), prefix=f"load-{time.time():.0f}"
        )
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{workdir}:{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": "bench_load_settings",
        "DATABASE_URL": DATABASE_URL,
        "DB_CONN_MAX_AGE": "60",
        "SECRET_KEY": "load-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": redis,
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
    }
    urls = build(env, max(levels), args.reuse_database)
    Agent.urls = urls
    base = f"http://127.0.0.1:{args.port}"
    logfile = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    gunicorn = start_gunicorn(env, args.port, logfile)
    results = []
    try:
        workers = len(psutil.Process(gunicorn.pid).children())
        for agents in levels:
            Agent.accounts = itertools.cycle(f"agent-{n:03d}" for n in range(1, agents + 1))
            print(f"… {agents} agents", flush=True)
            results.append(run_level(base, agents, args.spawn_rate, args.steady, args.think, gunicorn.pid))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=60)
        logfile.close()
        shutil.rmtree(workdir, ignore_errors=True)
    report(results, workers, redis, args.think, args.spawn_rate, args.steady)


if __name__ == "__main__":
    main()
