"""Synchronisation with the town's LDAP or Active Directory (inetOrgPerson / AD attributes).

Keyed on `employeeNumber` (the HR matricule). The hierarchy comes from `manager` (a DN), the
service from `department`, created when missing. Disabled AD accounts (userAccountControl bit 2)
are deactivated, as are agents brought in by LDAP who are no longer found. Connection settings
come from the environment (see docs/directory.md).
"""

import os
from dataclasses import dataclass

from django.utils.text import slugify

from core.env import env_bool
from core.gender import parse_civility

from ..models import Agent, Service
from ..models.organisation import matricule_validator
from .store import SERVICES_CREATED, Record, ServiceResolver, agent_report, store_records, where

ATTRIBUTES = [
    "employeeNumber",
    "givenName",
    "sn",
    "displayName",
    "title",
    "department",
    "telephoneNumber",
    "mobile",
    "mail",
    "manager",
    "userAccountControl",
    "personalTitle",
]
# Attribute → Agent field for single text values (the length is the field's).
TEXT_ATTRIBUTES = {
    "givenName": "first_name",
    "sn": "last_name",
    "title": "job_title",
    "telephoneNumber": "phone",
    "mobile": "mobile",
    "mail": "email",
}
ACCOUNT_DISABLED = 0x2


class LdapConfigurationError(Exception):
    pass


@dataclass
class LdapConfig:
    uri: str
    base_dn: str
    bind_dn: str = ""
    bind_password: str = ""
    user_filter: str = "(objectClass=inetOrgPerson)"
    start_tls: bool = False
    timeout: int = 10

    @classmethod
    def from_env(cls, environ=None):
        environ = os.environ if environ is None else environ
        uri, base_dn = environ.get("DIRECTORY_LDAP_URI", ""), environ.get("DIRECTORY_LDAP_BASE_DN", "")
        if not uri or not base_dn:
            raise LdapConfigurationError(
                "définissez DIRECTORY_LDAP_URI et DIRECTORY_LDAP_BASE_DN (voir docs/directory.md)."
            )
        return cls(
            uri=uri,
            base_dn=base_dn,
            bind_dn=environ.get("DIRECTORY_LDAP_BIND_DN", ""),
            bind_password=environ.get("DIRECTORY_LDAP_BIND_PASSWORD", ""),
            user_filter=environ.get("DIRECTORY_LDAP_FILTER") or cls.user_filter,
            start_tls=env_bool("DIRECTORY_LDAP_START_TLS", environ=environ),
            timeout=int(environ.get("DIRECTORY_LDAP_TIMEOUT", "10")),
        )


def connect(config, *, user_dn=None, password=None):
    """An open, bound ldap3 connection (as the service account unless a user's DN is given)."""
    import ldap3

    server = ldap3.Server(config.uri, get_info=ldap3.NONE, connect_timeout=config.timeout)
    connection = ldap3.Connection(
        server,
        user=user_dn if user_dn is not None else (config.bind_dn or None),
        password=password if user_dn is not None else (config.bind_password or None),
        receive_timeout=config.timeout,
        raise_exceptions=True,
        read_only=True,
    )
    connection.open()
    if config.start_tls:
        connection.start_tls()
    connection.bind()
    return connection


def _first(entry, name):
    values = entry["attributes"].get(name) or []
    if isinstance(values, list | tuple):
        values = values[0] if values else ""
    return str(values).strip() if values is not None else ""


def fetch_entries(config):
    """Every entry under the base DN matching the filter, page by page (AD caps results)."""
    import ldap3

    connection = connect(config)
    try:
        return [
            entry
            for entry in connection.extend.standard.paged_search(
                config.base_dn,
                config.user_filter,
                search_scope=ldap3.SUBTREE,
                attributes=ATTRIBUTES,
                paged_size=500,
                generator=True,
            )
            if entry.get("type") == "searchResEntry"
        ]
    finally:
        connection.unbind()


def sync_entries(entries, *, dry_run=False):
    """Map LDAP entries onto agents; return its report."""
    report = agent_report(dry_run=dry_run)
    resolver = ServiceResolver()
    parsed, by_dn, seen, rejected = [], {}, {}, set()
    for entry in entries:
        dn = entry["dn"]
        matricule = _first(entry, "employeeNumber")
        try:
            matricule_validator(matricule)
        except Exception:
            report.reject(where(dn, matricule), "employeeNumber absent ou invalide")
            continue
        if matricule in seen:
            report.reject(where(dn, matricule), f"employeeNumber déjà porté par {seen[matricule]}")
            continue
        seen[matricule] = dn
        fields, errors = {}, []
        for attribute, name in TEXT_ATTRIBUTES.items():
            value = _first(entry, attribute)
            max_length = Agent._meta.get_field(name).max_length
            if len(value) > max_length:
                errors.append(f"{attribute} dépasse {max_length} caractères")
            fields[name] = value[:max_length]
        if not fields["last_name"]:
            errors.append("sn (nom) absent")
        if not fields["first_name"]:
            # Some accounts only carry a displayName: keep what precedes the surname.
            display = _first(entry, "displayName")
            fields["first_name"] = display.removesuffix(fields["last_name"]).strip()[:100] or "—"
        if errors:
            rejected.add(matricule)
            report.reject(where(dn, matricule), " ; ".join(errors))
            continue
        # personalTitle (RFC 4524, also in Active Directory) carries "Mme"/"M.": used only when it
        # reads as a civility, so that a civility typed by HR is not erased by a directory without one.
        civility = parse_civility(_first(entry, "personalTitle"))
        if civility:
            fields["civility"] = civility
        control = _first(entry, "userAccountControl")
        fields["is_active"] = not (control.isdigit() and int(control) & ACCOUNT_DISABLED)
        fields["ldap_dn"] = dn
        department = _first(entry, "department")
        fields["service_id"] = _service_for(department, resolver, report, dry_run) if department else None
        by_dn[dn.lower()] = matricule
        parsed.append((dn, matricule, fields, _first(entry, "manager")))

    records = []
    for dn, matricule, fields, manager_dn in parsed:
        manager = ""
        if manager_dn:
            manager = by_dn.get(manager_dn.lower(), "")
            if not manager:
                report.warnings.append(f"{dn} ({matricule}) : responsable « {manager_dn} » introuvable, laissé vide")
        records.append(Record(dn, matricule, fields, manager))
    return store_records(
        records, source=Agent.Source.LDAP, resolver=resolver, report=report, dry_run=dry_run, keep=rejected
    )


def _service_for(department, resolver, report, dry_run):
    service = resolver.find(department)
    if service is not None:
        return service.pk
    report.extras[SERVICES_CREATED] += 1
    report.warnings.append(f"service « {department} » créé (à rattacher dans l'organigramme)")
    code = slugify(department)[:50] or "service"
    service = Service(code=code, name=department[:200])
    if dry_run:
        # Not stored: a negative id stands for it in this run only.
        service.pk = -report.extras[SERVICES_CREATED]
    else:
        if Service.objects.filter(code=code).exists():
            service.code = f"{code[:44]}-{Service.objects.count() + 1}"
        service.save()
    resolver.add(service)
    return service.pk


def sync_ldap(config=None, *, dry_run=False):
    config = config or LdapConfig.from_env()
    return sync_entries(fetch_entries(config), dry_run=dry_run)
