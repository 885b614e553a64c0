"""The admin's "import a file" view, reached by the "Importer un fichier" button of the imports list."""

import logging

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic.edit import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .forms import CatalogueImportForm
from .models import CatalogueImport
from .models.imports import ImportStatus
from .tasks import queue_upload

logger = logging.getLogger(__name__)


class ImportCatalogueView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Records the upload as a queued import, hands it to a background task and shows its page.

    The imports viewset's "add" view (library/wagtail_hooks.py): a file, not a model form."""

    form_class = CatalogueImportForm
    template_name = "library/admin/import_catalogue.html"
    page_title = "Importer un fichier de notices"
    header_icon = "upload"
    permission_required = "add"
    model = None
    index_url_name = None
    inspect_url_name = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(index_url=reverse(self.index_url_name), **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            # The import, its file and its task (a row, with the database backend) exist together or not at all.
            with transaction.atomic():
                entry = CatalogueImport.objects.create(
                    user=self.request.user, filename=upload.name[:255],
                    file_format=form.cleaned_data["file_format"], dry_run=form.cleaned_data["dry_run"],
                    withdraw_missing=form.cleaned_data["withdraw_missing"], status=ImportStatus.QUEUED,
                )
                queue_upload(entry, upload)
        except OSError:
            logger.exception("Could not keep the uploaded catalogue %s", upload.name)
            form.add_error("file", "Le fichier n'a pas pu être enregistré sur le serveur (espace disque ou droits) : "
                                   "prévenez le service informatique.")
            return self.form_invalid(form)
        return redirect(self.inspect_url_name, entry.pk)
