"""What portal adds to other apps' pages, at the spots their templates open with `{% plugged_in %}`
(hooks registered in wagtail_hooks.py): the agent's part of the home page, the follow button of a
channel or a service page, what agents shared with a service, and the link to share a page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.visibility import visible_pages
from home.models import ServicePage
from newsfeeds.models import ChannelPage

from . import services
from .home import render_home_blocks
from .models import Share

SHARES_ON_SERVICE_PAGE = 20


def home_blocks(request):
    """The agent's own part of the home page (cached per agent, see portal.home)."""
    return mark_safe(render_home_blocks(request))  # our own template, rendered with escaping


def follow_button(request, page):
    """Suivre / Ne plus suivre, for a channel or a service page; a plain form that JS enhances."""
    page = getattr(page, "specific", page)
    if not isinstance(page, (ChannelPage, ServicePage)) or not request.user.is_authenticated:
        return ""
    return render_to_string("portal/includes/follow_form.html", {
        "page": page,
        "following": services.is_following(user=request.user, page=page),
        "kind": "canal" if isinstance(page, ChannelPage) else "service",
        "next": request.get_full_path(),
    }, request)


def service_shares(request, page):
    """ "Partagé avec nous": what agents recommended to this service, for its page."""
    shares = Share.objects.filter(service=page, page__live=True).select_related("page", "shared_by")
    shares = visible_pages(shares, request.user, field="page__path")
    shares = list(shares.order_by("-created_at")[:SHARES_ON_SERVICE_PAGE])
    # Two permission queries, only worth it when there is something to remove.
    can_edit_service = bool(shares) and page.permissions_for_user(request.user).can_edit()
    for share in shares:
        share.removable = can_edit_service or share.shared_by_id == request.user.pk
    return render_to_string("portal/includes/service_shares.html", {
        "shares": shares, "service": page, "next": request.get_full_path(),
    }, request)


def share_link(request, page):
    """A link to recommend this page to a service."""
    return render_to_string("portal/includes/share_link.html", {
        "url": reverse("portal:share", args=[page.pk]), "page": page,
    }, request)
