"""Where a template lets the apps above it plug in: `{% plugged_in "hook" page %}` renders, in the
hooks' `order`, the HTML that each function registered under the Wagtail hook `hook` returns for
`(request, *arguments)` ("" when it has nothing to add). The template names the spot, never the app
that fills it (docs/architecture.md, "How an app plugs in")."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def plugged_in(context, hook_name, *arguments):
    request = context["request"]
    fragments = (fragment(request, *arguments) for fragment in hooks.get_hooks(hook_name))
    return mark_safe("".join(conditional_escape(html) for html in fragments))
