from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsfeeds.models import ChannelPage
from newsfeeds.opml import OPMLError, import_opml


class Command(BaseCommand):
    help = "Ajoute les sources d'un fichier OPML à un canal. Les adresses déjà connues sont laissées telles quelles."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier OPML")
        parser.add_argument("--channel", required=True, help="slug du canal qui recevra les sources")
        parser.add_argument("--dry-run", action="store_true", help="vérifier sans rien enregistrer")

    def handle(self, *args, file, channel, dry_run=False, **options):
        target = ChannelPage.objects.filter(slug=channel).first()
        if target is None:
            raise CommandError(f"Canal introuvable : {channel}.")
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Lecture impossible de {file} : {error.strerror}.") from None
        try:
            report = import_opml(data, target, dry_run=dry_run)
        except OPMLError as error:
            raise CommandError(str(error)) from None
        for rejection in report.rejections:
            self.stdout.write(self.style.WARNING(f"Rejeté : {rejection}"))
        self.stdout.write(self.style.SUCCESS(report.summary()))
