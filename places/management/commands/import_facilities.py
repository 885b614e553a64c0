from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from places.importer import import_facilities
from places.models import MapPage


class Command(BaseCommand):
    help = "Importe des équipements depuis un CSV au format SCDL Équipements (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV (UTF-8, virgule ou point-virgule)")
        parser.add_argument("--dry-run", action="store_true", help="vérifier et compter sans rien enregistrer")
        parser.add_argument("--map-page", type=int, help="identifiant de la page « Plan des équipements »")

    def handle(self, *args, path, dry_run=False, map_page=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        parent = None
        if map_page is not None:
            parent = MapPage.objects.filter(pk=map_page).first()
            if parent is None:
                raise CommandError(f"Aucune page « Plan des équipements » n°{map_page}.")
        report = import_facilities(file.read_bytes(), map_page=parent, dry_run=dry_run)
        for rejection in report.rejections:
            self.stderr.write(f"Rejeté : {rejection}")
        self.stdout.write(report.summary())
