"""Columns for the wagtail-modeladmin lists, in Wagtail's own style.

wagtail-modeladmin draws a boolean field with django.contrib.admin's icons, which this project does
not serve (a broken image whose alternative text is "True"); a property gets its Python name as
header. These columns render Wagtail's status tags and carry a French header.
"""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

YES = _("Oui")
NO = _("Non")


def status_tag(field_name, label):
    """A list column showing `field_name` (a boolean) as a Wagtail status tag, sortable."""

    def column(obj):
        value = bool(getattr(obj, field_name))
        modifier = " w-status--primary" if value else ""
        return format_html('<span class="w-status{}">{}</span>', modifier, YES if value else NO)

    column.__name__ = f"{field_name}_tag"
    column.short_description = label
    column.admin_order_field = field_name
    column.allow_tags = True
    return column


def text(attribute, label):
    """A list column showing a property (computed, not sortable) under a French header."""

    def column(obj):
        return getattr(obj, attribute)

    column.__name__ = attribute
    column.short_description = label
    return column
