"""The public space, crawled as an anonymous visitor: every link followed answers without a login, stays
under /actes/ (or the static files), and shows the public acts and nothing else of the intranet."""

import datetime
import io
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from council_builders import make_deliberation, make_document, make_pdf, make_session
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from council import demo
from council.models import DeliberationAnnex, DeliberationPage, MayoralActPage, OfficialNotePage, PressReviewPage
from council.registers import text_pdf

pytestmark = pytest.mark.django_db

MAX_URLS = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            if attrs.get(name):
                self.found.append(attrs[name])


def crawl(client, start="/actes/"):
    """Every address reachable from `start` by links: {path: response}."""
    seen, queue = {}, [start]
    while queue and len(seen) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        response.body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[url] = response
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.body.decode())
        for link in parser.found:
            absolute, _fragment = urldefrag(urljoin(url, link))
            parts = urlsplit(absolute)
            assert parts.netloc in ("", "testserver"), f"{url} links outside: {link}"
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                queue.append(path)
    assert len(seen) < MAX_URLS, "the crawl did not end"
    return seen


@pytest.fixture
def town(site_tree):
    """The demo council (sessions, deliberations, listes, PVs, a dozen mayor's acts, notes, press review),
    and what must stay private beside it."""
    demo.load(stdout=io.StringIO())
    index = DeliberationPage.objects.first().get_parent().get_parent().specific
    members = list(demo.ensure_members())
    # A session restricted to a group, with an act of its own.
    secret = make_session(index, members, present=20, day=timezone.localdate() - datetime.timedelta(days=40),
                          slug="seance-restreinte", publish=True)
    hidden = make_deliberation(secret, 90, title="Délibération réservée au groupe", publish=True,
                               online_on=timezone.localdate() - datetime.timedelta(days=39))
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Greffe"))
    # A public act with an annex filed in a collection restricted to logged-in users.
    public_act = DeliberationPage.objects.live().filter(council_session__closed=True).first()
    private_collection = Collection.get_first_root_node().add_child(name="Pièces internes")
    CollectionViewRestriction.objects.create(collection=private_collection, restriction_type="login")
    internal = make_document("Note interne annexée", text_pdf("Note interne annexée", ["Confidentiel"]),
                             filename="note-interne.pdf")
    internal.collection = private_collection
    internal.save()
    DeliberationAnnex.objects.create(deliberation=public_act, document=internal, title="Pièce interne")
    # An act whose "mis en ligne le" is still ahead.
    future = make_deliberation(
        public_act.get_parent().specific, 91, title="Acte à mettre en ligne la semaine prochaine", publish=True,
        online_on=timezone.localdate() + datetime.timedelta(days=7), document=make_pdf("Acte futur"),
    )
    return {"hidden": hidden, "internal": internal, "future": future, "public_act": public_act}


def test_the_public_space_crawled_anonymously_shows_every_public_act_and_nothing_else(guest, town):
    pages = crawl(guest)
    # Every link answers without a login and stays on the public space.
    for url, response in pages.items():
        path = urlsplit(url).path
        assert path.startswith(("/actes/", "/static/")), f"an intranet address is reachable: {url}"
        assert response.status_code == 200, f"{url} answered {response.status_code} (a login in between?)"
        if path.startswith("/actes/") and "text/html" in response["Content-Type"]:
            assert 'name="password"' not in response.body.decode(), f"{url} shows a login form"
    kinds = {urlsplit(url).path.split("/")[2] for url in pages if urlsplit(url).path.startswith("/actes/")}
    assert {"deliberations", "arretes", "decisions", "seances", "documents"} <= kinds

    # Every public act is found, and nothing private is shown.
    text = "\n".join(response.body.decode(errors="replace") for response in pages.values()
                     if "pdf" not in response["Content-Type"])
    public = DeliberationPage.objects.live().public().exclude(pk=town["future"].pk)
    for act in public:
        assert f"/actes/deliberations/{act.year}/{act.number}/" in pages, act.title
    published = MayoralActPage.objects.live().exclude(nature__in=["3", "4"])
    notified = MayoralActPage.objects.live().filter(nature__in=["3", "4"])
    assert published.count() >= 6 and notified.count() >= 4
    for act in published:
        assert act.title in text
    private_titles = [act.title for act in notified] + [town["hidden"].title, town["future"].title]
    private_titles += [note.title for note in OfficialNotePage.objects.all()]
    private_titles += [review.title for review in PressReviewPage.objects.all()]
    private_titles += [town["internal"].title, "Pièce interne"]
    for title in private_titles:
        assert title not in text, f"{title!r} is on the public space"

    # Documents are served only when they belong to a public act, in a public collection.
    served = [url for url in pages if url.startswith("/actes/documents/")]
    assert served and all(pages[url]["Content-Type"] == "application/pdf" for url in served)
    assert all(pages[url]["Content-Security-Policy"] == "default-src 'none'; sandbox" for url in served)
    internal = town["internal"]
    assert guest.get(f"/actes/documents/{internal.pk}/{internal.filename}").status_code == 404
    note = OfficialNotePage.objects.first().document
    assert guest.get(f"/actes/documents/{note.pk}/{note.filename}").status_code == 404
    hidden_doc = make_pdf("Acte du groupe")
    DeliberationPage.objects.filter(pk=town["hidden"].pk).update(document=hidden_doc)
    assert guest.get(f"/actes/documents/{hidden_doc.pk}/{hidden_doc.filename}").status_code == 404
    public_doc = town["public_act"].document
    assert guest.get(f"/actes/documents/{public_doc.pk}/autre-nom.pdf").status_code == 404
    # Wagtail's own document view stays the intranet's: it asks for a login.
    assert guest.get(public_doc.url).status_code == 302


def test_the_intranet_exports_and_pages_still_ask_for_a_login(guest, council_root, members):
    from council.models import CouncilIndexPage

    index = council_root.add_child(instance=CouncilIndexPage(title="Conseil", slug="seances"))
    act = make_deliberation(make_session(index, members, present=10), 1, title="Tarifs")
    for path in ["/", "/conseil/deliberations.csv", "/conseil/seances.ics", "/conseil/actes.rss", act.url]:
        response = guest.get(path)
        assert response.status_code == 302 and "/connexion/" in response["Location"], path


def test_search_and_filters_narrow_the_public_list_in_a_bounded_number_of_queries(
    guest, town, django_assert_max_num_queries
):
    assert "Tarifs de la restauration scolaire" in guest.get("/actes/?q=quotient").content.decode()
    by_type = guest.get("/actes/?type=arrete").content.decode()
    assert "Arrêté du maire n°" in by_type and "Décision du maire n°" not in by_type
    by_matter = guest.get("/actes/?matiere=6.1").content.decode()
    assert "Réglementation du stationnement" in by_matter and "Budget primitif" not in by_matter
    minutes = guest.get("/actes/?type=pv").content.decode()
    assert "Procès-verbal" in minutes and "en ligne de façon permanente" in minutes
    assert guest.get("/actes/?annee=abcd&type=rien&matiere=99&page=x").status_code == 200
    assert guest.get("/actes/?q=" + "x" * 5000).status_code == 200
    with django_assert_max_num_queries(25):
        assert guest.get("/actes/").status_code == 200
