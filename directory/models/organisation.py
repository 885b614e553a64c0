"""The organisation: the tree of services and the agents who work in them.

HR manages both in the admin (snippets) or feeds them from its files (`import_directory`) or the
town's LDAP/Active Directory (`sync_ldap`). Every output seen by agents goes through
`Agent.objects.visible()`: an agent on the "liste rouge" or no longer active is never shown.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.collation import french
from core.gender import agreed_title, civility_field
from core.text import fold_words

from ..text import search_tokens

matricule_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$",
    _("Le matricule ne contient que des lettres, chiffres, points, tirets ou soulignés (20 caractères au plus)."),
)
extension_validator = RegexValidator(r"^\d{2,6}$", _("Le poste est un numéro court de 2 à 6 chiffres."))


class ServiceManager(models.Manager):
    """Services in display order, names in French alphabetical order (core.collation). Not in
    Meta.ordering: modelcluster sorts the services chosen in a ParentalManyToManyField (a note's
    audience) in Python by Meta.ordering's field names, and cannot read an expression."""

    def get_queryset(self):
        return super().get_queryset().order_by("position", french("name"))


class Service(models.Model):
    """A unit of the organisation: the DGS, a direction, a service or a unit, with its parent."""

    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Identifiant stable, utilisé par les imports et dans les adresses (ex. « etat-civil »)."),
    )
    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("service parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)
    head = models.ForeignKey(
        "Agent",
        verbose_name=_("responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_services",
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    location = models.CharField(_("localisation"), max_length=200, blank=True)
    service_page = models.ForeignKey(
        "home.ServicePage",
        verbose_name=_("page du service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_services",
    )
    search_key = models.TextField(editable=False, blank=True)

    objects = ServiceManager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("position")]),
        FieldPanel("parent"),
        FieldPanel("head"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("location")],
            heading=_("Contact"),
        ),
        FieldPanel("service_page"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["position", "name"]  # the manager sorts names the French way

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.search_key = self.build_search_key()
        super().save(*args, **kwargs)
        # Agents are found by their service's name and acronym: keep their search keys in step.
        for agent in self.agents.select_related("service"):
            key = agent.build_search_key()
            if key != agent.search_key:
                Agent.objects.filter(pk=agent.pk).update(search_key=key)

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Un service ne peut pas dépendre de lui-même.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def build_search_key(self):
        return fold_words(f"{self.name} {self.acronym}")


class AgentQuerySet(models.QuerySet):
    def visible(self):
        """The agents anyone may see: active and not on the liste rouge."""
        return self.filter(is_active=True, do_not_list=False)

    def matching(self, query):
        """Agents whose name, job, service, acronym or extension contain every word of `query`.

        Words are folded (accents, case, punctuation ignored) and their order does not matter.
        """
        qs = self
        for token in search_tokens(query):
            qs = qs.filter(search_key__contains=token)
        return qs


class Agent(models.Model):
    """A person working for the town, keyed on the HR matricule."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("saisie manuelle")
        CSV = "csv", _("import RH (CSV)")
        LDAP = "ldap", _("annuaire LDAP")

    SELF_SERVICE_FIELDS = ["extension", "office", "photo_consent", "absent_until"]

    matricule = models.CharField(_("matricule"), max_length=20, unique=True, validators=[matricule_validator])
    civility = civility_field()
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom de naissance"), max_length=100)
    usual_name = models.CharField(
        _("nom d'usage"), max_length=100, blank=True, help_text=_("Affiché à la place du nom de naissance.")
    )
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL, related_name="agents"
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("responsable hiérarchique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    phone = models.CharField(_("téléphone professionnel"), max_length=30, blank=True)
    extension = models.CharField(_("poste"), max_length=6, blank=True, validators=[extension_validator])
    mobile = models.CharField(_("mobile professionnel"), max_length=30, blank=True)
    mobile_published = models.BooleanField(_("publier le mobile"), default=False)
    email = models.EmailField(_("courriel"), blank=True)
    building = models.CharField(_("bâtiment"), max_length=100, blank=True)
    office = models.CharField(_("bureau"), max_length=50, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Publiée seulement avec le consentement de l'agent ; le retrait du consentement la supprime."),
    )
    photo_consent = models.BooleanField(_("consentement à la publication de la photo"), default=False)
    photo_consent_at = models.DateTimeField(_("date du consentement"), null=True, blank=True, editable=False)
    absent_until = models.DateField(
        _("absent jusqu'au"), null=True, blank=True, help_text=_("Facultatif ; aucun motif n'est demandé ni affiché.")
    )
    do_not_list = models.BooleanField(
        _("liste rouge"),
        default=False,
        help_text=_("L'agent n'apparaît ni dans l'annuaire, ni dans la recherche, ni dans les exports."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte utilisateur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_agent",
    )
    source = models.CharField(_("origine"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    ldap_dn = models.CharField(_("DN LDAP"), max_length=500, blank=True, editable=False)
    sort_name = models.CharField(max_length=210, editable=False, blank=True, db_index=True)
    search_key = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = AgentQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("matricule"), FieldPanel("civility")]),
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name"), FieldPanel("usual_name")]),
                FieldPanel("job_title"),
                FieldRowPanel([FieldPanel("service"), FieldPanel("manager")]),
            ],
            heading=_("Identité et affectation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("extension")]),
                FieldRowPanel([FieldPanel("mobile"), FieldPanel("mobile_published")]),
                FieldPanel("email"),
                FieldRowPanel([FieldPanel("building"), FieldPanel("office")]),
            ],
            heading=_("Coordonnées"),
        ),
        MultiFieldPanel(
            [FieldPanel("photo_consent"), FieldPanel("photo"), FieldPanel("absent_until")],
            heading=_("Photo et absence"),
        ),
        MultiFieldPanel(
            [FieldPanel("do_not_list"), FieldPanel("is_active"), FieldPanel("user")],
            heading=_("Publication et compte"),
        ),
    ]

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["sort_name", "matricule"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        withdrawn_photo_id = None
        if not self.photo_consent:
            withdrawn_photo_id = self.photo_id
            self.photo = None
            self.photo_consent_at = None
        elif self.photo_consent_at is None:
            self.photo_consent_at = timezone.now()
        self.refresh_computed_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {
                "photo",
                "photo_consent_at",
                "sort_name",
                "search_key",
                "updated_at",
            }
        super().save(*args, **kwargs)
        if withdrawn_photo_id:
            delete_unused_photo(withdrawn_photo_id)

    @property
    def display_last_name(self):
        return self.usual_name or self.last_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.display_last_name}".strip()

    @property
    def function_title(self):
        """The job title agreeing with the agent's civility ("Directrice" for Madame)."""
        return agreed_title(self.job_title, self.civility)

    @property
    def is_visible(self):
        return self.is_active and not self.do_not_list

    @property
    def published_photo(self):
        return self.photo if self.photo_consent else None

    @property
    def published_mobile(self):
        return self.mobile if self.mobile_published else ""

    @property
    def is_absent(self):
        return self.absent_until is not None and self.absent_until >= timezone.localdate()

    def build_sort_name(self):
        return fold_words(f"{self.display_last_name} {self.first_name}")[:210]

    def build_search_key(self):
        """Everything an agent may be looked up by, folded into one string."""
        parts = [self.first_name, self.last_name, self.usual_name, self.job_title, self.extension]
        if self.service_id:
            parts += [self.service.name, self.service.acronym]
        return fold_words(" ".join(parts))

    def refresh_computed_fields(self):
        self.sort_name = self.build_sort_name()
        self.search_key = self.build_search_key()


def delete_unused_photo(image_id):
    """Delete a withdrawn photo from the image library unless another agent still uses it."""
    from wagtail.images import get_image_model

    if not Agent.objects.filter(photo_id=image_id).exists():
        get_image_model().objects.filter(pk=image_id).delete()
