"""The office formats a town uses, each read by its well-kept library: python-docx, openpyxl,
python-pptx, odfpy (the three OpenDocument formats), striprtf; plain text and CSV decoded."""

import io

from . import MAX_CHARS, finished


def _bounded(chunks):
    """The chunks up to MAX_CHARS characters: a huge sheet is not read to its last cell."""
    total = 0
    for chunk in chunks:
        yield chunk
        total += len(chunk) + 1
        if total >= MAX_CHARS:
            return


def docx_text(data):
    import docx

    document = docx.Document(io.BytesIO(data))

    def chunks():
        for section in document.sections:
            yield from (paragraph.text for paragraph in section.header.paragraphs)
        yield from (paragraph.text for paragraph in document.paragraphs)
        for table in document.tables:
            for row in table.rows:
                yield " ".join(cell.text for cell in row.cells)
        for section in document.sections:
            yield from (paragraph.text for paragraph in section.footer.paragraphs)

    return finished(_bounded(chunks()))


def xlsx_text(data):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        def chunks():
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    values = [str(value) for value in row if value is not None]
                    if values:
                        yield " ".join(values)

        return finished(_bounded(chunks()), len(workbook.worksheets))
    finally:
        workbook.close()


def pptx_text(data):
    import pptx

    presentation = pptx.Presentation(io.BytesIO(data))

    def chunks():
        for slide in presentation.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    yield shape.text_frame.text
                if getattr(shape, "has_table", False) and shape.has_table:
                    for row in shape.table.rows:
                        yield " ".join(cell.text for cell in row.cells)
            if slide.has_notes_slide:
                yield slide.notes_slide.notes_text_frame.text

    return finished(_bounded(chunks()), len(presentation.slides))


def odf_text(data):
    """ODT, ODS and ODP alike: every paragraph and heading (a sheet's cells and a slide's boxes
    hold paragraphs too); pages are the sheets or the slides."""
    from odf import teletype, text
    from odf.draw import Page
    from odf.opendocument import load
    from odf.table import Table

    document = load(io.BytesIO(data))
    body = document.body
    pages = len(body.getElementsByType(Table)) or len(body.getElementsByType(Page))
    elements = body.getElementsByType(text.H) + body.getElementsByType(text.P)
    return finished(_bounded(teletype.extractText(element) for element in elements), pages)


def rtf_text(data):
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit text; its \'xx escapes are in the document's code page, Windows-1252 in France.
    return finished([rtf_to_text(data.decode("latin-1"), encoding="cp1252", errors="replace")])


def plain_text(data):
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = data.decode("cp1252", errors="replace")
    return finished([decoded])


READERS = {
    "docx": docx_text,
    "xlsx": xlsx_text,
    "pptx": pptx_text,
    "odt": odf_text,
    "ods": odf_text,
    "odp": odf_text,
    "rtf": rtf_text,
    "txt": plain_text,
    "csv": plain_text,
}
