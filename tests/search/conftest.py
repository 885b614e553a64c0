"""The site search tests marked `engine` run on the real OpenSearch node when OPENSEARCH_URL is set
(`make test-search`, CI's third run), on the database backend otherwise.

The database rolls back after each test while the engine keeps what it was sent: the indices are
built once from the database (the demo tree), and each engine test starts by indexing again, from
the database as it is back to, every object the previous tests saved or deleted."""

import os

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save
from modelsearch.index import class_is_indexed

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL")
_state = {"built": False, "touched": set()}


def engine_settings():
    return {
        "BACKEND": "search.backends.opensearch",
        "URLS": [OPENSEARCH_URL],
        "INDEX_PREFIX": f"test_{os.getpid()}_",  # runs side by side on one node do not meet
        "TIMEOUT": 10,
        "OPTIONS": {"max_retries": 0},
        "REFRESH_AFTER_WRITE": True,
    }


def _remember(sender, instance, **kwargs):
    if class_is_indexed(sender):
        _state["touched"].add((sender._meta.label, instance.pk))


def rebuild_index():
    call_command("update_index", verbosity=0)


def resync_touched(backend):
    """Each object saved or deleted since: indexed as the database now has it, or removed."""
    touched, _state["touched"] = _state["touched"], set()
    for label, pk in touched:
        model = apps.get_model(label)
        current = model._default_manager.filter(pk=pk).first()
        if current is not None:
            backend.add(current)
        else:
            backend.delete(model(pk=pk))


@pytest.fixture(scope="session", autouse=True)
def engine_indices_removed():
    """The run's indices are removed from the node at the end."""
    yield
    if _state["built"]:
        from opensearchpy import OpenSearch

        OpenSearch(hosts=[OPENSEARCH_URL]).indices.delete(index=f"{engine_settings()['INDEX_PREFIX']}*")


@pytest.fixture(autouse=True)
def search_engine(request):
    """The engine's backend for an `engine` test when OPENSEARCH_URL is set, else None."""
    if not OPENSEARCH_URL or request.node.get_closest_marker("engine") is None:
        yield None
        return
    from wagtail.search.backends import get_search_backend

    settings = request.getfixturevalue("settings")
    request.getfixturevalue("db")
    settings.WAGTAILSEARCH_BACKENDS = {"default": engine_settings()}
    backend = get_search_backend()
    if not _state["built"]:
        rebuild_index()
        _state["built"] = True
    resync_touched(backend)
    post_save.connect(_remember, dispatch_uid="engine-tests-save")
    post_delete.connect(_remember, dispatch_uid="engine-tests-delete")
    yield backend
    post_save.disconnect(dispatch_uid="engine-tests-save")
    post_delete.disconnect(dispatch_uid="engine-tests-delete")
