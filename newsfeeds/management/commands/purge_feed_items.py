from datetime import timedelta

from django.utils import timezone

from mairie_site.management.base import CronCommand
from newsfeeds.models import FeedSource, NewsItemPage


class Command(CronCommand):
    help = (
        "Supprime les articles importés plus anciens que la durée de conservation de leur source. "
        "Ils ne seront pas réimportés."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compter sans supprimer")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        total = 0
        for source in FeedSource.objects.filter(retention_days__gt=0).order_by("pk"):
            horizon = now - timedelta(days=source.retention_days)
            expired = NewsItemPage.objects.filter(source=source, published_at__lt=horizon)
            count = expired.count()
            if count and not dry_run:
                # One page at a time: Wagtail's delete keeps the tree, the search index and the
                # tombstones (post_delete) consistent.
                for page in expired.iterator():
                    page.delete()
            total += count
            if count:
                self.stdout.write(
                    f"#{source.pk} {source.name} : {count} article(s) de plus de {source.retention_days} jours"
                )
        prefix = "[essai à blanc] " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{total} article(s) supprimé(s)."))
