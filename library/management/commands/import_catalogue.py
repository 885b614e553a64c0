"""python manage.py import_catalogue FILE [--format auto|unimarc|marc21|marcxml] [--dry-run] [--withdraw-missing]"""

import os
import sys

from django.core.management.base import CommandError

from library.importer import import_catalogue
from library.marc.reader import FORMATS
from mairie_site.management.base import CronCommand


class Command(CronCommand):
    help = "Importe un fichier de notices (UNIMARC ou MARC 21, ISO 2709 ou XML) dans le catalogue."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier ISO 2709 (.mrc, .iso) ou XML (MARCXML, MarcXchange)")
        parser.add_argument("--format", default="auto", choices=FORMATS,
                            help="auto (par défaut) : conteneur et format détectés pour chaque notice")
        parser.add_argument("--dry-run", action="store_true", help="Tout vérifier sans rien enregistrer")
        parser.add_argument("--withdraw-missing", action="store_true",
                            help="Export complet : retirer du catalogue les notices absentes du fichier")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(f"Fichier introuvable : {path}")
        size = os.path.getsize(path) or 1
        with open(path, "rb") as stream:
            progress = self._progress(stream, size) if sys.stdout.isatty() else None
            report, _entry = import_catalogue(
                stream, fmt=options["format"], dry_run=options["dry_run"],
                withdraw_missing=options["withdraw_missing"], filename=os.path.basename(path),
                progress=progress, batch_size=options["batch_size"],
            )
        if progress:
            self.stdout.write("")
        for line in report.rejections:
            self.stderr.write(f"Rejetée — {line}")
        for line in report.warnings:
            self.stderr.write(self.style.WARNING(line))
        rate = report.read / report.duration if report.duration else 0
        self.stdout.write(self.style.SUCCESS(f"{report.summary()} — {report.duration:.1f} s, {rate:.0f} notices/s"))

    def _progress(self, stream, size):
        def show(report):
            done = min(stream.tell(), size) / size
            bar = "#" * int(done * 30)
            self.stdout.write(f"\r[{bar:<30}] {done:4.0%}  {report.read} notices", ending="")
            self.stdout.flush()

        return show
