from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """The public, login-free space of the acts the law makes public (under /actes/)."""

    name = "publication"
    verbose_name = "Publication des actes"
