"""Demo content of three services that publish for themselves: a news item under their page and a
document of their own collection (a real DOCX, its text extracted), linked from one of their pages."""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from .models import DocumentKind, DocumentProfile

SERVICES = {
    "etat-civil": ("Nouveaux horaires du guichet", "Le guichet de l'état civil ouvre le samedi matin.",
                   "Procédure de célébration des mariages", DocumentKind.PROCEDURE,
                   ["Vérifier le dossier de mariage quinze jours avant la célébration.",
                    "Réserver la salle des mariages auprès du secrétariat du maire."]),
    "urbanisme": ("Le PLU modifié est en vigueur", "La modification n° 3 du PLU est exécutoire.",
                  "Instruction des permis de construire", DocumentKind.NOTE,
                  ["Délais d'instruction : deux mois pour une maison individuelle.",
                   "Consulter l'architecte des Bâtiments de France en secteur protégé."]),
    "dsi": ("Migration de la messagerie", "La messagerie change de serveur le week-end prochain.",
            "Demander une intervention", DocumentKind.FORM,
            ["Formulaire de demande d'intervention informatique.",
             "Indiquer le numéro d'inventaire du poste et le bureau."]),
}


def docx_bytes(title, paragraphs):
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def load(stdout):
    from home.models import ServicePage, StandardPage
    from newsfeeds.models import NewsItemPage

    Document = get_document_model()
    for slug, (news_title, summary, doc_title, kind, paragraphs) in SERVICES.items():
        service = ServicePage.objects.filter(slug=slug).first()
        if service is None:
            continue
        if not service.get_children().type(NewsItemPage).exists():
            service.add_child(instance=NewsItemPage(title=news_title, slug=slugify(news_title), summary=summary,
                                                    service=service,
                                                    published_at=timezone.now(), first_published_at=timezone.now()))
        document = Document.objects.filter(title=doc_title, collection=service.editors.collection).first()
        if document is None:
            document = Document(title=doc_title, collection=service.editors.collection)
            document.file.save(f"{slug}.docx", ContentFile(docx_bytes(doc_title, paragraphs)), save=False)
            document.save()
            DocumentProfile.objects.create(document=document, owner_service=service, kind=kind,
                                           document_date=date(2026, 9, 1), review_date=date(2027, 9, 1))
        page = service.get_children().type(StandardPage).filter(title=doc_title).first()
        if page is not None and not page.specific.body:
            page = page.specific
            page.body = [{"type": "document", "value": {"document": document.pk, "label": doc_title}}]
            page.save_revision().publish()
    stdout.write("Documents : trois services publient leurs actualités et leurs documents.")
