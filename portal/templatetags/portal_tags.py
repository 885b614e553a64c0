from django import template

register = template.Library()


@register.inclusion_tag("portal/home_blocks.html", takes_context=True)
def portal_home_blocks(context):
    """The agent's own part of the home page."""
    return {"request": context["request"]}
