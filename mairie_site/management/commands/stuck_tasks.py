from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Liste les tâches de fond restées « en cours » (worker tué en pleine tâche) et, avec "
        "--requeue, les remet en file pour qu'un worker les reprenne."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.TASKS_STALE_MINUTES,
            help="minutes depuis le début de la tâche (par défaut TASKS_STALE_MINUTES)",
        )
        parser.add_argument(
            "--requeue",
            action="store_true",
            help="remettre ces tâches en file ; à faire seulement quand aucun worker ne les exécute encore",
        )

    def handle(self, *args, older_than, requeue, **options):
        if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            raise CommandError("Les tâches ne passent pas par la file en base (TASKS_BACKEND=database).")
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        limit = timezone.now() - timedelta(minutes=older_than)
        stuck = DBTaskResult.objects.running().filter(started_at__lt=limit).order_by("started_at")
        for result in stuck:
            started = timezone.localtime(result.started_at)
            self.stdout.write(
                f"{result.id} {result.task_path} commencée le {started:%d/%m/%Y %H:%M:%S} "
                f"par {', '.join(result.worker_ids)}"
            )
        if not requeue:
            self.stdout.write(f"{len(stuck)} tâche(s) bloquée(s).")
            return
        # The status is checked again in the update: a task that has just finished stays finished.
        count = stuck.update(status=TaskResultStatus.READY, started_at=None)
        self.stdout.write(self.style.SUCCESS(f"{count} tâche(s) remise(s) en file."))
