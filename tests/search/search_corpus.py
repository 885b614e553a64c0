"""A small French intranet for the relevance specifications: news, service pages, council sessions
and deliberations (one with a word found only in its PDF), notes of service. It is added to the
demo tree (services État civil, CCAS…). A uniquely named module, imported by the search tests."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from council.models import CouncilIndexPage, CouncilMember, CouncilSessionPage, DeliberationPage
from council.registers import text_pdf
from home.demo import ensure_child, section_root
from home.models import Section, ServicePage, StandardPage
from search.models import Synonym

PDF_ONLY_WORD = "photovoltaïques"

NEWS = [
    ("Menus de la cantine en novembre", "La cantine scolaire propose un menu végétarien chaque semaine."),
    ("Départ en retraite d'Hélène Dupont", "Après trente ans au service de l'état civil, Hélène part en retraite."),
    ("Nouveau canton après le redécoupage", "La commune change de canton : ce qui change pour les élections."),
    ("Travaux de voirie rue de la République", "La circulation est alternée pendant trois semaines."),
    ("Plan canicule : le CCAS appelle les seniors isolés", "Inscrivez les personnes fragiles sur le registre."),
    ("Collecte des encombrants", "Le calendrier de la collecte des encombrants est en ligne."),
    ("Semaine de la sécurité informatique", "Changez vos mots de passe et méfiez-vous des courriels piégés."),
    ("Inscriptions au périscolaire", "Les familles inscrivent leurs enfants avant le 30 juin."),
    ("Fête de la musique", "Les agents volontaires tiennent la buvette place de la mairie."),
    ("Recensement de la population", "Les agents recenseurs passent dans chaque quartier en janvier."),
    ("Élections : bureaux de vote", "Les agents assesseurs sont convoqués à 7 h 30."),
    ("Nouveau logiciel de paie", "Le service des ressources humaines présente le nouveau logiciel."),
    ("Fermeture de la piscine", "La piscine ferme deux semaines pour la vidange annuelle."),
    ("Marché de Noël", "Les illuminations et le marché de Noël ouvrent le 1er décembre."),
    ("Formation premiers secours", "Une session de formation aux premiers secours est ouverte aux agents."),
    ("Télétravail : la charte mise à jour", "Deux jours de télétravail par semaine sont possibles."),
    ("Le conservatoire recrute", "Le conservatoire municipal recrute un professeur de piano."),
    ("Déménagement des archives", "Les archives municipales rejoignent le nouveau bâtiment."),
    ("Conseil communautaire", "L'intercommunalité vote son budget et le schéma cantonal des déchets."),
    ("Accueil des nouveaux agents", "Une matinée d'accueil réunit les nouveaux agents chaque trimestre."),
]

SERVICE_PAGES = [
    ("État civil", "Livret de famille", "Le livret de famille est délivré lors du mariage ou de la naissance."),
    ("État civil", "Demander un acte de naissance", "Les actes de naissance sont délivrés gratuitement."),
    ("État civil", "Célébrer un mariage", "Le dossier de mariage est déposé deux mois avant la date."),
    ("Centre communal d'action sociale", "Domiciliation", "Le centre communal d'action sociale domicilie les "
     "personnes sans adresse stable."),
    ("Centre communal d'action sociale", "Aide alimentaire", "Les colis de l'aide alimentaire sont distribués "
     "le jeudi."),
    ("Urbanisme", "Déposer un permis de construire", "Le permis de construire est instruit en deux mois."),
    ("Urbanisme", "Consulter le cadastre", "Le plan cadastral est consultable à l'accueil du service."),
    ("Ressources humaines", "Demander un congé", "Les congés sont demandés dans le logiciel de gestion du temps."),
    ("Informatique", "Réinitialiser son mot de passe", "Le support informatique réinitialise les mots de passe."),
    ("Petite enfance", "Inscription en crèche", "Les places en crèche sont attribuées en commission."),
    ("Culture", "Programmation culturelle", "La saison culturelle présente théâtre, musique et expositions."),
    ("Sports", "Réserver un gymnase", "Les associations réservent les gymnases auprès du service des sports."),
]

# (session day, number, matter, title, text, PDF text)
DELIBERATIONS = [
    (datetime.date(2024, 3, 12), 12, "7.10", "Tarifs de la cantine scolaire pour l'année 2024",
     "Le conseil fixe les tarifs de la restauration scolaire selon le quotient familial.",
     "Grille des tarifs 2024 de la cantine : repas enfant 3,20 euros."),
    (datetime.date(2024, 3, 12), 13, "7.5", "Subvention au club de football",
     "Une subvention de 5 000 euros est attribuée au club.", "Convention de subvention."),
    (datetime.date(2024, 3, 12), 14, "1.1", "Marché de travaux de la toiture de l'école",
     "Attribution du marché de rénovation de la toiture.",
     f"Le marché prévoit la pose de panneaux {PDF_ONLY_WORD} sur la toiture de l'école Jules Ferry."),
    (datetime.date(2023, 3, 14), 8, "7.10", "Tarifs des services publics pour 2023",
     "Le conseil fixe les tarifs de la cantine, du périscolaire et de la médiathèque.",
     "Annexe : grille des tarifs 2023."),
    (datetime.date(2023, 3, 14), 9, "2.1", "Modification du plan local d'urbanisme",
     "Le conseil approuve la modification simplifiée du PLU.", "Rapport de présentation du PLU."),
    (datetime.date(2023, 3, 14), 10, "5.7", "Avis sur le redécoupage cantonal",
     "Le conseil rend un avis sur le nouveau découpage cantonal.", "Carte des cantons."),
    (datetime.date(2024, 3, 12), 15, "4.1", "Création de postes au centre communal d'action sociale",
     "Deux postes d'agent social sont créés.", "Tableau des effectifs."),
    (datetime.date(2023, 3, 14), 11, "3.1", "Acquisition d'une parcelle pour la future crèche",
     "La commune acquiert la parcelle cadastrée AB 112.", "Avis des domaines."),
]


def signed_act(name, title, text):
    """A real PDF document: its text is extracted on save and indexed with the deliberation."""
    document = get_document_model()(title=name, collection=Collection.get_first_root_node())
    document.file.save("acte.pdf", ContentFile(text_pdf(title, [text])), save=False)
    document.save()
    return document


def _publish(page):
    page.save_revision().publish()
    return page


def build_corpus():
    """Adds the corpus to the demo tree and the CCAS synonym; returns the pages by title."""
    pages = {}
    news = section_root(Section.NEWS)
    for position, (title, intro) in enumerate(NEWS):
        page = ensure_child(news, StandardPage, slug=f"actualite-{position}", title=title, intro=intro)
        pages[title] = _publish(page)
    for position, (service_title, title, intro) in enumerate(SERVICE_PAGES):
        service = ServicePage.objects.get(title=service_title)
        page = ensure_child(service, StandardPage, slug=f"page-service-{position}", title=title, intro=intro)
        pages[title] = _publish(page)
    member = CouncilMember.objects.create(first_name="Jeanne", last_name="Maire")
    council = section_root(Section.COUNCIL)
    index = ensure_child(council, CouncilIndexPage, slug="seances", title="Séances et délibérations")
    sessions = {}
    for day, number, matter, title, text, pdf_text in DELIBERATIONS:
        if day not in sessions:
            session = CouncilSessionPage(
                title=f"Séance du {day:%d/%m/%Y}", slug=f"seance-{day:%Y-%m-%d}", members_in_office=33,
                date=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19))),
                president=member, secretary=member,
            )
            index.add_child(instance=session)
            sessions[day] = _publish(session)
        deliberation = DeliberationPage(
            title=title, slug=f"deliberation-{day.year}-{number}", number=number, order=number, matter=matter,
            text=f"<p>Le conseil municipal, après en avoir délibéré : {text}</p>",
            document=signed_act(f"Acte {day.year}-{number:03d}", title, pdf_text),
        )
        sessions[day].add_child(instance=deliberation)
        deliberation = _publish(deliberation)
        published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(22)))
        DeliberationPage.objects.filter(pk=deliberation.pk).update(first_published_at=published)
        pages[title] = deliberation
    Synonym.objects.create(term="CCAS", equivalents="centre communal d'action sociale")
    return pages
