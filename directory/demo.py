"""Demo directory: the organisation chart of a town of 300 agents, with generated French names.

Each agent's civility follows their first name and their job title agrees with it; every address
is used once, by one agent or one service mailbox."""

import io
import random

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from core.gender import Civility, agreed_title
from home.demo import demo_email, ensure_child, section_root
from home.models import Section, ServicePage

from .models import Agent, DirectoryPage, Service
from .models.pages import photo_collection

# code, name, acronym, parent code, ServicePage slug, building, number of agents
SERVICES = [
    ("dgs", "Direction générale des services", "DGS", None, "dgs", "Hôtel de ville", 4),
    ("population", "Direction de la population", "", "dgs", None, "Hôtel de ville", 2),
    ("etat-civil", "État civil", "", "population", "etat-civil", "Hôtel de ville", 14),
    ("elections", "Élections et recensement", "", "population", None, "Hôtel de ville", 6),
    ("ccas", "Centre communal d'action sociale", "CCAS", "dgs", "ccas", "Centre administratif", 22),
    ("amenagement", "Direction de l'aménagement", "", "dgs", None, "Centre technique municipal", 2),
    ("urbanisme", "Urbanisme", "", "amenagement", "urbanisme", "Centre administratif", 12),
    ("espaces-verts", "Espaces verts", "", "amenagement", None, "Centre technique municipal", 36),
    ("voirie", "Voirie et propreté", "", "amenagement", None, "Centre technique municipal", 40),
    ("ressources", "Direction des ressources", "", "dgs", None, "Hôtel de ville", 2),
    ("rh", "Ressources humaines", "RH", "ressources", "rh", "Hôtel de ville", 6),
    ("rh-carriere-paie", "Carrière et paie", "", "rh", None, "Hôtel de ville", 6),
    ("rh-formation", "Formation", "", "rh", None, "Hôtel de ville", 3),
    ("dsi", "Informatique", "DSI", "ressources", "dsi", "Centre administratif", 5),
    ("dsi-support", "Support utilisateurs", "", "dsi", None, "Centre administratif", 5),
    ("finances", "Finances et commande publique", "", "ressources", None, "Hôtel de ville", 10),
    ("vie-locale", "Direction de la vie locale", "", "dgs", None, "Hôtel de ville", 2),
    ("culture", "Culture", "", "vie-locale", "culture", "Médiathèque", 6),
    ("mediatheque", "Médiathèque", "", "culture", None, "Médiathèque", 14),
    ("conservatoire", "Conservatoire", "", "culture", None, "Conservatoire", 16),
    ("sports", "Sports", "", "vie-locale", "sports", "Gymnase Jean-Moulin", 30),
    ("petite-enfance", "Petite enfance", "", "dgs", "petite-enfance", "Maison de la petite enfance", 8),
    ("creche-lucioles", "Crèche Les Lucioles", "", "petite-enfance", None, "Crèche Les Lucioles", 22),
    ("creche-arc-en-ciel", "Crèche Arc-en-ciel", "", "petite-enfance", None, "Crèche Arc-en-ciel", 22),
]

