from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from home.dashboard import Shortcut, add_page_url
from home.models import Section
from home.roles import EDITORS, RoleGrant

from . import admin_views, service_page
from .models import ChannelPage, FeedSource, NewsItemPage


class FeedSourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("newsfeeds.change_feedsource"):
            buttons.append(
                ListingMenuItem(_("Récupérer maintenant"), reverse("newsfeeds_fetch_now", args=[instance.pk]),
                         icon_name="download", priority=15)
            )
        return buttons


class FeedSourceViewSet(ModelViewSet):
    model = FeedSource
    name = "newsfeeds_feedsource"
    url_prefix = "newsfeeds/feedsource"
    menu_label = _("Sources de flux")
    icon = "link-external"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = FeedSourceIndexView
    copy_view_enabled = False
    form_fields = ["name", "url", "site_url", "channel", "active", "moderation", "retention_days",
                   "first_import_max_items"]
    list_display = [
        "name",
        "channel",
        StatusFlagColumn("active", label=_("Active"), true_label=_("Active"), false_label=_("En pause")),
        Column("health", label=_("État")),
        DateColumn("last_success_at", label=_("Dernier succès")),
        Column("consecutive_errors", label=_("Erreurs consécutives")),
        Column("items_imported", label=_("Articles importés")),
    ]
    list_filter = ["active", "moderation", "channel"]
    search_fields = ["name", "url"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "url", "channel", "active", "moderation", "retention_days", "last_fetch_at", "last_success_at",
        "last_status", "consecutive_errors", "next_attempt_at", "last_error", "items_imported", "bytes_downloaded",
    ]  # fmt: skip


@hooks.register("register_admin_viewset")
def register_feed_source_viewset():
    return FeedSourceViewSet()


@hooks.register("register_admin_urls")
def register_newsfeeds_admin_urls():
    return [
        path("newsfeeds/sources/<int:pk>/recuperer/", admin_views.fetch_now, name="newsfeeds_fetch_now"),
        path("newsfeeds/sante/", admin_views.health_report, name="newsfeeds_health"),
        path("newsfeeds/tester-adresse/", admin_views.probe, name="newsfeeds_probe"),
    ]


class HealthReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("newsfeeds.view_feedsource")


@hooks.register("register_reports_menu_item")
def register_health_report_menu_item():
    return HealthReportMenuItem(
        _("Santé des flux"), reverse("newsfeeds_health"), name="feed-health", icon_name="pick", order=650
    )


@hooks.register("register_dashboard_shortcut")
def write_an_article(request):
    # The channels the editors write in themselves come before those filled by a feed.
    channels = ChannelPage.objects.order_by(models.Exists(FeedSource.objects.filter(channel=models.OuterRef("pk"))))
    url = add_page_url(request.user, ChannelPage, NewsItemPage, parents=channels)
    return url and Shortcut(_("Écrire un article"), url, _("dans un canal d'actualités"), icon="edit")


@hooks.register("register_dashboard_shortcut")
def feed_health(request):
    if request.user.has_perm("newsfeeds.view_feedsource"):
        return Shortcut(_("Santé des flux"), reverse("newsfeeds_health"), _("les sources en erreur"), icon="pick")
    return None


hooks.register("register_service_page_block", service_page.news_block, order=10)


@hooks.register("register_service_page_urls")
def register_service_news_url():
    return [path("actualites/", service_page.all_news, name="all_news")]


@hooks.register("register_role_permissions")
def news_roles():
    """The Rédaction owns the news section and the feeds imported into it."""
    feeds = [f"newsfeeds.{action}_feedsource" for action in ("add", "change", "delete", "view")]
    return {EDITORS: RoleGrant(sections=[Section.NEWS], model_permissions=feeds)}
