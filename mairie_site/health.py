"""`/health/`: the state of each dependency, for load balancers and monitoring."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
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


def _tasks():
    """With the database queue: no task stuck RUNNING (a killed worker) or waiting with no worker."""
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    limit = timezone.now() - timedelta(minutes=settings.TASKS_STALE_MINUTES)
    stuck = DBTaskResult.objects.running().filter(started_at__lt=limit).count()
    waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=limit).count()
    if stuck or waiting:
        raise RuntimeError(f"{stuck} task(s) stuck running, {waiting} waiting for a worker")


CHECKS = {"database": _database, "cache": _cache, "tasks": _tasks}


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
            # Our own checks explain themselves; a driver's message could reveal internals.
            detail = str(error) if isinstance(error, RuntimeError) else error.__class__.__name__
            report[name] = f"erreur : {detail}"
            failing.append(name)
    status = 503 if failing else 200
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": report}
    return JsonResponse(body, status=status)
