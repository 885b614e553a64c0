"""What the law makes public (CGCT L2131-1, R2131-1, L2121-15, L2121-25), as querysets: the public copy.

Published acts (deliberations, and the mayor's acts that take effect by publication), the sessions
they belong to, their listes des délibérations and approved minutes (procès-verbaux), and the
documents attached to them. An act is public once live, online (its "mis en ligne le" reached) and
under no view restriction: a page restricted to a group, a login or a password is never public,
nor is a document in a collection under a view restriction. Everything else stays on the intranet.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from . import rules
from .models import CouncilSessionPage, DeliberationAnnex, DeliberationList, DeliberationPage, MayoralActPage


def _online(today):
    return Q(online_on__lte=today) | Q(online_on__isnull=True, first_published_at__isnull=False)


def public_sessions():
    return CouncilSessionPage.objects.live().public()


def public_deliberations(*, today=None):
    """Live, public deliberations of live, public sessions, online by `today`."""
    today = today or timezone.localdate()
    return (
        DeliberationPage.objects.live().public()
        .filter(_online(today), council_session__in=public_sessions())
        .select_related("council_session", "rapporteur", "document")
        .defer("document_text")
    )


def public_mayoral_acts(*, today=None):
    """Live, public arrêtés and décisions that take effect by publication, online by `today`."""
    today = today or timezone.localdate()
    return (
        MayoralActPage.objects.live().public()
        .exclude(nature__in=rules.NOTIFIED_NATURES)
        .filter(_online(today))
        .select_related("document")
        .defer("document_text")
    )


def public_lists():
    """The listes des délibérations online, with their session."""
    return DeliberationList.objects.filter(session__in=public_sessions(), document__isnull=False).select_related(
        "session", "document"
    )


def sessions_with_approved_minutes():
    return public_sessions().filter(minutes_approved_in__isnull=False, minutes_document__isnull=False)


def _restricted_collection(document):
    collection = document.collection
    return CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def public_document(document_id):
    """The document if it belongs to a public act (act, annex, liste, approved PV) in a public collection."""
    document = get_document_model().objects.filter(pk=document_id).select_related("collection").first()
    if document is None:
        return None
    pk = document.pk
    deliberations = public_deliberations().values("pk")
    owned = (
        DeliberationPage.objects.filter(pk__in=deliberations, document_id=pk).exists()
        or DeliberationAnnex.objects.filter(deliberation__in=deliberations, document_id=pk).exists()
        or public_mayoral_acts().filter(document_id=pk).exists()
        or public_lists().filter(document_id=pk).exists()
        or sessions_with_approved_minutes().filter(minutes_document_id=pk).exists()
    )
    if not owned or _restricted_collection(document):
        return None
    return document


def minimum_end_of_publication(act):
    """The first day the act may leave the public space (two months after it went online)."""
    return rules.minimum_online_until(act.online_since())
