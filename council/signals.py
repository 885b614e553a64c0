"""Keep the pages that attach documents in step with their extracted text (documents app), and the
archive and lists in step with the acts."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.generations import VISIBILITY
from directory.models import Agent
from documents.text import document_text_changed

from .archive import bump_archive_generation
from .audience import NOTES_AUDIENCE
from .deliberation_lists import refresh_session_list
from .models import (
    CouncilMember,
    CouncilSessionPage,
    DeliberationAnnex,
    DeliberationPage,
    OfficialNotePage,
    PressReviewPage,
)


def pages_using(document):
    """The council pages whose indexed text includes this document."""
    pk = document.pk
    pages = list(DeliberationPage.objects.filter(document_id=pk))
    annexed = DeliberationAnnex.objects.filter(document_id=pk).values_list("deliberation_id", flat=True)
    pages += list(DeliberationPage.objects.filter(pk__in=annexed).exclude(document_id=pk))
    pages += list(
        CouncilSessionPage.objects.filter(convocation_document_id=pk)
        | CouncilSessionPage.objects.filter(agenda_document_id=pk)
        | CouncilSessionPage.objects.filter(minutes_document_id=pk)
    )
    pages += list(OfficialNotePage.objects.filter(document_id=pk))
    pages += list(PressReviewPage.objects.filter(document_id=pk))
    return pages


def document_text_refreshed(sender, document, **kwargs):
    refresh_pages_using(document)


def refresh_pages_using(document):
    """Copy the document's new text into the pages that attach it, and reindex them."""
    for page in pages_using(document):
        text = page.collect_document_text()
        if text != page.document_text:
            type(page).objects.filter(pk=page.pk).update(document_text=text)
            page.document_text = text
            index.insert_or_update_object(page)


def session_published(sender, instance, **kwargs):
    refresh_session_list(CouncilSessionPage.objects.filter(pk=instance.pk).first())


def act_changed(sender, instance, **kwargs):
    """An act published or withdrawn changes its closed session's liste des délibérations."""
    parent = instance.get_parent()
    refresh_session_list(CouncilSessionPage.objects.filter(pk=parent.pk).first() if parent else None)


def restriction_changed(sender, instance, **kwargs):
    """A view restriction added, changed or removed on or above an act changes the published
    liste des délibérations of the closed sessions concerned (it lists what every agent may see)."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    sessions = CouncilSessionPage.objects.filter(closed=True, live=True)
    for session in sessions.filter(path__startswith=page.path) | sessions.filter(
        path__in=[page.path[:end] for end in range(Page.steplen, len(page.path), Page.steplen)]
    ):
        refresh_session_list(session)


def connect():
    # Who may see a targeted note changes with its audience and with an agent's service.
    page_published.connect(VISIBILITY.bump_now_and_on_commit, sender=OfficialNotePage,
                           dispatch_uid="council_note_audience")
    post_save.connect(VISIBILITY.bump_now_and_on_commit, sender=Agent, dispatch_uid="council_agent_service")
    # Whether any note is targeted (council.audience.any_targeted_note) is read again after a note
    # is created, copied, published or deleted.
    # A note's audience is written with the note, after its post_save: page_published follows it.
    for signal in (post_save, post_delete, page_published):
        signal.connect(NOTES_AUDIENCE.bump_now_and_on_commit, sender=OfficialNotePage,
                       dispatch_uid=f"council_notes_audience_{signal}")
    document_text_changed.connect(document_text_refreshed, dispatch_uid="council_document_text")
    for signal in (post_save, post_delete):
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=f"council_list_{signal}")
    for model in (DeliberationPage, CouncilSessionPage, CouncilMember):
        post_save.connect(bump_archive_generation, sender=model, dispatch_uid=f"council_archive_save_{model.__name__}")
        post_delete.connect(bump_archive_generation, sender=model, dispatch_uid=f"council_archive_del_{model.__name__}")
    post_page_move.connect(bump_archive_generation, dispatch_uid="council_archive_move")
    page_published.connect(session_published, sender=CouncilSessionPage, dispatch_uid="council_list_session")
    page_published.connect(act_changed, sender=DeliberationPage, dispatch_uid="council_list_act_published")
    page_unpublished.connect(act_changed, sender=DeliberationPage, dispatch_uid="council_list_act_unpublished")
