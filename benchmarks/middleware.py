"""Benchmark of the request stack: a minimal view behind the middleware, cut one layer at a time.

    .venv/bin/python benchmarks/middleware.py [--duration 4] [--rounds 3] [--clients 10]
                                              [--workers N] [--reuse-database]

Builds the PostgreSQL database `bench_middleware` on 127.0.0.1 (migrations, one agent logged in),
then serves it with gunicorn and deploy/gunicorn.conf.py with the production settings (as
benchmarks/load.py does: Redis cache at 127.0.0.1:6379 when it answers, plain HTTP on loopback).
One gunicorn serves every stack (workers not recycled, as a recycled
worker would spend its first seconds starting up): each worker builds one Django handler per prefix of
settings.MIDDLEWARE, from none (a bare Django view: the baseline) to the full stack, and the
request's `X-Bench-Layers` header picks one. wrk (Debian package `wrk`) loads the minimal view with
the agent's session cookie, stack after stack, in `--rounds` interleaved rounds (the machine is
shared: a slow moment hits every stack alike); the median round is printed.

Prints, per stack, requests per second, the CPU of the gunicorn workers per request and that of
PostgreSQL and Redis, what the layer added, and the ratio of the full stack's throughput to the
bare view's. Target (issue #21): the full stack serves at least half the bare view's throughput.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from bench_support import PRODUCTION_LIKE_SETTINGS, redis_available, start_gunicorn

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE = "bench_middleware"
PG_URL = "postgresql://postgres@127.0.0.1:5432"
DATABASE_URL = f"{PG_URL}/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/5"

URLS = '''
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from mairie_site import urls as site_urls


@login_not_required  # the stacks without authentication must reach it too; the full one has a user
def minimal(request):
    """No page logic: the agent's name, as every page shows it."""
    user = getattr(request, "user", None)
    return HttpResponse(f"<p>{user.get_username() if user is not None else '-'}</p>")


