"""The one visibility rule (Wagtail's): group restrictions for members and superusers only, login
restrictions for every logged-in agent, password restrictions never listed; descendants inherit."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Page, PageViewRestriction

from core import generations
from core.visibility import is_visible, live_pages_for, visible_to_every_agent
from home.demo import ensure_child, section_root
from home.models import Section, StandardPage
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree):
    council = section_root(Section.COUNCIL)
    names = ("groupe", "login", "motdepasse")
    pages = {name: ensure_child(council, StandardPage, slug=name, title=name) for name in names}
    pages["enfant"] = ensure_child(pages["groupe"], StandardPage, slug="enfant", title="enfant")
    restrict_to_group(pages["groupe"], "Greffe")
    PageViewRestriction.objects.create(page=pages["login"], restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=pages["motdepasse"], restriction_type=PageViewRestriction.PASSWORD,
                                       password="secret")
    return pages


def seen(user, tree):
    pages = live_pages_for(user).filter(pk__in=[page.pk for page in tree.values()])
    visible = set(pages.values_list("title", flat=True))
    assert visible == {name for name, page in tree.items() if is_visible(page, user)}  # both helpers agree
    return visible


def test_each_kind_of_restriction_for_each_kind_of_user(tree, make_user):
    assert seen(AnonymousUser(), tree) == set()
    assert seen(make_user("agent-x"), tree) == {"login"}
    assert seen(make_user("greffier", "Greffe"), tree) == {"login", "groupe", "enfant"}
    boss = get_user_model().objects.create_superuser("chef", "chef@mairie.example", "x")
    assert seen(boss, tree) == {"login", "groupe", "enfant"}


def test_what_every_agent_may_see_leaves_out_group_and_password_restrictions(tree):
    titles = set(visible_to_every_agent(Page.objects.filter(pk__in=[p.pk for p in tree.values()]))
                 .values_list("title", flat=True))
    assert titles == {"login"}


def test_restrictions_and_group_changes_move_the_visibility_generation(tree, make_user):
    user = make_user("agent-y")
    before = generations.VISIBILITY.current()
    user.groups.add(Group.objects.get(name="Greffe"))
    after_groups = generations.VISIBILITY.current()
    PageViewRestriction.objects.filter(page=tree["login"]).delete()
    assert len({before, after_groups, generations.VISIBILITY.current()}) == 3
