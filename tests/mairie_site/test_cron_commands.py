"""The commands cron runs start quickly: no system checks at each run, no PDF library at start-up."""

import re
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands, load_command_class

from mairie_site.management.base import CronCommand

CRON_FILE = Path(__file__).resolve().parents[2] / "deploy" / "intranet.cron.example"


def cron_commands():
    return sorted(set(re.findall(r"\$M (\w+)", CRON_FILE.read_text())))


def test_every_cron_command_of_ours_starts_without_the_system_checks():
    commands = get_commands()
    ours = [name for name in cron_commands() if not commands[name].startswith(("django", "wagtail"))]
    assert "import_feeds" in ours and "send_digests" in ours
    for name in ours:
        command = load_command_class(commands[name], name)
        assert isinstance(command, CronCommand), name
        assert command.requires_system_checks == [], name


def test_django_setup_imports_no_pdf_library():
    code = "import sys, django; django.setup(); print(sorted({'fpdf', 'pypdf'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
