from django.core.management.base import BaseCommand

from home.roles import ROLES, setup_roles


class Command(BaseCommand):
    help = "Crée ou complète les rôles de l'intranet (groupes et permissions). Idempotent."

    def handle(self, *args, **options):
        setup_roles()
        self.stdout.write(self.style.SUCCESS(f"Rôles à jour : {', '.join(ROLES)}."))
