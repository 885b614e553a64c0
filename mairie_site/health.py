"""`/health/`: the state of each dependency, for load balancers and monitoring."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    cache.set("health-check", "ok", 5)
    if cache.get("health-check") != "ok":
        raise RuntimeError("the cache does not keep what it is given")


CHECKS = {"database": _database, "cache": _cache}


@login_not_required
@never_cache
def health(request):
    report, failing = {}, []
    for name, check in CHECKS.items():
        try:
            check()
            report[name] = "ok"
        except Exception as error:  # any failure of a dependency is what we report
            logger.warning("health check %s failed: %s", name, error)
            report[name] = f"erreur : {error.__class__.__name__}"
            failing.append(name)
    status = 503 if failing else 200
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": report}
    return JsonResponse(body, status=status)
