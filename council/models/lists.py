"""The liste des délibérations of a closed session, stored as a Wagtail document (CGCT L2121-25)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliberationList(models.Model):
    """The published list of a session: its PDF document, the date it went online and its fingerprint.

    Kept apart from the session's page fields so that publishing a later revision of the session
    never resets it (revisions carry the page's own fields only).
    """

    session = models.OneToOneField(
        "council.CouncilSessionPage", on_delete=models.CASCADE, primary_key=True,
        related_name="published_deliberation_list", verbose_name=_("séance"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("document")
    )
    online_on = models.DateField(_("mise en ligne le"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    updated_at = models.DateTimeField(_("régénérée le"), auto_now=True)

    class Meta:
        verbose_name = _("liste des délibérations")
        verbose_name_plural = _("listes des délibérations")

    def __str__(self):
        return f"{self.session_id}: {self.online_on}"
