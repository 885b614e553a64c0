"""The read report of a note de service, in the admin: per service, who has read it and who has not."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .audience import answers_for
from .models import OfficialNotePage
from .reading import read_report, read_report_csv


def _note_for(request, note_id):
    """The note, if the user answers for it (issuer, editors, Secrétariat); else 403."""
    note = get_object_or_404(OfficialNotePage, pk=note_id)
    if not answers_for(note.pk, request.user):
        raise PermissionDenied
    return note


class ReadReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "council/admin/read_report.html"
    header_icon = "list-ul"

    def dispatch(self, request, note_id):
        self.note = _note_for(request, note_id)
        return super().dispatch(request)

    def get_page_title(self):
        return f"Lecture de la note n° {self.note.number}"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(),
                {"url": reverse("wagtailadmin_pages:edit", args=[self.note.pk]), "label": self.note.title},
                {"url": "", "label": "Lecture"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(note=self.note, report=read_report(self.note),
                       csv_url=reverse("council_note_readers_csv", args=[self.note.pk]))
        return context


def read_report_csv_view(request, note_id):
    note = _note_for(request, note_id)
    response = HttpResponse(read_report_csv(read_report(note)), content_type="text/csv; charset=utf-8")
    filename = f"lecture-{slugify(note.number)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
