"""The channel's admin form: the channel and the address of its feed, in one form."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .importer.fetch import FetchError, check_url


class FeedURLInput(forms.URLInput):
    """The address field with its « Tester l'adresse » button and the place where the answer appears."""

    template_name = "newsfeeds/widgets/feed_url_input.html"

    class Media:
        js = ["newsfeeds/js/feed_probe.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["probe_url"] = reverse("newsfeeds_probe")
        return context


class ChannelPageForm(WagtailAdminPageForm):
    feed_url = forms.URLField(
        label=_("Adresse du flux"), required=False, max_length=2000, assume_scheme="https", widget=FeedURLInput,
        help_text=_("Laissez vide pour un canal que la Rédaction écrit elle-même. Vider le champ met le flux en "
                    "pause ; les articles déjà importés restent."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "feed_url" not in self.fields:
            return
        sources = list(self.instance.sources.order_by("pk")[:2]) if self.instance.pk else []
        if len(sources) > 1:
            field = self.fields["feed_url"]
            field.disabled = True
            field.help_text = _("Ce canal a plusieurs sources : modifiez-les dans « Sources de flux ».")
        elif sources and sources[0].active:
            self.initial.setdefault("feed_url", sources[0].url)

    def clean_feed_url(self):
        url = self.cleaned_data["feed_url"].strip()
        if not url or self.fields["feed_url"].disabled:
            return url
        try:
            check_url(url)
        except FetchError as error:
            raise forms.ValidationError(str(error)) from None
        from .models import FeedSource

        taken = FeedSource.objects.filter(url=url).exclude(channel_id=self.instance.pk).select_related("channel")
        other = taken.first()
        if other is not None:
            where = other.channel.title if other.channel else other.name
            raise forms.ValidationError(_("Cette adresse alimente déjà « %(where)s ».") % {"where": where})
        return url

    def save(self, commit=True):
        page = super().save(commit=False)
        if "feed_url" in self.fields and not self.fields["feed_url"].disabled and "feed_url" in self.changed_data:
            # Attached when the page is saved (ChannelPage.save): a new channel has no id before that.
            page.pending_feed_url = self.cleaned_data["feed_url"]
        if commit:
            page.save()
        return page
