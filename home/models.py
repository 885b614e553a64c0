"""The intranet's skeleton: home page, section roots, service pages and free content pages."""

from django import forms
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin
from wagtail.search import index

from core import shell
from core.collation import french
from core.visibility import refused_paths, visible_pages
from documents.text import LinkedDocumentsMixin

from . import service_home
from .blocks import BodyBlock
from .forms import ServicePageForm


class Section(models.TextChoices):
    """The sections of the intranet; each has one root page that roles are bound to."""

    NEWS = "actualites", _("Actualités")
    COUNCIL = "conseil", _("Conseil municipal")
    LIBRARY = "bibliotheque", _("Bibliothèque")
    DIRECTORY = "annuaire", _("Annuaire")
    SERVICES = "services", _("Services")


class SectionRootChildMixin:
    """A page that may only be created under, or moved to, the root of one of `sections`.

    Section roots are one model (SectionPage) told apart by a field, so the class-level
    `parent_page_types` cannot say which root a page belongs under; this says it, and the admin
    offers the page only there (Wagtail asks `can_create_at` for each type it lists).
    """

    sections = ()

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and getattr(parent.specific, "section", None) in cls.sections

    def can_move_to(self, parent):
        return super().can_move_to(parent) and getattr(parent.specific, "section", None) in self.sections


class HomePage(Page):
    """The intranet's home page: the editorial, the sections, the latest content."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.SectionPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("Page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editorial"] = shell.cached(request, "editorial", HomeEditorial.current)
        return context

    def serve(self, request, *args, **kwargs):
        from mairie_site.offline import mark_for_offline

        response = super().serve(request, *args, **kwargs)
        # Only the agent's own home page may be kept by the offline worker (mairie_site/offline.py).
        return mark_for_offline(response) if request.user.is_authenticated else response


class SectionPage(LinkedDocumentsMixin, Page):
    """The root of one section (Actualités, Conseil municipal...); roles are granted here."""

    # Defined on the model itself: the search engines' mapping names an indexed attribute after the
    # class that defines it, which must be a model (a plain mixin has no _meta).
    linked_document_text = LinkedDocumentsMixin.linked_document_text

    section = models.CharField(_("rubrique"), max_length=20, choices=Section.choices, unique=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = Page.content_panels + [
        FieldPanel("section"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("linked_document_text"),
    ]

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("Rubrique")

    def get_context(self, request, *args, **kwargs):
        """Each child as a card; a child page type that defines `section_card(request)` (a dict) and
        `section_card_template` shows its content there (latest news, next session, a search box)
        rather than a bare link."""
        context = super().get_context(request, *args, **kwargs)
        children = list(visible_pages(self.get_children().live(), request.user).specific())
        for child in children:
            child.card = child.section_card(request) if hasattr(child, "section_card") else None
        context["children"] = children
        return context


class StandardPage(LinkedDocumentsMixin, Page):
    """A free content page, written with blocks, anywhere in the tree."""

    # Defined on the model itself: the search engines' mapping names an indexed attribute after the
    # class that defines it, which must be a model (a plain mixin has no _meta).
    linked_document_text = LinkedDocumentsMixin.linked_document_text

    intro = models.TextField(_("chapeau"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("linked_document_text"),
    ]

    # Free content sits beside the sections and services, not inside an application page.
    parent_page_types = ["home.HomePage", "home.SectionPage", "home.ServicePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("Page de contenu")


class ServicePage(RoutablePageMixin, LinkedDocumentsMixin, SectionRootChildMixin, Page):
    """A municipal department's own space, where it puts its information at the others' disposal."""

    # Defined on the model itself: the search engines' mapping names an indexed attribute after the
    # class that defines it, which must be a model (a plain mixin has no _meta).
    linked_document_text = LinkedDocumentsMixin.linked_document_text

    acronym = models.CharField(_("sigle"), max_length=20, blank=True)
    mission = models.TextField(_("missions"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    location = models.CharField(_("localisation"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))
    review_required = models.BooleanField(
        _("relecture par la Rédaction avant publication"), default=False,
        help_text=_("Les rédacteurs du service soumettent alors leurs pages et leurs actualités ; "
                    "la Rédaction les relit et les publie."),
    )
    followed_services = ParentalManyToManyField(
        "self", symmetrical=False, blank=True, related_name="followers", verbose_name=_("services suivis"),
        help_text=_("Leurs dernières actualités s'affichent sur la page du service."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("mission"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("location")],
            heading=_("Contact"),
        ),
        FieldPanel("body"),
        FieldPanel("followed_services", widget=forms.CheckboxSelectMultiple),
    ]
    # Only the Rédaction sees and sets it (the service's own editors do not).
    settings_panels = Page.settings_panels + [FieldPanel("review_required", permission="home.require_service_review")]
    search_fields = Page.search_fields + [
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("acronym"),
        index.SearchField("mission"),
        index.SearchField("body"),
        index.SearchField("linked_document_text"),
    ]

    base_form_class = ServicePageForm

    parent_page_types = ["home.SectionPage"]
    sections = [Section.SERVICES]
    # The service's editors write its news under its page (newsfeeds.NewsItemPage).
    subpage_types = ["home.StandardPage", "newsfeeds.NewsItemPage"]

    class Meta:
        verbose_name = _("Page de service")
        permissions = [("require_service_review", _("Peut exiger la relecture des publications d'un service"))]

    @classmethod
    def get_subpage_urls(cls):
        # The pages other apps serve below a service's (register_service_page_urls), after its own.
        return super().get_subpage_urls() + service_home.plugged_urls()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        refused = refused_paths(request.user)  # read once for every block of the page
        context["children"] = visible_pages(self.get_children().live().type(StandardPage), None, paths=refused)
        # Facilities (places app) where the service works, through their reverse relation.
        context["facility_links"] = visible_pages(
            self.facility_links.filter(facility__live=True), None, field="facility__path", paths=refused
        ).select_related("facility").order_by(french("facility__title"))
        context["blocks"], plugged = service_home.blocks(self, request, refused=refused)
        context.update(plugged)
        return context

    @path("")
    def home(self, request):
        return self.render(request)

    @path("documents/")
    def all_documents(self, request):
        from django.core.paginator import Paginator

        from documents.models import DocumentKind

        kind = request.GET.get("type") if request.GET.get("type") in DocumentKind.values else None
        year = request.GET.get("annee")
        year = int(year) if year and year.isdigit() and len(year) == 4 else None
        documents = Paginator(service_home.service_documents(self, request, kind=kind, year=year), 30)
        return self.render(request, context_overrides={
            "documents_page": documents.get_page(request.GET.get("page")), "kinds": DocumentKind.choices,
            "kind": kind, "year": year,
        }, template="home/service_documents.html")


class HomeEditorial(DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The word of welcome at the top of the home page, written and published by the Rédaction.

    A snippet rather than a field of the home page: page permissions flow down the tree,
    so granting the Rédaction the home page would also grant it the council and library.
    """

    title = models.CharField(_("titre"), max_length=200)
    body = RichTextField(_("texte"), features=["bold", "italic", "link", "ul"])

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta:
        verbose_name = _("Mot d'accueil")
        verbose_name_plural = _("Mots d'accueil")

    def __str__(self):
        return self.title

    @classmethod
    def current(cls):
        return cls.objects.filter(live=True).order_by("-last_published_at").first()


