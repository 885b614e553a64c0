"""Demo council: 33 members, three sessions of the last year and the next one in the coming weeks,
about thirty deliberations with real PDFs, minutes, three official notes (one for two directions, to
be read by a deadline) and a press review.

Every date is counted from the day the demo is loaded: sessions fall on a Tuesday evening, each
convocation leaves the legal notice, the secretary of each session is present, and the rapporteur
of an agenda item is the rapporteur of the act it becomes. Idempotent: a second run the same day
changes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from core.gender import Civility, agreed_title
from home.demo import ensure_child, section_root
from home.models import Section, ServicePage

from . import rules
from .deliberation_lists import clerks_collection, publish_deliberation_list
from .models import (
    AgendaItem,
    CouncilIndexPage,
    CouncilMember,
    CouncilSessionPage,
    DeliberationAnnex,
    DeliberationPage,
    MayoralActIndexPage,
    MayoralActKind,
    MayoralActNature,
    MayoralActPage,
    OfficialNoteIndexPage,
    OfficialNotePage,
    PressReviewIndexPage,
    PressReviewPage,
    SessionAttendance,
)
from .reading import acknowledge
from .registers import text_pdf
from .workflow import setup_council_workflow

FIRST_NAMES = ["Claire", "Mathieu", "Isabelle", "Julien", "Nathalie", "Thomas", "Sandrine", "Nicolas", "Céline",
               "Stéphane", "Aurélie", "Olivier", "Valérie", "Sébastien", "Émilie", "Frédéric", "Laure", "Antoine",
               "Camille", "Pascal", "Sophie", "Rachid", "Hélène", "Yannick", "Fatima", "Bruno", "Agnès", "Marc",
               "Inès", "Christophe", "Martine", "Kevin", "Jeanne"]
LAST_NAMES = ["Durand", "Lambert", "Girard", "Bonnet", "Mercier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller",
              "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clement", "Gauthier", "Dumont", "Lopez",
              "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gerard", "Nguyen", "Boyer", "Denis", "Lemaire",
              "Duval", "Joly", "Gautier"]

# (subject, matter, words found only in the PDF)
SUBJECTS = [
    [
        ("Budget primitif de l'exercice", "7.1", "section de fonctionnement, section d'investissement"),
        ("Vote des taux de fiscalité directe locale", "7.2", "taxe foncière sur les propriétés bâties"),
        ("Tarifs de la restauration scolaire", "8.1", "cantine, quotient familial, repas végétarien hebdomadaire"),
        ("Subventions aux associations sportives", "7.5", "club de handball, école de judo, piscine intercommunale"),
        ("Création d'un poste d'éducateur des activités physiques", "4.1", "tableau des effectifs, catégorie B"),
        ("Acquisition d'une parcelle rue des Tilleuls", "3.1", "cadastre section AB, avis du service des domaines"),
        ("Convention de mise à disposition du gymnase", "1.4", "collège Jean-Moulin, créneaux horaires"),
        ("Modification simplifiée du plan local d'urbanisme", "2.1", "orientation d'aménagement, zone UA"),
        ("Désignation des représentants au syndicat des eaux", "5.3", "délégués titulaires et suppléants"),
        ("Motion pour le maintien du bureau de poste", "9.4", "présence postale, quartier des Bords de Seine"),
    ],
    [
        ("Compte administratif de l'exercice précédent", "7.1", "résultat de clôture, restes à réaliser"),
        ("Garantie d'emprunt pour la résidence Les Peupliers", "7.3", "bailleur social, logements locatifs"),
        ("Régime indemnitaire des agents (RIFSEEP)", "4.5", "indemnité de fonctions, complément indemnitaire annuel"),
        ("Marché de travaux de rénovation de l'école Jules-Ferry", "1.1", "isolation thermique, menuiseries"),
        ("Dénomination de la place Simone-Veil", "8.3", "plaque de rue, numérotage"),
        ("Tarifs des séjours de vacances", "8.2", "colonie, aide aux familles, centre de loisirs"),
        ("Subvention exceptionnelle à l'association des commerçants", "7.5", "illuminations de fin d'année"),
        ("Cession d'un logement communal", "3.2", "estimation domaniale, compromis de vente"),
        ("Adhésion au groupement de commandes d'énergie", "1.7", "électricité, gaz naturel, coordonnateur"),
        ("Règlement intérieur du conseil municipal", "5.2", "questions orales, droit d'expression des élus"),
    ],
    [
        ("Décision modificative n° 1", "7.1", "virement de crédits, chapitre 011"),
        ("Tarifs de la médiathèque", "8.9", "abonnement familial, pénalités de retard"),
        ("Convention avec la caisse d'allocations familiales", "8.2", "convention territoriale globale"),
        ("Délégation de service public du marché forain", "1.2", "droits de place, délégataire"),
        ("Plan de mobilité douce", "8.7", "pistes cyclables, zone à trafic limité"),
        ("Création d'emplois saisonniers", "4.2", "agents contractuels, accroissement saisonnier d'activité"),
        ("Programme de plantation d'arbres en ville", "8.8", "îlots de fraîcheur, essences locales"),
        ("Fonds de concours à la communauté d'agglomération", "7.8", "éclairage public, LED"),
        ("Vœu relatif à la desserte ferroviaire", "9.4", "ligne RER, fréquence des trains"),
        ("Règlement local de publicité", "6.4", "enseignes, préenseignes, publicité lumineuse"),
    ],
]

# First names alternate: Claire, Isabelle... (even positions) are women, Mathieu, Julien... men.
CIVILITIES = [Civility.MADAME, Civility.MONSIEUR]
SESSION_DAYS_AGO = [300, 180, 60]
ATTENDANCE = [(27, 4), (25, 5), (17, 6)]  # (present, represented) out of 33
SESSION_WEEKDAY = 1  # Tuesday: the acts are transmitted, acknowledged and put online before the weekend
NEXT_SESSION_IN_DAYS = 12  # at least, so that the convocation sent yesterday leaves the legal notice
CONVOCATION_DAYS_BEFORE = 8  # 7 clear days: more than the 5 the law asks of a town over 3,500 inhabitants
SECRETARY = 9  # a councillor present at every demo session (the first `present` members are present)
NEXT_AGENDA = [
    "Approbation du procès-verbal de la séance précédente",
    "Orientations budgétaires de l'exercice à venir",
    "Tarifs municipaux de l'année prochaine",
    "Convention avec le syndicat intercommunal de restauration scolaire",
    "Questions diverses",
]


def session_day_before(day):
    """The last session weekday on or before `day`."""
    return day - datetime.timedelta(days=(day.weekday() - SESSION_WEEKDAY) % 7)


def session_day_after(day):
    """The first session weekday on or after `day`."""
    return day + datetime.timedelta(days=(SESSION_WEEKDAY - day.weekday()) % 7)


def working_day_before(day):
    """`day`, or the Friday before it when it falls on a weekend (acts are signed on working days)."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def rapporteur(members, position):
    """The rapporteur of the agenda item at `position` (1-based), and of the act it becomes."""
    return members[1 + position % 8]


