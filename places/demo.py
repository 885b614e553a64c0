"""Demo facilities of Bellerive-sur-Seine (fictional, Seine-Saint-Denis, about 55,000 inhabitants).

Positions are made up but plausible: spread over the town's bounding box around 48.95 N, 2.31 E.
The 8-digit EQUIP_CODE prefixes are illustrative; a real town takes them from the SCDL
nomenclature of facilities.
"""

import random
from decimal import Decimal

from django.utils.text import slugify

from home.demo import ensure_child, section_root
from home.models import Section, ServicePage

from .models import FacilityPage, FacilityService, MapPage, PlacesSettings
from .themes import Theme

TOWN = "Bellerive-sur-Seine"
POSTCODE = "93800"
INSEE_CODE = "93099"
BOUNDS = {"south": Decimal("48.935"), "north": Decimal("48.965"), "west": Decimal("2.285"), "east": Decimal("2.335")}

TOWN_HALL_HOURS = "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"
SCHOOL_HOURS = "Mo,Tu,Th,Fr 08:20-11:30,13:20-16:30; PH off"
GYM_HOURS = "Mo-Fr 08:00-22:00; Sa 09:00-18:00; PH off"

# name, theme, type, code prefix, number, street, opening hours, phone, services (slugs)
FACILITIES = [
    (
        "Hôtel de ville",
        Theme.ADMINISTRATIVE,
        "Mairie",
        "01010101",
        "1",
        "rue de l'Hôtel de Ville",
        TOWN_HALL_HOURS,
        "01 49 71 99 99",
        ["dgs", "etat-civil", "urbanisme", "rh", "dsi"],
    ),
    (
        "Mairie annexe du Val-Fleuri",
        Theme.ADMINISTRATIVE,
        "Mairie annexe",
        "01010102",
        "14",
        "avenue du Val-Fleuri",
        "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        "01 49 71 98 10",
        ["etat-civil"],
    ),
    (
        "Mairie annexe des Bords-de-Seine",
        Theme.ADMINISTRATIVE,
        "Mairie annexe",
        "01010102",
        "3",
        "quai de Seine",
        "Tu,Th 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off",
        "01 49 71 98 20",
        ["etat-civil"],
    ),
    (
        "Poste de police municipale",
        Theme.JUSTICE,
        "Police municipale",
        "02010201",
        "27",
        "rue Gabriel-Péri",
        "24/7",
        "01 49 71 97 00",
        [],
    ),
    (
        "Maison de la justice et du droit",
        Theme.JUSTICE,
        "Maison de la justice et du droit",
        "02020101",
        "8",
        "rue de la République",
        "Mo-Fr 09:00-12:30,13:30-17:00; PH off",
        "01 49 71 96 50",
        [],
    ),
    (
        "Centre municipal de santé Louise-Michel",
        Theme.HEALTH,
        "Centre de santé",
        "03010101",
        "45",
        "avenue Jean-Jaurès",
        "Mo-Fr 08:00-19:00; Sa 08:30-12:30; PH off",
        "01 49 71 95 00",
        [],
    ),
    (
        "Centre de PMI des Presles",
        Theme.HEALTH,
        "Protection maternelle et infantile",
        "03020101",
        "2",
        "allée des Presles",
        "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "01 49 71 95 20",
        ["petite-enfance"],
    ),
    (
        "Centre de vaccination",
        Theme.HEALTH,
        "Centre de vaccination",
        "03030101",
        "45",
        "avenue Jean-Jaurès",
        "We 14:00-18:00; Sa 09:00-12:00; PH off",
        "01 49 71 95 30",
        [],
    ),
    (
        "Centre communal d'action sociale",
        Theme.SOCIAL,
        "CCAS",
        "04010101",
        "5",
        "place de la Libération",
        "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "01 49 71 94 00",
        ["ccas"],
    ),
    (
        "Résidence autonomie Les Tilleuls",
        Theme.SOCIAL,
        "Résidence autonomie",
        "04020101",
        "12",
        "rue des Tilleuls",
        "24/7",
        "01 49 71 94 40",
        ["ccas"],
    ),
    (
        "Crèche collective Les Petits Loups",
        Theme.SOCIAL,
        "Crèche",
        "04030101",
        "9",
        "rue Pasteur",
        "Mo-Fr 07:30-18:30; PH off",
        "01 49 71 93 10",
        ["petite-enfance"],
    ),
    (
        "Crèche Arc-en-ciel",
        Theme.SOCIAL,
        "Crèche",
        "04030101",
        "31",
        "boulevard Foch",
        "Mo-Fr 07:30-18:30; PH off",
        "01 49 71 93 20",
        ["petite-enfance"],
    ),
    (
        "Relais petite enfance",
        Theme.SOCIAL,
        "Relais petite enfance",
        "04030201",
        "6",
        "rue Victor-Hugo",
        "Mo,Tu,Th 09:00-12:00,13:30-17:30; We 09:00-12:00; PH off",
        "01 49 71 93 30",
        ["petite-enfance"],
    ),
    (
        "Centre social Jacques-Prévert",
        Theme.SOCIAL,
        "Centre social",
        "04040101",
        "18",
        "rue Jacques-Prévert",
        "Mo-Fr 09:00-12:00,14:00-19:00; Sa 10:00-17:00; PH off",
        "01 49 71 93 50",
        ["ccas"],
    ),
    (
        "Gymnase Léo-Lagrange",
        Theme.SPORTS,
        "Gymnase",
        "05010101",
        "10",
        "rue Léo-Lagrange",
        GYM_HOURS,
        "01 49 71 92 10",
        ["sports"],
    ),
    (
        "Gymnase Marie-Paradis",
        Theme.SPORTS,
        "Gymnase",
        "05010101",
        "52",
        "avenue du Val-Fleuri",
        GYM_HOURS,
        "01 49 71 92 20",
        ["sports"],
    ),
    (
        "Stade municipal Jean-Bouin",
        Theme.SPORTS,
        "Stade",
        "05020101",
        "1",
        "allée du Stade",
        "Mo-Fr 09:00-22:00; Sa,Su 09:00-19:00; PH off",
        "01 49 71 92 30",
        ["sports"],
    ),
    (
        "Piscine municipale des Berges",
        Theme.SPORTS,
        "Piscine",
        "05030101",
        "4",
        "quai de Seine",
        "Tu,Th 12:00-14:00,17:00-21:00; We 10:00-19:00; Fr 12:00-14:00,17:00-20:00; Sa,Su 09:00-18:00; PH off",
        "01 49 71 92 40",
        ["sports"],
    ),
    (
        "Tennis club municipal",
        Theme.SPORTS,
        "Courts de tennis",
        "05040101",
        "21",
        "rue du Moulin",
        "Mo-Su 08:00-21:00",
        "01 49 71 92 50",
        ["sports"],
    ),
    (
        "Dojo municipal",
        Theme.SPORTS,
        "Salle d'arts martiaux",
        "05050101",
        "10",
        "rue Léo-Lagrange",
        "Mo-Fr 16:00-22:00; Sa 09:00-17:00; PH off",
        "01 49 71 92 60",
        ["sports"],
    ),
    (
        "Skatepark des Berges",
        Theme.SPORTS,
        "Skatepark",
        "05060101",
        "",
        "promenade des Berges",
        "Mo-Su 08:00-21:00",
        "",
        ["sports"],
    ),
    (
        "City stade des Presles",
        Theme.SPORTS,
        "Terrain multisports",
        "05060201",
        "",
        "allée des Presles",
        "Mo-Su 08:00-21:00",
        "",
        ["sports"],
    ),
    (
        "École maternelle Jules-Ferry",
        Theme.EDUCATION,
        "École maternelle",
        "06010101",
        "7",
        "rue Jules-Ferry",
        SCHOOL_HOURS,
        "01 49 71 91 10",
        [],
    ),
    (
        "École élémentaire Jules-Ferry",
        Theme.EDUCATION,
        "École élémentaire",
        "06010201",
        "9",
        "rue Jules-Ferry",
        SCHOOL_HOURS,
        "01 49 71 91 11",
        [],
    ),
    (
        "École élémentaire Paul-Langevin",
        Theme.EDUCATION,
        "École élémentaire",
        "06010201",
        "40",
        "rue Paul-Langevin",
        SCHOOL_HOURS,
        "01 49 71 91 20",
        [],
    ),
    (
        "École maternelle Pauline-Kergomard",
        Theme.EDUCATION,
        "École maternelle",
        "06010101",
        "3",
        "rue Pauline-Kergomard",
        SCHOOL_HOURS,
        "01 49 71 91 30",
        [],
    ),
    (
        "Groupe scolaire Victor-Hugo",
        Theme.EDUCATION,
        "Groupe scolaire",
        "06010301",
        "60",
        "rue Victor-Hugo",
        SCHOOL_HOURS,
        "01 49 71 91 40",
        [],
    ),
    (
        "École élémentaire Anatole-France",
        Theme.EDUCATION,
        "École élémentaire",
        "06010201",
        "15",
        "avenue Anatole-France",
        SCHOOL_HOURS,
        "01 49 71 91 50",
        [],
    ),
    (
        "Collège Jean-Moulin",
        Theme.EDUCATION,
        "Collège",
        "06020101",
        "2",
        "boulevard Jean-Moulin",
        "Mo-Fr 08:00-17:30; PH off",
        "01 49 71 91 60",
        [],
    ),
    (
        "Médiathèque Aimé-Césaire",
        Theme.CULTURE,
        "Médiathèque",
        "07010101",
        "11",
        "place de la Libération",
        "Tu,Th,Fr 13:00-19:00; We,Sa 10:00-18:00; PH off",
        "01 49 71 90 10",
        ["culture"],
    ),
    (
        "Bibliothèque annexe des Presles",
        Theme.CULTURE,
        "Bibliothèque",
        "07010102",
        "4",
        "allée des Presles",
        "We 10:00-12:00,14:00-18:00; Sa 10:00-13:00; PH off",
        "01 49 71 90 20",
        ["culture"],
    ),
    (
        "Conservatoire Maurice-Ravel",
        Theme.CULTURE,
        "Conservatoire",
        "07020101",
        "25",
        "rue de la République",
        "Mo-Fr 14:00-21:00; Sa 09:00-18:00; PH off",
        "01 49 71 90 30",
        ["culture"],
    ),
    (
        "Théâtre municipal",
        Theme.CULTURE,
        "Salle de spectacle",
        "07030101",
        "1",
        "place du Théâtre",
        "Tu-Sa 14:00-19:00; PH off",
        "01 49 71 90 40",
        ["culture"],
    ),
    (
        "Archives municipales",
        Theme.CULTURE,
        "Archives",
        "07040101",
        "1",
        "rue de l'Hôtel de Ville",
        "Tu,Th 09:00-12:00,14:00-17:00; PH off",
        "01 49 71 90 50",
        ["dgs"],
    ),
    (
        "Espace jeunesse",
        Theme.CULTURE,
        "Maison des jeunes",
        "07050101",
        "33",
        "rue Gabriel-Péri",
        "Tu-Fr 14:00-19:00; Sa 10:00-18:00; PH off",
        "01 49 71 90 60",
        [],
    ),
    (
        "Église Saint-Martin",
        Theme.WORSHIP,
        "Lieu de culte",
        "08010101",
        "2",
        "place de l'Église",
        "Mo-Su 09:00-18:00",
        "",
        [],
    ),
    (
        "Parking relais de la gare",
        Theme.MOBILITY,
        "Parc de stationnement",
        "09010101",
        "1",
        "avenue de la Gare",
        "24/7",
        "",
        [],
    ),
    (
        "Station de vélos de l'Hôtel de ville",
        Theme.MOBILITY,
        "Stationnement vélos",
        "09020101",
        "",
        "parvis de l'Hôtel de Ville",
        "24/7",
        "",
        [],
    ),
    (
        "Centre technique municipal",
        Theme.OTHER,
        "Ateliers municipaux",
        "10010101",
        "70",
        "rue de l'Industrie",
        "Mo-Fr 07:30-12:00,13:00-16:30; PH off",
        "01 49 71 89 00",
        [],
    ),
    (
        "Cimetière communal",
        Theme.OTHER,
        "Cimetière",
        "10020101",
        "",
        "chemin du Cimetière",
        "Mo-Su 08:00-18:00",
        "01 49 71 89 20",
        [],
    ),
    (
        "Maison des associations",
        Theme.OTHER,
        "Maison des associations",
        "10030101",
        "22",
        "rue Pasteur",
        "Mo-Fr 09:00-12:00,14:00-20:00; PH off",
        "01 49 71 89 30",
        [],
    ),
]


