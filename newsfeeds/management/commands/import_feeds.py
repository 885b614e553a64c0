from django.core.management.base import CommandError

from mairie_site.management.base import CronCommand
from newsfeeds.importer.run import run_import
from newsfeeds.models import FeedSource
from newsfeeds.tasks import fetch_source

STATUS_LABELS = {
    "fetched": "récupéré",
    "not_modified": "non modifié (304)",
    "unchanged": "inchangé",
    "error": "ERREUR",
    "skipped": "ignoré",
}

TASK_LABELS = {"READY": "en file", "RUNNING": "en cours", "SUCCESSFUL": "exécutée", "FAILED": "en échec"}


def human_bytes(n):
    for unit in ("o", "Ko", "Mo", "Go"):
        if n < 1024 or unit == "Go":
            return f"{n:.0f} {unit}" if unit == "o" else f"{n:.1f} {unit}".replace(".", ",")
        n /= 1024


class Command(CronCommand):
    help = (
        "Récupère les flux des sources actives et crée ou met à jour leurs articles. "
        "Sans danger en cron toutes les quelques minutes, même si deux exécutions se chevauchent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=int,
            action="append",
            dest="source_ids",
            metavar="ID",
            help="ne traiter que cette source (répétable)",
        )
        parser.add_argument(
            "--force", action="store_true", help="ignorer l'attente après erreur et les en-têtes conditionnels"
        )
        parser.add_argument("--dry-run", action="store_true", help="tout vérifier sans rien enregistrer")
        parser.add_argument("--workers", type=int, default=4, help="serveurs interrogés en parallèle (défaut 4)")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="mettre en file une tâche django-tasks par source (exécutée par le worker, TASKS_BACKEND=database)",
        )

    def handle(
        self, *args, source_ids=None, force=False, dry_run=False, workers=4, queue=False, verbosity=1, **options
    ):
        if queue and dry_run:
            raise CommandError("--queue et --dry-run ne se combinent pas : un essai à blanc ne met rien en file.")
        sources = FeedSource.objects.select_related("channel").order_by("pk")
        if source_ids:
            sources = sources.filter(pk__in=source_ids)
            missing = set(source_ids) - set(sources.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"Source(s) introuvable(s) : {', '.join(map(str, sorted(missing)))}.")
        elif not force:
            sources = sources.due()
        else:
            sources = sources.filter(active=True)
        if queue:
            self.enqueue(sources, force, verbosity)
            return
        interactive = verbosity >= 1 and getattr(self.stdout, "isatty", lambda: False)()

        def on_report(report, done, total):
            if interactive:
                self.stdout.write(f"\r[{done}/{total}] ", ending="")
            if verbosity >= 1:
                self.stdout.write(self.format_line(report))

        run = run_import(list(sources), force=force, dry_run=dry_run, workers=workers, on_report=on_report)
        for report in run.sources:
            if report.status == "skipped" and verbosity >= 1:
                self.stdout.write(self.format_line(report))
        not_modified = run.count("not_modified") + run.count("unchanged")
        summary = (
            f"Résumé : {len(run.sources)} source(s), {run.count('fetched')} récupérée(s), "
            f"{not_modified} non modifiée(s), {run.count('error')} erreur(s), {human_bytes(run.bytes)} téléchargés ; "
            f"articles : {run.items.summary()}."
        )
        self.stdout.write(self.style.SUCCESS(summary) if not run.count("error") else self.style.WARNING(summary))

    def enqueue(self, sources, force, verbosity):
        """One task per source; each task claims its source with a lease, as a run does."""
        results = [(source, fetch_source.enqueue(source.pk, force)) for source in sources]
        if verbosity >= 1:
            for source, result in results:
                label = TASK_LABELS.get(result.status, result.status)
                self.stdout.write(f"#{source.pk} {source.name} : tâche {result.id} {label}")
        self.stdout.write(self.style.SUCCESS(f"Résumé : {len(results)} tâche(s) mise(s) en file."))

    def format_line(self, report):
        source = report.source
        label = STATUS_LABELS.get(report.status, report.status)
        line = f"#{source.pk} {source.name} : {label}"
        if report.status == "fetched":
            line += f", {report.store.summary()}, {human_bytes(report.bytes)}"
            for rejection in report.store.rejections:
                line += f"\n    rejeté : {rejection}"
            for warning in report.store.warnings:
                line += f"\n    avertissement : {warning}"
        elif report.error:
            line += f" — {report.error}"
        if report.status == "error":
            return self.style.ERROR(line)
        return line
