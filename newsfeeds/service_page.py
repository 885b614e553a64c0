"""What the news add to a service page (home/service_home.py): the service's latest news, and the
page of all of them (actualites/)."""

from django.core.paginator import Paginator
from django.db.models import Q

from core.params import page_number

from .listing import visible_news, with_thumbnails

NEWS_ON_HOME = 5


def service_news(service, user, *, refused=None):
    """The service's published news items `user` may read, newest first, with their thumbnails:
    written under its page or sent by it (`refused`: the user's refused paths when the caller
    already read them)."""
    return with_thumbnails(
        visible_news(user, paths=refused)
        .filter(Q(service=service) | Q(path__startswith=service.path))
        .select_related("channel")
    )


def news_block(page, request, *, refused):
    return "newsfeeds/includes/service_page_news.html", {
        "news": service_news(page, request.user, refused=refused)[:NEWS_ON_HOME]
    }


def all_news(page, request):
    news = Paginator(service_news(page, request.user), 20).get_page(page_number(request.GET.get("page")))
    return page.render(request, context_overrides={"news_page": news}, template="newsfeeds/service_news.html")
