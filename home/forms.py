"""Admin forms of the home app's pages."""

from wagtail.admin.forms import WagtailAdminPageForm

from core.visibility import visible_pages


class ServicePageForm(WagtailAdminPageForm):
    """The services a service follows are chosen among the live ones its editor may see, never
    itself; a followed service the editor may not see stays followed, unnamed, when they save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("followed_services")
        if field is None:
            return
        model = type(self.instance)
        choices = visible_pages(model.objects.live(), self.for_user).exclude(pk=self.instance.pk).order_by("title")
        field.queryset = choices
        offered = set(choices.values_list("pk", flat=True))
        self.hidden_followed = [
            service for service in self.instance.followed_services.all() if service.pk not in offered
        ] if self.instance.pk else []

    def clean_followed_services(self):
        return [*self.cleaned_data["followed_services"], *self.hidden_followed]
