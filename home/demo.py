"""Demo content of the foundation: the tree, the services, the editorial, the demo users, and the
documents three services file in their own collection (a real DOCX, its text extracted), linked from
one of their pages."""

import io
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from core.text import fold_words
from documents.models import DocumentKind, DocumentProfile

from .models import HomeEditorial, HomePage, Section, SectionPage, ServicePage, StandardPage, TownSettings
from .roles import AGENTS, CLERKS, EDITORS, HUMAN_RESOURCES, LIBRARIANS, SECRETARIAT

SECTION_INTROS = {
    Section.NEWS: "Les canaux d'information choisis pour les agents et les actualités des services.",
    Section.COUNCIL: "Séances, délibérations, procès-verbaux, notes de service et revue de presse.",
    Section.LIBRARY: "Le catalogue de la médiathèque municipale, ouvert à tous les agents.",
    Section.DIRECTORY: "Qui fait quoi à la mairie : agents, services et organigramme.",
    Section.SERVICES: "Chaque service met ses informations à la disposition des autres.",
}

SERVICES = [
    ("Direction générale des services", "DGS", "Pilote l'administration communale et coordonne les directions.",
     ["Projet d'administration 2025-2030", "Comité de direction : calendrier"]),
    ("État civil", "", "Naissances, mariages, PACS, décès, livret de famille et recensement citoyen.",
     ["Procédure de célébration des mariages", "Délais de délivrance des actes"]),
    ("Urbanisme", "", "Permis de construire, déclarations préalables, plan local d'urbanisme (PLU).",
     ["Instruction des permis de construire", "Le PLU en questions"]),
    ("Ressources humaines", "RH", "Carrières, paie, formation, santé au travail.",
     ["Plan de formation 2026", "Télétravail : la charte"]),
    ("Informatique", "DSI", "Postes de travail, applications métier, téléphonie et sécurité.",
     ["Demander une intervention", "Bonnes pratiques de sécurité informatique"]),
    ("Culture", "", "Médiathèque, conservatoire, saison culturelle et patrimoine.",
     ["Saison culturelle", "Prêter une salle municipale"]),
    ("Sports", "", "Équipements sportifs, clubs et manifestations.",
     ["Réserver un gymnase", "Calendrier des manifestations sportives"]),
    ("Petite enfance", "", "Crèches, relais petite enfance et accueil des 0-3 ans.",
     ["Commission d'attribution des places en crèche", "Protocole sanitaire des crèches"]),
    ("Centre communal d'action sociale", "CCAS", "Aide sociale, domiciliation, seniors et solidarités.",
     ["Orienter un usager vers le CCAS", "Plan canicule"]),
]

DEMO_USERS = [
    # username, first name, last name, role group, superuser
    ("agent", "Hélène", "Dupont", None, False),
    ("redaction", "Karim", "Benali", EDITORS, False),
    ("greffe", "Sophie", "Martin", CLERKS, False),
    ("secretariat", "Claire", "Rousseau", SECRETARIAT, False),
    ("bibliotheque", "Lucas", "Moreau", LIBRARIANS, False),
    ("rh", "Nadia", "Lefèvre", HUMAN_RESOURCES, False),
    ("admin", "Admin", "Intranet", None, True),
    # Three services publish for themselves (home/service_roles.py; their news: newsfeeds/demo.py).
    ("etatcivil", "Inès", "Garnier", "Rédacteurs · État civil", False),
    ("urbanisme", "Paul", "Mercier", "Rédacteurs · Urbanisme", False),
    ("informatique", "Léa", "Fontaine", "Rédacteurs · Informatique", False),
]


SERVICE_DOCUMENTS = {
    # service slug: (title of the document and of the page linking it, kind, paragraphs of the DOCX)
    "etat-civil": ("Procédure de célébration des mariages", DocumentKind.PROCEDURE,
                   ["Vérifier le dossier de mariage quinze jours avant la célébration.",
                    "Réserver la salle des mariages auprès du secrétariat du maire."]),
    "urbanisme": ("Instruction des permis de construire", DocumentKind.NOTE,
                  ["Délais d'instruction : deux mois pour une maison individuelle.",
                   "Consulter l'architecte des Bâtiments de France en secteur protégé."]),
    "dsi": ("Demander une intervention", DocumentKind.FORM,
            ["Formulaire de demande d'intervention informatique.",
             "Indiquer le numéro d'inventaire du poste et le bureau."]),
}  # fmt: skip


