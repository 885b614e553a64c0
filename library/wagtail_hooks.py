"""The catalogue in the admin: records (with copies, authors, subjects inline) and the imports; and
the records' box in the site search."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.dashboard import Shortcut
from home.models import Section
from home.roles import LIBRARIANS, RoleGrant

from . import home_blocks
from .catalogue import CatalogueSearch
from .forms import CatalogueImportForm
from .models import BibliographicRecord, CatalogueImport, LibraryCatalogPage
from .views import ImportCatalogueView


class RecordViewSet(ModelViewSet):
    model = BibliographicRecord
    name = "library_bibliographicrecord"
    url_prefix = "library/bibliographicrecord"
    menu_label = _("Notices")
    icon = "doc-full"
    copy_view_enabled = False
    list_display = [
        "title", "record_id", "isbn", "year", "document_type", "availability",
        StatusFlagColumn("withdrawn", label=_("Retirée"), true_label=_("Retirée")),
    ]  # fmt: skip
    list_filter = ["document_type", "availability", "withdrawn", "language", "source_format"]
    search_fields = ["title", "record_id", "isbns", "authors__name"]
    list_per_page = 50
    ordering = ["title_sort"]


class ImportPermissionPolicy(ModelPermissionPolicy):
    """An import's report is a log: it can be read, never edited (not even by a superuser)."""

    def user_has_permission(self, user, action):
        return action != "change" and super().user_has_permission(user, action)


register_permission_policy(CatalogueImport, ImportPermissionPolicy(CatalogueImport))


class CatalogueImportIndexView(IndexView):
    add_item_label = _("Importer un fichier")


class CatalogueImportViewSet(ModelViewSet):
    model = CatalogueImport
    name = "library_catalogueimport"
    url_prefix = "library/catalogueimport"
    menu_label = _("Imports")
    icon = "upload"
    index_view_class = CatalogueImportIndexView
    add_view_class = ImportCatalogueView
    copy_view_enabled = False
    list_display = [
        "__str__", "user", "status",
        StatusFlagColumn("dry_run", label=_("Simulation"), true_label=_("Simulation")),
        Column("created", label=_("Créées")), Column("updated", label=_("Mises à jour")),
        Column("unchanged", label=_("Inchangées")), Column("withdrawn", label=_("Retirées")),
        Column("rejected", label=_("Rejetées")), DateColumn("created_at", label=_("Déposé le")),
    ]  # fmt: skip
    list_filter = ["status", "dry_run"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    # The counts, the progress, the options and the rejections are in the report above these fields.
    inspect_view_fields = ["created_at", "user", "file_format", "status"]
    inspect_template_name = "library/admin/import_report.html"

    def get_form_class(self, for_update=False):
        return CatalogueImportForm  # a file and options, read by ImportCatalogueView (never an edit)


class LibraryViewSetGroup(ModelViewSetGroup):
    menu_label = _("Bibliothèque")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (RecordViewSet, CatalogueImportViewSet)


@hooks.register("register_admin_viewset")
def register_library_viewsets():
    return LibraryViewSetGroup()


@hooks.register("register_dashboard_shortcut")
def import_the_catalogue(request):
    if request.user.has_perm("library.add_catalogueimport"):
        url = reverse("library_catalogueimport:add")
        return Shortcut(_("Importer le catalogue"), url, _("un export UNIMARC ou MARC 21"), icon="upload")
    return None


@hooks.register("register_search_box", order=30)
def records_search_box(request, query, pages):
    catalogue = LibraryCatalogPage.objects.filter(pk__in=pages.values("pk")).first()  # one query, not specific()'s two
    if catalogue is None:
        return None
    base = catalogue.get_url(request)
    return {
        "key": "records",
        "label": "Catalogue de la bibliothèque",
        "found": CatalogueSearch({"q": query}).criteria().order_by("title_sort"),
        "hit": lambda record: (
            record.title,
            base + catalogue.reverse_subpage("record", args=[record.pk]),
            " — ".join(str(part) for part in (record.responsibility, record.year) if part),
        ),
        "more_url": f"{base}?{urlencode({'q': query})}",
    }


@hooks.register("register_role_permissions")
def library_roles():
    """The librarians own the library's section, its records and their imports."""
    records = [f"library.{action}_bibliographicrecord" for action in ("add", "change", "delete", "view")]
    imports = ["library.add_catalogueimport", "library.view_catalogueimport"]
    return {LIBRARIANS: RoleGrant(sections=[Section.LIBRARY], model_permissions=[*records, *imports])}


# After the council's blocks (10 to 30) on the agents' home page.
hooks.register("portal_shared_home_blocks", home_blocks.new_acquisitions, order=40)
