"""What every directory import shares: its report, and storing validated records in batches.

An import (CSV file, LDAP directory) validates its input into `Record`s, then `store_records`
maps them onto existing agents field by field, so an unchanged agent costs no write, resolves
managers by matricule once every agent is known, and deactivates the agents of its own source
that are missing from a full export.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from core.imports import Extra, ImportReport
from core.text import fold_words

from ..models import Agent, Service

BATCH_SIZE = 500
ANALYZE_THRESHOLD = 1000


SERVICES_CREATED = Extra("service créé", "services créés")


def agent_report(*, dry_run=False):
    """A report on agents (masculine), deactivated when a full export no longer lists them."""
    return ImportReport(removal="désactivé", dry_run=dry_run)


def where(position, matricule):
    """Where a line or entry is, for a rejection or a warning: « ligne 4 (M042) »."""
    return f"{position} ({matricule})" if matricule else position


@dataclass
class Record:
    """One valid agent of an import: `manager` is a matricule, "" for none, None to leave as is."""

    position: str
    matricule: str
    fields: dict
    manager: str | None = None


class ServiceResolver:
    """Finds a service by its code, acronym or name (accents and case ignored)."""

    def __init__(self):
        self.by_pk = {s.pk: s for s in Service.objects.all()}
        self.keys = {}
        for service in self.by_pk.values():
            self._index(service)

    def _index(self, service):
        for key in (service.code, fold_words(service.code), fold_words(service.acronym), fold_words(service.name)):
            if key:
                self.keys.setdefault(key, service)

    def find(self, value):
        return self.keys.get(value) or self.keys.get(fold_words(value))

    def add(self, service):
        self.by_pk[service.pk] = service
        self._index(service)


def store_records(records, *, source, resolver, report, dry_run=False, deactivate_missing=True, keep=()):
    """Create, update and deactivate agents from `records`; fill `report`.

    `keep` lists matricules whose input was rejected: they are not deactivated for a typo.
    """
    existing = {a.matricule: a for a in Agent.objects.all()}
    matricule_of = {a.pk: m for m, a in existing.items()}
    to_create, to_update, update_fields, changed = [], [], set(), set()
    for record in records:
        agent = existing.get(record.matricule)
        values = dict(record.fields, source=source)
        values.setdefault("is_active", True)
        if agent is None:
            agent = Agent(matricule=record.matricule, **values)
            agent.service = resolver.by_pk.get(agent.service_id)
            agent.refresh_computed_fields()
            to_create.append(agent)
            continue
        fields = [name for name, value in values.items() if getattr(agent, name) != value]
        for name in fields:
            setattr(agent, name, values[name])
        agent.service = resolver.by_pk.get(agent.service_id)
        old_keys = (agent.sort_name, agent.search_key)
        agent.refresh_computed_fields()
        if (agent.sort_name, agent.search_key) != old_keys:
            fields += ["sort_name", "search_key"]
        if fields:
            to_update.append(agent)
            update_fields.update(fields)
            changed.add(record.matricule)

    # Managers are matricules: resolve them once every agent of the input is known.
    known = set(existing) | {a.matricule for a in to_create}
    manager_changes = []
    for record in records:
        manager = record.manager
        if manager is None:
            continue
        if manager == record.matricule:
            report.warnings.append(
                f"{where(record.position, record.matricule)} : un agent ne peut pas être son propre responsable"
            )
            manager = ""
        elif manager and manager not in known:
            report.warnings.append(
                f"{where(record.position, record.matricule)} : responsable « {manager} » inconnu, laissé vide"
            )
            manager = ""
        agent = existing.get(record.matricule)
        current = matricule_of.get(agent.manager_id, "") if agent is not None else ""
        if manager != current:
            manager_changes.append((record.matricule, manager))
            if agent is not None:
                changed.add(record.matricule)

    # A full export lists everyone: the agents this source brought in that are missing have left.
    to_deactivate = []
    if deactivate_missing:
        if records:
            listed = {r.matricule for r in records} | set(keep)
            to_deactivate = [
                a.pk for m, a in existing.items() if a.is_active and a.source == source and m not in listed
            ]
        elif existing:
            report.warnings.append("aucun agent valide : personne n'a été désactivé")

    report.created = len(to_create)
    report.updated = len(changed)
    report.unchanged = len(records) - report.created - report.updated
    report.removed = len(to_deactivate)
    if dry_run:
        return report

    with transaction.atomic():
        Agent.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if to_update:
            Agent.objects.bulk_update(to_update, sorted(update_fields), batch_size=BATCH_SIZE)
        if manager_changes:
            pk_of = {m: a.pk for m, a in existing.items()}
            if to_create:
                # bulk_create does not return ids on every database: fetch them.
                pk_of.update(
                    Agent.objects.filter(matricule__in=[a.matricule for a in to_create]).values_list("matricule", "pk")
                )
            # One parameterised statement run for every change: Django's bulk_update builds a
            # CASE per row, which costs seconds at 5,000 agents.
            table, column = Agent._meta.db_table, Agent._meta.get_field("manager").column
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {connection.ops.quote_name(table)} SET {connection.ops.quote_name(column)} = %s "
                    "WHERE id = %s",
                    [
                        (pk_of.get(manager) if manager else None, pk_of[matricule])
                        for matricule, manager in manager_changes
                    ],
                )
        if to_deactivate:
            Agent.objects.filter(pk__in=to_deactivate).update(is_active=False)
        if connection.vendor == "postgresql" and len(to_create) + len(to_update) > ANALYZE_THRESHOLD:
            # Fresh statistics let the planner use the trigram index right after a large import.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(Agent._meta.db_table)}")
    return report
