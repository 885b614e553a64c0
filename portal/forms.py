from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import ServicePage
from newsfeeds.models import ChannelPage

from .models import DigestFrequency, PortalProfile, Share
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


class WelcomeForm(forms.Form):
    channels = forms.ModelMultipleChoiceField(
        queryset=ChannelPage.objects.live().order_by("path"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Les canaux d'information"),
    )
    services = forms.ModelMultipleChoiceField(
        queryset=ServicePage.objects.live().order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Les services"),
    )
    digest_frequency = forms.ChoiceField(
        choices=DigestFrequency.choices,
        initial=DigestFrequency.WEEKLY,
        widget=forms.RadioSelect,
        label=_("Recevoir un résumé par courriel"),
    )
