"""PDF documents the clerks publish: the liste des délibérations of a session, and plain text PDFs.

fpdf2's built-in Helvetica keeps the files small and needs no font file; it covers Latin-1, so the
few characters outside it (œ, ’, €...) are transliterated.
"""

import datetime

from django.utils import timezone
from fpdf import FPDF

from home.models import TownSettings

from .nomenclature import matter_label

TRANSLITERATION = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                                 "€": "EUR", "…": "...", "\u202f": " ", "\u2009": " "})


def latin1(text):
    return str(text).translate(TRANSLITERATION).encode("latin-1", "replace").decode("latin-1")


def _new_pdf(title, *, created=None):
    """An A4 PDF; given `created` (a date), its bytes depend only on its content (idempotent regeneration)."""
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


def minutes_paragraphs(session):
    """The draft procès-verbal (L2121-15): attendance, quorum, and each act's vote with the voters' names."""
    from . import rules

    day = timezone.localtime(session.date)
    attendances = list(session.attendances.select_related("member", "proxy_holder"))
    present = [str(row.member) for row in attendances if row.status == rules.PRESENT]
    represented = [f"{row.member} (pouvoir à {row.proxy_holder})" for row in attendances
                   if row.status == rules.REPRESENTED]
    absent = [str(row.member) for row in attendances if row.status == rules.ABSENT]
    paragraphs = [
        f"Séance du {day:%d/%m/%Y} à {day:%H:%M}, {session.place}.",
        f"Président de séance : {session.president or '-'} ; secrétaire de séance : {session.secretary or '-'}.",
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


def yearly_register_pdf(year, deliberations, *, generated_on):
    """The register of a year's deliberations (R2121-9): a table by date, then a table by subject (matter).

    `deliberations` are the year's acts ordered by date and order, their rapporteur selected.
    """
    town = TownSettings.load()
    title = f"Registre des délibérations {year}"
    pdf = _new_pdf(title, created=generated_on)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, latin1(f"{town.town_name}\n{title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, latin1(f"{len(deliberations)} délibération(s). Édité le {generated_on:%d/%m/%Y}."),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, latin1("1. Table chronologique"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    _table(
        pdf, ("Date", "N°", "Objet", "Matière", "Résultat"),
        [(f"{d.session_date:%d/%m/%Y}", d.reference, d.title, d.matter, d.get_result_display() or "-")
         for d in deliberations],
        (20, 20, 96, 16, 22),
    )
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, latin1("2. Table par matière"), new_x="LMARGIN", new_y="NEXT")
    by_matter = {}
    for deliberation in deliberations:
        by_matter.setdefault(deliberation.matter, []).append(deliberation)
    for code in sorted(by_matter, key=_matter_sort_key):
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 6, latin1(f"{code} {matter_label(code)}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        _table(
            pdf, ("N°", "Date", "Objet"),
            [(d.reference, f"{d.session_date:%d/%m/%Y}", d.title) for d in by_matter[code]],
            (20, 20, 134),
        )
        pdf.ln(2)
    return bytes(pdf.output())


def year_register(year, *, within=None, generated_on=None):
    """The register PDF of `year`'s live, public acts (below the page `within` if given); None if none."""
    from .models import DeliberationPage

    acts = DeliberationPage.objects.live().public().filter(year=year)
    if within is not None:
        acts = acts.descendant_of(within)
    acts = list(acts.order_by("session_date", "order", "number").defer("text", "document_text"))
    if not acts:
        return None
    return yearly_register_pdf(year, acts, generated_on=generated_on or timezone.localdate())


def _matter_sort_key(code):
    return tuple(int(part) for part in code.split("."))
