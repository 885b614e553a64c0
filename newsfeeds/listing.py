"""Actualités: every news item an agent may read, from the channels and from the services, newest
first, filtered by channel, by service and by date (a month, or a period), a page at a time, with
their lead images as thumbnails.

A page of the list costs the same number of queries whatever the number of items: the items with
their channel, service and image in one query, their renditions in one more (`with_thumbnails`).
"""

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone
from wagtail.images import get_image_model

from core.params import iso_date, page_number, positive_int, year_month
from core.visibility import refused_paths, visible_pages

PER_PAGE = 20
ON_SECTION_CARD = 4
# The thumbnail's renditions: 320 px wide in the list's column, 640 px for high-density screens.
THUMBNAIL_FILTERS = ("fill-320x180", "fill-640x360")


def with_thumbnails(items):
    """`items` (news items) with their image and its thumbnail renditions read in one query."""
    images = get_image_model().objects.prefetch_renditions(*THUMBNAIL_FILTERS)
    return items.prefetch_related(Prefetch("image", queryset=images))


@dataclass(frozen=True)
class NewsFilters:
    """What the agent asked for in the query string, each value checked (core.params)."""

    canal: int | None = None
    service: int | None = None
    mois: tuple | None = None
    du: date | None = None
    au: date | None = None

    @classmethod
    def from_params(cls, params):
        return cls(
            canal=positive_int(params.get("canal")),
            service=positive_int(params.get("service")),
            mois=year_month(params.get("mois")),
            du=iso_date(params.get("du")),
            au=iso_date(params.get("au")),
        )

    @property
    def active(self):
        return any(getattr(self, field.name) for field in fields(self))

    @property
    def month_value(self):
        return f"{self.mois[0]:04d}-{self.mois[1]:02d}" if self.mois else ""

    def query_string(self):
        """The filters as a query string for the pagination links ("" when none)."""
        values = {"canal": self.canal, "service": self.service, "mois": self.month_value,
                  "du": self.du and self.du.isoformat(), "au": self.au and self.au.isoformat()}
        return urlencode({key: value for key, value in values.items() if value})

    def apply(self, items):
        if self.canal:
            items = items.filter(channel_id=self.canal)
        if self.service:
            items = items.filter(service_id=self.service)
        if self.mois:
            first = date(self.mois[0], self.mois[1], 1)
            items = items.filter(published_at__gte=_start_of(first), published_at__lt=_start_of(_next_month(first)))
        if self.du:
            items = items.filter(published_at__gte=_start_of(self.du))
        if self.au:
            items = items.filter(published_at__lt=_start_of(self.au + timedelta(days=1)))
        return items


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _next_month(first):
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def visible_news(user, *, paths=None):
    """Every live news item `user` may read, in a channel or under a service page, newest first."""
    from .models import NewsItemPage

    return visible_pages(NewsItemPage.objects.live(), user, paths=paths).order_by("-published_at", "-pk")


def news_list(request, index_page):
    """The context of the Actualités list: a page of items, the filters and what they offer."""
    from home.models import ServicePage

    from .models import ChannelPage

    filters = NewsFilters.from_params(request.GET)
    paths = refused_paths(request.user)
    visible = visible_news(request.user, paths=paths)
    items = with_thumbnails(filters.apply(visible).select_related("channel", "service"))
    page = Paginator(items, PER_PAGE).get_page(page_number(request.GET.get("page")))
    channels = visible_pages(ChannelPage.objects.live().descendant_of(index_page), None, paths=paths)
    services = visible_pages(ServicePage.objects.live(), None, paths=paths).filter(
        pk__in=visible.filter(service__isnull=False).values("service")
    )
    return {
        "items": page,
        "filters": filters,
        "query_string": filters.query_string(),
        "channels": list(channels.order_by("path").only("title", "url_path", "path", "depth")),
        "services": list(services.order_by("title").only("title", "path", "depth")),
        "months": list(visible.dates("published_at", "month", order="DESC")),
    }
