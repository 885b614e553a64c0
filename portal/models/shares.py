"""An agent recommends a page or an item to a service ("Partagé avec nous")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 500


class Share(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page partagée")
    )
    service = models.ForeignKey(
        "home.ServicePage", on_delete=models.CASCADE, related_name="portal_shares", verbose_name=_("service")
    )
    note = models.CharField(_("mot d'accompagnement"), max_length=NOTE_MAX_LENGTH, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("partagé par")
    )
    created_at = models.DateTimeField(_("partagé le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Partage")
        verbose_name_plural = _("Partages")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["page", "service"], name="portal_share_once_per_service")]

    def __str__(self):
        return f"{self.page_id} → {self.service_id}"

    def can_be_removed_by(self, user):
        """The agent who shared it, or whoever may edit the service's page."""
        if user.is_superuser or (self.shared_by_id and self.shared_by_id == user.pk):
            return True
        return self.service.permissions_for_user(user).can_edit()
