"""The intranet's password hasher."""

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2PasswordHasher


class Argon2PasswordHasher(DjangoArgon2PasswordHasher):
    """Argon2id at OWASP's first recommended setting (Password Storage Cheat Sheet: 46 MiB, 1 pass,
    1 lane)."""

    memory_cost = 47104
    time_cost = 1
    parallelism = 1
