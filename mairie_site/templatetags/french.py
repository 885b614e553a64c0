"""French typography in templates: `{{ value|date_fr:"j F Y" }}` writes "1er décembre 2026"."""

from django import template

from mairie_site.dates import french_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date_fr(value, format_string="j F Y"):
    return french_date(value, format_string)
