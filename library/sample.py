"""A deterministic sample catalogue in UNIMARC (ISO 2709, UTF-8) with 995 copies.

Used by the demo (about 2,000 records) and by benchmarks/catalogue.py (100,000 records):

    python -m library.sample demo.mrc --count 2000 [--seed 6]

The same count and seed always give the same bytes, so re-importing the demo changes nothing.
"""

import argparse
import random
from datetime import date, timedelta

import pymarc

FORENAMES = ["Marie", "Jean", "Claire", "Louis", "Amina", "Hugo", "Léa", "Éric", "Zoé", "Noël", "Chloé", "Théo",
             "Inès", "Raphaël", "Françoise", "Joël"]
SURNAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "Benoît", "Fournier", "Girard", "Bonnet", "Dupré",
            "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Ngoma", "Nguyen", "Da Silva", "Kaci", "Ozturk"]
# A title's head with its gender and number (m/f, s/p): the adjectives of TITLE_TAILS agree with it.
TITLE_HEADS = [("Le jardin", "ms"), ("La maison", "fs"), ("Les enfants", "mp"), ("Le voyage", "ms"),
               ("L'école", "fs"), ("La forêt", "fs"), ("Le secret", "ms"), ("La mer", "fs"), ("Les saisons", "fp"),
               ("Le château", "ms"), ("La ville", "fs"), ("Le fleuve", "ms"), ("Les étoiles", "fp"),
               ("L'hiver", "ms"), ("La cuisine", "fs"), ("Le théâtre", "ms"), ("La montagne", "fs"),
               ("Les oiseaux", "mp"), ("Le silence", "ms"), ("La révolution", "fs")]
# An invariable tail, or the four forms of an adjective: masculine, feminine, masculine plural, feminine plural.
TITLE_TAILS = ["de Lucie", "du soir", ("oublié", "oubliée", "oubliés", "oubliées"), "des possibles", "en héritage",
               "de l'été", "sans nom", "d'Éléonore", "à Paris", "en Bretagne", "des origines", "du bout du monde",
               "pour tous", ("retrouvé", "retrouvée", "retrouvés", "retrouvées"), "et nous"]
FORMS = {"ms": 0, "fs": 1, "mp": 2, "fp": 3}
SUBJECTS = ["Roman policier", "Histoire de France", "Cuisine", "Jardinage", "Écologie", "Sciences",
            "Bande dessinée", "Albums jeunesse", "Philosophie", "Voyages", "Musique", "Cinéma", "Santé",
            "Droit des collectivités", "Informatique", "Art", "Sport", "Poésie", "Éducation", "Économie"]
PUBLISHERS = [("Paris", "Gallimard"), ("Paris", "Seuil"), ("Arles", "Actes Sud"), ("Paris", "Flammarion"),
              ("Paris", "Hachette"), ("Grenoble", "Glénat"), ("Paris", "La Découverte"), ("Lyon", "Éditions du Rhône")]
LANGUAGES = ["fre"] * 12 + ["eng", "eng", "spa", "ger", "ita", "ara"]
# (leader/06-07, 995$r, share): books dominate a public library's catalogue.
KINDS = [("am", "LIV", 70), ("am", "BD", 10), ("gm", "DVD", 8), ("jm", "CD", 6), ("im", "LIVAUD", 3), ("as", "REV", 3)]
# The library's branches are facilities of the map (places/demo.py), under the same names.
BRANCHES = ["Médiathèque Aimé-Césaire", "Bibliothèque annexe des Presles"]
LOCATIONS = ["Adultes", "Jeunesse", "Fonds local", "Réserve"]
DEWEY = ["843", "944", "641", "635", "577", "500", "741.5", "100", "910", "780", "791.43", "613", "342", "004"]


def _isbn13(rng):
    stem = "9782" + "".join(str(rng.randrange(10)) for _ in range(8))
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(stem)) % 10) % 10
    return f"{stem[:3]}-{stem[3]}-{stem[4:8]}-{stem[8:12]}-{check}"


def book_title(head, tail):
    """ "L'école" and "oublié" make "L'école oubliée": the adjective agrees with the head."""
    text, form = head
    return f"{text} {tail if isinstance(tail, str) else tail[FORMS[form]]}"


