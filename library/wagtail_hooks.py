"""The catalogue in the admin: records (with copies, authors, subjects inline) and the imports."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from home.dashboard import Shortcut
from mairie_site.admin_columns import status_tag

from .models import BibliographicRecord, CatalogueImport
from .views import ImportCatalogueView


class RecordAdmin(ModelAdmin):
    model = BibliographicRecord
    menu_label = _("Notices")
    menu_icon = "doc-full"
    list_display = (
        "title", "record_id", "isbn", "year", "document_type", "availability",
        status_tag("withdrawn", _("Retirée")),
    )  # fmt: skip
    list_filter = ("document_type", "availability", "withdrawn", "language", "source_format")
    search_fields = ("title", "record_id", "isbns", "authors__name")
    list_per_page = 50
    ordering = ("title_sort",)


class ImportPermissionHelper(PermissionHelper):
    """An import's report is a log: it can be read, not edited."""

    def user_can_edit_obj(self, user, obj):
        return False


class ImportButtonHelper(ButtonHelper):
    def add_button(self, *args, **kwargs):
        button = super().add_button(*args, **kwargs)
        button["label"] = _("Importer un fichier")
        button["title"] = _("Importer un fichier de notices")
        return button


class CatalogueImportAdmin(ModelAdmin):
    model = CatalogueImport
    menu_label = _("Imports")
    menu_icon = "upload"
    list_display = (
        "created_at", "filename", "user", "status", status_tag("dry_run", _("Simulation")),
        "created", "updated", "unchanged", "withdrawn", "rejected",
    )  # fmt: skip
    list_filter = ("status", "dry_run")
    inspect_view_enabled = True
    # The counts, the progress, the options and the rejections are in the report above these fields.
    inspect_view_fields = ("created_at", "user", "file_format", "status")
    inspect_template_name = "library/admin/import_report.html"
    permission_helper_class = ImportPermissionHelper
    button_helper_class = ImportButtonHelper
    create_view_class = ImportCatalogueView


@modeladmin_register
class LibraryAdminGroup(ModelAdminGroup):
    menu_label = _("Bibliothèque")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (RecordAdmin, CatalogueImportAdmin)


@hooks.register("register_dashboard_shortcut")
def import_the_catalogue(request):
    if request.user.has_perm("library.add_catalogueimport"):
        url = reverse("library_catalogueimport_modeladmin_create")
        return Shortcut(_("Importer le catalogue"), url, _("un export UNIMARC ou MARC 21"), icon="upload")
    return None
