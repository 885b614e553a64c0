"""RSS of the acts newly put online on the public space: deliberations and the mayor's published acts."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from council import publicity
from council.models import DeliberationPage

from .addresses import act_url

ITEMS = 30


class PublicActsFeed(Feed):
    # Public by law (R2131-1): feed readers and the public have no session.
    login_required = False
    feed_type = Rss201rev2Feed
    language = "fr"
    title = "Actes publiés de la commune"
    description = "Délibérations du conseil municipal, arrêtés et décisions du maire mis en ligne."
    link = reverse_lazy("publication:index")

    def items(self):
        newest = (F("online_on").desc(nulls_last=True), "-first_published_at")
        acts = list(publicity.public_deliberations().defer("text").order_by(*newest)[:ITEMS])
        acts += list(publicity.public_mayoral_acts().defer("text").order_by(*newest)[:ITEMS])
        acts.sort(key=lambda act: (act.online_since(), act.pk), reverse=True)
        return acts[:ITEMS]

    def item_title(self, item):
        if isinstance(item, DeliberationPage):
            return f"Délibération n° {item.reference} : {item.title}"
        return f"{item.get_kind_display()} n° {item.reference} : {item.title}"

    def item_description(self, item):
        if isinstance(item, DeliberationPage):
            return f"{item.matter_label}. {item.get_result_display()}".strip(". ")
        return f"{item.get_nature_display()}. {item.matter_label}"

    def item_link(self, item):
        return act_url(item)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.online_since(), datetime.time(9, 0)))

    def item_guid(self, item):
        return f"acte-public-{item.pk}"

    item_guid_is_permalink = False
