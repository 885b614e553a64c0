from django.core.management.base import BaseCommand, CommandError

from mairie_site.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde dans une base vide, puis rappelle les vérifications à faire "
        "(migrate --check, fixtree, update_index)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="dossier de sauvegarde (écrit par la commande backup)")
        parser.add_argument("--database-url", help="base cible, vide (par défaut la base configurée)")
        parser.add_argument("--media-root", help="dossier des médias (par défaut MEDIA_ROOT)")

    def handle(self, *args, source, database_url=None, media_root=None, **options):
        try:
            manifest = restore(source, database_url=database_url, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde du {manifest['created_at']} restaurée."))
        self.stdout.write("Ensuite : manage.py migrate --check, manage.py fixtree, manage.py update_index.")
