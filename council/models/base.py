"""What every council act page shares: a logged reason for changes once published, and section checks."""

from django.db import models
from wagtail.log_actions import log

from home.models import Section, SectionRootChildMixin

CHANGE_REASON_ACTION = "council.change_reason"


class ReasonedRevisionMixin(models.Model):
    """Logs the reason given in the admin form (ReasonedEditForm) with the revision it explains."""

    class Meta:
        abstract = True

    def requires_change_reason(self):
        return False

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        reason = getattr(self, "_change_reason", "")
        if reason:
            log(
                instance=self,
                action=CHANGE_REASON_ACTION,
                data={"reason": reason},
                revision=revision,
                user=kwargs.get("user"),
            )
            self._change_reason = ""
        return revision


class CouncilSectionOnlyMixin(SectionRootChildMixin):
    """An index page that may only be created under, or moved to, the Conseil municipal section root."""

    sections = [Section.COUNCIL]


class KeptPublicMixin:
    """Offers no view restriction while an act at or below the page is within its two months online.

    A restricted page is never public (the one visibility rule): restricting an act, or its session,
    would take it off the public space before the end of its mandatory publication (R2131-1).
    Wagtail's privacy view reads `private_page_options` and, when empty, offers no restriction.
    """

    @property
    def private_page_options(self):
        from . import held_online_until

        if held_online_until(self) is not None:
            return []
        return super().private_page_options
