"""The bouquet of channels and the news items they list."""

from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from core.collation import french
from core.params import page_number
from core.visibility import visible_pages
from home.models import Section, SectionRootChildMixin, ServicePage

from ..forms import ChannelPageForm

ITEMS_PER_PAGE = 20


class NewsItemTag(TaggedItemBase):
    content_object = ParentalKey("newsfeeds.NewsItemPage", on_delete=models.CASCADE, related_name="tagged_items")


class ChannelIndexPage(SectionRootChildMixin, Page):
    """The bouquet ("administration"): every channel an agent may read."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.SectionPage"]
    sections = [Section.NEWS]
    subpage_types = ["newsfeeds.ChannelPage"]

    class Meta:
        verbose_name = _("Bouquet de canaux")

    def get_context(self, request, *args, **kwargs):
        from ..listing import news_list

        context = super().get_context(request, *args, **kwargs)
        context.update(news_list(request, self))
        # Subscriptions belong to the app that keeps them (the portal), which answers this hook.
        followed = {pk for followed_by in hooks.get_hooks("followed_channel_ids") for pk in followed_by(request.user)}
        for channel in context["channels"]:
            channel.followed = channel.pk in followed
        # The agent's own channels first, then the rest of the bouquet, each in the tree's order.
        context["channels"] = sorted(context["channels"], key=lambda channel: not channel.followed)
        return context

    section_card_template = "newsfeeds/includes/section_card.html"

    def section_card(self, request):
        """What the Actualités section shows of the bouquet (home.SectionPage): the latest news."""
        from ..listing import ON_SECTION_CARD, visible_news, with_thumbnails

        items = with_thumbnails(visible_news(request.user).select_related("channel", "service"))
        return {"items": list(items[:ON_SECTION_CARD])}


class ChannelPage(Page):
    """One information channel: its sources feed it, editors may also write in it."""

    description = models.TextField(_("description"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        # Not a field of the page: the channel's FeedSource, created or updated when the page is saved.
        FieldPanel("feed_url", permission="newsfeeds.add_feedsource"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    base_form_class = ChannelPageForm

    parent_page_types = ["newsfeeds.ChannelIndexPage"]
    subpage_types = ["newsfeeds.NewsItemPage"]

    class Meta:
        verbose_name = _("Canal")
        verbose_name_plural = _("Canaux")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        url = self.__dict__.pop("pending_feed_url", None)
        if url is not None:
            from .sources import FeedSource

            FeedSource.attach(self, url)
        return result

    def items(self, user):
        """The channel's live items `user` may see, newest first, with their thumbnails."""
        from ..listing import with_thumbnails

        return with_thumbnails(
            visible_pages(NewsItemPage.objects.live(), user)
            .filter(channel=self)
            .select_related("source", "service")
            .prefetch_related("tagged_items__tag")
            .order_by("-published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.items(request.user), ITEMS_PER_PAGE)
        try:
            items = paginator.page(page_number(request.GET.get("page")))
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        context["items"] = items
        context["sources"] = self.sources.filter(active=True).order_by(french("name"))
        return context


class NewsItemPage(Page):
    """A news item: imported from a source (sanitized) or written by a service."""

    summary = models.TextField(_("résumé"), blank=True)
    body = RichTextField(_("texte"), blank=True)
    original_url = models.URLField(_("lien vers l'original"), max_length=2000, blank=True)
    source = models.ForeignKey(
        "newsfeeds.FeedSource",
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    service = models.ForeignKey(
        "home.ServicePage",
        verbose_name=_("service émetteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.CharField(_("auteur"), max_length=255, blank=True)
    # Chosen by the editor; imported items have none (docs/newsfeeds.md, "Images").
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image d'illustration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Montrée en vignette dans les listes d'actualités et en tête de l'article."),
    )
    published_at = models.DateTimeField(_("date de publication"), default=timezone.now, db_index=True)
    tags = ClusterTaggableManager(through=NewsItemTag, blank=True, verbose_name=_("catégories"))
    # Set from the parent so that the database itself refuses a duplicate item in a channel.
    channel = models.ForeignKey(ChannelPage, on_delete=models.SET_NULL, null=True, editable=False, related_name="+")
    dedup_key = models.CharField(max_length=64, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    update_count = models.PositiveIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("service"), FieldPanel("author"), FieldPanel("published_at"), FieldPanel("tags")],
            heading=_("Publication"),
        ),
        MultiFieldPanel([FieldPanel("original_url"), FieldPanel("source")], heading=_("Origine")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        # The body's text through nh3: much faster than Wagtail's HTML-to-text when importing in batches.
        index.SearchField("body_text"),
        index.SearchField("author"),
        index.FilterField("published_at"),
    ]

    # Under a service page: a news item the service writes itself (home/service_roles.py).
    parent_page_types = ["newsfeeds.ChannelPage", "home.ServicePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "dedup_key"], condition=~Q(dedup_key=""), name="newsfeeds_item_unique_in_channel"
            )
        ]

    def save(self, *args, **kwargs):
        if self.channel_id is None and self.depth and self.depth > 1:
            parent = self.get_parent()
            if parent is not None and parent.specific_class is ChannelPage:
                self.channel_id = parent.pk
            elif parent is not None and issubclass(parent.specific_class, ServicePage) and not self.service_id:
                self.service_id = parent.pk
        return super().save(*args, **kwargs)

    @cached_property
    def body_text(self):
        # Cached: search backends read each indexed field several times per object.
        from core.text import html_to_text as plain_text

        return plain_text(self.body)