def make_record(number, rng, today):
    kind = rng.choices(KINDS, weights=[k[2] for k in KINDS])[0]
    leader = f"00000n{kind[0]}  2200000   450 "
    record = pymarc.Record(leader=leader, force_utf8=True)
    year = rng.choice(range(1935, today.year + 1)) if rng.random() < 0.3 else rng.randrange(2000, today.year + 1)
    language = rng.choice(LANGUAGES)
    record.add_field(pymarc.Field(tag="001", data=f"DEMO{number:07d}"))
    record.add_field(pymarc.Field(tag="010", indicators=[" ", " "],
                                  subfields=[pymarc.Subfield("a", _isbn13(rng)), pymarc.Subfield("d", "20 EUR")]))
    record.add_field(pymarc.Field(tag="100", indicators=[" ", " "],
                                  subfields=[pymarc.Subfield("a", f"20240101d{year}    m  y0frey5003    ba")]))
    record.add_field(pymarc.Field(tag="101", indicators=["0", " "], subfields=[pymarc.Subfield("a", language)]))
    forename, surname = rng.choice(FORENAMES), rng.choice(SURNAMES)
    title = book_title(rng.choice(TITLE_HEADS), rng.choice(TITLE_TAILS))
    title_subfields = [pymarc.Subfield("a", title)]
    if rng.random() < 0.4:
        title_subfields.append(pymarc.Subfield("e", rng.choice(["roman", "récit", "essai", "nouvelles", "album"])))
    title_subfields.append(pymarc.Subfield("f", f"{forename} {surname}"))
    record.add_field(pymarc.Field(tag="200", indicators=["1", " "], subfields=title_subfields))
    place, publisher = rng.choice(PUBLISHERS)
    record.add_field(pymarc.Field(tag="210", indicators=[" ", " "], subfields=[
        pymarc.Subfield("a", place), pymarc.Subfield("c", publisher), pymarc.Subfield("d", str(year))]))
    record.add_field(pymarc.Field(tag="215", indicators=[" ", " "], subfields=[
        pymarc.Subfield("a", f"{rng.randrange(48, 640)} p."), pymarc.Subfield("d", "22 cm")]))
    if rng.random() < 0.5:
        record.add_field(pymarc.Field(tag="330", indicators=[" ", " "], subfields=[pymarc.Subfield(
            "a", f"{title} : une histoire de {rng.choice(SUBJECTS).lower()} racontée par {forename} {surname}.")]))
    for subject in rng.sample(SUBJECTS, rng.randrange(1, 4)):
        record.add_field(pymarc.Field(tag="606", indicators=[" ", " "], subfields=[
            pymarc.Subfield("a", subject), pymarc.Subfield("2", "rameau")]))
    record.add_field(pymarc.Field(tag="676", indicators=[" ", " "],
                                  subfields=[pymarc.Subfield("a", rng.choice(DEWEY))]))
    record.add_field(pymarc.Field(tag="700", indicators=[" ", "1"], subfields=[
        pymarc.Subfield("a", surname), pymarc.Subfield("b", forename), pymarc.Subfield("4", "070")]))
    if rng.random() < 0.25:
        record.add_field(pymarc.Field(tag="702", indicators=[" ", "1"], subfields=[
            pymarc.Subfield("a", rng.choice(SURNAMES)), pymarc.Subfield("b", rng.choice(FORENAMES)),
            pymarc.Subfield("4", rng.choice(["440", "730"]))]))
    acquired = today - timedelta(days=rng.randrange(0, 3 * 365))
    for copy_number in range(rng.choice([1, 1, 1, 2, 2, 3])):
        subfields = [
            pymarc.Subfield("b", "BMX"),
            pymarc.Subfield("c", rng.choice(BRANCHES)),
            pymarc.Subfield("e", rng.choice(LOCATIONS)),
            pymarc.Subfield("f", f"B{number:07d}{copy_number}"),
            pymarc.Subfield("k", f"{rng.choice(DEWEY)} {surname[:3].upper()}"),
            pymarc.Subfield("r", kind[1]),
            pymarc.Subfield("5", (acquired + timedelta(days=copy_number * 30)).isoformat()),
        ]
        roll = rng.random()
        if roll < 0.25:
            subfields.append(pymarc.Subfield("n", (today + timedelta(days=rng.randrange(1, 28))).strftime("%Y%m%d")))
        elif roll < 0.28:
            subfields.append(pymarc.Subfield("o", "2"))
        elif roll < 0.30:
            subfields.append(pymarc.Subfield("o", "3"))
        record.add_field(pymarc.Field(tag="995", indicators=[" ", " "], subfields=subfields))
    return record


def write_sample(stream, count, seed=6, today=date(2026, 11, 1)):
    """Write `count` UNIMARC records to a binary stream; same arguments, same bytes."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        stream.write(make_record(number, rng, today).as_marc())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    with open(args.output, "wb") as stream:
        write_sample(stream, args.count, args.seed)


if __name__ == "__main__":
    main()
