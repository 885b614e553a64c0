"""Optional login with the directory account (LDAP or Active Directory), on top of Django accounts.

Off unless DIRECTORY_LDAP_LOGIN is set and this backend is listed in AUTHENTICATION_BACKENDS
after Django's own: then an agent logs in with their directory user name and password, which
are checked by binding to the directory as them. Their Django account is created on first login
(without a usable local password) and linked to their card by employeeNumber.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.env import env, env_bool
from mairie_site.auth import ModelBackend

from .importers.ldap_sync import ACCOUNT_DISABLED, LdapConfig, connect
from .models import Agent

logger = logging.getLogger(__name__)
def ldap_login_enabled():
    return env_bool("DIRECTORY_LDAP_LOGIN")


class LdapDirectoryBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        # An empty password would be an anonymous bind, which always "succeeds".
        if not username or not password or not ldap_login_enabled():
            return None
        import ldap3.core.exceptions
        from ldap3.utils.conv import escape_filter_chars

        config = LdapConfig.from_env()
        attribute = env("DIRECTORY_LDAP_LOGIN_ATTRIBUTE", "uid")  # sAMAccountName on AD
        try:
            service = connect(config)
            try:
                service.search(
                    config.base_dn,
                    f"(&{config.user_filter}({attribute}={escape_filter_chars(username)}))",
                    attributes=["employeeNumber", "givenName", "sn", "mail", "userAccountControl"],
                    size_limit=2,
                )
                entries = list(service.entries)
            finally:
                service.unbind()
            if len(entries) != 1:
                return None
            entry = entries[0]
            control = str(entry["userAccountControl"].value or "")
            if control.isdigit() and int(control) & ACCOUNT_DISABLED:
                return None
            connect(config, user_dn=entry.entry_dn, password=password).unbind()
        except ldap3.core.exceptions.LDAPException as error:
            logger.info("LDAP login refused for %s: %s", username, error.__class__.__name__)
            return None
        user = self._sync_user(username, entry)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _sync_user(self, username, entry):
        User = get_user_model()
        fields = {
            "first_name": str(entry["givenName"].value or "")[:150],
            "last_name": str(entry["sn"].value or "")[:150],
            "email": str(entry["mail"].value or ""),
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **fields)
            user.set_unusable_password()
            user.save()
            from home.roles import AGENTS

            user.groups.add(Group.objects.get_or_create(name=AGENTS)[0])
        elif user.is_superuser or user.is_staff:
            # A directory account never opens a Django administrator's account.
            return None
        else:
            changed = [name for name, value in fields.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, fields[name])
            if changed:
                user.save(update_fields=changed)
        matricule = str(entry["employeeNumber"].value or "")
        if matricule:
            Agent.objects.filter(matricule=matricule, user__isnull=True).exclude(
                pk__in=Agent.objects.filter(user=user).values("pk")
            ).update(user=user)
        return user
