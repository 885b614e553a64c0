"""Demo content: the bouquet "administration", its sources (real addresses) and sample items; and
the news three services publish for themselves, under their own page.

The sample feeds shipped in demo_feeds/ go through the same parse → sanitize → store pipeline
as fetched feeds, without network. Running it again changes nothing.
"""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from home.demo import ensure_child, section_root
from home.models import Section, ServicePage

from .importer.index import refresh_title_norms
from .importer.parse import parse_feed
from .importer.store import store_items
from .models import ChannelIndexPage, ChannelPage, FeedSource, NewsItemPage

DEMO_FEEDS = Path(__file__).parent / "demo_feeds"

CHANNELS = [
    # slug, title, description, [(source name, real feed URL, site URL, sample file)]
    ("collectivites", "Collectivités territoriales", "Finances, statut, commande publique : la presse territoriale.",
     [("La Gazette des communes", "https://www.lagazettedescommunes.com/feed/",
       "https://www.lagazettedescommunes.com/", "gazette-des-communes.xml")]),
    ("demarches", "Vie pratique et démarches", "Les nouveautés réglementaires expliquées aux usagers.",
     [("Service-Public.fr — Actualités", "https://www.service-public.fr/abonnements/rss/actu-actu-part.rss",
       "https://www.service-public.fr/", "service-public.xml")]),
    ("actualite", "Actualité générale", "Les grands titres du jour.",
     [("franceinfo", "https://www.francetvinfo.fr/titres.rss", "https://www.francetvinfo.fr/", "franceinfo.xml")]),
    ("numerique", "Numérique et protection des données", "Presse informatique, sécurité et RGPD.",
     [("Next", "https://next.ink/feed/atom/", "https://next.ink/", "next.atom"),
      ("CNIL — Actualités", "https://www.cnil.fr/fr/rss.xml", "https://www.cnil.fr/", "cnil.xml")]),
    ("services", "Actualités des services", "Les informations que les services de la mairie publient pour tous.", []),
]  # fmt: skip

INTERNAL_NEWS = [
    # service slug, page slug, title, summary, body
    ("dsi", "migration-messagerie", "Migration de la messagerie le 12 décembre",
     "La messagerie sera indisponible de 12 h à 14 h.",
     "<p>Pendant la migration, les messages reçus sont conservés et distribués à la reprise.</p>"
     "<p>Aucune action n'est demandée aux agents.</p>"),
    ("rh", "entretiens-professionnels", "Entretiens professionnels : la campagne est ouverte",
     "Les entretiens annuels se tiennent jusqu'au 31 janvier.",
     "<p>Les supports sont disponibles dans l'espace du service des ressources humaines.</p>"),
    ("ccas", "plan-grand-froid", "Plan grand froid : appel aux volontaires",
     "Le CCAS recherche des agents volontaires pour les appels aux personnes isolées.",
     "<p>Inscription auprès du CCAS avant le 15 décembre.</p>"),
]  # fmt: skip

# The services that publish for themselves (home/service_roles.py): service slug, title, summary.
SERVICES_OWN_NEWS = [
    ("etat-civil", "Nouveaux horaires du guichet", "Le guichet de l'état civil ouvre le samedi matin."),
    ("urbanisme", "Le PLU modifié est en vigueur", "La modification n° 3 du PLU est exécutoire."),
    ("dsi", "Migration de la messagerie", "La messagerie change de serveur le week-end prochain."),
]

def _recent(items):
    """Move the sample dates so that the newest item is one hour old, keeping their spacing."""
    if not items:
        return items
    shift = timezone.now() - timedelta(hours=1) - max(item.published_at for item in items)
    for item in items:
        item.published_at += shift
    return items


def load(stdout=None):
    news_root = section_root(Section.NEWS)
    bouquet = ensure_child(
        news_root,
        ChannelIndexPage,
        slug="administration",
        title="Bouquet administration",
        show_in_menus=True,
        intro="<p>Les canaux d'information choisis pour les agents : presse territoriale, démarches, "
        "actualité générale, numérique et actualités des services.</p>",
    )
    for slug, title, description, sources in CHANNELS:
        channel = ensure_child(bouquet, ChannelPage, slug=slug, title=title, description=description)
        for name, url, site_url, sample in sources:
            source, _ = FeedSource.objects.get_or_create(
                url=url, defaults={"name": name, "site_url": site_url, "channel": channel}
            )
            feed = parse_feed((DEMO_FEEDS / sample).read_bytes(), url=url)
            store_items(source, channel, _recent(feed.items))
    refresh_title_norms(NewsItemPage)
    services_channel = ChannelPage.objects.get(slug="services")
    services_root = section_root(Section.SERVICES)
    for service_slug, slug, title, summary, body in INTERNAL_NEWS:
        service = ServicePage.objects.child_of(services_root).filter(slug=service_slug).first()
        ensure_child(
            services_channel, NewsItemPage, slug=slug, title=title, summary=summary, body=body, service=service
        )
    load_services_own_news()
    if stdout is not None:
        stdout.write(
            f"Canaux d'information : {FeedSource.objects.count()} source(s), {NewsItemPage.objects.count()} article(s)."
        )


def load_services_own_news():
    """A news item under each publishing service's own page, once."""
    for service_slug, title, summary in SERVICES_OWN_NEWS:
        service = ServicePage.objects.filter(slug=service_slug).first()
        if service is None or service.get_children().type(NewsItemPage).exists():
            continue
        now = timezone.now()
        service.add_child(instance=NewsItemPage(title=title, slug=slugify(title), summary=summary, service=service,
                                                published_at=now, first_published_at=now))
