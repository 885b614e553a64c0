"""Configuration comes from the environment; mistakes stop start-up with one clear sentence."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_wrong_database_url_stops_with_one_sentence_not_a_traceback():
    result = manage("check", DATABASE_URL="nosuchdb://somewhere/x")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="mairie_site.settings.production")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "url, engine",
    [
        ("postgres://postgres@127.0.0.1:5432/test", "django.db.backends.postgresql"),
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_url_selects_the_engine(url, engine, monkeypatch):
    from core.env import database_from_env

    monkeypatch.setenv("DATABASE_URL", url)
    assert database_from_env("sqlite://:memory:")["ENGINE"] == engine


def test_settings_are_french():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
