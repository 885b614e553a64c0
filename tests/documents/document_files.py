"""Real files of each format a town uses, made with the libraries that write them."""

import io
import zipfile

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject


def pdf_file(*lines):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_file(*paragraphs, table=None):
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=1, cols=len(table))
        for cell, value in zip(grid.rows[0].cells, table, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_file(*rows):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Tarifs"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx_file(title, body):
    import pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = title
    slide.placeholders[1].text = body
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _odf_bytes(document):
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def odt_file(*paragraphs):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    return _odf_bytes(document)


def ods_file(*rows):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Inventaire")
    for row in rows:
        line = TableRow()
        for value in row:
            cell = TableCell()
            cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    return _odf_bytes(document)


def odp_file(*texts):
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.style import MasterPage, PageLayout
    from odf.text import P

    document = OpenDocumentPresentation()
    layout = PageLayout(name="mise-en-page")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="maitre", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    for text in texts:
        page = Page(masterpagename=master)
        frame = Frame(width="20cm", height="5cm", x="2cm", y="2cm")
        box = TextBox()
        box.addElement(P(text=text))
        frame.addElement(box)
        page.addElement(frame)
        document.presentation.addElement(page)
    return _odf_bytes(document)


def rtf_file(text):
    """RTF as word processors write it: 7-bit, accents as \\'xx escapes of Windows-1252."""
    escaped = "".join(f"\\'{ord(char):02x}" if ord(char) > 127 else char for char in text)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs24 " + escaped + "\\par}").encode("ascii")


def encrypted_pdf(*lines, password="secret", algorithm=None):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_file(*lines))))
    writer.encrypt(user_password=password, owner_password=password or "proprietaire", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_bomb(pages=200, stream_mb=5):
    """A small PDF (tens of KB) whose pages all share one huge content stream of text operators:
    what kept a web worker busy until its timeout."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_file("Sommaire"))))
    operator = b"BT /F1 9 Tf 20 20 Td (Deliberation) Tj ET\n"
    stream = DecodedStreamObject()
    stream.set_data(operator * (stream_mb * 1024 * 1024 // len(operator)))
    stream = stream.flate_encode()
    shared = writer._add_object(stream)
    template = writer.pages[0]
    for _number in range(pages - 1):
        writer.add_page(template)
    for page in writer.pages:
        page[NameObject("/Contents")] = ArrayObject([shared])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bomb(megabytes=400):
    """A DOCX whose document.xml inflates from under a megabyte to hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_file("Sommaire")), "r") as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                paragraph = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
                head, tail = data.split(b"<w:body>", 1)
                data = head + b"<w:body>" + paragraph * (megabytes * 1024) + tail
            bomb.writestr(item, data)
    return buffer.getvalue()
