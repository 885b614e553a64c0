from datetime import datetime, time

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.collation import sort_key
from core.params import page_number
from home.models import Section, SectionRootChildMixin

from .records import BibliographicRecord, Copy

NEW_ACQUISITIONS = 60


def _with_details(records):
    return records.prefetch_related("authors", Prefetch("copies", queryset=Copy.objects.order_by("sort_order", "pk")))


class LibraryCatalogPage(RoutablePageMixin, SectionRootChildMixin, Page):
    """The library's catalogue (OPAC): search, facets, record pages and new acquisitions with their RSS feed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.SectionPage"]
    sections = [Section.LIBRARY]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Catalogue de la bibliothèque")

    def _urls(self, request):
        base = self.get_url(request)
        return {"catalog_url": base, "new_url": base + self.reverse_subpage("new"),
                "feed_url": base + self.reverse_subpage("new_feed"),
                "advanced_url": base + self.reverse_subpage("advanced")}

    def _render(self, request, template, **context):
        context.update(page=self, self=self, **self._urls(request))
        return TemplateResponse(request, template, context)

    section_card_template = "library/includes/section_card.html"

    def section_card(self, request):
        """What the Bibliothèque section shows of the catalogue (home.SectionPage): its search box."""
        return self._urls(request)

    @path("")
    def search(self, request):
        from ..catalogue import CatalogueSearch

        search = CatalogueSearch(request.GET)
        context = {"search": search}
        if search.is_active:
            results = search.results(page_number(request.GET.get("page")))
            context.update(
                total=results.total,
                facets_sampled=results.sampled,
                results=results.records,
                facets=[facet for facet in results.facets if facet.values],
                chosen=search.chosen_filters(results.facets),
                sorts=search.sort_links(),
                page_number=results.page_number,
                pages=results.pages,
                previous_url=search.page_url(results.page_number - 1) if results.page_number > 1 else "",
                next_url=search.page_url(results.page_number + 1) if results.page_number < results.pages else "",
            )
        else:
            context["new_acquisitions"] = list(_with_details(self.new_acquisitions())[:8])
        return self._render(request, "library/library_catalog_page.html", **context)

    @path("avancee/", name="advanced")
    def advanced(self, request):
        from ..catalogue import SORTS
        from ..choices import LANGUAGES, DocumentType

        return self._render(request, "library/catalog_advanced.html", types=DocumentType.choices,
                            languages=sorted(LANGUAGES.items(), key=lambda item: sort_key(item[1])), sorts=SORTS)

    @path("notice/<int:record_id>/", name="record")
    def record(self, request, record_id):
        record = get_object_or_404(
            _with_details(BibliographicRecord.objects.visible()).prefetch_related("subjects"), pk=record_id
        )
        return self._render(request, "library/catalog_record.html", record=record)

    def new_acquisitions(self):
        return BibliographicRecord.objects.visible().filter(acquired_on__isnull=False).order_by("-acquired_on", "-pk")

    @path("nouveautes/", name="new")
    def new(self, request):
        records = list(_with_details(self.new_acquisitions())[:NEW_ACQUISITIONS])
        return self._render(request, "library/catalog_new.html", records=records)

    @path("nouveautes/rss/", name="new_feed")
    def new_feed(self, request):
        feed = Rss201rev2Feed(
            title=f"Nouveautés — {self.title}",
            link=request.build_absolute_uri(self.get_url(request) + self.reverse_subpage("new")),
            description="Les dernières acquisitions de la bibliothèque.",
            language="fr",
        )
        base = self.get_url(request)
        for record in _with_details(self.new_acquisitions())[:NEW_ACQUISITIONS]:
            authors = ", ".join(a.name for a in record.authors.all())
            feed.add_item(
                title=record.title,
                link=request.build_absolute_uri(f"{base}notice/{record.pk}/"),
                description=" — ".join(p for p in [authors, record.publisher, str(record.year or "")] if p),
                unique_id=f"notice-{record.pk}",
                pubdate=datetime.combine(record.acquired_on, time(8), tzinfo=timezone.get_current_timezone()),
                categories=[record.get_document_type_display()],
            )
        response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
        feed.write(response, "utf-8")
        return response

