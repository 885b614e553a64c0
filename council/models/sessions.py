"""The council index (archive) and its sessions (séances), with attendance and agenda."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.visibility import visible_pages, visible_to_every_agent
from home.models import TownSettings

from .. import rules
from ..forms import CouncilSessionForm
from ..legal import LegalActMixin
from ..rules import attendance_label
from .base import CouncilSectionOnlyMixin, KeptPublicMixin, ReasonedRevisionMixin, YearRegisterMixin
from .documents import DocumentTextMixin

DOCUMENT_MODEL = "wagtaildocs.Document"


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("ordinaire")
    EXTRAORDINARY = "extraordinary", _("extraordinaire")


class AttendanceStatus(models.TextChoices):
    PRESENT = rules.PRESENT, _("présent")
    REPRESENTED = rules.REPRESENTED, _("représenté (pouvoir)")
    ABSENT = rules.ABSENT, _("absent")


class SessionAttendance(Orderable):
    """One councillor at one session: present, represented (with the holder of the proxy) or absent."""

    session = ParentalKey("council.CouncilSessionPage", on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        "council.CouncilMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("élu")
    )
    status = models.CharField(_("présence"), max_length=12, choices=AttendanceStatus.choices, default=rules.PRESENT)
    proxy_holder = models.ForeignKey(
        "council.CouncilMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pouvoir donné à"),
    )

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("status"), FieldPanel("proxy_holder")])]

    class Meta(Orderable.Meta):
        verbose_name = _("présence")
        verbose_name_plural = _("liste de présence")

    @property
    def status_label(self):
        """The status agreeing with the councillor: "présente", "absent", "représenté(e) par …"."""
        return attendance_label(self.status, self.member.civility, self.proxy_holder)


class AgendaItem(Orderable):
    """One item of the agenda (ordre du jour), in the order of the session."""

    session = ParentalKey("council.CouncilSessionPage", on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("point"), max_length=300)
    rapporteur = models.ForeignKey(
        "council.CouncilMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapporteur"),
    )

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("rapporteur")])]

    class Meta(Orderable.Meta):
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("ordre du jour")


class CouncilIndexPage(RoutablePageMixin, YearRegisterMixin, KeptPublicMixin, CouncilSectionOnlyMixin, Page):
    """The Conseil municipal: its sessions, and the archive of deliberations with filters and counts."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.SectionPage"]
    subpage_types = ["council.CouncilSessionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Conseil municipal (séances et délibérations)")
        # Roles are checked by these codenames (council/wagtail_hooks.py grants them), never by a group's name.
        permissions = [
            ("review_acts", _("Peut mettre en ligne les actes du conseil (relecture du secrétariat général)")),
            ("follow_publication_deadlines", _("Suit les délais de mise en ligne des listes et procès-verbaux")),
        ]

    def get_context(self, request, *args, **kwargs):
        from ..archive import archive_context
        from ..landing import landing

        context = super().get_context(request, *args, **kwargs)
        context.update(archive_context(self, request))
        context.update(landing(self, request))
        return context

    section_card_template = "council/includes/section_card.html"

    def section_card(self, request):
        """What the Conseil municipal section shows of the council (home.SectionPage)."""
        from ..landing import landing

        return landing(self, request)

    @path("")
    def archive(self, request):
        return self.render(request)

    register_filename = "registre-deliberations-{year}.pdf"
    register_missing = "Aucune délibération cette année."

    def build_year_register(self, year):
        from ..registers import year_register

        return year_register(year, within=self)


