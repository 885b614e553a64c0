"""Backups that can be restored: a consistent database copy plus the media files.

SQLite is copied with its online backup API (never `cp` of a live file); PostgreSQL with
`pg_dump -Fc`, restored with `pg_restore`. Media go in a tar.gz beside it, with a manifest.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


def _pg_env(config):
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if config.get(key):
            env[variable] = str(config[key])
    return env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué : {result.stderr.strip()}")


def backup(output_dir):
    """Write a new backup folder under output_dir and return its path."""
    target = Path(output_dir) / f"intranet-{datetime.now(UTC):%Y%m%d-%H%M%S}"
    target.mkdir(parents=True, exist_ok=False)
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_FILE) as destination:
            connection.connection.backup(destination)
    elif vendor == "postgresql":
        config = connection.settings_dict
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(target / POSTGRES_FILE), config["NAME"]], _pg_env(config))
    else:
        raise BackupError(f"Base de données {vendor} non prise en charge par la sauvegarde.")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    (target / MANIFEST).write_text(
        json.dumps({"created_at": datetime.now(UTC).isoformat(), "database": vendor}, indent=2)
    )
    return target


def restore(source, database_url=None, media_root=None):
    """Restore a backup folder into an empty database (the configured one, or database_url)."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    config = dj_database_url.parse(database_url) if database_url else connection.settings_dict
    engine = config["ENGINE"]
    if manifest["database"] == "sqlite" and engine.endswith("sqlite3"):
        target = Path(config["NAME"])
        if target.exists() and target.stat().st_size > 0 and _sqlite_has_tables(target):
            raise BackupError(f"La base {target} n'est pas vide : restaurez dans une base vide.")
        with sqlite3.connect(source / SQLITE_FILE) as origin, sqlite3.connect(target) as destination:
            origin.backup(destination)
    elif manifest["database"] == "postgresql" and "postgresql" in engine:
        _run(["pg_restore", "--no-owner", "--exit-on-error", "-d", config["NAME"], str(source / POSTGRES_FILE)],
             _pg_env(config))
    else:
        raise BackupError(
            f"Cette sauvegarde vient d'une base {manifest['database']} : elle ne se restaure pas dans {engine}."
        )
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(source / MEDIA_FILE) as archive:
        extracted = media_root.parent / ".restore-media"
        archive.extractall(extracted, filter="data")
        if (extracted / "media").exists():
            shutil.copytree(extracted / "media", media_root, dirs_exist_ok=True)
        shutil.rmtree(extracted, ignore_errors=True)
    return manifest


def _sqlite_has_tables(path):
    with sqlite3.connect(path) as database:
        return database.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
