"""Named votes (L2121-15): in a public ballot each councillor's vote is recorded on the deliberation,
adds up to the counts, and is printed in the procès-verbal and on the act."""

import pytest
from council_builders import deliberation_post, make_deliberation
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from council.models import NamedVote
from documents.extraction.pdf import extract_pdf_text
from home.roles import CLERKS, setup_roles

pytestmark = pytest.mark.django_db


def vote(act, member, cast):
    NamedVote.objects.create(deliberation=act, member=member, vote=cast)


@pytest.fixture
def voted(session, members):
    act = make_deliberation(session, 1, title="Tarifs de la piscine", votes_for=2, votes_against=1, abstentions=1)
    for member, cast in zip(members, ["for", "for", "against", "abstention"], strict=False):
        vote(act, member, cast)
    return act


def test_named_votes_are_printed_in_the_minutes_pdf(reader_client, voted, members, session):
    response = reader_client.get(session.url + "proces-verbal/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = extract_pdf_text(response.content).text
    assert "Tarifs de la piscine" in text
    assert f"Pour : {members[0]}, {members[1]}." in text
    assert f"Contre : {members[2]}." in text
    assert f"Abstention : {members[3]}." in text


def test_named_votes_are_shown_on_the_act(reader_client, voted, members):
    content = reader_client.get(voted.url).content.decode()
    assert f"{members[0]}, {members[1]}" in content and 'data-testid="named-vote-against"' in content


def test_named_votes_must_add_up_to_the_counts(voted, members):
    vote(voted, members[4], "for")
    with pytest.raises(ValidationError, match="Pour : 3 votes nominatifs pour un décompte de 2"):
        voted.full_clean()


def test_a_secret_ballot_names_nobody(voted):
    voted.secret_ballot = True
    with pytest.raises(ValidationError, match="Un scrutin secret ne nomme pas les votants"):
        voted.full_clean()


def test_the_clerk_enters_named_votes_in_the_admin_and_a_double_vote_is_refused(client, make_user, session, members):
    setup_roles()
    client.force_login(make_user("greffier", CLERKS))
    act = make_deliberation(session, 1, publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[act.pk])
    def post(rows):
        return client.post(url, deliberation_post(
            act, votes_for=1, votes_against=1, casting_vote="for", named_votes=inline_formset(rows)
        ))

    response = post([{"member": members[0].pk, "vote": "for"}, {"member": members[0].pk, "vote": "against"}])
    assert response.status_code == 200
    assert "a voté deux fois" in response.content.decode()
    response = post([{"member": members[0].pk, "vote": "for"}, {"member": members[1].pk, "vote": "against"}])
    assert response.status_code == 302, response.content.decode()[:3000]
    assert NamedVote.objects.filter(deliberation=act).count() == 2
