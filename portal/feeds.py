"""RSS 2.0 and Atom feeds of channels, services and each agent's bouquet.

The site is private and feed readers do not log in: every feed address carries the agent's
secret token, which they can regenerate or revoke; an unknown or revoked token gets 404.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from core.visibility import visible_pages
from home.models import ServicePage
from newsfeeds.models import ChannelPage

from . import services
from .models import PortalProfile

FEED_ITEMS = 30


def profile_for_token(token):
    profile = (
        PortalProfile.objects.filter(feed_token=token, user__is_active=True).select_related("user").first()
        if token
        else None
    )
    if profile is None:
        raise Http404("Flux inconnu ou désactivé.")
    return profile


def _followed_page(model, token, pk):
    """The channel or service of a feed address, if the token's agent may see it (else 404)."""
    user = profile_for_token(token).user
    page = get_object_or_404(visible_pages(model.objects.live(), user), pk=pk)
    page.feed_user = user  # whose feed it is: the items listed are those this agent may see
    return page


class ItemsFeed(Feed):
    # A feed reader has no session: the token in the address is the only credential.
    login_required = False
    feed_type = Rss201rev2Feed
    language = "fr"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def items(self, obj):
        return services.items_for(user=obj.feed_user, **self.selection(obj), limit=FEED_ITEMS)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.channel.title] if item.channel else []


class ChannelFeed(ItemsFeed):
    def get_object(self, request, token, pk):
        return _followed_page(ChannelPage, token, pk)

    def selection(self, channel):
        return {"channel_ids": [channel.pk]}

    def title(self, channel):
        return f"{channel.title} — intranet"

    def link(self, channel):
        return channel.get_url()

    def description(self, channel):
        return channel.description or f"Les derniers articles du canal {channel.title}."


class ServiceFeed(ItemsFeed):
    def get_object(self, request, token, pk):
        return _followed_page(ServicePage, token, pk)

    def selection(self, service):
        return {"service_ids": [service.pk]}

    def title(self, service):
        return f"{service.title} — actualités du service"

    def link(self, service):
        return service.get_url()

    def description(self, service):
        return service.mission or f"Les actualités du service {service.title}."


class PersonalFeed(ItemsFeed):
    title = "Mon portail — intranet"
    description = "Les derniers articles des canaux et des services que je suis."

    def get_object(self, request, token):
        profile = profile_for_token(token)
        profile.feed_user = profile.user
        return profile

    def selection(self, profile):
        channel_ids, service_ids = services.followed_ids(profile.user)
        return {"channel_ids": channel_ids, "service_ids": service_ids}

    def link(self, profile):
        return "/"


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)


class ChannelAtomFeed(AtomMixin, ChannelFeed):
    pass


class ServiceAtomFeed(AtomMixin, ServiceFeed):
    pass


class PersonalAtomFeed(AtomMixin, PersonalFeed):
    pass
