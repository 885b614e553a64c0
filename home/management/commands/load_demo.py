import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core import plugins
from home import demo
from home.roles import setup_roles

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"


def demo_password(explicit):
    """The password given, else DEMO_PASSWORD, else the one generated on the first run."""
    if explicit:
        return explicit
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    generated = secrets.token_urlsafe(9)
    PASSWORD_FILE.write_text(generated + "\n")
    return generated


class Command(BaseCommand):
    help = "Construit l'intranet de démonstration (pages, rôles, comptes). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="mot de passe des comptes de démonstration")

    def handle(self, *args, password=None, **options):
        password = demo_password(password)
        with transaction.atomic():
            demo.load_tree()
            demo.load_town()
            demo.load_editorial()
            setup_roles()
            demo.load_users(password)
        demo.load_service_documents()
        # Each app may ship a `demo` module with `load(stdout)`, run in INSTALLED_APPS order.
        for app_demo in plugins.provided("demo", exclude={"home"}):
            app_demo.load(stdout=self.stdout)
        setup_roles()  # binds the roles to the index pages the apps' demos created
        self.stdout.write(self.style.SUCCESS("Intranet de démonstration prêt."))
        self.stdout.write(
            "Comptes : "
            + ", ".join(username for username, *_ in demo.DEMO_USERS)
            + f" — mot de passe : {password}"
        )
