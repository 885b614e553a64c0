from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from home.dashboard import Shortcut, add_page_url
from mairie_site.admin_columns import status_tag, text

from . import admin_views
from .models import ChannelPage, FeedSource, NewsItemPage


class FeedSourceButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.request.user.has_perm("newsfeeds.change_feedsource"):
            buttons.append(
                {
                    "url": reverse("newsfeeds_fetch_now", args=[obj.pk]),
                    "label": _("Récupérer maintenant"),
                    "classname": "button button-small button-secondary",
                    "title": _("Récupérer ce flux maintenant"),
                }
            )
        return buttons


class FeedSourceAdmin(ModelAdmin):
    model = FeedSource
    menu_label = _("Sources de flux")
    menu_icon = "link-external"
    menu_order = 250
    add_to_admin_menu = True
    list_display = (
        "name",
        "channel",
        status_tag("active", _("Active")),
        text("health", _("État")),
        "last_success_at",
        "consecutive_errors",
        "items_imported",
    )
    # No filter on the channel: RelatedFieldListFilter needs django.contrib.admin, which we do not install.
    list_filter = ("active", "moderation")
    search_fields = ("name", "url")
    button_helper_class = FeedSourceButtonHelper
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "url", "channel", "active", "moderation", "retention_days", "last_fetch_at", "last_success_at",
        "last_status", "consecutive_errors", "next_attempt_at", "last_error", "items_imported", "bytes_downloaded",
    ]  # fmt: skip


modeladmin_register(FeedSourceAdmin)


@hooks.register("register_admin_urls")
def register_newsfeeds_admin_urls():
    return [
        path("newsfeeds/sources/<int:pk>/recuperer/", admin_views.fetch_now, name="newsfeeds_fetch_now"),
        path("newsfeeds/sante/", admin_views.health_report, name="newsfeeds_health"),
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
