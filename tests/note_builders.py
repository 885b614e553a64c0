"""Builders of the notes de service tests (council, search, portal, e2e): a small organisation
and a note targeted at part of it, published as the Secrétariat général publishes it."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from council.models import OfficialNoteIndexPage, OfficialNotePage
from directory.models import Agent, Service
from home.demo import ensure_child, section_root
from home.models import Section


def notes_index():
    return ensure_child(section_root(Section.COUNCIL), OfficialNoteIndexPage, slug="notes-de-service",
                        title="Notes de service")


def organisation():
    """DGS > Ressources humaines > Paie, and DGS > Services techniques."""
    dgs = Service.objects.create(code="t-dgs", name="Direction générale")
    hr = Service.objects.create(code="t-rh", name="Ressources humaines", parent=dgs)
    pay = Service.objects.create(code="t-paie", name="Paie", parent=hr)
    works = Service.objects.create(code="t-st", name="Services techniques", parent=dgs)
    return {"dgs": dgs, "rh": hr, "paie": pay, "st": works}


def agent_of(user, service, *, matricule=None, **fields):
    return Agent.objects.create(
        matricule=matricule or f"M{user.pk:05d}", first_name=user.first_name, last_name=user.last_name,
        service=service, user=user, **fields,
    )


def make_note(number="NS-T-01", *, services=(), groups=(), required=True, deadline_in=3, title=None, **fields):
    fields.setdefault("effective_date", timezone.localdate())
    fields.setdefault("signatory", "Le directeur général des services")
    fields.setdefault("summary", "<p>Les congés d'hiver se posent avant le quinze.</p>")
    note = OfficialNotePage(
        title=title or f"Note {number} sur les congés", slug=number.lower(), number=number, reading_required=required,
        reading_deadline=timezone.localdate() + datetime.timedelta(days=deadline_in) if required else None, **fields,
    )
    notes_index().add_child(instance=note)
    note.audience_services.set(services)
    note.audience_groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    note.save_revision().publish()
    return OfficialNotePage.objects.get(pk=note.pk)
