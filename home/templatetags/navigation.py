from django import template
from wagtail.models import Page, Site

register = template.Library()


def menu_items(request):
    """The section roots shown in menus: one query per request, whatever the size of the tree."""
    if not hasattr(request, "_menu_items"):
        site = Site.find_for_request(request)
        request._menu_items = []
        if site:
            root = site.root_page
            request._menu_items = list(
                Page.objects.filter(depth=root.depth + 1, path__startswith=root.path)
                .live()
                .in_menu()
                .only("title", "url_path", "path", "depth", "search_description")
            )
    return request._menu_items


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    items = menu_items(context["request"])
    for item in items:
        item.is_active = bool(current and current.path.startswith(item.path))
        item.is_current = bool(current and current.pk == item.pk)
    return {"items": items, "request": context["request"]}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth"))
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.inclusion_tag("includes/section_cards.html", takes_context=True)
def section_cards(context):
    return {"items": menu_items(context["request"]), "request": context["request"]}
