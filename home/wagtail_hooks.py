from wagtail.snippets.models import register_snippet

from .models import HomeEditorial

register_snippet(HomeEditorial)
