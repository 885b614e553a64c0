"""The admin's "import a file" view, reached by the "Importer un fichier" button of the imports list."""

from django.views.generic.edit import FormView
from wagtail_modeladmin.views import WMABaseView

from .forms import CatalogueImportForm
from .importer import import_catalogue


class ImportCatalogueView(WMABaseView, FormView):
    form_class = CatalogueImportForm
    template_name = "library/admin/import_catalogue.html"
    page_title = "Importer un fichier de notices"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_create(user)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        report, entry = import_catalogue(
            upload.file, fmt=form.cleaned_data["file_format"], dry_run=form.cleaned_data["dry_run"],
            withdraw_missing=form.cleaned_data["withdraw_missing"], filename=upload.name, user=self.request.user,
            decode_workers=0,  # never fork a web worker (its other threads may hold locks)
        )
        return self.render_to_response(self.get_context_data(form=CatalogueImportForm(), report=report, entry=entry))
