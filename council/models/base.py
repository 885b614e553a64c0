"""What every council act page shares: a logged reason for changes once published, and section checks."""

from django.db import models
from django.http import Http404, HttpResponse
from wagtail.contrib.routable_page.models import path
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
        from ..legal import held_online_until

        if held_online_until(self) is not None:
            return []
        return super().private_page_options


class YearRegisterMixin:
    """An index page of acts publishing each year's register as a PDF at `registre/<year>/` (with
    RoutablePageMixin): tables by date and by matter of the year's live, public acts below it."""

    register_filename = "registre-{year}.pdf"
    register_missing = "Aucun acte cette année."

    def build_year_register(self, year):
        """The register PDF's bytes, or None when no act of `year` is online."""
        raise NotImplementedError

    @path("registre/<int:year>/")
    def year_register(self, request, year):
        content = self.build_year_register(year)
        if content is None:
            raise Http404(self.register_missing)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.register_filename.format(year=year)}"'
        return response
