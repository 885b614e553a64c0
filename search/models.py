"""What editors tune in the search: synonyms and acronyms, and the record of unanswered queries."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import fold


class Synonym(models.Model):
    """A term (often an acronym) and what it stands for: searching one finds the others."""

    term = models.CharField(_("terme ou sigle"), max_length=100, unique=True)
    equivalents = models.TextField(
        _("équivalents"),
        help_text=_("Une expression par ligne, par exemple « centre communal d'action sociale »."),
    )

    panels = ["term", "equivalents"]

    class Meta:
        verbose_name = _("Synonyme")
        verbose_name_plural = _("Synonymes et sigles")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def equivalent_list(self):
        return [line.strip() for line in self.equivalents.splitlines() if line.strip()]

    @classmethod
    def expansions_for(cls, query):
        """Expressions equivalent to the query, or to any word of it, found in the list."""
        folded_query = fold(query)
        words = set(folded_query.split())
        expansions = []
        for synonym in cls.objects.all():
            group = [synonym.term, *synonym.equivalent_list()]
            folded_group = [fold(expression) for expression in group]
            if any(expression == folded_query or expression in words for expression in folded_group):
                expansions += [expression for expression in group if fold(expression) != folded_query]
        return expansions


class SearchQueryLog(models.Model):
    """How often a query was asked on a day and how many results it had (no user is recorded)."""

    query = models.CharField(_("requête"), max_length=200)
    day = models.DateField(_("jour"))
    searches = models.PositiveIntegerField(_("recherches"), default=0)
    results = models.PositiveIntegerField(_("résultats"), default=0)

    class Meta:
        verbose_name = _("Requête")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="one_log_per_query_and_day")]

    def __str__(self):
        return f"{self.query} ({self.day})"
