from django.core.management.base import CommandError

from directory.importers.ldap_sync import LdapConfig, LdapConfigurationError, sync_ldap
from mairie_site.management.base import CronCommand


class Command(CronCommand):
    help = (
        "Synchronise l'annuaire avec le LDAP ou l'Active Directory de la collectivité "
        "(paramètres DIRECTORY_LDAP_* de l'environnement, voir docs/directory.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="simuler : afficher le bilan sans rien enregistrer")

    def handle(self, *args, dry_run, **options):
        import ldap3.core.exceptions

        try:
            config = LdapConfig.from_env()
        except LdapConfigurationError as error:
            raise CommandError(f"Configuration LDAP incomplète : {error}") from error
        try:
            report = sync_ldap(config, dry_run=dry_run)
        except ldap3.core.exceptions.LDAPException as error:
            raise CommandError(f"Annuaire LDAP injoignable ou accès refusé ({config.uri}) : {error}") from error
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Avertissement : {warning}"))
        for rejection in report.rejections:
            self.stdout.write(self.style.ERROR(f"Rejeté : {rejection}"))
        self.stdout.write(self.style.SUCCESS(report.summary()))
