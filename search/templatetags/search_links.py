"""Links of the search page that keep the agent's query, filters, sort and display."""

from django import template

register = template.Library()


@register.filter
def page_link(links, number):
    return links.to(page=number)


@register.filter
def display_link(links, display):
    return links.to(affichage=display)


@register.filter
def kind_link(links, kind):
    return links.to(type=kind)
