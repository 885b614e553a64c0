"""Deliberations: the acts voted by the council, with their vote, transmission and publication dates."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import rules
from ..forms import DeliberationForm
from ..legal import LegalActMixin
from ..nomenclature import MATTER_CHOICES, matter_label
from .base import KeptPublicMixin, ReasonedRevisionMixin
from .documents import DocumentTextMixin
from .sessions import CouncilSessionPage, _member_name


class VoteResult(models.TextChoices):
    ADOPTED = rules.ADOPTED, _("adoptée")
    REJECTED = rules.REJECTED, _("rejetée")


class CastingVote(models.TextChoices):
    FOR = rules.CASTING_FOR, _("pour")
    AGAINST = rules.CASTING_AGAINST, _("contre")


class DeliberationAnnex(Orderable):
    """A document annexed to a deliberation; its text is indexed with the deliberation."""

    deliberation = ParentalKey("council.DeliberationPage", on_delete=models.CASCADE, related_name="annexes")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("intitulé"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("annexe")
        verbose_name_plural = _("annexes")

    def __str__(self):
        return self.title or self.document.title


class NamedVote(Orderable):
    """How one councillor voted on a deliberation in a public ballot (L2121-15: names in the minutes)."""

    deliberation = ParentalKey("council.DeliberationPage", on_delete=models.CASCADE, related_name="named_votes")
    member = models.ForeignKey(
        "council.CouncilMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("élu")
    )
    vote = models.CharField(_("vote"), max_length=12, choices=[
        (rules.VOTE_FOR, _("pour")), (rules.VOTE_AGAINST, _("contre")),
        (rules.VOTE_ABSTENTION, _("abstention")), (rules.VOTE_NOT_VOTING, _("ne prend pas part au vote")),
    ])

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("vote")])]

    class Meta(Orderable.Meta):
        verbose_name = _("vote nominatif")
        verbose_name_plural = _("votes nominatifs")


class DeliberationPage(LegalActMixin, KeptPublicMixin, ReasonedRevisionMixin, DocumentTextMixin, Page):
    """A deliberation of the council; the page title is its subject (objet)."""

    # Search results date an act by its session, not by the day it was loaded.
    search_result_date_field = "session_date"

    number = models.PositiveIntegerField(_("numéro"), help_text=_("Unique dans l'année."))
    order = models.PositiveSmallIntegerField(_("numéro d'ordre dans la séance"), default=1)
    rapporteur = models.ForeignKey(
        "council.CouncilMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("rapporteur"),
    )
    matter = models.CharField(_("matière (nomenclature ACTES)"), max_length=5, choices=MATTER_CHOICES)
    text = RichTextField(_("texte de la délibération"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("acte signé (PDF)"),
    )
    signatory = models.CharField(
        _("signataire"), max_length=200, blank=True, help_text=_("Prénom, nom et qualité de l'auteur de l'acte.")
    )
    budget_year = models.CharField(
        _("exercice budgétaire"), max_length=9, blank=True,
        help_text=_("AAAA ou AAAA/AAAA, si l'acte a un impact budgétaire."),
    )
    budget_name = models.CharField(_("budget"), max_length=200, blank=True)

    votes_for = models.PositiveSmallIntegerField(_("pour"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("contre"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    not_voting = models.PositiveSmallIntegerField(_("ne prennent pas part au vote"), null=True, blank=True)
    secret_ballot = models.BooleanField(_("scrutin secret"), default=False)
    casting_vote = models.CharField(
        _("voix prépondérante du président"), max_length=8, choices=CastingVote.choices, blank=True,
        help_text=_("En cas de partage égal des voix (hors scrutin secret)."),
    )
    result = models.CharField(_("résultat"), max_length=8, choices=VoteResult.choices, blank=True)

    transmitted_on = models.DateField(_("transmise en préfecture le"), null=True, blank=True)
    actes_id = models.CharField(
        _("identifiant @CTES"), max_length=60, blank=True,
        help_text=_("Accusé de réception, par exemple 095-219501426-20240105-032024-DE."),
    )
    actes_department = models.CharField(_("département"), max_length=3, blank=True, editable=False)
    actes_siren = models.CharField(_("SIREN"), max_length=9, blank=True, editable=False)
    actes_date = models.DateField(_("date de l'acte (@CTES)"), null=True, blank=True, editable=False)
    actes_number = models.CharField(_("numéro @CTES"), max_length=15, blank=True, editable=False)
    actes_nature = models.CharField(_("nature @CTES"), max_length=2, blank=True, editable=False)
    acknowledged_on = models.DateField(_("accusé de réception de la préfecture le"), null=True, blank=True)
    prefecture_id = models.CharField(
        _("identifiant du contrôle de légalité"), max_length=9, blank=True,
        help_text=_("PREFNNN, SPREFNNNM ou SGARNNN (données ouvertes SCDL)."),
    )
    transmission_required = models.BooleanField(_("transmission au contrôle de légalité obligatoire"), default=True)
    online_on = models.DateField(_("mise en ligne le"), null=True, blank=True)
    enforceable_on = models.DateField(_("exécutoire le"), null=True, blank=True, editable=False)

    # Copied from the parent session on save so that the archive filters and exports without tree queries.
    council_session = models.ForeignKey(
        "council.CouncilSessionPage", on_delete=models.SET_NULL, null=True, editable=False, related_name="+",
        verbose_name=_("séance"),
    )
    session_date = models.DateField(_("date de la séance"), null=True, editable=False)
    year = models.PositiveSmallIntegerField(_("année"), null=True, editable=False, db_index=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("matter"), FieldPanel("rapporteur")]),
        FieldPanel("text"),
        FieldPanel("document"),
        InlinePanel("annexes", heading=_("Annexes"), label=_("annexe")),
        FieldPanel("signatory"),
        FieldRowPanel([FieldPanel("budget_year"), FieldPanel("budget_name")], heading=_("Budget")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("votes_for"), FieldPanel("votes_against"), FieldPanel("abstentions"),
                     FieldPanel("not_voting")]
                ),
                FieldRowPanel([FieldPanel("secret_ballot"), FieldPanel("casting_vote"), FieldPanel("result")]),
            ],
            heading=_("Vote"),
        ),
        InlinePanel("named_votes", heading=_("Votes nominatifs (scrutin public)"), label=_("vote")),
        MultiFieldPanel(
            [
                FieldPanel("transmission_required"),
                FieldRowPanel([FieldPanel("transmitted_on"), FieldPanel("acknowledged_on")]),
                FieldRowPanel([FieldPanel("actes_id"), FieldPanel("prefecture_id")]),
                FieldPanel("online_on"),
            ],
            heading=_("Contrôle de légalité et publication"),
        ),
        FieldPanel("change_reason"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("text"),
        index.SearchField("document_text"),
        index.SearchField("actes_id"),
        index.FilterField("year"),
        index.FilterField("matter"),
        index.FilterField("result"),
        index.FilterField("rapporteur"),
        index.FilterField("session_date"),
    ]
    base_form_class = DeliberationForm

    parent_page_types = ["council.CouncilSessionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Délibération")
        verbose_name_plural = _("Délibérations")
        indexes = [
            models.Index(fields=["year", "number"]),
            # The archive's order, whole and within a year: the first page is read from the index.
            models.Index(fields=["-session_date", "order", "-number"], name="council_delib_listing"),
            models.Index(fields=["year", "-session_date", "order", "-number"], name="council_delib_year_listing"),
        ]

    @property
    def reference(self):
        """The town's own identifier (SCDL DELIB_ID), e.g. 2024-032."""
        return f"{self.year}-{self.number:03d}" if self.year else str(self.number)

    @property
    def matter_label(self):
        return matter_label(self.matter) if self.matter else ""

    @classmethod
    def next_number(cls, year):
        last = cls.objects.filter(year=year).aggregate(models.Max("number"))["number__max"]
        return (last or 0) + 1

    def attached_documents(self):
        return [self.document] + [annex.document for annex in self.annexes.all()]

    def requires_change_reason(self):
        return self.first_published_at is not None

    def named_vote_rows(self):
        """(member, vote) pairs: those of the admin form being validated, else the stored ones."""
        pending = getattr(self, "_pending_named_votes", None)
        if pending is not None:
            return pending
        return [(row.member_id, row.vote) for row in self.named_votes.all()]

    def voters_by_vote(self):
        """{vote: [member names]} for the minutes, in the order of the votes' choices."""
        grouped = {vote: [] for vote in rules.NAMED_VOTES}
        for row in self.named_votes.select_related("member"):
            grouped[row.vote].append(str(row.member))
        return {vote: names for vote, names in grouped.items() if names}

    def get_session(self):
        session = getattr(self, "_session", None)
        if session is None and self.path and self.depth:
            parent = self.get_parent()
            session = parent.specific if parent else None
            self._session = session
        return session if isinstance(session, CouncilSessionPage) else None

    online_date_fields = ("online_on",)

    def online_since(self):
        return self.online_on or super().online_since()

    def refresh_enforceability(self):
        self.enforceable_on = rules.enforceable_date(
            online_on=self.online_on, acknowledged_on=self.acknowledged_on,
            transmission_required=self.transmission_required,
        )

    def record_going_online(self, day):
        if self.online_on is None:
            self.online_on = day
            self.refresh_enforceability()

    def clean(self):
        super().clean()
        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        session = self.get_session()
        if session is not None and session.date:
            self.session_date = timezone.localdate(session.date)
            self.year = self.session_date.year
        if self.year and self.number:
            clash = DeliberationPage.objects.filter(year=self.year, number=self.number).exclude(pk=self.pk)
            if clash.exists():
                add("number", _("Le numéro %(number)d est déjà attribué en %(year)d.") % {
                    "number": self.number, "year": self.year})
        if session is not None and self.order:
            clash = DeliberationPage.objects.child_of(session).filter(order=self.order).exclude(pk=self.pk)
            if session.pk and clash.exists():
                add("order", _("Le numéro d'ordre %(order)d est déjà utilisé dans cette séance.") % {
                    "order": self.order})

        has_votes = self.votes_for is not None or self.votes_against is not None
        if has_votes:
            if session is not None:
                for message in rules.check_votes(
                    votes_for=self.votes_for, against=self.votes_against, abstention=self.abstentions,
                    not_voting=self.not_voting, present=session.present_count, represented=session.represented_count,
                ):
                    add("votes_for", message)
            computed, problem = rules.vote_result(
                votes_for=self.votes_for or 0, against=self.votes_against or 0,
                casting_vote=self.casting_vote, secret_ballot=self.secret_ballot,
            )
            if problem:
                add("casting_vote", problem)
            elif self.result and self.result != computed:
                add("result", _("Le résultat ne correspond pas au vote : la délibération est %(result)s.") % {
                    "result": VoteResult(computed).label})
            else:
                self.result = computed
        for message in rules.check_named_votes(
            self.named_vote_rows(), secret_ballot=self.secret_ballot, counts={
                rules.VOTE_FOR: self.votes_for, rules.VOTE_AGAINST: self.votes_against,
                rules.VOTE_ABSTENTION: self.abstentions, rules.VOTE_NOT_VOTING: self.not_voting,
            }, name=_member_name,
        ):
            add("votes_for", message)
        if self.casting_vote and self.votes_for != self.votes_against:
            add("casting_vote", _("La voix prépondérante ne compte qu'en cas de partage égal des voix."))

        self.actes_department = self.actes_siren = self.actes_number = self.actes_nature = ""
        self.actes_date = None
        if self.actes_id:
            try:
                parts = rules.parse_actes_identifier(self.actes_id)
            except rules.InvalidActesIdentifier as exc:
                add("actes_id", str(exc))
            else:
                self.actes_id = self.actes_id.strip()
                self.actes_department, self.actes_siren = parts.department, parts.siren
                self.actes_date, self.actes_number, self.actes_nature = parts.date, parts.number, parts.nature
                if not self.acknowledged_on:
                    self.acknowledged_on = parts.date
        if self.prefecture_id and not _valid_prefecture_id(self.prefecture_id):
            add("prefecture_id",
                _("Format attendu : PREF suivi de 3 caractères, SPREF suivi de 4, ou SGAR suivi de 3."))
        if self.budget_year and not _valid_budget_year(self.budget_year):
            add("budget_year", _("Format attendu : AAAA ou AAAA/AAAA."))
        if self.acknowledged_on and self.transmitted_on and self.acknowledged_on < self.transmitted_on:
            add("acknowledged_on", _("L'accusé de réception ne peut pas précéder la transmission."))
        if self.session_date and self.online_on and self.online_on < self.session_date:
            add("online_on", _("Un acte ne peut pas être mis en ligne avant la séance qui l'adopte."))
        self.refresh_enforceability()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        session = self.get_session()
        if session is not None and session.date:
            self.council_session = session
            self.session_date = timezone.localdate(session.date)
            self.year = self.session_date.year
        self.refresh_enforceability()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["session"] = self.get_session()
        context["problems"] = self.document_problems()
        context["annexes"] = self.annexes.select_related("document", "document__extracted_text")
        context["document_record"] = getattr(self.document, "extracted_text", None) if self.document_id else None
        return context


def _valid_prefecture_id(value):
    return bool(re.fullmatch(r"PREF[0-9AB]{3}|SPREF[0-9AB]{3}[0-9]|SGAR[0-9AB]{3}", value))


def _valid_budget_year(value):
    return bool(re.fullmatch(r"[0-9]{4}(/[0-9]{4})?", value))
