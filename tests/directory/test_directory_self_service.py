"""An agent edits their own self-service fields; HR-only fields stay read-only; photos need consent."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from directory.models import Agent


@pytest.fixture
def me(make_agent, agent, organisation):
    return make_agent(
        "Hélène",
        "Dupont",
        user=agent,
        job_title="Officière d'état civil",
        service=organisation["etat_civil"],
        extension="4321",
        office="12",
    )


def photo_upload():
    return SimpleUploadedFile("photo.png", get_test_image_file().file.getvalue(), content_type="image/png")


def profile_url(directory_page):
    return directory_page.url + "mon-profil/"


def test_agent_edits_self_service_fields(agent_client, directory_page, me):
    response = agent_client.post(
        profile_url(directory_page),
        {"extension": "5555", "office": "B204", "absent_until": "2030-01-15"},
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.extension, me.office, me.absent_until) == ("5555", "B204", datetime.date(2030, 1, 15))


def test_hr_fields_posted_by_the_agent_are_ignored(agent_client, directory_page, me, organisation):
    agent_client.post(
        profile_url(directory_page),
        {
            "extension": "4321",
            "office": "12",
            "job_title": "Maire",
            "last_name": "Autre",
            "do_not_list": "on",
            "is_active": "",
            "service": organisation["dgs"].pk,
            "matricule": "X1",
        },
    )
    me.refresh_from_db()
    assert (me.job_title, me.last_name, me.do_not_list, me.is_active) == (
        "Officière d'état civil",
        "Dupont",
        False,
        True,
    )
    assert me.service == organisation["etat_civil"]
    assert me.matricule != "X1"


def test_profile_shows_hr_fields_read_only(agent_client, directory_page, me):
    content = agent_client.get(profile_url(directory_page)).content.decode()
    hr_block = content.split('data-testid="hr-fields"')[1].split("</dl>")[0]
    assert "Officière d&#x27;état civil" in hr_block
    assert 'name="job_title"' not in content
    assert 'name="extension"' in content


def test_invalid_extension_is_refused_with_a_message(agent_client, directory_page, me):
    response = agent_client.post(profile_url(directory_page), {"extension": "12ab", "office": ""})
    assert response.status_code == 200
    assert "2 à 6 chiffres" in response.content.decode()
    me.refresh_from_db()
    assert me.extension == "4321"


def test_an_agent_only_ever_edits_their_own_card(client, make_user, directory_page, me):
    other_user = make_user("collegue")
    client.force_login(other_user)
    response = client.post(profile_url(directory_page), {"extension": "1111", "office": "X"})
    assert response.status_code == 200
    assert "Aucune fiche" in response.content.decode()
    me.refresh_from_db()
    assert me.extension == "4321"


def test_photo_needs_consent(agent_client, directory_page, me):
    response = agent_client.post(
        profile_url(directory_page),
        {"extension": "4321", "office": "12", "new_photo": photo_upload()},
    )
    assert response.status_code == 200
    assert "consentement" in response.content.decode()
    me.refresh_from_db()
    assert me.photo is None


def test_photo_with_consent_is_published_and_withdrawal_deletes_it(agent_client, directory_page, me):
    response = agent_client.post(
        profile_url(directory_page),
        {"extension": "4321", "office": "12", "photo_consent": "on", "new_photo": photo_upload()},
    )
    assert response.status_code == 302, response.content.decode()
    me.refresh_from_db()
    assert me.published_photo is not None and me.photo_consent_at is not None
    photo_id = me.photo_id
    card = agent_client.get(f"{directory_page.url}agents/{me.pk}/").content.decode()
    assert 'class="agent-photo"' in card

    agent_client.post(profile_url(directory_page), {"extension": "4321", "office": "12"})
    me.refresh_from_db()
    assert me.photo is None and me.photo_consent_at is None
    assert not get_image_model().objects.filter(pk=photo_id).exists()
    card = agent_client.get(f"{directory_page.url}agents/{me.pk}/").content.decode()
    assert 'class="agent-photo"' not in card


def test_hr_cannot_publish_a_photo_without_consent(make_agent):
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    agent = make_agent("Sans", "Consentement", photo=image)
    agent.refresh_from_db()
    assert agent.photo is None
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert Agent.objects.get(pk=agent.pk).published_photo is None
