"""RSS of the newest council acts: deliberations and official notes, newest first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from core.text import html_to_text
from core.visibility import refused_paths, visible_pages

from .models import DeliberationPage, OfficialNotePage

ITEMS = 30


class NewActsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Conseil municipal : nouveaux actes"
    description = "Délibérations et notes de service publiées sur l'intranet."
    link = "/conseil/"

    def get_object(self, request, *args, **kwargs):
        return request.user  # the acts listed are those this agent may see

    def items(self, user):
        refused = refused_paths(user)
        deliberations = (
            visible_pages(DeliberationPage.objects.live(), user, paths=refused)
            .defer("text", "document_text").order_by("-first_published_at")
        )
        notes = visible_pages(OfficialNotePage.objects.live(), user, paths=refused).order_by("-first_published_at")
        merged = list(deliberations[:ITEMS]) + list(notes[:ITEMS])
        merged.sort(key=lambda page: page.first_published_at, reverse=True)
        return merged[:ITEMS]

    def item_title(self, item):
        if isinstance(item, DeliberationPage):
            return f"Délibération {item.reference} : {item.title}"
        return f"Note de service {item.number} : {item.title}"

    def item_description(self, item):
        if isinstance(item, DeliberationPage):
            return f"{item.matter_label}. {item.get_result_display()}".strip(". ")
        return html_to_text(item.summary, max_length=500)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_guid(self, item):
        return f"acte-{item.pk}"

    item_guid_is_permalink = False
