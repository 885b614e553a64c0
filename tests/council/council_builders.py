"""Builders for council tests: members, sessions with attendance, deliberations, real PDF documents
and the admin form data of a deliberation. A uniquely named module, so that `import` never picks
another directory's conftest."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from council.models import CouncilMember, CouncilSessionPage, DeliberationPage, SessionAttendance
from council.registers import text_pdf


def make_document(title, data, filename="document.pdf"):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def make_pdf(title, *paragraphs):
    return make_document(title, text_pdf(title, list(paragraphs) or [title]), filename="acte.pdf")


def make_members(count):
    CouncilMember.objects.bulk_create(
        [CouncilMember(first_name=f"Prénom{n}", last_name=f"Élu{n:02d}") for n in range(1, count + 1)]
    )
    return list(CouncilMember.objects.order_by("-pk")[:count])[::-1]


def make_session(index, members, *, present, represented=0, in_office=None, day=None, slug=None, publish=False):
    """A live session (add_child makes it live; `publish` also records a first revision)."""
    # The first `present` members attend, the next `represented` each give a proxy to one of them.
    day = day or datetime.date(2024, 3, 12)
    session = CouncilSessionPage(
        title=f"Séance du {day:%d/%m/%Y}",
        slug=slug or f"seance-{day:%Y-%m-%d}",
        date=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0))),
        members_in_office=in_office if in_office is not None else len(members),
        president=members[0],
        secretary=members[1],
    )
    for n, member in enumerate(members):
        if n < present:
            session.attendances.add(SessionAttendance(member=member, status="present"))
        elif n < present + represented:
            holder = members[n - present]
            session.attendances.add(SessionAttendance(member=member, status="represented", proxy_holder=holder))
        else:
            session.attendances.add(SessionAttendance(member=member, status="absent"))
    index.add_child(instance=session)
    if publish:
        session.save_revision().publish()
    return session


def add_act(parent, model, *, slug, publish=True, **fields):
    """A child act of `model` under `parent`, published through a revision (as the admin does) unless
    `publish` is False; read back from the database."""
    act = model(slug=slug, live=publish, **fields)
    parent.add_child(instance=act)
    if publish:
        act.save_revision().publish()
    return model.objects.get(pk=act.pk)


def make_deliberation(session, number, *, title=None, publish=True, **fields):
    fields.setdefault("matter", "7.5")
    fields.setdefault("order", number)
    return add_act(
        session, DeliberationPage, slug=f"deliberation-{number}", publish=publish,
        title=title or f"Délibération {number}", number=number, **fields,
    )


def deliberation_post(deliberation, **changes):
    data = {
        "title": deliberation.title,
        "slug": deliberation.slug,
        "number": deliberation.number,
        "order": deliberation.order,
        "matter": deliberation.matter,
        "rapporteur": "",
        "text": rich_text("<p>Texte.</p>"),
        "document": "",
        "annexes": inline_formset([]),
        "named_votes": inline_formset([]),
        "comments": inline_formset([]),
        "signatory": "",
        "budget_year": "",
        "budget_name": "",
        "votes_for": deliberation.votes_for or "",
        "votes_against": deliberation.votes_against or "",
        "abstentions": "",
        "not_voting": "",
        "casting_vote": "",
        "result": deliberation.result,
        "transmission_required": "on",
        "transmitted_on": "",
        "acknowledged_on": "",
        "actes_id": "",
        "prefecture_id": "",
        "online_on": deliberation.online_on.isoformat() if deliberation.online_on else "",
        "change_reason": "",
    }
    data.update(changes)
    return nested_form_data(data)


def make_mayoral_index(council_root):
    from council.models import MayoralActIndexPage

    index = MayoralActIndexPage(title="Arrêtés et décisions du maire", slug="arretes")
    council_root.add_child(instance=index)
    return index


def make_mayoral_act(index, number, *, publish=True, **fields):
    from council.models import MayoralActPage

    fields.setdefault("title", f"Arrêté {number}")
    fields.setdefault("nature", "2")
    fields.setdefault("matter", "6.1")
    fields.setdefault("signatory", "Prénom1 Élu01, maire")
    fields.setdefault("signed_on", timezone.localdate() - datetime.timedelta(days=10))
    fields.setdefault("kind", "arrete")
    return add_act(index, MayoralActPage, slug=f"{fields['kind']}-{number}", publish=publish, number=number, **fields)


def mayoral_act_post(act, **changes):
    data = {
        "title": act.title,
        "slug": act.slug,
        "kind": act.kind,
        "number": act.number,
        "signed_on": act.signed_on.isoformat(),
        "nature": act.nature,
        "matter": act.matter,
        "text": rich_text("<p>Texte.</p>"),
        "document": "",
        "signatory": act.signatory,
        "delegation": act.delegation,
        "transmission_required": "on" if act.transmission_required else "",
        "transmitted_on": act.transmitted_on.isoformat() if act.transmitted_on else "",
        "acknowledged_on": act.acknowledged_on.isoformat() if act.acknowledged_on else "",
        "actes_id": act.actes_id,
        "online_on": act.online_on.isoformat() if act.online_on else "",
        "notified_on": act.notified_on.isoformat() if act.notified_on else "",
        "comments": inline_formset([]),
        "change_reason": "",
    }
    data.update(changes)
    return nested_form_data(data)
