"""Invalidate the agents' cached home blocks when shared content changes."""

from django.apps import apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished

from newsfeeds.models import NewsItemPage

from .home import offer_welcome_at_login
from .models import Announcement, Application, DefaultSubscriptions, Share
from .services import bump_global_generation, bump_user_generation


def content_changed(sender, **kwargs):
    bump_global_generation()


def acknowledged(sender, instance, **kwargs):
    """A note acknowledged leaves the agent's home page (council's `portal_home_blocks`)."""
    bump_user_generation(instance.user_id)


def connect():
    user_logged_in.connect(offer_welcome_at_login, dispatch_uid="portal_offer_welcome")
    page_published.connect(content_changed, dispatch_uid="portal_page_published")
    page_unpublished.connect(content_changed, dispatch_uid="portal_page_unpublished")
    # The whole home page is cached too (portal.home.serve_cached_home): its editorial, footer and
    # menu come from these.
    shell = [apps.get_model("home", name) for name in ("HomeEditorial", "TownSettings")]
    if apps.is_installed("council"):
        post_save.connect(acknowledged, sender="council.NoteAcknowledgement", dispatch_uid="portal_acknowledged")
    for model in (NewsItemPage, Announcement, Application, DefaultSubscriptions, Share, Page, Site, *shell):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"portal_saved_{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"portal_deleted_{model.__name__}")
