"""Fixtures of the directory's tests: a directory page, a small organisation and an agent factory."""

import itertools
import os

import pytest

from directory.models import Agent, DirectoryPage, Service
from home import demo
from home.demo import ensure_child, section_root
from home.models import Section, SectionPage
from home.roles import setup_roles

_matricules = itertools.count(1000)


@pytest.fixture
def site_tree(db):
    """Overrides the shared fixture with a lighter tree: the home page and the section roots, with
    the roles and town settings, but without the services' pages (most of the shared one's cost)."""
    home = demo.ensure_home_page()
    for section in Section:
        ensure_child(home, SectionPage, slug=section.value, title=section.label, section=section.value)
    demo.load_town()
    setup_roles()
    return home


@pytest.fixture
def directory_page(site_tree):
    return ensure_child(section_root(Section.DIRECTORY), DirectoryPage, slug="agents", title="Annuaire des agents")


@pytest.fixture
def organisation(db):
    """DGS → Direction de la population → État civil; DGS → Urbanisme."""
    dgs = Service.objects.create(code="dgs", name="Direction générale des services", acronym="DGS")
    population = Service.objects.create(code="population", name="Direction de la population", parent=dgs)
    etat_civil = Service.objects.create(code="etat-civil", name="État civil", parent=population)
    urbanisme = Service.objects.create(code="urbanisme", name="Urbanisme", parent=dgs)
    ccas = Service.objects.create(code="ccas", name="Centre communal d'action sociale", acronym="CCAS", parent=dgs)
    return {"dgs": dgs, "population": population, "etat_civil": etat_civil, "urbanisme": urbanisme, "ccas": ccas}


@pytest.fixture
def make_agent(db):
    def make(first_name="Jean", last_name="Martin", **fields):
        fields.setdefault("matricule", f"M{next(_matricules)}")
        return Agent.objects.create(first_name=first_name, last_name=last_name, **fields)

    return make


LDAP_SUFFIX = "dc=mairie,dc=test"
LDAP_PEOPLE = f"ou=people,{LDAP_SUFFIX}"
LDAP_ADMIN = f"cn=admin,{LDAP_SUFFIX}"
LDAP_ADMIN_PASSWORD = "secret-de-test"

# Active Directory's department and userAccountControl, so OpenLDAP can hold AD-shaped entries.
AD_SCHEMA = """
attributetype ( 1.2.840.113556.1.2.141 NAME 'department'
    EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl'
    EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'intranetAccount' AUXILIARY
    MAY ( department $ userAccountControl $ personalTitle ) )
"""


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    """A real OpenLDAP server (Debian's slapd) on a loopback port, with a throwaway configuration."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("slapd") or "/usr/sbin/slapd"
    slapadd = shutil.which("slapadd") or "/usr/sbin/slapadd"
    if not os.path.exists(binary):
        pytest.fail("slapd est requis par les tests LDAP : apt-get install -y slapd ldap-utils")
    root = tmp_path_factory.mktemp("slapd")
    (root / "data").mkdir()
    (root / "ad.schema").write_text(AD_SCHEMA)
    config = root / "slapd.conf"
    config.write_text(
        "\n".join(
            [
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                f"include {root / 'ad.schema'}",
                f"pidfile {root / 'slapd.pid'}",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "database mdb",
                "maxsize 10485760",
                f'suffix "{LDAP_SUFFIX}"',
                f'rootdn "{LDAP_ADMIN}"',
                f"rootpw {LDAP_ADMIN_PASSWORD}",
                f"directory {root / 'data'}",
                "",
            ]
        )
    )
    (root / "base.ldif").write_text(
        f"dn: {LDAP_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Mairie\ndc: mairie\n\n"
        f"dn: {LDAP_PEOPLE}\nobjectClass: organizationalUnit\nou: people\n"
    )
    subprocess.run([slapadd, "-f", str(config), "-l", str(root / "base.ldif")], check=True, capture_output=True)
    port = _free_port()
    uri = f"ldap://127.0.0.1:{port}"
    # -d keeps slapd in the foreground, so the fixture owns the process and stops it.
    process = subprocess.Popen(
        [binary, "-f", str(config), "-h", f"{uri}/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"slapd n'a pas démarré : {process.stderr.read().decode(errors='replace')}")
            time.sleep(0.05)
    yield {"uri": uri, "base_dn": LDAP_PEOPLE, "bind_dn": LDAP_ADMIN, "bind_password": LDAP_ADMIN_PASSWORD}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def ldap_people(slapd, monkeypatch):
    """Empties ou=people, points the environment at slapd and returns helpers to add/modify entries."""
    import ldap3

    monkeypatch.setenv("DIRECTORY_LDAP_URI", slapd["uri"])
    monkeypatch.setenv("DIRECTORY_LDAP_BASE_DN", slapd["base_dn"])
    monkeypatch.setenv("DIRECTORY_LDAP_BIND_DN", slapd["bind_dn"])
    monkeypatch.setenv("DIRECTORY_LDAP_BIND_PASSWORD", slapd["bind_password"])
    connection = ldap3.Connection(slapd["uri"], slapd["bind_dn"], slapd["bind_password"], auto_bind=True)
    connection.search(LDAP_PEOPLE, "(objectClass=inetOrgPerson)", attributes=[])
    for entry in list(connection.entries):
        connection.delete(entry.entry_dn)

    class People:
        def dn(self, uid):
            return f"uid={uid},{LDAP_PEOPLE}"

        def add(self, uid, **attributes):
            attributes.setdefault("cn", f"{attributes.get('givenName', '')} {attributes.get('sn', uid)}".strip())
            attributes.setdefault("sn", uid)
            assert connection.add(self.dn(uid), ["inetOrgPerson", "intranetAccount"], attributes), connection.result
            return self.dn(uid)

        def modify(self, uid, **attributes):
            changes = {name: [(ldap3.MODIFY_REPLACE, [value])] for name, value in attributes.items()}
            assert connection.modify(self.dn(uid), changes), connection.result

        def delete(self, uid):
            assert connection.delete(self.dn(uid)), connection.result

    yield People()
    connection.unbind()
