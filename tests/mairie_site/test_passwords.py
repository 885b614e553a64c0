"""Passwords are stored with Argon2id at OWASP's setting; the PBKDF2 hashes of before, and the Argon2
hashes at Django's heavier setting, are upgraded at the next login."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2PasswordHasher
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from mairie_site.settings import base
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ARGON2 = "mairie_site.hashers.Argon2PasswordHasher"
# OWASP's Password Storage Cheat Sheet, first Argon2id setting: 46 MiB, 1 pass, 1 lane.
OWASP_PARAMETERS = "argon2$argon2id$v=19$m=47104,t=1,p=1$"


def test_new_passwords_are_hashed_with_argon2_and_pbkdf2_hashes_still_verify():
    # The test settings use a fast hasher: the project's list is the one production runs.
    assert base.PASSWORD_HASHERS[0] == ARGON2
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_a_pbkdf2_password_is_rehashed_with_argon2_at_login(client, make_user, site_tree):
    user = make_user("ancien")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert user.password.startswith("pbkdf2_sha256$")

    response = client.post("/connexion/", {"username": "ancien", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/"
    user.refresh_from_db()
    assert user.password.startswith(OWASP_PARAMETERS)
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_a_wrong_password_leaves_the_pbkdf2_hash_as_it_was(client, site_tree):
    old_hash = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = get_user_model().objects.create(username="ancien", password=old_hash)

    response = client.post("/connexion/", {"username": "ancien", "password": "mauvais"})

    assert response.status_code == 200  # the form again, with its error
    user.refresh_from_db()
    assert user.password == old_hash


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_an_argon2_hash_at_djangos_setting_is_rehashed_at_owasps_at_login(client, make_user, site_tree):
    user = make_user("argon2-django")
    user.password = make_password(PASSWORD, hasher=DjangoArgon2PasswordHasher())
    user.save()
    assert "$m=102400,t=2,p=8$" in user.password

    assert client.post("/connexion/", {"username": "argon2-django", "password": PASSWORD}).status_code == 302

    user.refresh_from_db()
    assert user.password.startswith(OWASP_PARAMETERS)
    assert user.check_password(PASSWORD)