def configure_settings():
    """Put the town's bounding box in place before any facility is checked against it."""
    settings = PlacesSettings.load()
    if settings.insee_code:
        return settings
    settings.insee_code = INSEE_CODE
    for name, value in BOUNDS.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def ensure_map_page():
    return ensure_child(
        section_root(Section.SERVICES),
        MapPage,
        slug="plan-des-equipements",
        title="Plan des équipements",
        show_in_menus=True,
        intro="<p>Où sont les écoles, les gymnases, les bibliothèques, les annexes de la mairie et les "
        "services : adresses, horaires et contacts. La liste sous la carte donne les mêmes informations.</p>",
    )


def _point(rng):
    # Keep a margin inside the bounding box so that every demo point is accepted.
    lat = rng.uniform(float(BOUNDS["south"]) + 0.003, float(BOUNDS["north"]) - 0.003)
    lon = rng.uniform(float(BOUNDS["west"]) + 0.004, float(BOUNDS["east"]) - 0.004)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def load(stdout=None):
    configure_settings()
    map_page = ensure_map_page()
    services = {page.slug: page for page in ServicePage.objects.all()}
    rng = random.Random(93099)
    sequence = {}
    created = 0
    for name, theme, kind, code, number, street, hours, phone, service_slugs in FACILITIES:
        latitude, longitude = _point(rng)
        sequence[code] = sequence.get(code, 0) + 1
        slug = slugify(name)
        if map_page.get_children().filter(slug=slug).exists():
            continue
        ensure_child(
            map_page,
            FacilityPage,
            slug=slug,
            title=name,
            theme=theme,
            facility_type=kind,
            equipment_code=f"{code}-{sequence[code]:03d}",
            street_number=number,
            street_name=street,
            postcode=POSTCODE,
            commune=TOWN,
            latitude=latitude,
            longitude=longitude,
            opening_hours=hours,
            phone=phone,
            email=f"{slug[:40]}@mairie.example" if phone else "",
            accessibility="Accès de plain-pied pour les personnes à mobilité réduite." if number else "",
            service_links=[FacilityService(service=services[s]) for s in service_slugs if s in services],
        )
        created += 1
    if stdout:
        stdout.write(f"Équipements : {created} créés, {len(FACILITIES) - created} déjà présents.")
    return map_page


def fill_to(map_page, total):
    """Add generated facilities on a grid until the map holds `total` (scale tests, benchmarks)."""
    themes = list(Theme.values)
    for number in range(total - FacilityPage.objects.count()):
        map_page.add_child(
            instance=FacilityPage(
                title=f"Équipement généré {number:03d}",
                slug=f"equipement-genere-{number:03d}",
                theme=themes[number % len(themes)],
                facility_type="Local",
                equipment_code=f"10990101-{number % 1000:03d}",
                street_number=str(number),
                street_name="rue des Essais",
                postcode="93800",
                commune="Bellerive-sur-Seine",
                latitude=Decimal("48.938") + Decimal(number % 25) * Decimal("0.001"),
                longitude=Decimal("2.289") + Decimal(number // 25) * Decimal("0.002"),
                opening_hours="Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
            )
        )
