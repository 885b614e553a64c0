"""The mayor's acts (arrêtés and décisions du maire): numbered per year, with their ACTES nature, matter,
signatory, transmission to the prefecture and publication or notification, under the council section."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .. import rules
from ..forms import MayoralActForm
from ..legal import LegalActMixin
from ..nomenclature import MATTER_CHOICES, matter_label
from .base import CouncilSectionOnlyMixin, KeptPublicMixin, ReasonedRevisionMixin, YearRegisterMixin
from .documents import DocumentTextMixin


class MayoralActKind(models.TextChoices):
    ORDER = "arrete", _("Arrêté du maire")
    DECISION = "decision", _("Décision du maire")


class MayoralActNature(models.TextChoices):
    """The ACTES natures a mayor's act may have (1, the deliberation, is the council's)."""

    REGULATORY = rules.NATURE_REGULATORY, _("Acte réglementaire")
    INDIVIDUAL = rules.NATURE_INDIVIDUAL, _("Acte individuel")
    CONTRACT = rules.NATURE_CONTRACT, _("Contrat, convention et avenant")
    BUDGET = rules.NATURE_BUDGET, _("Document budgétaire et financier")
    OTHER = rules.NATURE_OTHER, _("Autre acte")


class MayoralActIndexPage(RoutablePageMixin, YearRegisterMixin, KeptPublicMixin, CouncilSectionOnlyMixin, Page):
    """The register of the mayor's acts: newest first, filtered by year, kind and nature; a PDF per year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.SectionPage"]
    subpage_types = ["council.MayoralActPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Arrêtés et décisions du maire")

    def acts(self):
        return MayoralActPage.objects.child_of(self).live().public().defer("text", "document_text")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        acts = self.acts()
        years = sorted(set(acts.values_list("year", flat=True)), reverse=True)
        filters = {}
        year = request.GET.get("annee", "")
        if year.isdigit() and int(year) in years:
            filters["year"] = int(year)
        if request.GET.get("nature") in MayoralActNature.values:
            filters["nature"] = request.GET["nature"]
        if request.GET.get("type") in MayoralActKind.values:
            filters["kind"] = request.GET["type"]
        context.update(
            acts=acts.filter(**filters).order_by("-signed_on", "-number"),
            years=years,
            natures=MayoralActNature.choices,
            kinds=MayoralActKind.choices,
            selected={"annee": year, "nature": request.GET.get("nature", ""), "type": request.GET.get("type", "")},
        )
        return context

    @path("")
    def register(self, request):
        return self.render(request)

    register_filename = "registre-arretes-{year}.pdf"
    register_missing = "Aucun arrêté ni décision cette année."

    def build_year_register(self, year):
        from ..registers import mayoral_year_register

        return mayoral_year_register(year, within=self)