class CouncilSessionPage(
    LegalActMixin, RoutablePageMixin, KeptPublicMixin, ReasonedRevisionMixin, DocumentTextMixin, Page
):
    """A session of the town council (séance): when, who attended, the agenda, documents, minutes."""

    search_result_date_field = "date"

    date = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=200, default="Salle du conseil, hôtel de ville")
    kind = models.CharField(_("nature"), max_length=15, choices=SessionKind.choices, default=SessionKind.ORDINARY)
    president = models.ForeignKey(
        "council.CouncilMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("président de séance"),
    )
    secretary = models.ForeignKey(
        "council.CouncilMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("secrétaire de séance"),
    )
    members_in_office = models.PositiveSmallIntegerField(_("membres en exercice"))
    convocation_sent_on = models.DateField(
        _("convocation adressée le"), null=True, blank=True,
        help_text=_("Contrôlée contre le délai légal : 5 jours francs, 3 sous 3 500 habitants, 1 en urgence."),
    )
    emergency = models.BooleanField(_("convocation d'urgence"), default=False)
    convocation_document = models.ForeignKey(
        DOCUMENT_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("convocation"),
    )
    agenda_document = models.ForeignKey(
        DOCUMENT_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ordre du jour (document)"),
    )
    minutes_document = models.ForeignKey(
        DOCUMENT_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("procès-verbal"),
    )
    minutes_approved_in = models.ForeignKey(
        "council.CouncilSessionPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("procès-verbal approuvé lors de la séance"),
    )
    minutes_online_on = models.DateField(
        _("procès-verbal mis en ligne le"), null=True, blank=True, editable=False,
        help_text=_("Fixée à la publication de la séance une fois le procès-verbal joint et approuvé."),
    )
    closed = models.BooleanField(
        _("séance close"), default=False,
        help_text=_("Cochez une fois toutes les délibérations saisies : la liste des délibérations est alors "
                    "générée (page et PDF) et mise en ligne à la publication, et régénérée à chaque "
                    "modification d'un acte. Elle doit être en ligne sous huit jours."),
    )
    summary = RichTextField(_("compte rendu"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    # Computed from the attendance on every save, for listings and exports without extra queries.
    present_count = models.PositiveSmallIntegerField(_("présents"), default=0, editable=False)
    represented_count = models.PositiveSmallIntegerField(_("représentés"), default=0, editable=False)
    absent_count = models.PositiveSmallIntegerField(_("absents"), default=0, editable=False)
    quorum_reached = models.BooleanField(_("quorum atteint"), default=False, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("president"), FieldPanel("secretary")]),
                FieldPanel("members_in_office"),
                FieldRowPanel([FieldPanel("convocation_sent_on"), FieldPanel("emergency")]),
                FieldPanel("closed"),
            ],
            heading=_("Séance"),
        ),
        InlinePanel("attendances", heading=_("Liste de présence"), label=_("élu")),
        InlinePanel("agenda_items", heading=_("Ordre du jour"), label=_("point")),
        MultiFieldPanel(
            [
                FieldPanel("convocation_document"),
                FieldPanel("agenda_document"),
                FieldPanel("minutes_document"),
                FieldPanel("minutes_approved_in"),
            ],
            heading=_("Documents"),
        ),
        FieldPanel("summary"),
        FieldPanel("change_reason"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("document_text"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]
    base_form_class = CouncilSessionForm

    parent_page_types = ["council.CouncilIndexPage"]
    subpage_types = ["council.DeliberationPage"]

    class Meta:
        verbose_name = _("Séance du conseil municipal")
        verbose_name_plural = _("Séances du conseil municipal")

    def attached_documents(self):
        return [self.convocation_document, self.agenda_document, self.minutes_document]

    # The session publishes two acts that must stay online: its liste des délibérations and its minutes.
    online_date_fields = ("minutes_online_on",)

    def held_publications(self):
        listed = self.published_list()
        return [
            (_("la liste des délibérations de la séance"), listed.online_on if listed else None),
            (_("le procès-verbal de la séance"), self.minutes_online_on),
        ]

    def record_going_online(self, day):
        if self.minutes_online_on is None and self.minutes_document_id and self.minutes_approved_in_id:
            self.minutes_online_on = timezone.localdate()

    def requires_change_reason(self):
        return bool(self.live and self.minutes_approved_in_id)

    def attendance_rows(self):
        pending = getattr(self, "_pending_attendance", None)
        if pending is not None:
            return pending
        return [
            rules.Attendance(member=row.member_id, status=row.status, proxy_holder=row.proxy_holder_id)
            for row in self.attendances.all()
        ]

    def _count_attendance(self, rows):
        self.present_count, self.represented_count, self.absent_count, self.quorum_reached = rules.attendance_counts(
            rows, in_office=self.members_in_office
        )

    @property
    def quorum_threshold(self):
        return rules.quorum_threshold(self.members_in_office)

    def clean(self):
        super().clean()
        errors = []
        if self.members_in_office is not None:
            rows = self.attendance_rows()
            errors += rules.check_attendance(rows, in_office=self.members_in_office, name=_member_name)
        if self.minutes_approved_in_id and self.date:
            approving = CouncilSessionPage.objects.filter(pk=self.minutes_approved_in_id).values_list("date", flat=True)
            errors += rules.check_minutes_approval(
                session_date=self.date, approving_session_date=approving.first()
            )
        if self.date:
            errors += rules.check_convocation(
                sent_on=self.convocation_sent_on, session_day=timezone.localdate(self.date),
                inhabitants=TownSettings.load().inhabitants, emergency=self.emergency,
            )
        if self.closed and self.date and self.date > timezone.now():
            errors.append(_("Une séance ne peut être close qu'une fois tenue : sa date est à venir."))
        if self.minutes_approved_in_id and not self.minutes_document_id:
            errors.append(_("Joignez le procès-verbal avant d'indiquer la séance qui l'a approuvé."))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.members_in_office is not None:
            self._count_attendance(self.attendance_rows())
        return super().save(*args, **kwargs)

    def next_order(self):
        from .deliberations import DeliberationPage

        last = DeliberationPage.objects.child_of(self).aggregate(models.Max("order"))["order__max"]
        return (last or 0) + 1

    def deliberations(self, user=None):
        """The session's live acts `user` may see; without a user, those every agent may see (the
        published liste des délibérations, generated once for all)."""
        from .deliberations import DeliberationPage

        acts = DeliberationPage.objects.child_of(self).live()
        acts = visible_pages(acts, user) if user is not None else visible_to_every_agent(acts)
        return acts.order_by("order", "number").select_related("rapporteur").defer("text", "document_text")

    def load_shown_relations(self):
        """President, secretary and documents (with their SHA-256) in two queries rather than one each."""
        from wagtail.documents import get_document_model

        from .members import CouncilMember

        member_fields = [name for name in ("president", "secretary") if getattr(self, f"{name}_id")]
        document_fields = [
            name for name in ("convocation_document", "agenda_document", "minutes_document")
            if getattr(self, f"{name}_id")
        ]
        for fields, queryset in (
            (member_fields, CouncilMember.objects.all()),
            (document_fields, get_document_model().objects.select_related("extracted_text")),
        ):
            if fields:
                found = queryset.in_bulk({getattr(self, f"{name}_id") for name in fields})
                for name in fields:
                    if getattr(self, f"{name}_id") in found:
                        setattr(self, name, found[getattr(self, f"{name}_id")])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["deliberations"] = self.deliberations(request.user)
        context["attendances"] = self.attendances.select_related("member", "proxy_holder")
        context["agenda"] = self.agenda_items.select_related("rapporteur")
        return context

    @path("")
    def session(self, request):
        self.load_shown_relations()
        return self.render(request)

    def published_list(self):
        """The stored liste des délibérations, or None while the session is not closed and published."""
        from .lists import DeliberationList

        return DeliberationList.objects.filter(session=self).select_related("document").first()

    @path("liste/")
    def deliberation_list(self, request):
        """The liste des délibérations (L2121-25): date and subject of each act, adopted or rejected."""
        return self.render(
            request,
            template="council/deliberation_list.html",
            context_overrides={
                "deliberations": self.deliberations(request.user),
                "published_list": self.published_list(),
            },
        )

    @path("proces-verbal/pdf/")
    def minutes_pdf(self, request):
        """The draft procès-verbal generated from the session's data, for the clerk to complete and sign."""
        from django.http import HttpResponse

        from ..registers import minutes_paragraphs, text_pdf

        content = text_pdf(f"Procès-verbal (projet) - {self.title}", minutes_paragraphs(self), author="Mairie")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="proces-verbal-{self.date:%Y-%m-%d}.pdf"'
        return response

    @path("liste/pdf/")
    def deliberation_list_pdf(self, request):
        """The stored PDF once the list is online; before that, a provisional one generated on request."""
        from django.http import HttpResponse

        from ..deliberation_lists import list_pdf_bytes

        published = self.published_list()
        if published is not None and published.document is not None:
            with published.document.file.open("rb") as handle:
                content = handle.read()
        else:
            content = list_pdf_bytes(self, online_on=None)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="liste-deliberations-{self.date:%Y-%m-%d}.pdf"'
        return response


def _member_name(member):
    from .members import CouncilMember

    if isinstance(member, CouncilMember):
        return str(member)
    found = CouncilMember.objects.filter(pk=member).first()
    return str(found) if found else str(member)
