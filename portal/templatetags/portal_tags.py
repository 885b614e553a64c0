from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.visibility import visible_pages
from home.models import ServicePage
from newsfeeds.models import ChannelPage

from .. import services
from ..home import render_home_blocks
from ..models import Share

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_home_blocks(context):
    """The agent's own part of the home page (cached per agent, see portal.home)."""
    return mark_safe(render_home_blocks(context["request"]))  # our own template, rendered with escaping


@register.inclusion_tag("portal/includes/follow_button.html", takes_context=True)
def follow_button(context, page):
    """Suivre / Ne plus suivre, for a channel or a service page; a plain form that JS enhances."""
    request = context["request"]
    page = getattr(page, "specific", page)
    followable = isinstance(page, (ChannelPage, ServicePage)) and request.user.is_authenticated
    following = followable and services.is_following(user=request.user, page=page)
    return {
        "request": request,
        "page": page,
        "followable": followable,
        "following": following,
        "kind": "canal" if isinstance(page, ChannelPage) else "service",
        "next": request.get_full_path(),
    }


@register.inclusion_tag("portal/includes/service_shares.html", takes_context=True)
def service_shares(context, page):
    """ "Partagé avec nous": what agents recommended to this service, for its page."""
    request = context["request"]
    shares = Share.objects.filter(service=page, page__live=True).select_related("page", "shared_by")
    shares = visible_pages(shares, request.user, field="page__path")
    shares = list(shares.order_by("-created_at")[:20])
    # Two permission queries, only worth it when there is something to remove.
    can_edit_service = bool(shares) and page.permissions_for_user(request.user).can_edit()
    for share in shares:
        share.removable = can_edit_service or share.shared_by_id == request.user.pk
    return {"request": request, "shares": shares, "service": page, "next": request.get_full_path()}


@register.inclusion_tag("portal/includes/share_link.html", takes_context=True)
def share_link(context, page):
    """A link to recommend this page to a service."""
    return {"url": reverse("portal:share", args=[page.pk]), "page": page}
