"""PDF documents the clerks publish: the liste des délibérations of a session, and plain text PDFs.

fpdf2's built-in Helvetica keeps the files small and needs no font file; it covers Latin-1, so the
few characters outside it (œ, ’, €...) are transliterated.
"""

import datetime

from django.utils import timezone

from core.gender import agree
from core.visibility import visible_to_every_agent
from home.models import TownSettings

from .nomenclature import matter_label

TRANSLITERATION = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                                 "€": "EUR", "…": "...", "\u202f": " ", "\u2009": " "})


def latin1(text):
    return str(text).translate(TRANSLITERATION).encode("latin-1", "replace").decode("latin-1")


def _new_pdf(title, *, created=None):
    """An A4 PDF; given `created` (a date), its bytes depend only on its content (idempotent regeneration)."""
    # Imported here: fpdf2 (and fontTools) take a fifth of a second to import, which every process
    # paid at start-up through the council's signals for the few that write a PDF.
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_creator("Intranet de la mairie")
    if created is not None:
        pdf.set_creation_date(timezone.make_aware(datetime.datetime.combine(created, datetime.time(12, 0))))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def text_pdf(title, paragraphs, *, author=""):
    """A simple PDF with a title and paragraphs of text (acts, minutes, notes, demo documents)."""
    pdf = _new_pdf(title)
    if author:
        pdf.set_author(latin1(author))
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, latin1(title))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, latin1(paragraph))
        pdf.ln(2)
    return bytes(pdf.output())


def _presidency(president):
    return agree("président", president.civility if president else "")


def minutes_paragraphs(session):
    """The draft procès-verbal (L2121-15): attendance, quorum, and each act's vote with the voters' names."""
    from . import rules

    day = timezone.localtime(session.date)
    attendances = list(session.attendances.select_related("member", "proxy_holder"))
    present = [str(row.member) for row in attendances if row.status == rules.PRESENT]
    represented = [f"{row.member} ({row.status_label})" for row in attendances if row.status == rules.REPRESENTED]
    absent = [str(row.member) for row in attendances if row.status == rules.ABSENT]
    paragraphs = [
        f"Séance du {day:%d/%m/%Y} à {day:%H:%M}, {session.place}.",
        f"{_presidency(session.president).capitalize()} de séance : {session.president or '-'} ; "
        f"secrétaire de séance : {session.secretary or '-'}.",
        f"Membres en exercice : {session.members_in_office}. Présents ({len(present)}) : {', '.join(present) or '-'}.",
        f"Représentés ({len(represented)}) : {', '.join(represented) or '-'}. Absents : {', '.join(absent) or '-'}.",
        "Quorum atteint." if session.quorum_reached else "Quorum non atteint.",
    ]
    for act in session.deliberations():
        vote = (f"Pour {act.votes_for or 0}, contre {act.votes_against or 0}, abstentions {act.abstentions or 0}"
                + (", scrutin secret" if act.secret_ballot else "") + f" : {act.get_result_display() or '-'}.")
        paragraphs.append(f"{act.reference} - {act.title}. {vote}")
        for cast, names in act.voters_by_vote().items():
            paragraphs.append(f"    {rules.NAMED_VOTES[cast]} : {', '.join(names)}.")
    return paragraphs


def _table(pdf, header, rows, widths):
    with pdf.table(col_widths=widths, text_align="LEFT", repeat_headings=1) as table:
        heading = table.row()
        for label in header:
            heading.cell(latin1(label))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(latin1(value))


def deliberation_list_pdf(session, deliberations, *, online_on):
    """The liste des délibérations (CGCT L2121-25): date, subject and result of each act of the session.

    `online_on` is the date it was put online (None: a provisional list); the file's creation date
    is the same, so the same acts always give the same bytes.
    """
    town = TownSettings.load()
    day = timezone.localtime(session.date)
    title = f"Liste des délibérations - séance du {day:%d/%m/%Y}"
    pdf = _new_pdf(title, created=online_on or day.date())
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 8, latin1(f"{town.town_name}\n{title}"))
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(
        0, 5,
        latin1(f"Conseil municipal réuni le {day:%d/%m/%Y à %H:%M}, {session.place}. "
               f"Membres en exercice : {session.members_in_office} ; présents : {session.present_count} ; "
               f"représentés : {session.represented_count}."),
    )
    pdf.ln(3)
    _table(
        pdf, ("N°", "Date", "Objet", "Résultat"),
        [(d.reference, f"{day:%d/%m/%Y}", d.title, d.get_result_display() or "-") for d in deliberations],
        (20, 22, 108, 24),
    )
    pdf.ln(4)
    if online_on is None:
        pdf.cell(0, 6, latin1("Liste provisoire : la séance n'est pas encore close."))
    else:
        pdf.cell(0, 6, latin1(f"Affichée et mise en ligne le {online_on:%d/%m/%Y}."))
    return bytes(pdf.output())


