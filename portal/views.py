"""Thin views of "Mon portail"; the rules are in portal.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import F
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.visibility import refused_paths, visible_pages
from home.models import ServicePage
from newsfeeds.models import ChannelIndexPage, ChannelPage

from . import services
from .digests import unsubscribe_user_id
from .forms import DigestForm, ShareForm, WelcomeApplicationsForm, WelcomePagesForm
from .home import forget_profile_state
from .models import Application, DigestFrequency, FavouriteApplication, ItemReadCount, PortalProfile, Share
from .tasks import notify_share


def _next_url(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def follow(request):
    """Follow or unfollow a channel or a service: a form post, or a fetch from follow.js."""
    page = services.followable_page(request.POST.get("page_id"), user=request.user)
    if page is None:
        raise Http404("Ni un canal ni un service.")
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, page=page)
        following, message = False, f"Vous ne suivez plus « {page.title} »."
    else:
        services.follow(user=request.user, page=page)
        following, message = True, f"Vous suivez « {page.title} »."
    if _wants_json(request):
        return JsonResponse({"following": following, "message": message})
    messages.success(request, message)
    return redirect(_next_url(request, reverse("portal:subscriptions")))


def subscriptions(request):
    """ "Mes abonnements": the whole bouquet and every service, with what the agent follows."""
    services.get_profile(request.user)
    channel_ids, service_ids = services.followed_ids(request.user)
    refused = refused_paths(request.user)  # one query for the three listings
    indexes = list(visible_pages(ChannelIndexPage.objects.live(), None, paths=refused).order_by("path"))
    channels = list(visible_pages(ChannelPage.objects.live(), None, paths=refused).order_by("path"))
    for index in indexes:
        index.channel_list = [c for c in channels if c.path.startswith(index.path)]
    for channel in channels:
        channel.followed = channel.pk in channel_ids
    service_pages = list(visible_pages(ServicePage.objects.live(), None, paths=refused).order_by("title"))
    for service in service_pages:
        service.followed = service.pk in service_ids
    return render(
        request,
        "portal/subscriptions.html",
        {
            "indexes": indexes,
            "services": service_pages,
            "follows_nothing": not channel_ids and not service_ids,
            "next": request.get_full_path(),
        },
    )


def preferences(request):
    """Digest frequency and the private feed addresses."""
    profile = services.get_profile(request.user)
    form = DigestForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Vos préférences de lettre d'information sont enregistrées.")
        return redirect("portal:preferences")
    channel_ids, service_ids = services.followed_ids(request.user)
    return render(
        request,
        "portal/preferences.html",
        {
            "form": form,
            "profile": profile,
            "channels": ChannelPage.objects.filter(pk__in=channel_ids).order_by("title"),
            "services": ServicePage.objects.filter(pk__in=service_ids).order_by("title"),
        },
    )


@require_POST
def feed_token(request):
    profile = services.get_profile(request.user)
    if request.POST.get("action") == "revoke":
        profile.revoke_feed_token()
        messages.success(request, "Vos adresses de flux sont désactivées : les anciennes ne fonctionnent plus.")
    else:
        profile.regenerate_feed_token()
        messages.success(request, "Nouvelles adresses de flux créées : les anciennes ne fonctionnent plus.")
    return redirect("portal:preferences")


WELCOME_STEPS = list(enumerate(["Vos canaux", "Vos services", "Vos applications"], start=1))


def _welcome_step(request, step, form):
    return render(request, "portal/welcome.html", {"form": form, "step": step, "steps": WELCOME_STEPS})


def _bouquet_step(request, *, step, model, order, label, initial, replace, next_step):
    form = WelcomePagesForm(
        request.POST or None, initial={"pages": initial}, model=model, order=order, label=label, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        replace([page.pk for page in form.cleaned_data["pages"]])
        return redirect(next_step)
    return _welcome_step(request, step, form)


def welcome(request):
    """Welcome, step 1 of 3: the channels to follow, starting from the editors' default set."""
    services.get_profile(request.user)
    channel_ids, service_ids = services.followed_ids(request.user)
    return _bouquet_step(
        request,
        step=1,
        model=ChannelPage,
        order="path",
        label="Les canaux d'information",
        initial=channel_ids,
        replace=lambda chosen: services.set_bouquet(user=request.user, channel_ids=chosen, service_ids=service_ids),
        next_step="portal:welcome_services",
    )


def welcome_services(request):
    """Welcome, step 2 of 3: the services to follow, the agent's own one ticked."""
    services.get_profile(request.user)
    channel_ids, service_ids = services.followed_ids(request.user)
    own_service_id = services.own_service_page_id(request.user)
    return _bouquet_step(
        request,
        step=2,
        model=ServicePage,
        order="title",
        label="Les services",
        initial=service_ids + ([own_service_id] if own_service_id and own_service_id not in service_ids else []),
        replace=lambda chosen: services.set_bouquet(user=request.user, channel_ids=channel_ids, service_ids=chosen),
        next_step="portal:welcome_applications",
    )


