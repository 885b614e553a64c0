from django.core.management.base import CommandError

from mairie_site.backups import BackupError, backup
from mairie_site.management.base import CronCommand


class Command(CronCommand):
    help = "Sauvegarde la base de données et les médias dans un nouveau dossier."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups", help="dossier où créer la sauvegarde")

    def handle(self, *args, output_dir, **options):
        try:
            target = backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite dans {target}"))
