"""The service page is the service's home: its news, the news of the services it follows, its team
(head first), its documents, within a fixed number of queries whatever their numbers; its
documents page lists and filters them."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from directory.models import Agent, Service
from documents.models import DocumentProfile
from home.models import ServicePage
from home.service_roles import group_name
from newsfeeds.models import NewsItemPage
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(site_tree):
    page = ServicePage.objects.get(slug="urbanisme")
    Service.objects.get_or_create(code="urbanisme", defaults={"name": "Urbanisme", "service_page": page})
    return page


@pytest.fixture
def followed(service):
    """Two services the Urbanisme follows."""
    pages = list(ServicePage.objects.filter(slug__in=["etat-civil", "dsi"]).order_by("slug"))
    service.followed_services.set(pages)
    service.save_revision().publish()
    return pages


def add_news(service, title, slug):
    return service.add_child(instance=NewsItemPage(title=title, slug=slug, published_at=timezone.now()))


def add_content(service, count, start=0):
    directory_service = Service.objects.get(code="urbanisme")
    followed = list(service.followed_services.all())
    for number in range(start, start + count):
        add_news(service, f"Actualité {number}", f"actu-{number}")
        for other in followed:
            add_news(other, f"Nouvelle {other.slug} {number}", f"nouvelle-{number}")
        Agent.objects.create(matricule=f"U{number:04d}", first_name="Agent", last_name=f"N{number:04d}",
                             service=directory_service)
        document = get_document_model()(title=f"Document {number}", collection=service.editors.collection)
        document.file.save(f"doc-{number}.txt", ContentFile(b"Texte."), save=False)
        document.save()
        DocumentProfile.objects.create(document=document, owner_service=service, kind="note")


def test_the_service_page_shows_news_followed_news_team_and_documents_in_a_fixed_number_of_queries(
    agent_client, service, followed, django_assert_max_num_queries
):
    add_content(service, 2)
    agent_client.get(service.url)  # warm the caches (site, settings, shell) as in production
    with django_assert_max_num_queries(40) as few:
        html = agent_client.get(service.url).content.decode()
    assert "Actualité 1" in html and "N0001" in html and "Document 1" in html
    assert "Nouvelle etat-civil 1" in html and "Nouvelle dsi 1" in html
    blocks = ['id="service-news"', 'id="followed-news"', 'id="service-team"', 'id="service-documents"']
    assert [html.index(block) for block in blocks] == sorted(html.index(block) for block in blocks)
    add_content(service, 20, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = agent_client.get(service.url).content.decode()
    assert "Actualité 21" in html and "N0021" in html and "Document 21" in html
    assert "Nouvelle etat-civil 21" in html and "Nouvelle dsi 21" in html


def test_the_followed_services_latest_news_are_shown_newest_first_with_their_service(agent_client, service,
                                                                                   followed):
    add_content(service, 7)
    news = agent_client.get(service.url).context["followed_news"]
    assert len(news) == 5
    assert [item.published_at for item in news] == sorted((item.published_at for item in news), reverse=True)
    assert {item.service.slug for item in news} <= {"etat-civil", "dsi"}
    assert "Nouvelle dsi 6" in {item.title for item in news}


def test_a_service_that_follows_nobody_shows_no_followed_news_block(agent_client, service):
    add_news(ServicePage.objects.get(slug="etat-civil"), "Mariages du samedi", "mariages")
    response = agent_client.get(service.url)
    assert response.context["followed_news"] == []
    assert 'id="followed-news"' not in response.content.decode()


def test_a_followed_news_item_restricted_to_a_group_is_shown_to_its_members_only(client, agent_client, make_user,
                                                                                  service, followed):
    item = add_news(followed[0], "Recensement confidentiel", "recensement")
    restrict_to_group(item, "Ressources humaines")
    add_news(followed[1], "Nouveau logiciel", "logiciel")
    html = agent_client.get(service.url).content.decode()
    assert "Nouveau logiciel" in html and "Recensement confidentiel" not in html
    client.force_login(make_user("rh", "Ressources humaines"))
    assert "Recensement confidentiel" in client.get(service.url).content.decode()


def test_the_services_own_news_follow_the_visibility_rule(client, agent_client, make_user, service):
    restrict_to_group(add_news(service, "Dossier réservé", "reserve"), "Ressources humaines")
    login_only = add_news(service, "Pour les agents connectés", "connectes")
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    titles = {item.title for item in agent_client.get(service.url).context["news"]}
    assert titles == {"Pour les agents connectés"}
    assert agent_client.get(service.url + "actualites/").context["news_page"].paginator.count == 1
    client.force_login(make_user("rh", "Ressources humaines"))
    assert {item.title for item in client.get(service.url).context["news"]} == {"Dossier réservé",
                                                                               "Pour les agents connectés"}


def edit_form(service, **fields):
    return {"title": service.title, "slug": service.slug, "acronym": service.acronym, "mission": service.mission,
            "phone": service.phone, "email": service.email, "location": service.location, "body-count": "0",
            "action-publish": "1", **fields}


def test_the_services_editor_chooses_in_the_admin_which_services_it_follows(client, make_user, service):
    client.force_login(make_user("redacteur-urba", group_name(service)))
    others = {page.slug: page for page in ServicePage.objects.exclude(pk=service.pk)}
    offered = client.get(f"/admin/pages/{service.pk}/edit/").context["form"].fields["followed_services"].queryset
    assert set(offered) == set(others.values())  # every live service but itself
    response = client.post(f"/admin/pages/{service.pk}/edit/",
                           edit_form(service, followed_services=[others["etat-civil"].pk]))
    assert response.status_code == 302
    assert list(ServicePage.objects.get(pk=service.pk).followed_services.all()) == [others["etat-civil"]]
    response = client.post(f"/admin/pages/{service.pk}/edit/", edit_form(service, followed_services=[service.pk]))
    assert response.status_code == 200  # a service does not follow itself: not a choice
    assert list(ServicePage.objects.get(pk=service.pk).followed_services.all()) == [others["etat-civil"]]


def test_a_followed_service_the_editor_may_not_see_is_neither_offered_nor_dropped(client, make_user, service):
    hidden = ServicePage.objects.get(slug="dsi")
    restrict_to_group(hidden, "Informaticiens")
    service.followed_services.set([hidden])
    service.save_revision().publish()
    client.force_login(make_user("redacteur-urba", group_name(service)))
    html = client.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    assert hidden not in client.get(f"/admin/pages/{service.pk}/edit/").context["form"].fields[
        "followed_services"].queryset
    assert hidden.title not in html
    etat_civil = ServicePage.objects.get(slug="etat-civil")
    client.post(f"/admin/pages/{service.pk}/edit/", edit_form(service, followed_services=[etat_civil.pk]))
    assert set(ServicePage.objects.get(pk=service.pk).followed_services.all()) == {hidden, etat_civil}


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
