"""The town's facilities (équipements, SCDL Équipements 0.1.5) and the map that shows them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.visibility import visible_pages
from home.models import Section, SectionRootChildMixin

from . import opening_hours
from .themes import Theme

LATITUDE_VALIDATORS = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
LONGITUDE_VALIDATORS = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]
OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_COPYRIGHT_URL = "https://www.openstreetmap.org/copyright"


def _coordinate(value):
    return f"{value:.6f}".replace(".", ",")


@register_setting(icon="site")
class PlacesSettings(BaseGenericSetting):
    """Where the town is (its bounding box) and which map tiles draw it.

    The tiles are the only thing the map fetches from outside: their URL is a setting so that
    a town can switch to its own tile server (the OSM tile policy forbids hard-coding theirs).
    """

    insee_code = models.CharField(
        _("code INSEE de la commune"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9][0-9AB][0-9]{3}$", _("Cinq caractères, par exemple 93066 ou 2A004."))],
        help_text=_("Sert à composer l'identifiant EQUIP_UID des exports de données ouvertes."),
    )
    south = models.DecimalField(
        _("latitude minimale (sud)"),
        max_digits=9,
        decimal_places=6,
        default=Decimal("41.3"),
        validators=LATITUDE_VALIDATORS,
    )
    north = models.DecimalField(
        _("latitude maximale (nord)"),
        max_digits=9,
        decimal_places=6,
        default=Decimal("51.2"),
        validators=LATITUDE_VALIDATORS,
    )
    west = models.DecimalField(
        _("longitude minimale (ouest)"),
        max_digits=9,
        decimal_places=6,
        default=Decimal("-5.2"),
        validators=LONGITUDE_VALIDATORS,
    )
    east = models.DecimalField(
        _("longitude maximale (est)"),
        max_digits=9,
        decimal_places=6,
        default=Decimal("9.7"),
        validators=LONGITUDE_VALIDATORS,
    )
    tile_url = models.CharField(
        _("adresse des tuiles"),
        max_length=300,
        default=OSM_TILE_URL,
        help_text=_("Modèle d'URL avec {z}, {x} et {y}, par exemple %(url)s") % {"url": OSM_TILE_URL},
    )
    tile_attribution = models.CharField(
        _("attribution du fond de carte"),
        max_length=200,
        default=OSM_ATTRIBUTION,
        help_text=_("Texte affiché sur la carte ; obligatoire pour les tuiles OpenStreetMap."),
    )
    tile_attribution_url = models.URLField(_("lien de l'attribution"), blank=True, default=OSM_COPYRIGHT_URL)
    max_zoom = models.PositiveSmallIntegerField(
        _("zoom maximal"), default=19, validators=[MinValueValidator(1), MaxValueValidator(22)]
    )

    panels = [
        FieldPanel("insee_code"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("south"), FieldPanel("north")]),
                FieldRowPanel([FieldPanel("west"), FieldPanel("east")]),
            ],
            heading=_("Emprise de la commune"),
            help_text=_("Les équipements placés hors de ce rectangle sont refusés."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("tile_url"),
                FieldPanel("tile_attribution"),
                FieldPanel("tile_attribution_url"),
                FieldPanel("max_zoom"),
            ],
            heading=_("Fond de carte"),
        ),
    ]

    class Meta:
        verbose_name = _("Carte des équipements")

    def clean(self):
        super().clean()
        errors = {}
        if self.south is not None and self.north is not None and self.south >= self.north:
            errors["north"] = _("La latitude nord doit être supérieure à la latitude sud.")
        if self.west is not None and self.east is not None and self.west >= self.east:
            errors["east"] = _("La longitude est doit être supérieure à la longitude ouest.")
        if self.tile_url:
            if not all(part in self.tile_url for part in ("{z}", "{x}", "{y}")):
                errors["tile_url"] = _("L'adresse des tuiles doit contenir {z}, {x} et {y}.")
            elif not self.tile_url.startswith(("https://", "http://", "/")):
                errors["tile_url"] = _("L'adresse des tuiles doit commencer par https://, http:// ou /.")
        if errors:
            raise ValidationError(errors)

    def contains(self, latitude, longitude):
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east

    def check_point(self, latitude, longitude):
        """Raise a ValidationError, in French and on both fields, if the point is outside the town."""
        if latitude is None or longitude is None or self.contains(latitude, longitude):
            return
        message = _(
            "Ce point (latitude %(lat)s, longitude %(lon)s) est hors du territoire de la commune : "
            "la latitude doit être comprise entre %(south)s et %(north)s et la longitude entre "
            "%(west)s et %(east)s."
        ) % {
            "lat": _coordinate(latitude),
            "lon": _coordinate(longitude),
            "south": _coordinate(self.south),
            "north": _coordinate(self.north),
            "west": _coordinate(self.west),
            "east": _coordinate(self.east),
        }
        if self.contains(longitude, latitude):
            message += " " + _("La latitude et la longitude semblent inversées.")
        raise ValidationError({"latitude": message, "longitude": message}, code="outside_town")

    def map_options(self):
        """What the map script needs, passed with json_script (no inline script)."""
        return {
            "bounds": [[float(self.south), float(self.west)], [float(self.north), float(self.east)]],
            "tileUrl": self.tile_url,
            "attribution": self.tile_attribution,
            "attributionUrl": self.tile_attribution_url,
            "maxZoom": self.max_zoom,
        }


class FacilityService(Orderable):
    """A municipal department based at (or working from) a facility."""

    facility = ParentalKey("places.FacilityPage", on_delete=models.CASCADE, related_name="service_links")
    service = models.ForeignKey(
        "home.ServicePage", on_delete=models.CASCADE, related_name="facility_links", verbose_name=_("service")
    )

    panels = [PageChooserPanel("service", "home.ServicePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("service présent")
        verbose_name_plural = _("services présents")
        constraints = [models.UniqueConstraint(fields=["facility", "service"], name="places_unique_facility_service")]


class MapPage(SectionRootChildMixin, Page):
    """The map of the town's facilities, with an accessible list that gives the same information."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.SectionPage"]
    sections = [Section.SERVICES]
    subpage_types = ["places.FacilityPage"]

    class Meta:
        verbose_name = _("Plan des équipements")

    def get_context(self, request, *args, **kwargs):
        from .views import map_context

        context = super().get_context(request, *args, **kwargs)
        context.update(map_context(self, request))
        return context


