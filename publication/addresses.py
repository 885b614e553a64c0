"""The public space's address of each public thing: acts, sessions and their documents."""

from django.urls import reverse

# The mayor's acts by kind, as their French URL segment.
KIND_SEGMENTS = {"arrete": "arretes", "decision": "decisions"}
SEGMENT_KINDS = {segment: kind for kind, segment in KIND_SEGMENTS.items()}


def deliberation_url(deliberation):
    return reverse("publication:deliberation", args=[deliberation.year, deliberation.number])


def mayoral_act_url(act):
    return reverse("publication:mayoral_act", args=[KIND_SEGMENTS[act.kind], act.year, act.number])


def session_url(session):
    return reverse("publication:session", args=[session.pk])


def document_url(document):
    return reverse("publication:document", args=[document.pk, document.filename])


def act_url(act):
    from council.models import DeliberationPage

    return deliberation_url(act) if isinstance(act, DeliberationPage) else mayoral_act_url(act)
