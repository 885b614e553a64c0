"""What the management commands that cron runs share (deploy/intranet.cron.example)."""

from django.core.management.base import BaseCommand


class CronCommand(BaseCommand):
    """A command cron runs every few minutes or every night.

    It starts without Django's system checks: they import every URL module (the Wagtail admin's,
    the API's) and walk every model at each start, about a third of the start-up, and they
    belong to the deployment (`manage.py check --deploy`, docs/deployment.md), not to each run.
    """

    requires_system_checks = []
