"""Legal acts: pages that go online only after the general secretariat's review and then stay online.

A page model becomes a legal act by inheriting `LegalActMixin` (one line: deliberations, sessions
with their minutes and list, notes de service, and any act another app declares). The rules hold
whatever the route, at the depth that route reaches:

- permissions: the act's permission tester lets only reviewers (and superusers) publish it, nobody
  delete it within its two months online, copy it or move it out of its section (admin buttons,
  single and bulk views, admin API);
- the model: an act has no expiry date (so `publish_scheduled` never takes it down), and a save
  that takes it offline or a delete within its two months online raises `LegalActRefusal`
  (shell, management commands, admin API);
- the admin hooks (`wagtail_hooks.py`) ask the same questions first, to refuse with the reason.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.panels import PublishingPanel
from wagtail.models import Page, PagePermissionTester

from home.models import SectionPage

from . import rules

REVIEW_PERMISSION = "council.review_acts"


class LegalActRefusal(PermissionDenied):
    """An action the law forbids on an act; its message says why, in French."""


def is_reviewer(user):
    """Who may put an act online directly: the general secretariat (the reviewers) and superusers."""
    return user.has_perm(REVIEW_PERMISSION)


def section_of(page):
    """The section root (home.SectionPage) a page lives in, or None."""
    return SectionPage.objects.ancestor_of(page, inclusive=True).first()


class LegalActPermissionTester(PagePermissionTester):
    def can_publish(self):
        return super().can_publish() and is_reviewer(self.user)

    def can_publish_subpage(self):
        return super().can_publish_subpage() and is_reviewer(self.user)

    def can_copy_to(self, destination, recursive=False):
        return False

    def can_delete(self, ignore_bulk=False):
        # Refused here, before Wagtail's delete action logs anything, rather than by the model guard.
        return super().can_delete(ignore_bulk) and hold_refusal_for(self.page) is None

    def can_move(self):
        # Moving keeps the act online: only the usual rule (the right to delete, without the hold) applies.
        return super().can_delete(ignore_bulk=True)


def _act_publishing_panel():
    """Wagtail's scheduling panel without the expiry date: an act is withdrawn, never expired."""
    panel = PublishingPanel()
    panel.children = [child for child in panel.children if getattr(child, "field_name", "") != "expire_at"]
    return panel


class LegalActMixin:
    """A page that is an act in law: reviewed before going online, kept online two months after."""

    # Fields set once when the act goes online; a later revision never clears them.
    online_date_fields = ()
    settings_panels = [_act_publishing_panel(), *Page.settings_panels[1:]]

    def permissions_for_user(self, user):
        return LegalActPermissionTester(user, self)

    def online_since(self):
        """The day the act went online (its first publication), None while never published."""
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    def held_publications(self):
        """(what, online since) for each thing this page publishes that must stay online two months."""
        return [(None, self.online_since())]

    def record_going_online(self, day):
        """Called on every save of the live page: set the dates the act went online, once."""

    def hold_refusal(self, today=None):
        """The French message refusing to take this act offline today, or None once its two months are over."""
        today = today or timezone.localdate()
        for what, since in self.held_publications():
            refusal = rules.unpublish_refusal(online_since=since, today=today, what=what)
            if refusal:
                return refusal
        return None

    def can_move_to(self, parent):
        if not super().can_move_to(parent):
            return False
        current = section_of(self)
        return current is None or section_of(parent) == current

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.online_date_fields:
            if getattr(self, name) and not getattr(obj, name):
                setattr(obj, name, getattr(self, name))
        return obj

    def clean(self):
        super().clean()
        if self.expire_at:
            raise ValidationError({"expire_at": _(
                "Un acte n'a pas de date d'expiration : il reste en ligne au moins deux mois, "
                "puis le secrétariat général le dépublie s'il y a lieu."
            )})

    def save(self, *args, **kwargs):
        self.expire_at = None
        if self.live:
            self.record_going_online(timezone.localdate(self.first_published_at or timezone.now()))
        return super().save(*args, **kwargs)


def legal_act_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, LegalActMixin)]


def live_acts_within(page, *, include_self=True, include_descendants=True):
    """The live legal acts at or below `page`, as specific instances."""
    acts = []
    specific = page.specific
    if include_self and isinstance(specific, LegalActMixin) and specific.live:
        acts.append(specific)
    if include_descendants:
        for model in legal_act_models():
            acts += list(model.objects.descendant_of(page).live())
    return acts


