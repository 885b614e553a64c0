"""One environment reader: every boolean variable reads "on", "oui", "1"... alike (issue 20: the
LDAP login flag used to read "on" as false while the settings read it as true)."""

import pytest

from core.env import env, env_bool
from directory.auth import ldap_login_enabled
from directory.importers.ldap_sync import LdapConfig


@pytest.mark.parametrize(("value", "expected"), [("on", True), ("OUI", True), (" 1 ", True), ("yes", True),
                                                 ("true", True), ("off", False), ("0", False), ("non", False)])
def test_every_boolean_variable_reads_the_same_words(monkeypatch, value, expected):
    monkeypatch.setenv("DIRECTORY_LDAP_LOGIN", value)
    assert env_bool("DIRECTORY_LDAP_LOGIN") is expected
    assert ldap_login_enabled() is expected
    environ = {"DIRECTORY_LDAP_URI": "ldap://127.0.0.1", "DIRECTORY_LDAP_BASE_DN": "dc=x",
               "DIRECTORY_LDAP_START_TLS": value}
    assert LdapConfig.from_env(environ).start_tls is expected


def test_an_empty_variable_is_the_default(monkeypatch):
    monkeypatch.setenv("SOME_SETTING", "")
    assert env("SOME_SETTING", "défaut") == "défaut" and env_bool("SOME_SETTING", True) is True
