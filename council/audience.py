"""Who a note de service is for, and who may see it.

A note is for all agents unless it names services (each with all its sub-services) or groups: then
it is for the agents of those services and the members of those groups, and for nobody else but
those who answer for it (its owner, the editors of its section, the Secrétariat général and
superusers). The rule surfaces everywhere through `core.visibility` (the note's path is refused
to the others, hook `visibility_refused_paths`) and on the page itself (`before_serve_page`).
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import GroupPagePermission

from core.generations import Generation, cached

from .legal import REVIEW_PERMISSION

# Moves at every save or deletion of a note (council/signals.py): whether any note is targeted.
NOTES_AUDIENCE = Generation("council:notes-audience-generation")
ANY_TARGETED_NOTE_KEY = "council:any-targeted-note"

# How far below a named service its sub-services are reached: a town's tree (DGS, direction,
# service, unit) is four or five levels deep.
SUB_SERVICE_DEPTH = 6


def _through(name):
    from .models import OfficialNotePage

    return getattr(OfficialNotePage, name).through


def targeted_q():
    """Notes that name services or groups (the others are for all agents)."""
    services, groups = _through("audience_services"), _through("audience_groups")
    return Q(Exists(services.objects.filter(officialnotepage_id=OuterRef("pk")))) | Q(
        Exists(groups.objects.filter(officialnotepage_id=OuterRef("pk")))
    )


def _agent_of(user, prefix):
    """A filter on a service relation (`prefix`) reaching the active agent of `user`."""
    return {f"{prefix}agents__user": user, f"{prefix}agents__is_active": True}


def audience_q(user):
    """Notes whose audience holds `user`: all agents, or named by one of their groups or by their
    service or a service above it."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    services, groups = _through("audience_services"), _through("audience_groups")
    named = Q(Exists(groups.objects.filter(officialnotepage_id=OuterRef("pk"), group__user=user)))
    for depth in range(SUB_SERVICE_DEPTH + 1):
        prefix = "service__" + "children__" * depth
        named |= Q(Exists(services.objects.filter(officialnotepage_id=OuterRef("pk"), **_agent_of(user, prefix))))
    return ~targeted_q() | named


def answers_for_q(user):
    """Notes `user` answers for: superusers and the Secrétariat général all, the others the notes
    they own or whose section they edit."""
    from django.contrib.auth.models import Permission

    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q(pk__isnull=False)  # not Q(): an empty Q vanishes from an OR
    editing = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page",
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )
    # The reviewers' permission (council.legal.REVIEW_PERMISSION, the Secrétariat général's), by
    # codename as the act guards check it, read inside the query.
    app_label, codename = REVIEW_PERMISSION.split(".")
    reviewer = Permission.objects.filter(content_type__app_label=app_label, codename=codename).filter(
        Q(group__user=user) | Q(user=user)
    )
    return Q(owner=user) | Q(Exists(editing)) | Q(Exists(reviewer))


def admitted_q(user):
    """Notes `user` may see (the audience rule only; view restrictions are core.visibility's)."""
    return audience_q(user) | answers_for_q(user)


def any_targeted_note():
    """Whether a note names services or groups, read from the cache: most of the time a town has
    none, and then no visibility read pays the audience query."""
    from .models import OfficialNotePage

    return cached(ANY_TARGETED_NOTE_KEY, OfficialNotePage.objects.filter(targeted_q()).exists,
                  generations=[NOTES_AUDIENCE], timeout=24 * 3600)


def refused_note_paths(user):
    """The paths of the notes `user` may not see (one query, none when no note is targeted); with
    no user, of every targeted note."""
    from .models import OfficialNotePage

    if not any_targeted_note():
        return []
    notes = OfficialNotePage.objects.filter(targeted_q())
    if user is not None and user.is_authenticated:
        if user.is_superuser:
            return []
        notes = notes.exclude(admitted_q(user))
    return list(notes.values_list("path", flat=True))


def may_see(note, user):
    from .models import OfficialNotePage

    return OfficialNotePage.objects.filter(pk=note.pk).filter(admitted_q(user)).exists()


def answers_for(note_id, user):
    """Whether `user` answers for the note `note_id` (sees its read report)."""
    from .models import OfficialNotePage

    return OfficialNotePage.objects.filter(pk=note_id).filter(answers_for_q(user)).exists()