urlpatterns = [path("bench/minimal/", minimal)] + site_urls.urlpatterns
'''

WSGI = """
import django
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test.utils import override_settings

django.setup(set_prefix=False)
STACK = list(settings.MIDDLEWARE)
HANDLERS = []
for layers in range(len(STACK) + 1):
    with override_settings(MIDDLEWARE=STACK[:layers]):
        HANDLERS.append(WSGIHandler())


def application(environ, start_response):
    return HANDLERS[int(environ.get("HTTP_X_BENCH_LAYERS", len(STACK)))](environ, start_response)
"""

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %.3f %.3f %d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
"""

SETUP = """
from django.contrib.auth import get_user_model
from django.test import Client
user, _ = get_user_model().objects.get_or_create(username="agent-pile", defaults={"first_name": "Agent"})
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""


def manage(*arguments, env, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, check=True,
        capture_output=capture, text=True,
    )  # fmt: skip
    return result.stdout


def build(env, reuse):
    if not reuse:
        for statement in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
            subprocess.run(["psql", "-q", f"{PG_URL}/postgres", "-c", statement], check=True)
        manage("migrate", "--noinput", "-v0", env=env)
    return manage("shell", "-c", SETUP, env=env, capture=True).strip().splitlines()[-1]


def middleware_names(env):
    output = manage("shell", "-c", "from django.conf import settings; print('|'.join(settings.MIDDLEWARE))",
                    env=env, capture=True)  # fmt: skip
    return output.strip().splitlines()[-1].split("|")


class Cpu:
    """CPU seconds of the gunicorn workers and of the services (this database's PostgreSQL
    backends, Redis), read from /proc through psutil."""

    def __init__(self, gunicorn_pid):
        self.gunicorn = psutil.Process(gunicorn_pid)

    def read(self):
        used = {"gunicorn": 0.0, "services": 0.0}
        processes = [("gunicorn", p) for p in self.gunicorn.children()]
        for process in psutil.process_iter(["name", "cmdline"]):
            cmdline = " ".join(process.info["cmdline"] or [])
            if (cmdline.startswith("postgres:") and f" {DATABASE} " in cmdline) or (
                process.info["name"] or ""
            ).startswith("redis-server"):
                processes.append(("services", process))
        for group, process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            used[group] += times.user + times.system
        return used


def run_wrk(url, cookie, layers, clients, duration, script, cpu):
    before = cpu.read()
    output = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{duration}s", "-s", script,
         "-H", f"Cookie: sessionid={cookie}", "-H", f"X-Bench-Layers: {layers}", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    after = cpu.read()
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, p50, p95, errors = line.split()[1:]
    requests = int(requests)
    return {
        "rps": requests / (int(duration_us) / 1e6),
        "p95": float(p95),
        "errors": int(errors),
        "cpu_ms": (after["gunicorn"] - before["gunicorn"]) * 1000 / max(requests, 1),
        "services_ms": (after["services"] - before["services"]) * 1000 / max(requests, 1),
    }


def check_minimal(url, cookie, layers):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}", "X-Bench-Layers": str(layers)})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    if b"agent-pile" not in body:
        sys.exit(f"La vue minimale ne voit pas l'agent derrière la pile complète : {body[:200]!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=4, help="secondes de charge par pile et par tour")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=0, help="0 : ceux de deploy/gunicorn.conf.py")
    parser.add_argument("--port", type=int, default=8610)
    parser.add_argument("--reuse-database", action="store_true", help="garder la base d'un essai précédent")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk est introuvable : apt-get install wrk")

    redis = REDIS_URL if redis_available() else ""
    workdir = Path(tempfile.mkdtemp(prefix="bench-middleware-"))
    settings = PRODUCTION_LIKE_SETTINGS.format(
        static=str(workdir / "static"), media=str(workdir / "media"), prefix=f"mw-{time.time():.0f}"
    )
    (workdir / "bench_middleware_settings.py").write_text(settings + '\nROOT_URLCONF = "bench_middleware_urls"\n')
    (workdir / "bench_middleware_urls.py").write_text(URLS)
    (workdir / "bench_middleware_wsgi.py").write_text(WSGI)
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    env = {
        **os.environ,
        "PYTHONPATH": f"{workdir}:{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": "bench_middleware_settings",
        "DATABASE_URL": DATABASE_URL,
        "DB_CONN_MAX_AGE": "60",
        "SECRET_KEY": "middleware-bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": redis,
        "LOG_LEVEL": "WARNING",
    }
    cookie = build(env, args.reuse_database)
    names = middleware_names(env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    url = f"http://127.0.0.1:{args.port}/bench/minimal/"
    logfile = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    if args.workers:
        env = {**env, "GUNICORN_WORKERS": str(args.workers)}
    gunicorn = start_gunicorn(env, args.port, logfile, "--max-requests", "0", "bench_middleware_wsgi:application")
    load_before = os.getloadavg()
    runs = {layers: [] for layers in range(len(names) + 1)}
    try:
        workers = len(psutil.Process(gunicorn.pid).children())
        check_minimal(url, cookie, len(names))
        cpu = Cpu(gunicorn.pid)
        for layers in runs:  # warm-up: every worker builds its caches
            run_wrk(url, cookie, layers, args.clients, 1, str(script), cpu)
        for _ in range(args.rounds):
            for layers in runs:
                runs[layers].append(run_wrk(url, cookie, layers, args.clients, args.duration, str(script), cpu))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=60)
        logfile.close()
        shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"gunicorn {workers} workers (deploy/gunicorn.conf.py), réglages de production, cache "
          f"{'Redis' if redis else 'locmem (Redis absent)'} ; wrk {args.clients} connexions, {args.rounds} tours × "
          f"{args.duration} s par pile ; charge de la machine (1 min) {load_before[0]:.2f} avant, "
          f"{load_after[0]:.2f} après, sur {os.cpu_count()} cœurs")  # fmt: skip
    print(f"{'couches':>7}  {'dernière couche':52}{'req/s':>8}{'p95 ms':>8}{'CPU ms/req':>11}"
          f"{'ajout ms':>9}{'services ms':>12}{'erreurs':>8}")  # fmt: skip
    medians, previous = {}, None
    for layers, results in runs.items():
        median = {key: statistics.median(r[key] for r in results) for key in results[0]}
        median["errors"] = sum(r["errors"] for r in results)
        medians[layers] = median
        added = "" if previous is None else f"{median['cpu_ms'] - previous['cpu_ms']:>+9.2f}"
        name = "(vue Django nue)" if layers == 0 else names[layers - 1]
        print(f"{layers:>7}  {name:52}{median['rps']:>8.0f}{median['p95']:>8.1f}{median['cpu_ms']:>11.2f}"
              f"{added:>9}{median['services_ms']:>12.2f}{median['errors']:>8}")  # fmt: skip
        previous = median
    full, bare = medians[len(names)], medians[0]
    print(f"Débit pile complète / vue nue : {full['rps'] / bare['rps']:.2f} (objectif ≥ 0,50) ; "
          f"CPU par requête vue nue / pile complète : {bare['cpu_ms'] / full['cpu_ms']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
