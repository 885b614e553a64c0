"""Notes de service that must be read: the agents of a note's audience, their acknowledgements,
the notes awaiting one on an agent's home page, and the read report per service."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.csv_writer import write_csv
from core.visibility import may_see_q, visible_pages
from directory.chart import descendant_ids
from directory.models import Agent, Service
from mairie_site.dates import french_date

from .audience import audience_q
from .models import NoteAcknowledgement, OfficialNotePage


def audience_agents(note):
    """The active agents `note` is for (all of them when it names no service nor group), among those
    who may open it: a note below a page restricted to a group is for that group's members only."""
    agents = Agent.objects.filter(is_active=True).filter(may_see_q(note))
    service_ids = set(note.audience_services.values_list("pk", flat=True))
    group_ids = list(note.audience_groups.values_list("pk", flat=True))
    if not service_ids and not group_ids:
        return agents
    if service_ids:
        services = list(Service.objects.only("pk", "parent_id"))
        service_ids = set().union(*(descendant_ids(services, pk) for pk in service_ids))
    return agents.filter(Q(service_id__in=service_ids) | Q(user__groups__in=group_ids)).distinct()


def acknowledged_q(user):
    """Notes `user` has acknowledged in their current version."""
    return Q(Exists(NoteAcknowledgement.objects.filter(
        note_id=OuterRef("pk"), user=user, version=OuterRef("reading_version"))))


def awaiting_acknowledgement(user, *, refused_q=None):
    """The live notes to be read by `user` (of their audience, visible to them) not yet acknowledged
    in their current version, the nearest deadline first. `refused_q` (core.visibility's
    `under_q(refused_paths(user))`) spares reading the refused paths again."""
    notes = OfficialNotePage.objects.live().filter(reading_required=True).filter(audience_q(user))
    notes = notes.exclude(acknowledged_q(user))
    notes = visible_pages(notes, user) if refused_q is None else notes.exclude(refused_q)
    return notes.order_by("reading_deadline", "pk")


def is_for(note, user):
    """Whether `user` is of the audience a note that must be read asks to acknowledge it."""
    return note.reading_required and OfficialNotePage.objects.filter(pk=note.pk).filter(audience_q(user)).exists()


def acknowledgement_of(note, user):
    """`user`'s acknowledgement of the current version of `note`, or None."""
    return NoteAcknowledgement.objects.filter(note=note, user=user, version=note.reading_version).first()


def acknowledge(note, user, *, now=None):
    """Record that `user` has read the current version of `note` (idempotent): (acknowledgement, created)."""
    return NoteAcknowledgement.objects.get_or_create(
        note=note, user=user, version=note.reading_version,
        defaults={"revision_id": note.live_revision_id, "acknowledged_at": now or timezone.now()},
    )


@dataclass
class ServiceReport:
    service: Service | None
    readers: list = field(default_factory=list)  # (agent, acknowledgement or None)

    @property
    def read_count(self):
        return sum(1 for _agent, acknowledgement in self.readers if acknowledgement)


@dataclass
class ReadReport:
    note: OfficialNotePage
    services: list

    @property
    def total(self):
        return sum(len(service.readers) for service in self.services)

    @property
    def read_count(self):
        return sum(service.read_count for service in self.services)

    @property
    def summary(self):
        """« 1 agent sur 3 a pris connaissance », « 2 agents sur 3 ont pris connaissance » (French
        singular up to 1)."""
        read = self.read_count
        plural = read > 1
        return f"{read} agent{'s' if plural else ''} sur {self.total} {'ont' if plural else 'a'} pris connaissance"


def read_report(note):
    """Per service of the directory (in its order), the agents of the audience with their
    acknowledgement of the current version, or None (three queries whatever the audience)."""
    acknowledgements = {
        acknowledgement.user_id: acknowledgement
        for acknowledgement in NoteAcknowledgement.objects.filter(note=note, version=note.reading_version)
    }
    by_service = {}
    agents = audience_agents(note).select_related("service").order_by("service__position", "service__name",
                                                                       "sort_name", "matricule")
    for agent in agents:
        report = by_service.setdefault(agent.service_id, ServiceReport(service=agent.service))
        report.readers.append((agent, acknowledgements.get(agent.user_id) if agent.user_id else None))
    return ReadReport(note=note, services=list(by_service.values()))


CSV_HEADER = ["Service", "Agent", "Matricule", "Lu", "Pris connaissance le", "Version lue"]


def read_report_csv(report):
    """The read report as CSV text, through the shared writer (formulas neutralised)."""
    rows = []
    for service in report.services:
        for agent, acknowledgement in service.readers:
            rows.append([
                str(service.service) if service.service else "Sans service",
                agent.full_name,
                agent.matricule,
                "oui" if acknowledgement else "non",
                french_date(acknowledgement.acknowledged_at, "d/m/Y H:i") if acknowledgement else "",
                acknowledgement.version if acknowledgement else "",
            ])
    return write_csv(CSV_HEADER, rows)
