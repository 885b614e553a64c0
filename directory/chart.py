"""The organisation chart, built in memory from two queries whatever the size of the town."""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import Agent, Service


@dataclass
class ChartNode:
    service: Service
    head: Agent | None
    members: int
    children: list = field(default_factory=list)
    total: int = 0


def _visible_head(service):
    head = service.head
    return head if head is not None and head.is_visible else None


def build_chart(services=None):
    """Return the root nodes (services without a parent), each with heads and member counts.

    `members` counts the visible agents of the service itself, `total` adds its sub-services'.
    """
    if services is None:
        services = list(Service.objects.select_related("head"))
    counts = dict(
        Agent.objects.visible()
        .filter(service__isnull=False)
        .values("service")
        .annotate(n=Count("pk"))
        .values_list("service", "n")
    )
    nodes = {s.pk: ChartNode(service=s, head=_visible_head(s), members=counts.get(s.pk, 0)) for s in services}
    roots = []
    for service in services:
        parent = nodes.get(service.parent_id)
        (parent.children if parent else roots).append(nodes[service.pk])

    def total(node, seen):
        if node.service.pk in seen:
            return 0
        seen.add(node.service.pk)
        node.total = node.members + sum(total(child, seen) for child in node.children)
        return node.total

    for root in roots:
        total(root, set())
    return roots


def descendant_ids(services, root_id):
    """The ids of a service and all services below it, from an already loaded list."""
    children = {}
    for service in services:
        children.setdefault(service.parent_id, []).append(service.pk)
    found, stack = set(), [root_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found
