"""The council's extracted texts (council.DocumentText, PDF only) move here, with their statuses
mapped to the general ones; the council's table is dropped by its next migration."""

from django.db import migrations

STATUSES = {"ok": "ok", "no_text": "no_text", "encrypted": "unreadable", "corrupt": "unreadable",
            "not_pdf": "unreadable"}
REASONS = {"no_text": "scanned", "encrypted": "encrypted", "corrupt": "corrupt", "not_pdf": "corrupt"}


def copy_texts(apps, schema_editor):
    try:
        old = apps.get_model("council", "DocumentText")
    except LookupError:
        return
    new = apps.get_model("documents", "DocumentText")
    new.objects.bulk_create(
        [
            new(document_id=row.document_id, sha256=row.sha256, status=STATUSES.get(row.status, "unreadable"),
                reason=REASONS.get(row.status, ""), pages=row.pages, text=row.text, ocr_attempted=row.ocr_attempted)
            for row in old.objects.iterator()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_document_text_and_profile"),
        ("council", "0002_deliberation_list_ocr_listing_indexes"),
    ]

    operations = [migrations.RunPython(copy_texts, migrations.RunPython.noop)]
