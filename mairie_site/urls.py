from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import plugins
from search import views as search_views

from .health import health
from .offline import service_worker
from .page_copy import copy_page
from .security import serve_document, serve_media
from .throttle import ThrottledPasswordResetView
from .views import LoginView, LogoutView
from .workflow_actions import ConfirmedWorkflowActionView

urlpatterns = [
    path("connexion/", LoginView.as_view(), name="login"),
    path("deconnexion/", LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oubli/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/oubli/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("health/", health, name="health"),
    # At the root, so that its scope is the whole site (mairie_site/offline.py).
    path("service-worker.js", service_worker, name="service_worker"),
    # Wagtail's copy view, all or nothing and with French errors (page_copy.py).
    path("admin/pages/<int:page_id>/copy/", copy_page),
    # Wagtail's workflow action view (the dashboard's moderation modal), with a confirmation.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        ConfirmedWorkflowActionView.as_view(),
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view with our headers; same path and name, so document.url leads here.
    path("documents/<int:document_id>/<str:document_filename>", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    path("recherche/suggestions/", search_views.autocomplete, name="search_autocomplete"),
]

# Each app's own URLs (exports, feeds, actions), from its `urls` module; pages are served by Wagtail below.
for app_urls in plugins.provided("urls", exclude={"mairie_site"}):
    urlpatterns.append(path("", include(app_urls)))

# Media through Django in development as in production: login and the same rule (security.py).
urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"))

urlpatterns.append(path("", include(wagtail_urls)))

handler403 = "mairie_site.security.permission_denied"