def held_online_until(page, *, today=None):
    """The first day the live acts at or below `page` may all be taken offline, while it is still to
    come (their two months online, R2131-1); None once every hold is over."""
    today = today or timezone.localdate()
    ends = [
        rules.minimum_online_until(since)
        for act in live_acts_within(page)
        for _what, since in act.held_publications()
    ]
    return max((end for end in ends if end is not None and end > today), default=None)


def hold_refusal_for(page, *, include_descendants=True, today=None):
    """The French message refusing to take `page` (or a live act below it) offline, or None."""
    for act in live_acts_within(page, include_descendants=include_descendants):
        refusal = act.hold_refusal(today)
        if refusal:
            return refusal if act.pk == page.pk else f"{act.title} : {refusal}"
    return None


def copy_refusal_for(page, *, recursive):
    """An act is never copied: its number is unique and its publication goes through the review."""
    if isinstance(page.specific, LegalActMixin):
        return _(
            "« %(title)s » est un acte : il ne se copie pas (son numéro est unique et sa mise en ligne passe "
            "par la relecture du secrétariat général). Créez un nouvel acte, le numéro suivant est proposé."
        ) % {"title": page.title}
    if recursive:
        for model in legal_act_models():
            if model.objects.descendant_of(page).exists():
                return _(
                    "« %(title)s » contient des actes, qui ne se copient pas : copiez la page sans ses sous-pages."
                ) % {"title": page.title}
    return None


def move_refusal_for(page, destination):
    """Acts, and pages holding acts, stay in their section."""
    current = section_of(page)
    if current is None or section_of(destination) == current:
        return None
    if any(model.objects.descendant_of(page, inclusive=True).exists() for model in legal_act_models()):
        return _(
            "« %(title)s » contient des actes : ils restent dans la rubrique %(section)s, où s'appliquent "
            "la relecture et la publication légale."
        ) % {"title": page.title, "section": current.title}
    return None


def publication_refusal_for(user, page):
    """An act goes online through the secretariat's review: only reviewers publish it directly."""
    if isinstance(page.specific, LegalActMixin) and not is_reviewer(user):
        return _(
            "« %(title)s » est un acte : il est mis en ligne après relecture du secrétariat général. Utilisez "
            "« Soumettre à la validation » ; vos modifications sont enregistrées comme brouillon."
        ) % {"title": page.title}
    return None


def online_confirmation(act):
    """What the reviewer reads once an act is online: since when, until when at least, and enforceability."""
    since = act.online_since()
    if since is None:
        return None
    message = _("« %(title)s » est en ligne depuis le %(since)s, au moins jusqu'au %(until)s.") % {
        "title": act.title,
        "since": since.strftime("%d/%m/%Y"),
        "until": rules.add_months(since, rules.MINIMUM_MONTHS_ONLINE).strftime("%d/%m/%Y"),
    }
    enforceable_on = getattr(act, "enforceable_on", None)
    if enforceable_on:
        message += " " + _("Exécutoire le %(day)s.") % {"day": enforceable_on.strftime("%d/%m/%Y")}
    elif hasattr(act, "enforceable_on"):
        message += " " + _("Il sera exécutoire à l'accusé de réception de la préfecture.")
    return message


def _refuse_early_unpublish(sender, instance, raw=False, **kwargs):
    """Model guard: a save taking a live act offline within its two months is refused (any route)."""
    if not isinstance(instance, Page) or raw or instance.live or instance._state.adding:
        return
    model = instance.specific_class
    if model is None or not issubclass(model, LegalActMixin):
        return
    stored = model.objects.filter(pk=instance.pk, live=True).first()
    refusal = stored.hold_refusal() if stored else None
    if refusal:
        raise LegalActRefusal(refusal)


def _refuse_early_delete(sender, instance, **kwargs):
    """Model guard: deleting a live act within its two months online is refused (any route)."""
    if instance.live:
        refusal = instance.hold_refusal()
        if refusal:
            raise LegalActRefusal(refusal)


def connect():
    pre_save.connect(_refuse_early_unpublish, dispatch_uid="council_legal_unpublish")
    for model in legal_act_models():
        pre_delete.connect(_refuse_early_delete, sender=model, dispatch_uid=f"council_legal_delete_{model.__name__}")
