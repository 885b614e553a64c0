"""PDF documents the clerks publish: the liste des délibérations of a session, and plain text PDFs.

fpdf2's built-in Helvetica keeps the files small and needs no font file; it covers Latin-1, so the
few characters outside it (œ, ’, €...) are transliterated.
"""

from django.utils import timezone
from fpdf import FPDF

from home.models import TownSettings

TRANSLITERATION = str.maketrans({"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                                 "€": "EUR", "…": "...", "\u202f": " ", "\u2009": " "})


def latin1(text):
    return str(text).translate(TRANSLITERATION).encode("latin-1", "replace").decode("latin-1")


def _new_pdf(title):
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_creator("Intranet de la mairie")
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


def deliberation_list_pdf(session):
    """The liste des délibérations (CGCT L2121-25): the session's date and each act's subject and result."""
    town = TownSettings.load()
    title = f"Liste des délibérations - séance du {timezone.localtime(session.date):%d/%m/%Y}"
    pdf = _new_pdf(title)
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 8, latin1(f"{town.town_name}\n{title}"))
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(
        0, 5,
        latin1(f"Conseil municipal réuni le {timezone.localtime(session.date):%d/%m/%Y à %H:%M}, {session.place}. "
               f"Membres en exercice : {session.members_in_office} ; présents : {session.present_count} ; "
               f"représentés : {session.represented_count}."),
    )
    pdf.ln(3)
    with pdf.table(col_widths=(20, 120, 30), text_align=("LEFT", "LEFT", "LEFT")) as table:
        header = table.row()
        for label in ("N°", "Objet", "Résultat"):
            header.cell(latin1(label))
        for deliberation in session.deliberations():
            row = table.row()
            row.cell(deliberation.reference)
            row.cell(latin1(deliberation.title))
            row.cell(latin1(deliberation.get_result_display() or "-"))
    pdf.ln(4)
    pdf.cell(0, 6, latin1(f"Affichée et mise en ligne le {timezone.localdate():%d/%m/%Y}."))
    return bytes(pdf.output())
