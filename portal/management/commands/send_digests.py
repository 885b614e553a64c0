
from mairie_site.management.base import CronCommand
from portal.digests import send_digests
from portal.models import DigestFrequency


class Command(CronCommand):
    help = "Envoie à chaque agent la lettre de ses nouveautés (quotidienne ou hebdomadaire)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[DigestFrequency.DAILY, DigestFrequency.WEEKLY],
            help="N'envoyer que les lettres de cette fréquence (par défaut : les deux).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Calculer sans rien envoyer ni enregistrer.")

    def handle(self, *args, frequency=None, dry_run=False, **options):
        summary = send_digests(frequency=frequency, dry_run=dry_run, stdout=self.stdout)
        prefix = "[essai, rien n'est envoyé] " if dry_run else ""
        self.stdout.write(prefix + str(summary))
