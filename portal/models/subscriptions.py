"""What an agent follows: channels of the bouquet and services, and the editors' default set."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class SubscriptionQuerySet(models.QuerySet):
    def channels(self):
        return self.filter(channel__isnull=False)

    def services(self):
        return self.filter(service__isnull=False)


class Subscription(models.Model):
    """One agent follows one channel or one service (exactly one of the two)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_subscriptions", verbose_name=_("agent")
    )
    channel = models.ForeignKey(
        "newsfeeds.ChannelPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("canal"),
    )
    service = models.ForeignKey(
        "home.ServicePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.CheckConstraint(
                condition=(Q(channel__isnull=False) & Q(service__isnull=True))
                | (Q(channel__isnull=True) & Q(service__isnull=False)),
                name="portal_subscription_channel_xor_service",
            ),
            models.UniqueConstraint(
                fields=["user", "channel"],
                condition=Q(channel__isnull=False),
                name="portal_subscription_unique_channel",
            ),
            models.UniqueConstraint(
                fields=["user", "service"],
                condition=Q(service__isnull=False),
                name="portal_subscription_unique_service",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.channel_id or self.service_id}"


@register_setting(icon="list-ul")
class DefaultSubscriptions(BaseGenericSetting):
    """The bouquet a new agent starts with, and what an agent who follows nothing sees."""

    channels = models.ManyToManyField(
        "newsfeeds.ChannelPage", blank=True, related_name="+", verbose_name=_("canaux proposés par défaut")
    )
    services = models.ManyToManyField(
        "home.ServicePage", blank=True, related_name="+", verbose_name=_("services proposés par défaut")
    )

    panels = [
        FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("Abonnements par défaut")
