"""`import_feeds --queue`: one django-tasks task per source, run by the project's TASKS backend
(inline with the immediate backend of development, later by `db_worker` in production)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from newsfeeds.models import NewsItemPage

pytestmark = pytest.mark.django_db


def queue(*args):
    out = StringIO()
    call_command("import_feeds", "--queue", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_sources(trusted_server, make_source, make_rss, make_items):
    return [
        make_source(trusted_server.add("/a.xml", make_rss(make_items(2, prefix="A"))), name="Source A"),
        make_source(trusted_server.add("/b.xml", make_rss(make_items(3, prefix="B", link="https://b.fr/{n}")))),
    ]


def test_with_the_immediate_backend_each_source_is_imported_at_once(two_sources):
    output = queue()
    assert NewsItemPage.objects.count() == 5
    assert f"#{two_sources[0].pk} Source A : tâche" in output and "exécutée" in output
    assert "Résumé : 2 tâche(s) mise(s) en file." in output


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_imports_each_source(two_sources, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    output = queue("--source", str(two_sources[1].pk))
    assert "en file" in output and NewsItemPage.objects.count() == 0
    assert [task.args_kwargs["args"] for task in DBTaskResult.objects.all()] == [[two_sources[1].pk, False]]
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert NewsItemPage.objects.count() == 3
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_queue_does_not_combine_with_a_dry_run(two_sources):
    with pytest.raises(CommandError, match="ne se combinent pas"):
        queue("--dry-run")