class MayoralActPage(LegalActMixin, KeptPublicMixin, ReasonedRevisionMixin, DocumentTextMixin, Page):
    """An arrêté or a décision du maire; the page title is its subject (objet).

    A regulatory act (or one neither regulatory nor individual) takes effect once published online,
    an individual act or a contract once notified; either way, once received by the prefecture
    when it must be sent (L2131-1, L2131-2). Only the published ones are shown to the public.
    """

    kind = models.CharField(_("type d'acte"), max_length=10, choices=MayoralActKind.choices,
                            default=MayoralActKind.ORDER)
    number = models.PositiveIntegerField(_("numéro"), help_text=_("Unique dans l'année pour chaque type d'acte."))
    nature = models.CharField(_("nature (nomenclature ACTES)"), max_length=1, choices=MayoralActNature.choices)
    matter = models.CharField(_("matière (nomenclature ACTES)"), max_length=5, choices=MATTER_CHOICES)
    text = RichTextField(_("texte de l'acte"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("acte signé (PDF)"),
    )
    signatory = models.CharField(
        _("signataire"), max_length=200, help_text=_("Prénom, nom et qualité de l'auteur de l'acte.")
    )
    delegation = models.CharField(
        _("délégation"), max_length=300, blank=True,
        help_text=_("Si l'acte est signé par délégation : l'arrêté de délégation, par exemple "
                    "« par délégation du maire, arrêté n° 2026-004 du 06/01/2026 »."),
    )
    signed_on = models.DateField(_("signé le"))

    transmission_required = models.BooleanField(_("transmission au contrôle de légalité obligatoire"), default=True)
    transmitted_on = models.DateField(_("transmis en préfecture le"), null=True, blank=True)
    actes_id = models.CharField(
        _("identifiant @CTES"), max_length=60, blank=True,
        help_text=_("Accusé de réception, par exemple 095-219501426-20240105-A2024_012-AR."),
    )
    acknowledged_on = models.DateField(_("accusé de réception de la préfecture le"), null=True, blank=True)
    online_on = models.DateField(
        _("mis en ligne le"), null=True, blank=True,
        help_text=_("Actes réglementaires et autres actes : date de publication sur le site."),
    )
    notified_on = models.DateField(
        _("notifié le"), null=True, blank=True, help_text=_("Actes individuels et contrats : date de notification."),
    )
    enforceable_on = models.DateField(_("exécutoire le"), null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("année"), editable=False, db_index=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("signed_on")]),
        FieldRowPanel([FieldPanel("nature"), FieldPanel("matter")]),
        FieldPanel("text"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("signatory"), FieldPanel("delegation")]),
        MultiFieldPanel(
            [
                FieldPanel("transmission_required"),
                FieldRowPanel([FieldPanel("transmitted_on"), FieldPanel("acknowledged_on")]),
                FieldPanel("actes_id"),
                FieldRowPanel([FieldPanel("online_on"), FieldPanel("notified_on")]),
            ],
            heading=_("Contrôle de légalité, publication ou notification"),
        ),
        FieldPanel("change_reason"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("text"),
        index.SearchField("document_text"),
        index.SearchField("actes_id"),
        index.SearchField("signatory"),
        index.FilterField("year"),
        index.FilterField("kind"),
        index.FilterField("nature"),
        index.FilterField("matter"),
        index.FilterField("signed_on"),
    ]
    base_form_class = MayoralActForm

    parent_page_types = ["council.MayoralActIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Arrêté ou décision du maire")
        verbose_name_plural = _("Arrêtés et décisions du maire")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="council_mayoral_act_number_per_year"),
        ]
        indexes = [models.Index(fields=["-signed_on", "-number"], name="council_mayoral_act_listing")]

    @property
    def reference(self):
        return f"{self.year}-{self.number:03d}"

    @property
    def matter_label(self):
        return matter_label(self.matter) if self.matter else ""

    @property
    def published_to_public(self):
        """Whether the act takes effect by publication (and so is put online for the public)."""
        return rules.takes_effect_by_publication(self.nature)

    @property
    def made_known_on(self):
        """The date that starts the act's effect: its publication, or its notification."""
        return self.online_on if self.published_to_public else self.notified_on

    @classmethod
    def next_number(cls, year, kind=MayoralActKind.ORDER):
        last = cls.objects.filter(year=year, kind=kind).aggregate(models.Max("number"))["number__max"]
        return (last or 0) + 1

    def attached_documents(self):
        return [self.document]

    def requires_change_reason(self):
        return self.first_published_at is not None

    def online_since(self):
        """The day the act went online for the public (the start of its two months), None if it is notified."""
        if not self.published_to_public:
            return None
        if self.online_on:
            return self.online_on
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    online_date_fields = ("online_on",)

    def record_going_online(self, day):
        if self.published_to_public and self.online_on is None:
            self.online_on = day

    def _compute(self):
        if self.signed_on:
            self.year = self.signed_on.year
        self.enforceable_on = rules.enforceable_date(
            online_on=self.made_known_on, acknowledged_on=self.acknowledged_on,
            transmission_required=self.transmission_required,
        )

    def clean(self):
        super().clean()
        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        self._compute()
        if self.signed_on and self.signed_on > timezone.localdate():
            add("signed_on", _("La date de signature ne peut pas être dans le futur."))
        if self.signed_on and self.number:
            clash = MayoralActPage.objects.filter(kind=self.kind, year=self.year, number=self.number)
            if clash.exclude(pk=self.pk).exists():
                add("number", _("Le numéro %(number)d est déjà attribué en %(year)d (%(kind)s).") % {
                    "number": self.number, "year": self.year, "kind": MayoralActKind(self.kind).label.lower()})
        if self.nature:
            if self.published_to_public and self.notified_on:
                add("notified_on", _("Cet acte prend effet à sa publication : indiquez la date de mise en ligne, "
                                     "pas de notification."))
            if not self.published_to_public and self.online_on:
                add("online_on", _("Un acte individuel ou un contrat prend effet à sa notification et n'est pas "
                                   "mis en ligne : indiquez la date de notification."))
        if not self.transmission_required:
            for field in ("transmitted_on", "acknowledged_on", "actes_id"):
                if getattr(self, field):
                    add(field, _("Cet acte n'est pas transmissible : laissez la transmission vide ou cochez "
                                 "« transmission obligatoire »."))
        if self.actes_id:
            try:
                parts = rules.parse_actes_identifier(self.actes_id)
            except rules.InvalidActesIdentifier as exc:
                add("actes_id", str(exc))
            else:
                self.actes_id = self.actes_id.strip()
                for message in rules.check_actes_nature(nature=self.nature, actes_nature=parts.nature):
                    add("actes_id", message)
                if not self.acknowledged_on:
                    self.acknowledged_on = parts.date
        if self.signed_on:
            for field, label in (("transmitted_on", _("La transmission")), ("acknowledged_on", _("L'accusé de "
                                 "réception")), ("online_on", _("La mise en ligne")), ("notified_on", _("La "
                                 "notification"))):
                day = getattr(self, field)
                if day and day < self.signed_on:
                    add(field, _("%(what)s ne peut pas précéder la signature (%(signed)s).") % {
                        "what": label, "signed": self.signed_on.strftime("%d/%m/%Y")})
        if self.acknowledged_on and self.transmitted_on and self.acknowledged_on < self.transmitted_on:
            add("acknowledged_on", _("L'accusé de réception ne peut pas précéder la transmission."))
        self._compute()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._compute()
        return super().save(*args, **kwargs)
