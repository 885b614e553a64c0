"""Keep the listes des délibérations online (L2121-25) and warn the clerks of late lists and minutes (L2121-15).

Run daily (cron or systemd timer). First (re)generates the list of every closed, published session
(idempotent: an unchanged list is left alone), then e-mails the Greffe the sessions held more than
a week ago whose list is still not online, closed or not. --dry-run changes and sends nothing.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone

from council.deliberation_lists import overdue_minutes, overdue_sessions, publish_deliberation_list, sessions_due
from mairie_site.management.base import CronCommand

LABELS = {"created": "créées", "updated": "mises à jour", "unchanged": "inchangées"}


def overdue_minutes_message(sessions):
    lines = [
        f"- {session.title} (procès-verbal approuvé le {timezone.localtime(session.minutes_approved_in.date):%d/%m/%Y})"
        for session in sessions
    ]
    return (
        "Le procès-verbal doit être mis en ligne dans la semaine qui suit la séance qui l'approuve "
        "(article L2121-15 du CGCT). Il n'est pas encore en ligne pour :\n" + "\n".join(lines)
        + "\nSoumettez la séance à la validation du secrétariat général une fois le procès-verbal joint."
    )


def overdue_message(sessions):
    lines = [
        f"- {session.title} (séance du {timezone.localtime(session.date):%d/%m/%Y}"
        f"{'' if session.closed else ', séance non close'})"
        for session in sessions
    ]
    return (
        "La liste des délibérations doit être affichée et mise en ligne dans la semaine qui suit la séance "
        "(article L2121-25 du CGCT). Elle n'est pas encore en ligne pour :\n" + "\n".join(lines)
        + "\nCochez « séance close » et publiez la séance : la liste est générée automatiquement."
    )


class Command(CronCommand):
    help = "Génère les listes des délibérations des séances closes et avertit le greffe des retards."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="ne génère rien et n'envoie aucun courriel")

    def handle(self, *args, dry_run=False, **options):
        if not dry_run:
            counts = dict.fromkeys(LABELS, 0)
            for session in sessions_due():
                counts[publish_deliberation_list(session)] += 1
            summary = ", ".join(f"{LABELS[key]} : {n}" for key, n in counts.items())
            self.stdout.write(f"Listes des délibérations : {summary}")
        today = timezone.localdate()
        late, minutes = overdue_sessions(today), overdue_minutes(today)
        if not late and not minutes:
            self.stdout.write(
                "Toutes les listes des délibérations et tous les procès-verbaux sont en ligne dans les délais."
            )
            return
        body = "\n\n".join(
            [overdue_message(late)] * bool(late) + [overdue_minutes_message(minutes)] * bool(minutes)
        )
        self.stdout.write(body)
        if dry_run:
            return
        recipients = list(
            get_user_model().objects.with_perm(
                "council.follow_publication_deadlines", include_superusers=False,
                backend="mairie_site.auth.ModelBackend",
            )
            .filter(is_active=True)
            .exclude(email="").values_list("email", flat=True).distinct()
        )
        if recipients:
            send_mail("Listes des délibérations et procès-verbaux en retard", body, None, recipients)
