"""/health/ reports each dependency, and names the one that fails with a 503."""

import pytest

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_and_cache_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "tasks": "ok"}


def test_health_names_the_failing_cache_with_503(client, settings):
    # A real Redis client pointed at a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_health_uses_redis_when_configured(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}}
    assert client.get("/health/").status_code == 200


def test_health_reports_a_task_left_running_by_a_killed_worker(client, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get("/health/").status_code == 200
    long_ago = timezone.now() - timedelta(hours=2)
    DBTaskResult.objects.create(
        status="RUNNING", args_kwargs={"args": [], "kwargs": {}}, task_path="wagtail.tasks.update_reference_index_task",
        backend_name="default", run_after=long_ago, started_at=long_ago, worker_ids=["killed-worker"],
    )
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["tasks"]
    assert "1 task(s) stuck running" in response.json()["checks"]["tasks"]
