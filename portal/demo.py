"""Demo content of "Mon portail": default bouquet, applications, the demo agent's subscriptions,
shares and a pinned announcement. Running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.demo import section_root
from home.models import Section, ServicePage
from newsfeeds.models import ChannelPage, NewsItemPage

from .models import Announcement, Application, DefaultSubscriptions, DigestFrequency, FavouriteApplication, Share
from .services import follow, get_profile

DEFAULT_CHANNELS = ["collectivites", "services"]
DEFAULT_SERVICES = ["rh"]
AGENT_CHANNELS = ["collectivites", "demarches", "numerique", "services"]
AGENT_SERVICES = ["dsi", "rh", "ccas"]

APPLICATIONS = [
    # name, description, url, pinned by the demo agent
    ("Messagerie", "Votre courriel et votre agenda professionnels.", "https://webmail.mairie.example/", True),
    ("Espace RH", "Congés, bulletins de paie, formations : le libre-service RH.",
     "https://rh.mairie.example/", True),
    ("Assistance informatique", "Signaler une panne, demander un équipement.", "https://support.mairie.example/", True),
    ("Réservation de salles", "Salles de réunion et véhicules de service.",
     "https://reservation.mairie.example/", False),
    ("Finances", "Engagements, bons de commande et suivi budgétaire.",
     "https://finances.mairie.example/", False),
]  # fmt: skip

SHARES = [
    # item or page slug (news item), target service slug, note
    ("plan-grand-froid", "petite-enfance", "Les crèches peuvent relayer l'appel aux familles isolées."),
    ("migration-messagerie", "etat-civil", "Prévoir l'accueil du public sans messagerie ce jour-là."),
]


def _pages(model, slugs, parent=None):
    pages = model.objects.filter(slug__in=slugs)
    if parent is not None:
        pages = pages.child_of(parent)
    return list(pages)


def load(stdout=None):
    services_root = section_root(Section.SERVICES)
    setting = DefaultSubscriptions.load()
    if not setting.channels.exists() and not setting.services.exists():
        setting.channels.set(_pages(ChannelPage, DEFAULT_CHANNELS))
        setting.services.set(_pages(ServicePage, DEFAULT_SERVICES, services_root))

    applications = {}
    for position, (name, description, url, _pinned) in enumerate(APPLICATIONS):
        applications[name], _ = Application.objects.get_or_create(
            name=name, defaults={"description": description, "url": url, "position": position}
        )

    if not Announcement.objects.exists():
        Announcement.objects.create(
            title="Fermeture de l'hôtel de ville le 24 décembre à 12 h",
            body="Les services seront fermés au public l'après-midi. Les permanences d'état civil sont assurées "
            "le matin.",
            ends_at=timezone.now() + timezone.timedelta(days=60),
        )

    agent = get_user_model().objects.filter(username="agent").first()
    if agent is None:
        return
    profile = get_profile(agent)
    if not profile.bouquet_chosen:
        for page in _pages(ChannelPage, AGENT_CHANNELS) + _pages(ServicePage, AGENT_SERVICES, services_root):
            follow(user=agent, page=page)
        profile.refresh_from_db()
        profile.welcomed = True
        profile.digest_frequency = DigestFrequency.WEEKLY
        profile.save(update_fields=["welcomed", "digest_frequency"])
    for name, *_, pinned in APPLICATIONS:
        if pinned:
            FavouriteApplication.objects.get_or_create(user=agent, application=applications[name])

    sharer = get_user_model().objects.filter(username="redaction").first() or agent
    for page_slug, service_slug, note in SHARES:
        page = NewsItemPage.objects.filter(slug=page_slug).first()
        service = ServicePage.objects.child_of(services_root).filter(slug=service_slug).first()
        if page and service:
            Share.objects.get_or_create(page=page, service=service, defaults={"note": note, "shared_by": sharer})
    if stdout:
        stdout.write("Mon portail : abonnements, applications, partages et annonce de démonstration chargés.")
