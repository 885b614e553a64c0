"""Official notes (notes de service) from the general management and the press review, each in its index."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.visibility import visible_pages

from ..forms import OfficialNoteForm
from ..legal import LegalActMixin
from .base import CouncilSectionOnlyMixin
from .documents import DocumentTextMixin


class OfficialNoteIndexPage(CouncilSectionOnlyMixin, Page):
    """The notes de service, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.SectionPage"]
    subpage_types = ["council.OfficialNotePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Index des notes de service")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notes"] = (
            visible_pages(OfficialNotePage.objects.child_of(self).live(), request.user)
            .select_related("issuing_service").order_by("-effective_date", "-number")
        )
        return context


class OfficialNotePage(LegalActMixin, DocumentTextMixin, Page):
    """A note de service: number, issuing service, audience, effective date, signatory and the signed document."""

    number = models.CharField(_("numéro"), max_length=30, unique=True)
    issuing_service = models.ForeignKey(
        "home.ServicePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("service émetteur"),
    )
    audience = models.CharField(_("destinataires"), max_length=200, default="Tous les agents",
                                help_text=_("La mention imprimée sur la note."))
    audience_services = ParentalManyToManyField(
        "directory.Service", blank=True, related_name="+", verbose_name=_("services destinataires"),
        help_text=_("Avec tous leurs sous-services. Sans service ni groupe, la note est pour tous les agents."),
    )
    audience_groups = ParentalManyToManyField(
        "auth.Group", blank=True, related_name="+", verbose_name=_("groupes destinataires"),
    )
    reading_required = models.BooleanField(
        _("lecture obligatoire"), default=False,
        help_text=_("Les destinataires la voient sur leur portail jusqu'à ce qu'ils en prennent connaissance."),
    )
    reading_deadline = models.DateField(
        _("à lire avant le"), null=True, blank=True,
        help_text=_("Ceux qui n'en ont pas pris connaissance reçoivent une relance par courriel ce jour-là."),
    )
    # Moves on when the issuer asks for a new acknowledgement of a new version (OfficialNoteForm).
    reading_version = models.PositiveIntegerField(_("version à lire"), default=1, editable=False)
    effective_date = models.DateField(_("date d'effet"))
    signatory = models.CharField(_("signataire"), max_length=200, help_text=_("Prénom, nom et qualité."))
    summary = RichTextField(_("objet"), blank=True, features=["bold", "italic", "link", "ul"])
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("note signée (PDF)"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("effective_date")]),
        FieldRowPanel([FieldPanel("issuing_service"), FieldPanel("audience")]),
        FieldPanel("signatory"),
        FieldPanel("summary"),
        FieldPanel("document"),
        MultiFieldPanel([
            FieldPanel("audience_services"),
            FieldPanel("audience_groups"),
            FieldRowPanel([FieldPanel("reading_required"), FieldPanel("reading_deadline")]),
            FieldPanel("new_acknowledgement"),
        ], heading=_("Diffusion et lecture")),
    ]
    base_form_class = OfficialNoteForm
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("document_text"),
        index.FilterField("effective_date"),
        index.FilterField("issuing_service"),  # the service facet on Elasticsearch
    ]
    parent_page_types = ["council.OfficialNoteIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Note de service")
        verbose_name_plural = _("Notes de service")

    def attached_documents(self):
        return [self.document]

    def get_context(self, request, *args, **kwargs):
        from ..reading import acknowledgement_of, is_for

        context = super().get_context(request, *args, **kwargs)
        context["to_acknowledge"] = is_for(self, request.user)
        context["acknowledgement"] = acknowledgement_of(self, request.user) if context["to_acknowledge"] else None
        return context

    @property
    def is_targeted(self):
        return bool(self.audience_services.all() or self.audience_groups.all())

    def answers_for(self, user):
        """Whether `user` is the issuer, an editor of the notes or the Secrétariat (the read report)."""
        from ..audience import answers_for

        return answers_for(self.pk, user)

    def clean(self):
        super().clean()
        if self.reading_required and not self.reading_deadline:
            raise ValidationError({"reading_deadline": _(
                "Une note à lecture obligatoire a une date limite de lecture.")})
        if self.number and OfficialNotePage.objects.filter(number=self.number).exclude(pk=self.pk).exists():
            raise ValidationError({"number": _("Une note de service porte déjà le numéro %(number)s.") % {
                "number": self.number}})


class PressReviewIndexPage(CouncilSectionOnlyMixin, Page):
    """The press reviews, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.SectionPage"]
    subpage_types = ["council.PressReviewPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Index des revues de presse")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reviews = visible_pages(PressReviewPage.objects.child_of(self).live(), request.user)
        context["reviews"] = reviews.order_by("-date")
        return context


class PressReviewPage(DocumentTextMixin, Page):
    """A press review: its date, the PDF put together by the communication team, and its sources."""

    date = models.DateField(_("date"))
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("revue de presse (PDF)"),
    )
    sources = models.TextField(_("sources"), blank=True, help_text=_("Un titre de presse par ligne."))

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("document"), FieldPanel("sources")]
    search_fields = Page.search_fields + [
        index.SearchField("sources"),
        index.SearchField("document_text"),
        index.FilterField("date"),
    ]
    parent_page_types = ["council.PressReviewIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Revue de presse")
        verbose_name_plural = _("Revues de presse")

    def attached_documents(self):
        return [self.document]

    @property
    def source_list(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]