def _paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def ensure_wagtail_roots():
    """Wagtail's root page, root collection and locale, made by its migrations; a flushed
    database (transactional tests) has lost them."""
    locale = Locale.get_default() if Locale.objects.exists() else Locale.objects.create(language_code="fr")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def ensure_home_page():
    """Return the intranet's home page, replacing Wagtail's placeholder on a fresh database."""
    home = HomePage.objects.first()
    if home:
        return home
    root = ensure_wagtail_roots()
    placeholder = root.get_children().filter(slug="home").first()
    if placeholder:
        placeholder.slug = "home-placeholder"
        placeholder.save_revision().publish()
    home = root.add_child(instance=HomePage(title="Accueil", slug="home", seo_title="Intranet de la mairie"))
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = "Intranet"
        site.save()
    else:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Intranet")
    if placeholder:
        placeholder.delete()
    return home


def demo_email(first_name, last_name):
    """A person's demo address, "prenom.nom@mairie.example"; service mailboxes are named after the service."""
    return fold_words(f"{first_name} {last_name}").replace(" ", ".") + "@mairie.example"


def ensure_child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    # Created live without a first revision: editors' changes start the history.
    now = timezone.now()
    fields.setdefault("first_published_at", now)
    fields.setdefault("last_published_at", now)
    return parent.add_child(instance=model(slug=slug, **fields))


def section_root(section):
    return SectionPage.objects.get(section=section)


def ensure_section_roots():
    """The home page and one root per section, created when missing (production's setup_roles too)."""
    home = ensure_home_page()
    existing = set(SectionPage.objects.values_list("section", flat=True))
    for section in Section:
        if section.value in existing:
            continue
        ensure_child(
            home,
            SectionPage,
            slug=section.value,
            title=section.label,
            section=section.value,
            show_in_menus=True,
            search_description=SECTION_INTROS[section],
            intro=f"<p>{SECTION_INTROS[section]}</p>",
        )
    return home


def load_tree():
    home = ensure_section_roots()
    services_root = section_root(Section.SERVICES)
    for name, acronym, mission, pages in SERVICES:
        service = ensure_child(
            services_root,
            ServicePage,
            slug=slugify(acronym or name),
            title=name,
            acronym=acronym,
            mission=mission,
            phone="01 49 71 " + f"{len(name):02d} 00",
            email=f"{slugify(acronym or name)}@mairie.example",
            location="Hôtel de ville",
        )
        for title in pages:
            ensure_child(
                service,
                StandardPage,
                slug=slugify(title),
                title=title,
                intro=f"{title} : ce que chaque agent doit savoir, par le service {name}.",
                body=_paragraph(
                    f"Cette page est tenue à jour par le service {name}. "
                    "Pour toute question, contactez le service par courriel ou par téléphone."
                ),
            )
    return home


def load_editorial():
    if HomeEditorial.objects.exists():
        return
    editorial = HomeEditorial(
        title="Bienvenue sur l'intranet de la mairie",
        body="<p>Retrouvez ici les actualités de vos services, les canaux d'information que vous "
        "avez choisis, les actes du conseil municipal, le catalogue de la médiathèque et "
        "l'annuaire des agents.</p>",
    )
    editorial.save()
    editorial.save_revision().publish()


def load_town():
    town = TownSettings.load()
    if not town.siret:
        town.town_name = "Ville de Bellerive-sur-Seine"
        town.siret = "21930099900017"
        town.address = "1 rue de l'Hôtel de Ville, 93800 Bellerive-sur-Seine"
        town.phone = "01 49 71 99 99"
        town.save()


def load_users(password):
    """Create the demo accounts; an existing account keeps its password unless it differs."""
    User = get_user_model()
    agents = Group.objects.get(name=AGENTS)
    for username, first_name, last_name, role, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": demo_email(first_name, last_name),
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        user.groups.add(agents)
        if role:
            user.groups.add(Group.objects.get(name=role))


def docx_bytes(title, paragraphs):
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def load_service_documents():
    """A document in each publishing service's collection, owned by the service (its profile) and
    linked from the service's page of the same title, once."""
    Document = get_document_model()
    for slug, (title, kind, paragraphs) in SERVICE_DOCUMENTS.items():
        service = ServicePage.objects.filter(slug=slug).first()
        if service is None:
            continue
        document = Document.objects.filter(title=title, collection=service.editors.collection).first()
        if document is None:
            document = Document(title=title, collection=service.editors.collection)
            document.file.save(f"{slug}.docx", ContentFile(docx_bytes(title, paragraphs)), save=False)
            document.save()
            DocumentProfile.objects.create(document=document, owner_service=service, kind=kind,
                                           document_date=date(2026, 9, 1), review_date=date(2027, 9, 1))
        page = service.get_children().type(StandardPage).filter(title=title).first()
        if page is not None and not page.specific.body:
            page = page.specific
            page.body = [{"type": "document", "value": {"document": document.pk, "label": title}}]
            page.save_revision().publish()