def welcome_applications(request):
    """Welcome, step 3 of 3: applications to pin and the e-mail digest; then the home page."""
    profile = services.get_profile(request.user)
    pinned = list(FavouriteApplication.objects.filter(user=request.user).values_list("application_id", flat=True))
    frequency = profile.digest_frequency if profile.welcomed else DigestFrequency.WEEKLY
    form = WelcomeApplicationsForm(
        request.POST or None, user=request.user, initial={"applications": pinned, "digest_frequency": frequency}
    )
    if request.method == "POST" and form.is_valid():
        chosen = [application.pk for application in form.cleaned_data["applications"]]
        services.set_favourites(user=request.user, application_ids=chosen)
        services.finish_welcome(user=request.user, digest_frequency=form.cleaned_data["digest_frequency"])
        forget_profile_state(request)
        messages.success(request, "Votre portail est prêt. Vous pourrez le modifier à tout moment.")
        return redirect("/")
    return _welcome_step(request, 3, form)


@require_POST
def skip_welcome(request):
    services.finish_welcome(user=request.user)
    forget_profile_state(request)
    return redirect("/")


def applications(request):
    """ "Mes applications": the catalogue the agent may see, with their pinned ones."""
    catalogue = list(Application.objects.visible_to(request.user).select_related("icon").order_by("position", "name"))
    pinned = set(FavouriteApplication.objects.filter(user=request.user).values_list("application_id", flat=True))
    for application in catalogue:
        application.pinned = application.pk in pinned
    return render(request, "portal/applications.html", {"applications": catalogue})


@require_POST
def pin_application(request, pk):
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    if request.POST.get("action") == "unpin":
        FavouriteApplication.objects.filter(user=request.user, application=application).delete()
        message = f"« {application.name} » n'est plus sur votre accueil."
    else:
        FavouriteApplication.objects.get_or_create(user=request.user, application=application)
        message = f"« {application.name} » est épinglée sur votre accueil."
    services.bump_user_generation(request.user.pk)
    messages.success(request, message)
    return redirect(_next_url(request, reverse("portal:applications")))


def share(request, page_id):
    """Recommend a page (an item, a note, a service page...) to a service."""
    page = get_object_or_404(visible_pages(Page.objects.live(), request.user), pk=page_id).specific
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        share, created = Share.objects.get_or_create(
            page=page, service=service, defaults={"note": form.cleaned_data["note"], "shared_by": request.user}
        )
        services.bump_global_generation()
        if created:
            notify_share.enqueue(share.pk)
            messages.success(request, f"« {page.title} » est partagé avec le service {service.title}.")
        else:
            messages.info(request, f"« {page.title} » était déjà partagé avec le service {service.title}.")
        return redirect(page.get_url(request) or "/")
    return render(request, "portal/share.html", {"form": form, "shared_page": page})


@require_POST
def remove_share(request, pk):
    share = get_object_or_404(Share.objects.select_related("service"), pk=pk)
    if not share.can_be_removed_by(request.user):
        return HttpResponseForbidden("Seuls l'auteur du partage et les éditeurs du service peuvent le retirer.")
    share.delete()
    services.bump_global_generation()
    messages.success(request, "Le partage est retiré.")
    return redirect(_next_url(request, share.service.get_url(request) or "/"))


def read(request, page_id):
    """Follow a link from the home page: counts one read of the item (no agent recorded)."""
    page = get_object_or_404(visible_pages(Page.objects.live(), request.user).only("url_path", "path", "depth"),
                             pk=page_id)
    week = services.week_start()
    updated = ItemReadCount.objects.filter(page=page, week=week).update(count=F("count") + 1)
    if not updated:
        ItemReadCount.objects.get_or_create(page=page, week=week, defaults={"count": 1})
    return redirect(page.get_url(request) or "/")


@login_not_required
def unsubscribe(request, token):
    """Stop the digests from the link in an e-mail, without logging in (signed token)."""
    user_id = unsubscribe_user_id(token)
    if user_id is None:
        raise Http404("Lien de désabonnement invalide.")
    profile = PortalProfile.objects.filter(user_id=user_id).first()
    if profile is None:
        raise Http404("Lien de désabonnement invalide.")
    done = False
    if request.method == "POST":
        profile.digest_frequency = DigestFrequency.NONE
        profile.save(update_fields=["digest_frequency"])
        done = True
    return render(request, "portal/unsubscribe.html", {"done": done, "profile": profile})
