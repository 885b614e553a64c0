"""Map page and open-data exports: time and queries for 40 facilities (the demo) against 500.

Run: .venv/bin/python benchmarks/places_map.py [--repeat 15]
It builds its own database (SQLite in memory, or DATABASE_URL) with the test settings, then prints
the median time of each URL and the ratio 500/40, which should stay close to linear (no N+1).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mairie_site.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from home.demo import ensure_child, ensure_home_page  # noqa: E402
from home.models import Section, SectionPage  # noqa: E402
from places import demo  # noqa: E402
from places.models import FacilityPage  # noqa: E402


def measure(client, url, repeat):
    client.get(url)  # warm caches (site root paths, settings)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings) * 1000, len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    ensure_child(ensure_home_page(), SectionPage, slug="services", title="Services", section=Section.SERVICES)
    map_page = demo.load()
    user = get_user_model().objects.create_user("mesure", password="mesure-places-2026")
    client = Client()
    client.force_login(user)
    urls = {"plan": map_page.url, "geojson": "/equipements.geojson", "csv": "/equipements.csv"}

    results = {}
    for size in (FacilityPage.objects.count(), 500):
        demo.fill_to(map_page, size)
        results[size] = {name: measure(client, url, args.repeat) for name, url in urls.items()}

    small, large = sorted(results)
    print(f"Plan des équipements et exports — médiane sur {args.repeat} requêtes, {connection.vendor}")
    print(f"{'URL':<10}{'équipements':>12}{'ms':>10}{'requêtes SQL':>14}{'octets':>10}")
    for size in (small, large):
        for name, (ms, queries, size_bytes) in results[size].items():
            print(f"{name:<10}{size:>12}{ms:>10.1f}{queries:>14}{size_bytes:>10}")
    for name in urls:
        ratio = results[large][name][0] / results[small][name][0]
        print(f"{name}: {large} / {small} équipements = ×{ratio:.1f} en temps (×{large / small:.1f} en volume)")


if __name__ == "__main__":
    main()
