"""The service page is the service's home: its news, its team (head first), its documents, within
a fixed number of queries whatever their numbers; its documents page lists and filters them."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from directory.models import Agent, Service
from documents.models import DocumentProfile
from home.models import ServicePage
from newsfeeds.models import NewsItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(site_tree):
    page = ServicePage.objects.get(slug="urbanisme")
    Service.objects.get_or_create(code="urbanisme", defaults={"name": "Urbanisme", "service_page": page})
    return page


def add_content(service, count, start=0):
    directory_service = Service.objects.get(code="urbanisme")
    for number in range(start, start + count):
        service.add_child(instance=NewsItemPage(title=f"Actualité {number}", slug=f"actu-{number}",
                                                published_at=timezone.now()))
        Agent.objects.create(matricule=f"U{number:04d}", first_name="Agent", last_name=f"N{number:04d}",
                             service=directory_service)
        document = get_document_model()(title=f"Document {number}", collection=service.editors.collection)
        document.file.save(f"doc-{number}.txt", ContentFile(b"Texte."), save=False)
        document.save()
        DocumentProfile.objects.create(document=document, owner_service=service, kind="note")


def test_the_service_page_shows_news_team_and_documents_in_a_fixed_number_of_queries(
    agent_client, service, django_assert_max_num_queries
):
    add_content(service, 2)
    agent_client.get(service.url)  # warm the caches (site, settings, shell) as in production
    with django_assert_max_num_queries(40) as few:
        html = agent_client.get(service.url).content.decode()
    assert "Actualité 1" in html and "N0001" in html and "Document 1" in html
    add_content(service, 20, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = agent_client.get(service.url).content.decode()
    assert "Actualité 21" in html and "N0021" in html and "Document 21" in html


def test_the_head_of_the_service_comes_first_in_its_team(agent_client, service):
    add_content(service, 3)
    head = Agent.objects.create(matricule="CHEF", first_name="Zoé", last_name="Zurcher", job_title="Cheffe",
                                service=Service.objects.get(code="urbanisme"))
    Service.objects.filter(code="urbanisme").update(head=head)
    response = agent_client.get(service.url)
    assert response.context["team"][0] == head


def test_all_the_services_news_are_on_its_news_page(agent_client, service):
    add_content(service, 25)
    response = agent_client.get(service.url + "actualites/")
    assert len(response.context["news_page"]) == 20
    assert response.context["news_page"].paginator.count == 25


def test_the_documents_page_filters_on_type_and_year(agent_client, service):
    add_content(service, 2)
    form = get_document_model().objects.get(title="Document 1")
    DocumentProfile.objects.filter(document=form).update(kind="formulaire", document_date="2024-05-02")
    titles = lambda **params: {d.title for d in agent_client.get(service.url + "documents/", params)  # noqa: E731
                               .context["documents_page"]}
    assert titles() == {"Document 0", "Document 1"}
    assert titles(type="formulaire") == {"Document 1"}
    assert titles(annee="2024") == {"Document 1"}
    assert titles(type="inconnu") == {"Document 0", "Document 1"}


def test_a_private_collections_documents_are_not_listed_to_an_agent_outside_it(agent_client, service):
    add_content(service, 1)
    private = Collection.get_first_root_node().add_child(name="Urbanisme réservé")
    restriction = CollectionViewRestriction.objects.create(collection=private,
                                                           restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Urbanistes")[0])
    secret = get_document_model()(title="Dossier contentieux", collection=private)
    secret.file.save("secret.txt", ContentFile(b"Secret."), save=False)
    secret.save()
    DocumentProfile.objects.create(document=secret, owner_service=service)
    for url in (service.url, service.url + "documents/"):
        assert "Dossier contentieux" not in agent_client.get(url).content.decode()
