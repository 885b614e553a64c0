"""docs/deployment.md's steps (`migrate`, `setup_roles`) on an empty database give the intranet the
demo's roles, permissions and council review workflow, and leave no Wagtail default workflow where
an intranet role would meet it."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from council.workflow import TASK_NAME, WORKFLOW_NAME
from home.roles import SECRETARIAT

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _run(env, *args):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a database nobody has touched, of the same kind as the suite's."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'deploiement.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"deploiement_{uuid.uuid4().hex[:8]}"
    admin_url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_documented_deployment_steps_set_up_the_demo_roles_and_the_council_workflow(empty_database, site_tree):
    from council_deployment import snapshot

    env = {**os.environ, "DATABASE_URL": empty_database, "DJANGO_SETTINGS_MODULE": "mairie_site.settings.test",
           "PYTHONPATH": str(ROOT)}
    _run(env, "manage.py", "migrate", "--noinput")
    _run(env, "manage.py", "setup_roles")
    deployed = json.loads(_run(env, str(Path(__file__).with_name("council_deployment.py"))))

    assert deployed["root_workflow"] is False  # Wagtail's "Moderators approval" is unbound
    assert deployed["workflows"] == [
        ["SectionPage", "conseil", WORKFLOW_NAME, True, [TASK_NAME], [[SECRETARIAT]]]
    ]
    clerks = {row[3] for row in deployed["page_permissions"] if row[0] == "Greffe" and row[2] == "conseil"}
    assert "change_page" in clerks and "publish_page" not in clerks
    reviewers = {row[3] for row in deployed["page_permissions"] if row[0] == SECRETARIAT and row[2] == "conseil"}
    assert "publish_page" in reviewers
    # The same as the suite's database, built as load_demo builds the tree and its roles.
    assert deployed == json.loads(json.dumps(snapshot()))
