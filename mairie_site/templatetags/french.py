"""Values as an agent reads them: `{{ value|date_fr:"j F Y" }}` writes "1er décembre 2026",
`{{ url|readable_url }}` writes "mediatheque.example/notice/élève" for
"https://mediatheque.example/notice/%C3%A9l%C3%A8ve/", `{{ "présent"|agree:member.civility }}`
writes "présente" for Madame."""

from urllib.parse import unquote

from django import template

from core import gender
from mairie_site.dates import french_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date_fr(value, format_string="j F Y"):
    return french_date(value, format_string)


@register.filter
def readable_url(value):
    """A link's text: decoded (no "%C3%A9"), without the scheme and the trailing slash; the
    href keeps the exact address."""
    text = unquote(str(value or ""))
    for scheme in ("https://", "http://"):
        if text.startswith(scheme):
            text = text[len(scheme):]
    return text.rstrip("/")


@register.filter
def agree(word, civility):
    """`{{ "présent"|agree:member.civility }}`: "présente", "présent" or "présent(e)" (core.gender)."""
    return gender.agree(word, civility)
