"""The site's own authentication pages: login without a redirect loop, a word after logout or an
expired session, and Django's CSRF failure page in French."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from .middleware import SESSION_EXPIRED_KEY
from .offline import clear_offline_copy


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's login view, without the loop of `redirect_authenticated_user`: an agent already
    logged in is sent here with a `next` when that page refused them (the admin without admin
    access, a page restricted to other groups). Sending them back would loop; they get a French
    page saying so, with a link home."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            target = self.get_redirect_url()
            if not target:
                return redirect(self.get_default_redirect_url())
            # The refusal's own message (Wagtail's, for the admin) would repeat this page.
            list(messages.get_messages(request))
            return TemplateResponse(
                request,
                "registration/no_access.html",
                {"admin": target.startswith("/admin/")},
                status=403,
            )
        if request.method == "GET" and session_expired(request):
            messages.info(request, _("Votre session a expiré : reconnectez-vous pour continuer."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # The previous agent's offline home page, if any, goes before this one's is kept.
        return clear_offline_copy(super().form_valid(form))


def session_expired(request):
    """Ended by the absolute limit (SessionLifetimeMiddleware), or idle: the browser still sends
    a session cookie that names no session any more (an ended one deletes its cookie)."""
    if request.session.pop(SESSION_EXPIRED_KEY, False):
        return True
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.session_key is None


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("Vous êtes déconnecté. À bientôt !"))
        return clear_offline_copy(response)


@login_not_required
def csrf_failure(request, reason=""):
    """A form sent from an expired or foreign page (CSRF_FAILURE_VIEW): French, with what to do."""
    return TemplateResponse(request, "registration/csrf_failure.html", status=403)
