"""The directory page: search, service views, organisation chart, agent cards and one's own profile."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from core.params import page_number, search_text
from home.models import Section, SectionRootChildMixin

from .organisation import Agent, delete_unused_photo

RESULTS_PER_PAGE = 30
PHOTO_COLLECTION = "Photos de l'annuaire"


class DirectoryPage(RoutablePageMixin, SectionRootChildMixin, Page):
    """The town's internal directory ("annuaire"): who does what, and how to reach them.

    Its sub-URLs: search (the page itself), `organigramme/`, `services/<code>/`, `agents/<id>/`,
    `agents/<id>/vcard/`, `suggestions/` (autocomplete, JSON) and `mon-profil/`.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.SectionPage"]
    sections = [Section.DIRECTORY]
    subpage_types = []

    class Meta:
        verbose_name = _("Annuaire des agents")

    section_card_template = "directory/includes/section_card.html"

    def section_card(self, request):
        """What the Annuaire section shows of the directory (home.SectionPage): its search box."""
        url = self.get_url(request)
        return {"directory_url": url, "chart_url": url + self.reverse_subpage("chart")}

    def _render(self, request, template, **context):
        context.setdefault("directory_url", self.get_url(request))
        return self.render(request, template=template, context_overrides=context)

    @path("")
    def search(self, request):
        from ..queries import all_services, buildings, search_agents, search_services

        query = search_text(request.GET.get("q"))
        services = all_services()
        service_code = request.GET.get("service", "")
        service = next((s for s in services if s.code == service_code), None)
        building = search_text(request.GET.get("batiment"), max_length=100)
        searching = bool(query or service or building)
        page_obj = None
        if searching:
            agents = search_agents(query, service=service, building=building, services=services)
            page_obj = Paginator(agents, RESULTS_PER_PAGE).get_page(page_number(request.GET.get("page")))
        return self._render(
            request,
            "directory/directory_page.html",
            query=query,
            services=services,
            selected_service=service,
            buildings=buildings(),
            selected_building=building,
            searching=searching,
            page_obj=page_obj,
            matching_services=search_services(query, services) if query else [],
        )

    @path("organigramme/", name="chart")
    def chart(self, request):
        from ..chart import build_chart

        return self._render(request, "directory/chart.html", roots=build_chart())

    @path("services/<slug:code>/", name="service")
    def service(self, request, code):
        from ..chart import build_chart
        from ..queries import all_services

        services = all_services()
        by_pk = {s.pk: s for s in services}
        service = next((s for s in services if s.code == code), None)
        if service is None:
            raise Http404
        ancestors, parent = [], by_pk.get(service.parent_id)
        while parent is not None and parent not in ancestors:
            ancestors.insert(0, parent)
            parent = by_pk.get(parent.parent_id)

        def find(nodes):
            for node in nodes:
                if node.service.pk == service.pk:
                    return node
                found = find(node.children)
                if found:
                    return found

        node = find(build_chart(services))
        members = Agent.objects.visible().filter(service=service).select_related("service")
        return self._render(
            request,
            "directory/service.html",
            service=service,
            node=node,
            ancestors=ancestors,
            members=members,
        )

    def _visible_agent(self, pk):
        agent = Agent.objects.visible().select_related("service", "manager", "photo").filter(pk=pk).first()
        if agent is None:
            raise Http404
        return agent

    @path("agents/<int:pk>/", name="agent")
    def agent(self, request, pk):
        agent = self._visible_agent(pk)
        manager = agent.manager if agent.manager_id and agent.manager.is_visible else None
        return self._render(
            request,
            "directory/agent.html",
            agent=agent,
            manager=manager,
            reports=agent.reports.visible(),
        )

    @path("agents/<int:pk>/vcard/", name="vcard")
    def vcard(self, request, pk):
        from home.models import TownSettings

        from ..vcard import agent_vcard

        agent = self._visible_agent(pk)
        body = agent_vcard(agent, TownSettings.load(request_or_site=request).town_name)
        response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{agent.sort_name.replace(" ", "-") or "agent"}.vcf"'
        response["Cache-Control"] = "private, no-store"
        return response

    @path("suggestions/", name="suggestions")
    def suggestions(self, request):
        from ..queries import suggestions

        base = self.get_url(request)
        results = [
            {
                "name": agent.full_name,
                "job_title": agent.function_title,
                "service": agent.service.name if agent.service_id else "",
                "url": base + self.reverse_subpage("agent", args=[agent.pk]),
            }
            for agent in suggestions(request.GET.get("q", ""))
        ]
        response = JsonResponse({"results": results})
        response["Cache-Control"] = "private, no-store"
        return response

    @path("mon-profil/", name="profile")
    def profile(self, request):
        from ..forms import SelfServiceForm

        agent = Agent.objects.filter(user=request.user, is_active=True).select_related("service", "photo").first()
        if agent is None:
            return self._render(request, "directory/profile.html", agent=None, form=None)
        if request.method == "POST":
            form = SelfServiceForm(request.POST, request.FILES, instance=agent)
            if form.is_valid():
                save_self_service(form, user=request.user)
                messages.success(request, _("Votre fiche a été mise à jour."))
                return redirect(self.get_url(request) + self.reverse_subpage("profile"))
        else:
            form = SelfServiceForm(instance=agent)
        return self._render(request, "directory/profile.html", agent=agent, form=form)


def photo_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=PHOTO_COLLECTION).first() or root.add_child(name=PHOTO_COLLECTION)


@transaction.atomic
def save_self_service(form, *, user):
    """Save an agent's own changes; a new photo replaces (and deletes) the previous one."""
    agent = form.save(commit=False)
    upload = form.cleaned_data.get("new_photo")
    previous_photo_id = agent.photo_id
    if upload and agent.photo_consent:
        image = get_image_model()(
            title=f"Photo de {agent.full_name}",
            file=upload,
            collection=photo_collection(),
            uploaded_by_user=user,
        )
        image._set_image_file_metadata()
        image.save()
        agent.photo = image
    agent.save()
    if previous_photo_id and agent.photo_id != previous_photo_id:
        delete_unused_photo(previous_photo_id)
    return agent