FIRST_NAMES = (
    "Camille Léa Manon Chloé Inès Sarah Jade Louise Emma Zoé Lucie Anaïs Élodie Céline Nathalie Sophie Isabelle "
    "Sandrine Valérie Aurélie Julie Claire Agnès Françoise Martine Yasmina Fatima Aïcha Mélanie Océane "
    "| Lucas Hugo Louis Gabriel Arthur Jules Nathan Théo Raphaël Thomas Nicolas Julien Sébastien Stéphane "
    "Laurent Olivier Frédéric Éric Philippe Pascal Christophe Jérôme Mehdi Karim Yannick Loïc Benoît Rémi "
    "Cédric François"
)
WOMEN_FIRST_NAMES = set(FIRST_NAMES.split("|")[0].split())
FIRST_NAMES = FIRST_NAMES.replace("|", "").split()
LAST_NAMES = (
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèbvre Leroy Roux "
    "David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure "
    "André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément "
    "Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer "
    "Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard "
    "Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix "
    "Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez "
    "Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez "
    "Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier "
    "Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost "
    "Millet Perrot Daniel Le Roux Cousin Germain Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier "
    "Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet "
    "Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Diallo "
    "Benali Haddad Nguyen Traoré Belkacem"
).split()
JOBS = {
    "dgs": ["Assistante de direction", "Chargé de mission", "Contrôleur de gestion"],
    "etat-civil": ["Officier d'état civil", "Agent d'accueil", "Agent administratif"],
    "ccas": ["Travailleur social", "Conseillère en économie sociale et familiale", "Agent d'accueil"],
    "urbanisme": ["Instructeur des autorisations d'urbanisme", "Chargé d'études", "Assistante administrative"],
    "espaces-verts": ["Jardinier", "Chef d'équipe", "Élagueur"],
    "voirie": ["Agent de voirie", "Chef d'équipe", "Conducteur d'engins"],
    "rh-carriere-paie": ["Gestionnaire carrière et paie"],
    "rh-formation": ["Chargée de formation"],
    "dsi-support": ["Technicien support", "Administrateur systèmes et réseaux"],
    "finances": ["Comptable", "Acheteur public", "Gestionnaire budgétaire"],
    "mediatheque": ["Bibliothécaire", "Assistant de conservation", "Médiateur numérique"],
    "conservatoire": ["Professeur de piano", "Professeur de violon", "Professeur de formation musicale"],
    "sports": ["Éducateur sportif", "Gardien de gymnase", "Agent d'entretien"],
    "creche-lucioles": ["Auxiliaire de puériculture", "Éducatrice de jeunes enfants", "Agent d'entretien"],
    "creche-arc-en-ciel": ["Auxiliaire de puériculture", "Éducatrice de jeunes enfants", "Agent d'entretien"],
}
HEAD_TITLES = {
    "dgs": "Directeur général des services",
    "ccas": "Directrice du CCAS",
    "mediatheque": "Directrice de la médiathèque",
    "conservatoire": "Directeur du conservatoire",
}
# Demo accounts of the foundation who have a card: username → (matricule, service, job, civility).
ACCOUNTS = {
    "agent": ("D0001", "etat-civil", "Officière d'état civil", Civility.MADAME),
    "rh": ("D0002", "rh", "Responsable des ressources humaines", Civility.MADAME),
}
PHOTO_COLOURS = ["#6a4c93", "#1982c4", "#8ac926", "#ff595e", "#ffca3a"]