@register_setting(icon="site")
class TownSettings(BaseGenericSetting):
    """Who the town is: used by the footer and the open-data exports (SCDL)."""

    town_name = models.CharField(_("nom de la collectivité"), max_length=200, default="Ville de Saint-Exemple")
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        help_text=_("14 chiffres, repris dans les exports de données ouvertes."),
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    phone = models.CharField(_("téléphone du standard"), max_length=30, blank=True)
    inhabitants = models.PositiveIntegerField(
        _("nombre d'habitants"), null=True, blank=True,
        help_text=_("Population municipale ; fixe le délai de convocation du conseil (3 jours francs sous "
                    "3 500 habitants, 5 au-delà ; 5 si le champ est vide)."),
    )

    class Meta:
        verbose_name = _("Identité de la collectivité")

    @classmethod
    def load(cls, request_or_site=None):
        """Read by the footer of every page: from the shell's cache when there is a request."""
        if not isinstance(request_or_site, HttpRequest):
            return super().load(request_or_site)
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request_or_site, attr_name):
            setattr(request_or_site, attr_name, shell.cached(request_or_site, "town-settings", cls._get_or_create))
        return getattr(request_or_site, attr_name)


class ServiceEditors(models.Model):
    """The agents who publish for one service: their group, with rights on the service's subtree
    and on its collection of documents and images (home/service_roles.py keeps them in step)."""

    service_page = models.OneToOneField(
        ServicePage, on_delete=models.CASCADE, related_name="editors", verbose_name=_("page du service")
    )
    group = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="service_editors", verbose_name=_("groupe")
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="service_editors",
        verbose_name=_("collection de documents et d'images"),
    )
    class Meta:
        verbose_name = _("rédacteurs d'un service")
        verbose_name_plural = _("rédacteurs des services")

    def __str__(self):
        return self.service_page.title