def _register_pdf(title, acts, *, generated_on, count_label, chronological, by_matter):
    """A yearly register (R2121-9 for deliberations, the same layout for the mayor's acts): a table by
    date, then a table by subject (matter). `chronological` and `by_matter` are (header, row, widths)."""
    town = TownSettings.load()
    pdf = _new_pdf(title, created=generated_on)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, latin1(f"{town.town_name}\n{title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, latin1(f"{len(acts)} {count_label}. Édité le {generated_on:%d/%m/%Y}."),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, latin1("1. Table chronologique"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    header, row, widths = chronological
    _table(pdf, header, [row(act) for act in acts], widths)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, latin1("2. Table par matière"), new_x="LMARGIN", new_y="NEXT")
    groups = {}
    for act in acts:
        groups.setdefault(act.matter, []).append(act)
    header, row, widths = by_matter
    for code in sorted(groups, key=_matter_sort_key):
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 6, latin1(f"{code} {matter_label(code)}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        _table(pdf, header, [row(act) for act in groups[code]], widths)
        pdf.ln(2)
    return bytes(pdf.output())


def yearly_register_pdf(year, deliberations, *, generated_on):
    """The register of a year's deliberations (R2121-9): a table by date, then a table by subject (matter).

    `deliberations` are the year's acts ordered by date and order, their rapporteur selected.
    """
    return _register_pdf(
        f"Registre des délibérations {year}", deliberations, generated_on=generated_on,
        count_label="délibération(s)",
        chronological=(
            ("Date", "N°", "Objet", "Matière", "Résultat"),
            lambda d: (f"{d.session_date:%d/%m/%Y}", d.reference, d.title, d.matter, d.get_result_display() or "-"),
            (20, 20, 96, 16, 22),
        ),
        by_matter=(("N°", "Date", "Objet"), lambda d: (d.reference, f"{d.session_date:%d/%m/%Y}", d.title),
                   (20, 20, 134)),
    )


def mayoral_register_pdf(year, acts, *, generated_on):
    """The register of a year's arrêtés and décisions du maire, laid out as the deliberations' register."""
    return _register_pdf(
        f"Registre des arrêtés et décisions du maire {year}", acts, generated_on=generated_on,
        count_label="acte(s)",
        chronological=(
            ("Signé le", "N°", "Type", "Nature", "Objet", "Exécutoire"),
            lambda a: (f"{a.signed_on:%d/%m/%Y}", a.reference, a.get_kind_display(), a.get_nature_display(),
                       a.title, f"{a.enforceable_on:%d/%m/%Y}" if a.enforceable_on else "-"),
            (20, 18, 26, 30, 58, 22),
        ),
        by_matter=(("N°", "Signé le", "Type", "Objet"),
                   lambda a: (a.reference, f"{a.signed_on:%d/%m/%Y}", a.get_kind_display(), a.title),
                   (18, 20, 30, 106)),
    )


def year_register(year, *, within=None, generated_on=None):
    """The register PDF of `year`'s live, public acts (below the page `within` if given); None if none."""
    from .models import DeliberationPage

    acts = visible_to_every_agent(DeliberationPage.objects.live()).filter(year=year)
    if within is not None:
        acts = acts.descendant_of(within)
    acts = list(acts.order_by("session_date", "order", "number").defer("text", "document_text"))
    if not acts:
        return None
    return yearly_register_pdf(year, acts, generated_on=generated_on or timezone.localdate())


def mayoral_year_register(year, *, within=None, generated_on=None):
    """The register PDF of `year`'s live, public mayor's acts (below `within` if given); None if none."""
    from .models import MayoralActPage

    acts = MayoralActPage.objects.live().public().filter(year=year)
    if within is not None:
        acts = acts.descendant_of(within)
    acts = list(acts.order_by("signed_on", "kind", "number").defer("text", "document_text"))
    if not acts:
        return None
    return mayoral_register_pdf(year, acts, generated_on=generated_on or timezone.localdate())


def _matter_sort_key(code):
    return tuple(int(part) for part in code.split("."))
