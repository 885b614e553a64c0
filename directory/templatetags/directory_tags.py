from django import template

from ..phones import tel_uri

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_route(context, name, *args):
    """The URL of one of the directory page's routes, without a query per call."""
    page = context["page"]
    return context["directory_url"] + page.reverse_subpage(name, args=list(args) or None)


@register.filter
def tel(number, extension=""):
    return tel_uri(number, extension)
