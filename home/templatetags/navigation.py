from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The section roots shown in menus: one query, whatever the size of the tree."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        items = list(
            Page.objects.filter(depth=site.root_page.depth + 1, path__startswith=site.root_page.path)
            .live()
            .in_menu()
            .only("title", "url_path", "path", "depth")
        )
    for item in items:
        item.is_active = bool(current and current.path.startswith(item.path))
        item.is_current = bool(current and current.pk == item.pk)
    return {"items": items, "request": request}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth"))
    return {"ancestors": ancestors, "page": page, "request": context["request"]}
