"""Aggregate figures for the editors' dashboard: never a per-agent reading history.

Weekly activity stores a keyed hash of the agent, enough to count distinct agents per week
and not to tell who they are; reads are counters per item and per week, with no agent at all.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models


def agent_key(user_id):
    message = f"portal-activity:{user_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


class WeeklyActivity(models.Model):
    week = models.DateField(db_index=True)
    agent_key = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["week", "agent_key"], name="portal_activity_once_a_week")]

    def __str__(self):
        return f"{self.week}"


class ItemReadCount(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "week"], name="portal_read_count_per_week")]

    def __str__(self):
        return f"{self.page_id} ({self.week}) : {self.count}"
