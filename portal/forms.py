from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.visibility import visible_pages
from home.models import ServicePage

from .models import Application, DigestFrequency, PortalProfile, Share
from .models.shares import NOTE_MAX_LENGTH


class DigestForm(forms.ModelForm):
    class Meta:
        model = PortalProfile
        fields = ["digest_frequency"]
        widgets = {"digest_frequency": forms.RadioSelect}
        labels = {"digest_frequency": _("Recevoir par courriel les nouveautés de ce que je suis")}


class ShareForm(forms.ModelForm):
    service = forms.ModelChoiceField(
        queryset=ServicePage.objects.live().order_by("title"),
        label=_("Service destinataire"),
        empty_label=_("Choisir un service"),
    )
    note = forms.CharField(
        label=_("Mot d'accompagnement (facultatif)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Share
        fields = ["service", "note"]


class WelcomePagesForm(forms.Form):
    """Welcome, steps 1 (channels) and 2 (services): the live pages the agent may see, to follow."""

    pages = forms.ModelMultipleChoiceField(
        queryset=Page.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, model, order, label, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: the restrictions are read when it is called.
        self.fields["pages"].queryset = visible_pages(model.objects.live(), user).order_by(order)
        self.fields["pages"].label = label


class WelcomeApplicationsForm(forms.Form):
    """Welcome, step 3: the applications this agent may see, and the e-mail digest."""

    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Les applications à épingler sur mon accueil"),
    )
    digest_frequency = forms.ChoiceField(
        choices=DigestFrequency.choices,
        initial=DigestFrequency.WEEKLY,
        widget=forms.RadioSelect,
        label=_("Recevoir un résumé par courriel"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.visible_to(user).order_by("position", "name")
