from django import template

from core import shell

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    items = [
        {
            **item,
            "is_active": bool(current and current.path.startswith(item["path"])),
            "is_current": bool(current and current.pk == item["pk"]),
        }
        for item in shell.menu_items(context["request"])
    ]
    return {"items": items, "request": context["request"]}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    ancestors = shell.ancestors(context["request"], page) if page is not None else []
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.inclusion_tag("includes/section_cards.html", takes_context=True)
def section_cards(context):
    return {"items": shell.menu_items(context["request"]), "request": context["request"]}


@register.simple_tag(takes_context=True)
def can_access_admin(context):
    return shell.can_access_admin(context["request"])
