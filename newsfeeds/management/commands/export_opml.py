from django.core.management.base import BaseCommand, CommandError

from newsfeeds.models import ChannelPage, FeedSource
from newsfeeds.opml import export_opml


class Command(BaseCommand):
    help = "Écrit la liste des sources au format OPML (sur la sortie standard ou dans un fichier)."

    def add_arguments(self, parser):
        parser.add_argument("--channel", help="slug d'un canal : n'exporter que ses sources")
        parser.add_argument("--output", "-o", help="fichier de sortie (sinon la sortie standard)")

    def handle(self, *args, channel=None, output=None, **options):
        sources = FeedSource.objects.select_related("channel").order_by("channel__path", "name")
        if channel:
            target = ChannelPage.objects.filter(slug=channel).first()
            if target is None:
                raise CommandError(f"Canal introuvable : {channel}.")
            sources = sources.filter(channel=target)
        data = export_opml(sources)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"{sources.count()} source(s) écrite(s) dans {output}.")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
