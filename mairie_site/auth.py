"""Who the request's agent is, without a database query on every request.

Django's authentication middleware reads the session, then asks the session's backend for the
user: `ModelBackend.get_user` is one query on every page, the largest single cost of the request
stack (docs/performance.md, "Request stack"). The backends below keep that user in the shared
cache (Redis in production) for `USER_CACHE_SECONDS`, and forget it as soon as the account
changes:

- saving or deleting a user (a new password, a deactivation, a login's `last_login`), and
  changing their groups or permissions, by the model's signals;
- Wagtail's bulk actions on users, which update rows without signals (`after_bulk_action`);
- any other write without a signal (a queryset `update` in a shell) is seen within
  `USER_CACHE_SECONDS` at most.

Django still checks, on every request, the session's password hash against the user it gets,
and whether the account may log in (`user_can_authenticate`): a cached deactivated account is
refused as before.
"""

from django.contrib.auth import backends, get_user_model
from django.core.cache import cache
from django.db import transaction

USER_CACHE_SECONDS = 60


def user_key(user_id):
    return f"auth-user:{user_id}"


def forget_users(user_ids):
    """Drop the cached users now, and again once the transaction commits (a request of another
    process may have cached the old row in between)."""
    keys = [user_key(user_id) for user_id in user_ids]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


class CachedUserMixin:
    def get_user(self, user_id):
        key = user_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_CACHE_SECONDS)
            return user
        return user if self.user_can_authenticate(user) else None


class ModelBackend(CachedUserMixin, backends.ModelBackend):
    """Django's accounts, with the request's user read from the cache."""


def forget_saved_user(sender, instance, **kwargs):
    forget_users([instance.pk])


def forget_users_of_changed_relations(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # group.user_set.add(...): the users are the changed set
        forget_users(pk_set or [])
    else:
        forget_users([instance.pk])


def forget_users_after_bulk_action(request, action_type, objects, action_class_instance):
    if objects and isinstance(objects[0], get_user_model()):
        forget_users([user.pk for user in objects])


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    User = get_user_model()
    post_save.connect(forget_saved_user, sender=User, dispatch_uid="auth-user-cache-save")
    post_delete.connect(forget_saved_user, sender=User, dispatch_uid="auth-user-cache-delete")
    for relation in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(forget_users_of_changed_relations, sender=relation,
                            dispatch_uid=f"auth-user-cache-{relation.__name__}")
