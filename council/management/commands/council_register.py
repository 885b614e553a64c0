"""Write the yearly register of deliberations (tables by date and by matter) as a PDF file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from council.registers import year_register


class Command(BaseCommand):
    help = "Édite le registre annuel des délibérations (PDF : table chronologique et table par matière)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="année, par exemple 2025")
        parser.add_argument("--output", help="fichier PDF à écrire (défaut : registre-deliberations-ANNEE.pdf)")

    def handle(self, *args, year, output=None, **options):
        content = year_register(year)
        if content is None:
            raise CommandError(f"Aucune délibération publiée en {year}.")
        target = Path(output or f"registre-deliberations-{year}.pdf")
        try:
            target.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Impossible d'écrire {target} : {error}") from error
        self.stdout.write(f"Registre {year} écrit dans {target} ({len(content)} octets).")