def _photo(agent, colour):
    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (240, 240), colour)
    ImageDraw.Draw(picture).ellipse((70, 40, 170, 140), fill="#f1e3d3")
    ImageDraw.Draw(picture).rectangle((50, 160, 190, 240), fill="#f1e3d3")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = get_image_model()(
        title=f"Photo de {agent.full_name}",
        file=ImageFile(buffer, name=f"{agent.matricule}.png"),
        collection=photo_collection(),
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _unique_email(first, last, used):
    email, n = demo_email(first, last), 1
    base = email.removesuffix("@mairie.example")
    while email in used:
        n += 1
        email = f"{base}{n}@mairie.example"
    used.add(email)
    return email


def load_services():
    pages = {page.slug: page for page in ServicePage.objects.all()}
    services = {}
    for position, (code, name, acronym, parent, page_slug, building, _count) in enumerate(SERVICES):
        service = Service.objects.filter(code=code).first()
        if service is None:
            service = Service.objects.create(
                code=code,
                name=name,
                acronym=acronym,
                parent=services.get(parent),
                position=position,
                location=building,
                service_page=pages.get(page_slug),
                email=f"{code}@mairie.example" if page_slug else "",
            )
        services[code] = service
    return services


def load_agents(services):
    rng = random.Random(2026)
    User = get_user_model()
    agents, extension = [], 2000
    # The accounts' and the services' addresses are taken: nobody else receives their mail.
    used_emails = {email.lower() for email in User.objects.exclude(email="").values_list("email", flat=True)}
    used_emails |= {s.email.lower() for s in services.values() if s.email}
    for code, _name, _acronym, _parent, _page, building, count in SERVICES:
        jobs = JOBS.get(code, ["Agent administratif", "Assistante administrative"])
        for index in range(count):
            extension += 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            civility = Civility.MADAME if first in WOMEN_FIRST_NAMES else Civility.MONSIEUR
            if index == 0:
                job = HEAD_TITLES.get(code, f"Responsable — {services[code].name}")
            else:
                job = rng.choice(jobs)
            job = agreed_title(job, civility)
            agents.append(
                Agent(
                    matricule=f"D{len(agents) + 100:04d}",
                    civility=civility,
                    first_name=first,
                    last_name=last,
                    usual_name=rng.choice(LAST_NAMES) if rng.random() < 0.05 else "",
                    job_title=job,
                    service=services[code],
                    phone=f"01 49 71 {extension // 100:02d} {extension % 100:02d}",
                    extension=str(extension),
                    email=_unique_email(first, last, used_emails),
                    building=building,
                    office=f"{rng.randint(0, 3)}{rng.randint(1, 40):02d}",
                    mobile=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    mobile_published=rng.random() < 0.2,
                    source=Agent.Source.MANUAL,
                )
            )
    # The foundation's demo accounts get their own cards, so "Ma fiche" works when logged in.
    for username, (matricule, code, job, civility) in ACCOUNTS.items():
        user = User.objects.filter(username=username).first()
        agents.append(
            Agent(
                matricule=matricule,
                civility=civility,
                first_name=user.first_name if user else username.capitalize(),
                last_name=user.last_name if user else "Démo",
                job_title=job,
                service=services[code],
                phone="01 49 71 43 21",
                extension="4321" if username == "agent" else "4322",
                email=user.email if user else "",
                building="Hôtel de ville",
                office="12",
                user=user,
            )
        )
    agents[-3].is_active = False  # someone who has left: kept, never shown
    for agent in agents[21:200:90]:
        agent.do_not_list = True  # on the liste rouge: seen by HR only
    for agent in agents:
        agent.refresh_computed_fields()
    Agent.objects.bulk_create(agents, batch_size=500)
    return list(Agent.objects.filter(matricule__in=[a.matricule for a in agents]).select_related("service"))


def link_hierarchy(services, agents):
    """The first agent of each service heads it and manages its members; heads report upwards."""
    heads = {}
    for agent in sorted(agents, key=lambda a: a.matricule):
        if agent.matricule.startswith("D00"):
            continue
        heads.setdefault(agent.service.code, agent)
    for code, head in heads.items():
        service = services[code]
        service.head = head
        Service.objects.filter(pk=service.pk).update(head=head)
    by_pk = {s.pk: s for s in services.values()}
    for agent in agents:
        service = agent.service
        head = heads.get(service.code)
        if head is agent:
            parent = by_pk.get(service.parent_id)
            agent.manager = heads.get(parent.code) if parent else None
        else:
            agent.manager = head
    Agent.objects.bulk_update(agents, ["manager"], batch_size=500)


def load(stdout=None):
    directory = ensure_child(
        section_root(Section.DIRECTORY),
        DirectoryPage,
        slug="agents",
        title="Annuaire des agents",
        intro="<p>Trouvez un collègue par son nom, sa fonction, son service ou son numéro de poste.</p>",
    )
    services = load_services()
    if Agent.objects.filter(matricule__startswith="D").exists():
        if stdout:
            stdout.write("Annuaire : déjà chargé.")
        return directory
    agents = load_agents(services)
    link_hierarchy(services, agents)
    consenting = [a for a in agents if not a.matricule.startswith("D00")][1:60:12]
    for agent, colour in zip(consenting, PHOTO_COLOURS, strict=False):
        agent.photo_consent = True
        agent.photo = _photo(agent, colour)
        agent.save()
    if stdout:
        stdout.write(f"Annuaire : {len(services)} services, {len(agents)} agents, {len(consenting)} photos.")
    return directory
