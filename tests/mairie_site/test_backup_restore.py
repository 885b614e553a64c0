"""Restore drill: a backup restored into an empty database gives back the content."""

import sqlite3
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from mairie_site.backups import BackupError, backup, restore

pytestmark = pytest.mark.django_db(transaction=True)


def page_titles_in(database_url_or_path):
    query = "SELECT title FROM wagtailcore_page ORDER BY path"
    if connection.vendor == "sqlite":
        with sqlite3.connect(database_url_or_path) as database:
            return [row[0] for row in database.execute(query)]
    with psycopg.connect(database_url_or_path) as database:
        return [row[0] for row in database.execute(query)]


@pytest.fixture
def empty_database(tmp_path):
    """An empty database of the same kind as the one under test."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", str(path)
        return
    config = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    server = f"postgres://{config['USER']}@{config['HOST']}:{config['PORT']}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}", f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")


def test_a_backup_restores_into_an_empty_database_with_its_content_and_media(
    site_tree, tmp_path, settings, empty_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "deliberation.pdf").write_bytes(b"%PDF-1.4 test")
    titles = list(Page.objects.order_by("path").values_list("title", flat=True))

    folder = backup(tmp_path / "backups")
    url, location = empty_database
    restored_media = tmp_path / "restored-media"
    restore(folder, database_url=url, media_root=restored_media)

    assert page_titles_in(location) == titles
    assert (restored_media / "documents" / "deliberation.pdf").read_bytes() == b"%PDF-1.4 test"


def test_restore_refuses_a_database_that_is_not_empty(site_tree, tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL refusal comes from pg_restore --exit-on-error, covered by the drill")
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = backup(tmp_path / "backups")
    existing = tmp_path / "existing.sqlite3"
    with sqlite3.connect(existing) as database:
        database.execute("CREATE TABLE precious (id int)")
    with pytest.raises(BackupError, match="n'est pas vide"):
        restore(folder, database_url=f"sqlite:///{existing}")


def test_backup_command_prints_where_it_wrote(site_tree, tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", output_dir=str(tmp_path / "out"))
    assert "Sauvegarde écrite dans" in capsys.readouterr().out
    assert any(Path(tmp_path / "out").iterdir())
