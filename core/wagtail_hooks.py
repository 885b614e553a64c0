"""The admin page chooser shows an editor the pages of their own sections (where they hold a page
permission, with the ancestors that lead there) and, elsewhere, only what they may see on the site:
live pages under the visibility rule. Drafts and private pages of other sections stay unnamed."""

from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .visibility import refused_paths, under_q


def chooser_pages_q(user):
    """A Q over pages: those `user` may choose in the admin (None: every page, for superusers)."""
    if user.is_superuser:
        return None
    permitted = [permission.page.path for permission in PagePermissionPolicy().get_cached_permissions_for_user(user)]
    own = under_q(permitted)  # the pages at or below a page the editor holds a permission on
    leading_there = {path[:end] for path in permitted for end in range(Page.steplen, len(path), Page.steplen)}
    refused = refused_paths(user)
    visible = Q(live=True) & ~under_q(refused) if refused else Q(live=True)
    return own | Q(path__in=leading_there) | visible


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    allowed = chooser_pages_q(request.user)
    return pages if allowed is None else pages.filter(allowed)