def ensure_pdf(title, paragraphs, *, filename):
    """A real PDF document, created once (found again by its title)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, collection=clerks_collection())
    document.file.save(filename, ContentFile(text_pdf(title, paragraphs, author="Mairie")), save=False)
    document.save()
    return document


def ensure_members():
    members = []
    for n, (first, last) in enumerate(zip(FIRST_NAMES, LAST_NAMES, strict=True)):
        civility = CIVILITIES[n % 2]
        office = "Maire" if n == 0 else ("Adjoint au maire" if n < 9 else "Conseiller municipal")
        member, _created = CouncilMember.objects.get_or_create(
            first_name=first, last_name=last,
            defaults={"civility": civility, "office": agreed_title(office, civility),
                      "political_group": "Majorité" if n < 26 else "Opposition"},
        )
        members.append(member)
    return members


def _session_fields(number, day, members, present, represented):
    attendances = []
    for n, member in enumerate(members):
        if n < present:
            attendances.append(SessionAttendance(member=member, status="present"))
        elif n < present + represented:
            attendances.append(
                SessionAttendance(member=member, status="represented", proxy_holder=members[n - present])
            )
        else:
            attendances.append(SessionAttendance(member=member, status="absent"))
    return {
        "title": f"Séance du {day:%d/%m/%Y}",
        "date": timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0))),
        "kind": "ordinary",
        "members_in_office": len(members),
        "president": members[0],
        "secretary": members[SECRETARY],
        "convocation_sent_on": day - datetime.timedelta(days=CONVOCATION_DAYS_BEFORE),
        "closed": True,
        "attendances": attendances,
        "agenda_items": [
            AgendaItem(title=subject, rapporteur=rapporteur(members, position))
            for position, (subject, _matter, _words) in enumerate(SUBJECTS[number], 1)
        ],
        "agenda_document": ensure_pdf(
            f"Ordre du jour - séance du {day:%d/%m/%Y}",
            [f"{i}. {s}" for i, (s, _m, _w) in enumerate(SUBJECTS[number], 1)],
            filename=f"ordre-du-jour-{day:%Y-%m-%d}.pdf",
        ),
    }


def ensure_deliberation(session, index, number_in_session, subject, matter, words, members):
    slug = f"deliberation-{number_in_session}"
    existing = session.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    day = timezone.localdate(session.date)
    voters = session.present_count + session.represented_count
    against = (number_in_session * 3) % 5 if matter != "9.4" else 6
    abstentions = number_in_session % 3
    votes_for = voters - against - abstentions
    if index == 2 and number_in_session == 9:  # one rejected act in the demo
        votes_for, against = against, votes_for
    number = DeliberationPage.next_number(day.year)
    acknowledged = day + datetime.timedelta(days=2)
    text = [
        f"Le conseil municipal, réuni le {day:%d/%m/%Y}, sur le rapport de {rapporteur(members, number_in_session)},",
        f"Objet : {subject}.",
        f"Vu le code général des collectivités territoriales ; considérant les éléments suivants : {words}.",
        "Après en avoir délibéré, le conseil municipal adopte les dispositions exposées ci-dessus.",
    ]
    document = ensure_pdf(
        f"Délibération {day.year}-{number:03d} - {subject}", text, filename=f"deliberation-{day.year}-{number:03d}.pdf"
    )
    annexes = []
    if number_in_session % 3 == 0:
        annex = ensure_pdf(
            f"Annexe - {subject}",
            [f"Annexe à la délibération {day.year}-{number:03d}.", f"Détail : {words}, tableau récapitulatif."],
            filename=f"annexe-{day.year}-{number:03d}.pdf",
        )
        annexes.append(DeliberationAnnex(document=annex, title="Annexe"))
    return ensure_child(
        session,
        DeliberationPage,
        slug=slug,
        title=subject,
        number=number,
        order=number_in_session,
        matter=matter,
        rapporteur=rapporteur(members, number_in_session),
        text=f"<p>{subject}. Le conseil municipal approuve le projet présenté par le rapporteur.</p>",
        document=document,
        annexes=annexes,
        signatory=f"{members[0]}, maire",
        budget_year=str(day.year) if matter.startswith("7.") else "",
        budget_name="Budget principal" if matter.startswith("7.") else "",
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstentions,
        transmitted_on=day + datetime.timedelta(days=1),
        actes_id=f"093-219300999-{acknowledged:%Y%m%d}-{day.year}_{number:03d}-DE",
        prefecture_id="PREF093",
        online_on=day + datetime.timedelta(days=3),
    )


def load_sessions(index, members):
    today = timezone.localdate()
    sessions = []
    for number, days_ago in enumerate(SESSION_DAYS_AGO):
        day = session_day_before(today - datetime.timedelta(days=days_ago))
        present, represented = ATTENDANCE[number]
        session = ensure_child(
            index, CouncilSessionPage, slug=f"seance-{day:%Y-%m-%d}",
            **_session_fields(number, day, members, present, represented),
        )
        sessions.append(session)
        for position, (subject, matter, words) in enumerate(SUBJECTS[number], 1):
            ensure_deliberation(session, number, position, subject, matter, words, members)
    # Each closed session's liste des délibérations went online three days after it.
    for session in sessions:
        publish_deliberation_list(session, online_on=timezone.localdate(session.date) + datetime.timedelta(days=3))
    # The minutes of a session are approved at the next one.
    for session, following in zip(sessions, sessions[1:], strict=False):
        if session.minutes_approved_in_id:
            continue
        day = timezone.localdate(session.date)
        session.minutes_document = ensure_pdf(
            f"Procès-verbal - séance du {day:%d/%m/%Y}",
            [f"Procès-verbal de la séance du conseil municipal du {day:%d/%m/%Y}.",
             f"Présents : {session.present_count}, représentés : {session.represented_count}. Quorum atteint.",
             "Les débats ont porté notamment sur la rénovation énergétique des bâtiments communaux."],
            filename=f"proces-verbal-{day:%Y-%m-%d}.pdf",
        )
        session.minutes_approved_in = following
        session.minutes_online_on = timezone.localdate(following.date) + datetime.timedelta(days=3)
        session.save_revision().publish()
    return sessions + [load_next_session(index, members, today)]


def load_next_session(index, members, today):
    """The next session, in the coming weeks: convened yesterday, its agenda known, not held yet."""
    day = session_day_after(today + datetime.timedelta(days=NEXT_SESSION_IN_DAYS))
    return ensure_child(
        index, CouncilSessionPage, slug=f"seance-{day:%Y-%m-%d}",
        title=f"Séance du {day:%d/%m/%Y}",
        date=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0))),
        kind="ordinary", members_in_office=len(members), president=members[0], secretary=members[SECRETARY],
        convocation_sent_on=today - datetime.timedelta(days=1), closed=False,
        agenda_items=[AgendaItem(title=subject, rapporteur=rapporteur(members, position))
                      for position, subject in enumerate(NEXT_AGENDA, 1)],
        convocation_document=ensure_pdf(
            f"Convocation - séance du {day:%d/%m/%Y}",
            [f"Le conseil municipal est convoqué le {day:%d/%m/%Y} à 19 heures, salle du conseil.",
             *(f"{i}. {subject}" for i, subject in enumerate(NEXT_AGENDA, 1))],
            filename=f"convocation-{day:%Y-%m-%d}.pdf",
        ),
    )


def load_notes(root):
    notes = ensure_child(root, OfficialNoteIndexPage, slug="notes-de-service", title="Notes de service",
                         intro="<p>Les notes de service de la direction générale.</p>")
    dgs = ServicePage.objects.filter(slug="dgs").first()
    today = timezone.localdate()
    for number, title, body in [
        ("NS-2026-01", "Télétravail : modalités pendant la période estivale",
         "Les agents peuvent télétravailler jusqu'à trois jours par semaine en juillet et août."),
        ("NS-2026-02", "Plan de sobriété énergétique dans les bâtiments communaux",
         "La température de chauffage des bureaux est fixée à dix-neuf degrés."),
    ]:
        ensure_child(
            notes, OfficialNotePage, slug=number.lower(), title=title, number=number, issuing_service=dgs,
            audience="Tous les agents", effective_date=today - datetime.timedelta(days=30),
            signatory="Le directeur général des services", summary=f"<p>{body}</p>",
            document=ensure_pdf(f"Note de service {number}", [title, body], filename=f"{number.lower()}.pdf"),
        )
    load_note_to_read(notes, dgs, today)
    reviews = ensure_child(root, PressReviewIndexPage, slug="revue-de-presse", title="Revue de presse",
                           intro="<p>La revue de presse du service communication.</p>")
    day = working_day_before(today - datetime.timedelta(days=7))
    ensure_child(
        reviews, PressReviewPage, slug=f"revue-{day:%Y-%m-%d}", title=f"Revue de presse du {day:%d/%m/%Y}",
        date=day, sources="Le Parisien\nLa Gazette des communes\nOuest-France",
        document=ensure_pdf(
            f"Revue de presse du {day:%d/%m/%Y}",
            ["Le Parisien : inauguration de la nouvelle médiathèque, saluée par les habitants.",
             "La Gazette des communes : la ville citée pour son plan de végétalisation des cours d'école."],
            filename=f"revue-de-presse-{day:%Y-%m-%d}.pdf",
        ),
    )


def load_note_to_read(notes, dgs, today):
    """A note for two directions only (their sub-services included), to be read within four days:
    the HR manager has acknowledged it, the demo agent (État civil) finds it on their home page."""
    from directory.demo import load_services

    number = "NS-2026-03"
    if notes.get_children().filter(slug=number.lower()).exists():
        return
    services = load_services()
    title = "Exercices d'évacuation incendie dans les bâtiments administratifs"
    body = ("Un exercice d'évacuation a lieu dans chaque bâtiment avant la fin du mois. Chaque agent repère "
            "son issue de secours et le point de rassemblement de son bâtiment.")
    note = OfficialNotePage(
        slug=number.lower(), title=title, number=number, issuing_service=dgs,
        audience="Direction de la population, Direction des ressources", effective_date=today,
        signatory="Le directeur général des services", summary=f"<p>{body}</p>",
        document=ensure_pdf(f"Note de service {number}", [title, body], filename=f"{number.lower()}.pdf"),
        reading_required=True, reading_deadline=today + datetime.timedelta(days=4),
    )
    notes.add_child(instance=note)
    note.audience_services.set([services["population"], services["ressources"]])
    note.save_revision().publish()
    note = OfficialNotePage.objects.get(pk=note.pk)
    for user in get_user_model().objects.filter(username="rh"):
        acknowledge(note, user, now=timezone.now() - datetime.timedelta(days=1))


# (kind, nature, matter, subject, signed days ago, transmitted to the prefecture, made known days after signing)
MAYORAL_ACTS = [
    (MayoralActKind.ORDER, MayoralActNature.REGULATORY, "6.1", "Réglementation du stationnement rue de la République",
     120, True, 2),
    (MayoralActKind.ORDER, MayoralActNature.REGULATORY, "6.1", "Interdiction de la consommation d'alcool sur la voie "
     "publique aux abords des écoles", 95, True, 1),
    (MayoralActKind.ORDER, MayoralActNature.INDIVIDUAL, "4.1", "Nomination d'un adjoint administratif stagiaire",
     90, True, 3),
    (MayoralActKind.ORDER, MayoralActNature.REGULATORY, "5.5", "Délégation de signature au directeur général des "
     "services", 80, True, 1),
    (MayoralActKind.ORDER, MayoralActNature.OTHER, "8.3", "Circulation alternée pendant les travaux du pont de Seine",
     60, False, 1),
    (MayoralActKind.ORDER, MayoralActNature.INDIVIDUAL, "2.2", "Permission de voirie pour une terrasse place du "
     "Marché", 45, False, 4),
    (MayoralActKind.DECISION, MayoralActNature.CONTRACT, "1.1", "Attribution du marché d'entretien des espaces verts",
     40, True, 5),
    (MayoralActKind.DECISION, MayoralActNature.BUDGET, "7.1", "Virement de crédits depuis les dépenses imprévues",
     30, True, 2),
    (MayoralActKind.DECISION, MayoralActNature.CONTRACT, "3.3", "Convention d'occupation de la salle des fêtes par "
     "l'association Les Amis du théâtre", 25, False, 2),
    (MayoralActKind.ORDER, MayoralActNature.REGULATORY, "6.1", "Horaires d'ouverture des débits de boissons pendant "
     "la fête de la musique", 12, True, 1),
    (MayoralActKind.DECISION, MayoralActNature.OTHER, "5.8", "Décision d'ester en justice dans l'affaire du "
     "lotissement des Coteaux", 8, True, None),
    (MayoralActKind.ORDER, MayoralActNature.INDIVIDUAL, "4.5", "Attribution du régime indemnitaire à un agent de la "
     "police municipale", 3, True, None),
]


def load_mayoral_acts(root, mayor):
    """A dozen arrêtés and décisions of several natures; the two newest not yet made known nor acknowledged."""
    index = ensure_child(root, MayoralActIndexPage, slug="arretes", title="Arrêtés et décisions du maire",
                         intro="<p>Le registre des arrêtés et décisions du maire, numérotés par année.</p>")
    today = timezone.localdate()
    acts = []
    for kind, nature, matter, subject, days_ago, transmitted, known_after in MAYORAL_ACTS:
        signed = working_day_before(today - datetime.timedelta(days=days_ago))
        existing = MayoralActPage.objects.child_of(index).filter(title=subject).first()
        if existing:
            acts.append(existing)
            continue
        number = MayoralActPage.next_number(signed.year, kind)
        reference = f"{signed.year}-{number:03d}"
        label = MayoralActKind(kind).label
        document = ensure_pdf(
            f"{label} n° {reference} - {subject}",
            [f"{label} n° {reference}", f"Objet : {subject}.",
             "Le maire, vu le code général des collectivités territoriales,", "ARRÊTE :" if kind == "arrete"
             else "DÉCIDE :", f"Article 1 : {subject}.", f"Fait à la mairie le {signed:%d/%m/%Y}."],
            filename=f"{kind}-{reference}.pdf",
        )
        known = signed + datetime.timedelta(days=known_after) if known_after is not None else None
        publishes = nature not in (MayoralActNature.INDIVIDUAL, MayoralActNature.CONTRACT)
        fields = {
            "title": subject, "kind": kind, "number": number, "nature": nature, "matter": matter,
            "signed_on": signed, "signatory": f"{mayor.first_name} {mayor.last_name}, maire", "document": document,
            "text": f"<p>{subject}.</p>", "transmission_required": transmitted,
            "online_on": known if publishes else None, "notified_on": None if publishes else known,
        }
        if kind == MayoralActKind.DECISION:
            fields["signatory"] = "Le directeur général des services"
            fields["delegation"] = "par délégation du maire"
        if transmitted and known is not None:
            code = rules.ACTES_NATURE_CODES[nature]
            acknowledged = signed + datetime.timedelta(days=1)
            fields.update(transmitted_on=signed, acknowledged_on=acknowledged,
                          actes_id=f"093-219300999-{acknowledged:%Y%m%d}-{kind[0].upper()}{signed.year}_{number:03d}-{code}")
        acts.append(ensure_child(index, MayoralActPage, slug=f"{kind}-{reference}", **fields))
    return acts


@transaction.atomic
def load(stdout=None):
    root = section_root(Section.COUNCIL)
    members = ensure_members()
    index = ensure_child(root, CouncilIndexPage, slug="seances", title="Séances et délibérations",
                         intro="<p>Les séances du conseil municipal et l'archive de ses délibérations.</p>")
    sessions = load_sessions(index, members)
    load_notes(root)
    acts = load_mayoral_acts(root, members[0])
    _workflow, group = setup_council_workflow(root)
    admin = get_user_model().objects.filter(username="admin").first()
    if admin:
        admin.groups.add(group)
    if stdout:
        stdout.write(
            f"Conseil municipal : {len(members)} élus, {len(sessions)} séances, "
            f"{DeliberationPage.objects.count()} délibérations, {len(acts)} arrêtés et décisions du maire."
        )
