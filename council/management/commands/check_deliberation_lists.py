"""Warn the clerks when a closed session's liste des délibérations is not online a week later (L2121-25).

Run daily (cron or systemd timer). Idempotent: it only reads, and sends one e-mail per run.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from council import rules
from council.models import CouncilSessionPage
from home.roles import CLERKS


def overdue_sessions(today):
    sessions = CouncilSessionPage.objects.filter(closed=True, list_online_on__isnull=True).order_by("date")
    return [
        session
        for session in sessions
        if rules.list_overdue(
            session_date=timezone.localdate(session.date), closed=True, list_online_on=None, today=today
        )
    ]


class Command(BaseCommand):
    help = "Avertit le greffe des listes de délibérations non mises en ligne sous huit jours."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="affiche sans envoyer de courriel")

    def handle(self, *args, dry_run=False, **options):
        late = overdue_sessions(timezone.localdate())
        if not late:
            self.stdout.write("Toutes les listes des délibérations sont en ligne dans les délais.")
            return
        lines = [f"- {session.title} (séance du {timezone.localtime(session.date):%d/%m/%Y})" for session in late]
        body = (
            "La liste des délibérations doit être affichée et mise en ligne dans la semaine qui suit la séance "
            "(article L2121-25 du CGCT). Elle n'est pas encore en ligne pour :\n" + "\n".join(lines)
        )
        self.stdout.write(body)
        if dry_run:
            return
        recipients = list(
            get_user_model().objects.filter(groups__name=CLERKS, is_active=True)
            .exclude(email="").values_list("email", flat=True).distinct()
        )
        if recipients:
            send_mail("Listes des délibérations en retard", body, None, recipients)
