from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importers.csv_import import ImportFileError, import_directory


class Command(BaseCommand):
    help = "Importe l'export RH des agents (CSV, clé : matricule). Voir docs/directory.md pour les colonnes."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV (séparateur ; ou ,), encodé en UTF-8 ou Windows-1252")
        parser.add_argument("--dry-run", action="store_true", help="simuler : afficher le bilan sans rien enregistrer")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="le fichier n'est pas un export complet : ne désactiver personne",
        )

    def handle(self, *args, file, dry_run, partial, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        try:
            report = import_directory(path.read_bytes(), dry_run=dry_run, partial=partial)
        except ImportFileError as error:
            raise CommandError(f"Import impossible : {error}") from error
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Avertissement : {warning}"))
        for rejection in report.rejections:
            self.stdout.write(self.style.ERROR(f"Rejeté : {rejection}"))
        self.stdout.write(self.style.SUCCESS(report.summary()))
