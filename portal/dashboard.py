"""Aggregate figures for the editors: adoption of the portal, never who read what."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Sum
from django.utils import timezone

from .models import DigestFrequency, ItemReadCount, PortalProfile, Subscription, WeeklyActivity
from .services import week_start

WEEKS = 8


def figures(*, now=None):
    now = now or timezone.now()
    this_week = week_start(now)
    first_week = this_week - timezone.timedelta(weeks=WEEKS - 1)
    weekly = dict(
        WeeklyActivity.objects.filter(week__gte=first_week)
        .values("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    weeks = [first_week + timezone.timedelta(weeks=i) for i in range(WEEKS)]
    active_weeks = [{"week": week, "agents": weekly.get(week, 0)} for week in weeks]
    agents = get_user_model().objects.filter(is_active=True).count()
    chose = PortalProfile.objects.filter(bouquet_chosen=True, user__is_active=True).count()
    most_followed = _most_followed("channel")
    most_followed_services = _most_followed("service")
    most_read = list(
        ItemReadCount.objects.filter(week__gte=this_week - timezone.timedelta(weeks=3))
        .values("page__title")
        .annotate(n=Sum("count"))
        .order_by("-n", "page__title")[:10]
    )
    digests = dict(
        PortalProfile.objects.filter(user__is_active=True)
        .values("digest_frequency")
        .annotate(n=Count("pk"))
        .values_list("digest_frequency", "n")
    )
    return {
        "agents": agents,
        "active_weeks": active_weeks,
        "chose_count": chose,
        "chose_share": round(100 * chose / agents) if agents else 0,
        "most_followed": most_followed,
        "most_followed_services": most_followed_services,
        "most_read": most_read,
        "digest_daily": digests.get(DigestFrequency.DAILY, 0),
        "digest_weekly": digests.get(DigestFrequency.WEEKLY, 0),
    }


def _most_followed(field):
    return list(
        Subscription.objects.filter(**{f"{field}__isnull": False})
        .values(f"{field}__title")
        .annotate(n=Count("pk"))
        .order_by("-n", f"{field}__title")[:10]
    )