def facility_contacts(request, service_pages):
    """(agent, card URL) for the heads of the services present, from the directory."""
    from directory.models import DirectoryPage
    from directory.queries import heads_of

    directory = DirectoryPage.objects.live().first()
    if directory is None or not service_pages:
        return []
    base = directory.get_url(request)
    return [(agent, base + directory.reverse_subpage("agent", args=[agent.pk])) for agent in heads_of(service_pages)]


class FacilityPage(Page):
    """A facility of the town (school, gymnasium, library branch...): where it is, when it opens, who is there."""

    theme = models.CharField(_("thème"), max_length=20, choices=Theme.choices)
    facility_type = models.CharField(
        _("type d'équipement"), max_length=120, help_text=_("Par exemple : gymnase, école élémentaire, mairie annexe.")
    )
    equipment_code = models.CharField(
        _("code d'équipement (EQUIP_CODE)"),
        max_length=12,
        validators=[
            RegexValidator(
                r"^[0-9]{8}-[0-9]{3}$",
                _("Huit chiffres de la nomenclature SCDL, un tiret, un numéro d'ordre sur trois chiffres."),
            )
        ],
        help_text=_("Code de la nomenclature SCDL des équipements suivi d'un numéro d'ordre : 12345678-001."),
    )
    street_number = models.CharField(_("numéro"), max_length=10, blank=True)
    street_name = models.CharField(_("voie"), max_length=200)
    postcode = models.CharField(
        _("code postal"), max_length=5, validators=[RegexValidator(r"^[0-9]{5}$", _("Cinq chiffres."))]
    )
    commune = models.CharField(_("commune"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=LATITUDE_VALIDATORS,
        help_text=_("WGS84 en degrés décimaux, par exemple 48,951234 ; cliquez sur la carte pour la remplir."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=LONGITUDE_VALIDATORS,
        help_text=_("WGS84 en degrés décimaux, par exemple 2,312345."),
    )
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=255,
        blank=True,
        validators=[opening_hours.validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap, par exemple : %(example)s") % {"example": opening_hours.EXAMPLE},
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    accessibility = models.TextField(
        _("accessibilité"), blank=True, help_text=_("Accès PMR, ascenseur, boucle magnétique…")
    )
    erp_type = models.CharField(_("type d'ERP"), max_length=3, blank=True, help_text=_("Par exemple : R, X, W."))
    erp_category = models.PositiveSmallIntegerField(
        _("catégorie d'ERP"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 6)]
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("theme"), FieldPanel("facility_type")]),
        FieldPanel("equipment_code"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("street_number"), FieldPanel("street_name")]),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], classname="facility-coordinates"),
            ],
            heading=_("Adresse et position"),
        ),
        FieldPanel("opening_hours"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Contact")),
        FieldPanel("accessibility"),
        FieldRowPanel([FieldPanel("erp_type"), FieldPanel("erp_category")]),
        FieldPanel("photo"),
        InlinePanel("service_links", label=_("Services présents"), heading=_("Services présents")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("facility_type", boost=2),
        index.SearchField("street_name"),
        index.SearchField("accessibility"),
        index.FilterField("theme"),
    ]

    parent_page_types = ["places.MapPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Équipement")
        verbose_name_plural = _("Équipements")

    def clean(self):
        super().clean()
        settings = PlacesSettings.load()
        settings.check_point(self.latitude, self.longitude)

    @property
    def address(self):
        street = f"{self.street_number} {self.street_name}".strip()
        return f"{street}, {self.postcode} {self.commune}"

    @cached_property
    def opening_hours_lines(self):
        """The hours in French, or None when the expression goes beyond the common subset."""
        return opening_hours.describe(self.opening_hours)

    @property
    def opening_hours_text(self):
        lines = self.opening_hours_lines
        return " ; ".join(lines) if lines else ""

    def opening_week(self):
        return opening_hours.week(self.opening_hours)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = visible_pages(self.service_links.filter(service__live=True), request.user, field="service__path")
        context["services"] = [link.service for link in links.select_related("service")]
        context["contacts"] = facility_contacts(request, context["services"])
        context["week"] = self.opening_week()
        context["map_options"] = PlacesSettings.load(request).map_options()
        context["facility_point"] = {
            "lat": float(self.latitude),
            "lon": float(self.longitude),
            "title": self.title,
            "theme": self.theme,
        }
        return context
