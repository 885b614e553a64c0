"""The rules of "Mon portail", as keyword-only functions the views, feeds and digests share."""

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from core.generations import Generation
from core.params import positive_int
from core.visibility import is_visible, visible_pages
from home.models import ServicePage
from newsfeeds.models import ChannelPage, NewsItemPage

from .models import DefaultSubscriptions, FavouriteApplication, PortalProfile, Subscription, WeeklyActivity
from .models.activity import agent_key

FOLLOWABLE = (ChannelPage, ServicePage)
# Home page items are cached per agent; this generation moves whenever shared content changes.
GLOBAL_GENERATION = Generation("portal:generation")


# --- profile ---------------------------------------------------------------------------------


def get_profile(user):
    """The agent's profile; the first time, the editors' default set becomes their bouquet."""
    profile = PortalProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    with transaction.atomic():
        profile, created = PortalProfile.objects.get_or_create(user=user)
        if created:
            channel_ids, service_ids = default_bouquet()
            Subscription.objects.bulk_create(
                [Subscription(user=user, channel_id=pk) for pk in channel_ids]
                + [Subscription(user=user, service_id=pk) for pk in service_ids],
                ignore_conflicts=True,
            )
    return profile


VISIT_GRANULARITY_SECONDS = 300


def record_visit(*, profile, now=None):
    """Keep the last visit (coarsely, to spare writes) and count the agent once a week."""
    now = now or timezone.now()
    if profile.last_visit_at and (now - profile.last_visit_at).total_seconds() < VISIT_GRANULARITY_SECONDS:
        return
    previous = profile.last_visit_at
    profile.last_visit_at = now
    PortalProfile.objects.filter(pk=profile.pk).update(last_visit_at=now)
    week = week_start(now)
    if previous is None or week_start(previous) != week:
        WeeklyActivity.objects.get_or_create(week=week, agent_key=agent_key(profile.user_id))


def week_start(moment=None):
    day = timezone.localtime(moment or timezone.now()).date()
    return day - timezone.timedelta(days=day.weekday())


# --- subscriptions ---------------------------------------------------------------------------


def default_bouquet():
    setting = DefaultSubscriptions.load()
    return (
        list(setting.channels.values_list("pk", flat=True)),
        list(setting.services.values_list("pk", flat=True)),
    )


def followable_page(page_id, *, user):
    """The live channel or service page with this id that `user` may see, or None: a restricted
    channel's title is never confirmed to someone who may not see it."""
    page_id = positive_int(page_id)
    page = Page.objects.live().filter(pk=page_id).first() if page_id else None
    if page is None or page.specific_class not in FOLLOWABLE or not is_visible(page, user):
        return None
    return page.specific


def _subscription_filter(page):
    return {"channel": page} if isinstance(page, ChannelPage) else {"service": page}


def follow(*, user, page):
    get_profile(user)
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(user=user, **_subscription_filter(page))
    except IntegrityError:
        pass  # a concurrent click already did it
    _chosen(user)


def unfollow(*, user, page):
    get_profile(user)
    Subscription.objects.filter(user=user, **_subscription_filter(page)).delete()
    _chosen(user)


def is_following(*, user, page):
    return Subscription.objects.filter(user=user, **_subscription_filter(page)).exists()


def _chosen(user):
    PortalProfile.objects.filter(user=user).update(bouquet_chosen=True)
    bump_user_generation(user.pk)


def set_bouquet(*, user, channel_ids, service_ids):
    """Replace the agent's whole bouquet (welcome form)."""
    get_profile(user)
    with transaction.atomic():
        Subscription.objects.filter(user=user).delete()
        Subscription.objects.bulk_create(
            [Subscription(user=user, channel_id=pk) for pk in set(channel_ids)]
            + [Subscription(user=user, service_id=pk) for pk in set(service_ids)]
        )
    _chosen(user)


def set_favourites(*, user, application_ids):
    """Replace the applications pinned on the agent's home page (welcome, step 3)."""
    with transaction.atomic():
        FavouriteApplication.objects.filter(user=user).exclude(application_id__in=application_ids).delete()
        FavouriteApplication.objects.bulk_create(
            [FavouriteApplication(user=user, application_id=pk) for pk in set(application_ids)],
            ignore_conflicts=True,
        )
    bump_user_generation(user.pk)


def needs_welcome(user):
    """Neither welcomed nor led to the welcome yet (shown once, at the first login)."""
    return (
        not PortalProfile.objects.filter(user=user)
        .filter(Q(welcomed=True) | Q(welcome_offered_at__isnull=False))
        .exists()
    )


def offer_welcome(user):
    profile = get_profile(user)
    PortalProfile.objects.filter(pk=profile.pk).update(welcome_offered_at=timezone.now())


def finish_welcome(*, user, digest_frequency=None):
    """The agent went through the welcome, or chose "Plus tard": the home page stops inviting them."""
    profile = get_profile(user)
    fields = {"welcomed": True}
    if digest_frequency:
        fields["digest_frequency"] = digest_frequency
    PortalProfile.objects.filter(pk=profile.pk).update(**fields)
    bump_user_generation(user.pk)


def followed_ids(user):
    """(channel ids, service ids) the agent follows: one query."""
    channels, services = [], []
    for channel_id, service_id in Subscription.objects.filter(user=user).values_list("channel_id", "service_id"):
        (channels if channel_id else services).append(channel_id or service_id)
    return channels, services


# --- items -----------------------------------------------------------------------------------


def items_for(*, user, channel_ids=(), service_ids=(), since=None, until=None, limit=None, refused=None):
    """Live news items of these channels or from these services that `user` may see, newest first
    (`refused`: the user's refused paths when the caller already read them)."""
    if not channel_ids and not service_ids:
        return NewsItemPage.objects.none()
    items = visible_pages(
        NewsItemPage.objects.live()
        .filter(Q(channel_id__in=list(channel_ids)) | Q(service_id__in=list(service_ids)))
        .select_related("channel", "service")
        .order_by("-published_at", "-pk"),
        user,
        paths=refused,
    )
    if since is not None:
        items = items.filter(published_at__gt=since)
    if until is not None:
        items = items.filter(published_at__lte=until)
    return items[:limit] if limit else items


def _own_service_page_ids(user):
    """The ids of the service pages of the agent's services in the directory (a queryset), or None
    without a directory."""
    try:
        Agent = apps.get_model("directory", "Agent")
    except LookupError:
        return None
    return (
        Agent.objects.filter(user=user, is_active=True, service__service_page__isnull=False)
        .order_by("pk")
        .values_list("service__service_page_id", flat=True)
    )


def own_service_page_id(user):
    """The service page of the agent's service in the directory, when the directory knows it."""
    ids = _own_service_page_ids(user)
    return ids.first() if ids is not None else None


def own_service_page(user, *, refused=None):
    """That service page, live and visible to `user`, or None: one query."""
    ids = _own_service_page_ids(user)
    if ids is None:
        return None
    return visible_pages(ServicePage.objects.live(), user, paths=refused).filter(pk__in=ids[:1]).first()


# --- cache generations -----------------------------------------------------------------------


bump_global_generation = GLOBAL_GENERATION.bump


def user_generation(user_id):
    """Moves when what one agent's home page shows of their own changes (bouquet, favourites)."""
    return Generation(f"portal:user-generation:{user_id}")


def bump_user_generation(user_id):
    user_generation(user_id).bump()
