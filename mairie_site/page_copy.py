"""Copying a page in the admin: all or nothing, and a rule the copy breaks is a French message.

Wagtail's copy view saves the copy (and its subpages) without catching what a page type's own
rules raise from `save`: a ValidationError, or an IntegrityError from a unique constraint,
answered 500 and could leave half a recursive copy behind. The copy URL is routed here first,
for every page type, whatever viewset serves it.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.viewsets.pages import page_viewset_registry

logger = logging.getLogger(__name__)

wagtail_copy_view = page_viewset_registry.as_view("copy", page_id_kwarg="page_id")


def copy_page(request, page_id):
    try:
        with transaction.atomic():
            return wagtail_copy_view(request, page_id=page_id)
    except (ValidationError, IntegrityError) as error:
        logger.info("page %s not copied by %s: %r", page_id, request.user.get_username(), error)
        if isinstance(error, ValidationError):
            reasons = " ".join(error.messages)
        else:
            reasons = _("une page portant la même adresse ou le même numéro existe déjà.")
        messages.error(request, _("La page n'a pas été copiée : %(reasons)s") % {"reasons": reasons})
        return redirect(request.get_full_path())
