from council.reminders import send_reading_reminders
from mairie_site.management.base import CronCommand


class Command(CronCommand):
    help = ("Relance par courriel les agents qui n'ont pas pris connaissance d'une note de service à lecture "
            "obligatoire dont la date limite est arrivée (une fois par agent et par version).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Calculer sans rien envoyer ni enregistrer.")

    def handle(self, *args, dry_run=False, **options):
        summary = send_reading_reminders(dry_run=dry_run, stdout=self.stdout)
        prefix = "[essai, rien n'est envoyé] " if dry_run else ""
        self.stdout.write(prefix + str(summary))
