"""A share tells the service's editors (home.ServiceEditors' group) by e-mail: a django-tasks task,
so that the sharing agent's request does not wait on the mail server."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


def editors_to_notify(share):
    """The active editors of the shared-with service who have an address, the sharer excepted."""
    from django.contrib.auth import get_user_model

    editors = getattr(share.service, "editors", None)
    if editors is None:
        return []
    users = get_user_model().objects.filter(groups=editors.group_id, is_active=True).exclude(email="")
    if share.shared_by_id:
        users = users.exclude(pk=share.shared_by_id)
    return list(users.order_by("pk").values_list("email", flat=True))


@task()
def notify_share(share_id):
    """Mail the service's editors about one share; a share removed meanwhile is skipped."""
    from .models import Share

    share = Share.objects.select_related("page", "service", "shared_by").filter(pk=share_id).first()
    if share is None:
        return 0
    recipients = editors_to_notify(share)
    if not recipients:
        return 0
    context = {"share": share, "page_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (share.page.url or "/")}
    # One message each: an editor does not see the others' addresses.
    for address in recipients:
        send_mail(
            subject=f"Partagé avec le service {share.service.title} : {share.page.title}",
            message=render_to_string("portal/emails/share.txt", context),
            from_email=None, recipient_list=[address],
        )
    return len(recipients)
