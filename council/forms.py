"""Admin forms of the council pages: they hand the inline rows and the parent session to the models' clean().

The rules themselves live in council/rules.py and are applied by the models' clean(); a form only
supplies what a model cannot see before it is saved (the rows of inline panels, the parent page).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .rules import PRESENT, Attendance


class ReasonedEditForm(WagtailAdminPageForm):
    """Asks for the reason of any change to a published act; the reason is logged with the revision."""

    change_reason = forms.CharField(
        label=_("Motif de la modification"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Obligatoire pour modifier un acte publié ou un procès-verbal approuvé ; conservé dans l'historique."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        reason = (cleaned_data.get("change_reason") or "").strip()
        instance = self.instance
        if instance.pk and instance.requires_change_reason() and not reason:
            self.add_error(
                "change_reason",
                _("Cet acte est publié : indiquez le motif de la modification, il sera conservé dans l'historique."),
            )
        instance._change_reason = reason
        return cleaned_data


class CouncilSessionForm(ReasonedEditForm):
    """A new session starts with every councillor in office listed as present: the clerk marks the
    absent and the proxies. Its title, left empty, is built from its date (« Séance du 12/03/2024 »)."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is None and not args and kwargs.get("data") is None:
            prefill_attendance(instance)
        super().__init__(*args, **kwargs)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = _("Laissé vide : « Séance du JJ/MM/AAAA », d'après la date.")

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("title") and cleaned_data.get("date"):
            cleaned_data["title"] = _("Séance du %(day)s") % {
                "day": timezone.localtime(cleaned_data["date"]).strftime("%d/%m/%Y")}
            self.instance.title = cleaned_data["title"]
        formset = self.formsets.get("attendances")
        if formset is not None and formset.is_valid():
            self.instance._pending_attendance = [
                Attendance(
                    member=form.cleaned_data["member"],
                    status=form.cleaned_data["status"],
                    proxy_holder=form.cleaned_data.get("proxy_holder"),
                )
                for form in formset.forms
                if form.cleaned_data.get("member") and not form.cleaned_data.get("DELETE")
            ]
        return cleaned_data


def prefill_attendance(session):
    """Every councillor in office, present by default, and their number as the members in office."""
    from .models import CouncilMember, SessionAttendance

    members = list(CouncilMember.objects.filter(in_office=True))
    session.attendances = [SessionAttendance(member=member, status=PRESENT) for member in members]
    if session.members_in_office is None:
        session.members_in_office = len(members)


class DeliberationForm(ReasonedEditForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("named_votes")
        if formset is not None and formset.is_valid():
            self.instance._pending_named_votes = [
                (form.cleaned_data["member"].pk, form.cleaned_data["vote"])
                for form in formset.forms
                if form.cleaned_data.get("member") and not form.cleaned_data.get("DELETE")
            ]
        return cleaned_data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        session = self._session()
        if session is not None:
            self.instance._session = session
            if not self.instance.pk and "number" in self.fields and not self.initial.get("number"):
                self.initial["number"] = self.instance.__class__.next_number(session.date.year)
            if not self.instance.pk and "order" in self.fields and not self.initial.get("order"):
                self.initial["order"] = session.next_order()

    def _session(self):
        from .models import CouncilSessionPage

        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, CouncilSessionPage) else None


class MayoralActForm(ReasonedEditForm):
    """Proposes the next number of the year for a new arrêté."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "number" in self.fields and not self.initial.get("number"):
            from django.utils import timezone

            self.initial["number"] = self.instance.__class__.next_number(timezone.localdate().year)


class OfficialNoteForm(WagtailAdminPageForm):
    """The issuer says, for each new version of a note, whether its readers must acknowledge it again."""

    new_acknowledgement = forms.BooleanField(
        label=_("Demander une nouvelle prise de connaissance"),
        required=False,
        help_text=_(
            "Pour une nouvelle version : les agents qui ont pris connaissance de la précédente devront "
            "le refaire. Leurs prises de connaissance passées restent enregistrées."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.live_version = self._live_version()
        if self.live_version is not None:
            self.fields["new_acknowledgement"].initial = self.instance.reading_version > self.live_version

    def _live_version(self):
        """The version agents acknowledge now (None for a new note): the page row keeps the live
        content while the draft lives in its revisions."""
        if not self.instance.pk:
            return None
        model = type(self.instance)
        return model.objects.filter(pk=self.instance.pk).values_list("reading_version", flat=True).first()

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.live_version is not None:
            asked = self.cleaned_data.get("new_acknowledgement")
            page.reading_version = self.live_version + 1 if asked else self.live_version
        if commit:
            page.save()
            self.save_m2m()
        return page
