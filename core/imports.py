"""The one report of every import, and its French summary line.

read → validate → map → store → report: every importer (directory CSV and LDAP, library
catalogue, places CSV, feed items, OPML) fills an `ImportReport` and shows `summary()`, the same
line everywhere, agreed with what the app imports:

    « 1 234 créées, 2 mises à jour, 0 inchangée, 1 retirée, 3 rejetées »  (notices)
    « Simulation : 3 créés, 0 mis à jour, … (rien n'a été enregistré) »    (agents, dry run)

The admin shows a report with `core/includes/import_report.html`.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.formats import number_format

# A file of 100,000 bad lines keeps its count, not 100,000 messages in memory or in a stored entry.
MAX_REPORTED_REJECTIONS = 500


class Extra(NamedTuple):
    """A count an app adds to its summary line, with its own noun: « 1 service créé », « 2 services créés »."""

    singular: str
    plural: str


def french_count(count):
    """`count` grouped the French way: 12 345 (a non-breaking space between the groups)."""
    return number_format(count, force_grouping=True)


def agree(participle, count, *, feminine=False):
    """A past participle agreed with `count` things: 0 and 1 are singular in French.

    Only the first word agrees: « mis à jour », « mise à jour », « mises à jour », « mis à jour ».
    """
    head, space, rest = participle.partition(" ")
    if feminine:
        head += "e"
    if count > 1 and not head.endswith("s"):
        head += "s"
    return head + space + rest


@dataclass
class ImportReport:
    """What an import did. `feminine`: the gender of what it imports (notices: yes; agents,
    équipements, articles, flux: no); `removal`: what removing one means for the app, a masculine
    past participle (« retiré », « désactivé »), empty when the import never removes anything."""

    feminine: bool = False
    removal: str = ""
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: int = 0
    rejections: list = field(default_factory=list)  # "where : reason", the first MAX_REPORTED_REJECTIONS
    warnings: list = field(default_factory=list)
    extras: Counter = field(default_factory=Counter)  # Extra → count, shown after the common counts
    duration: float = 0.0

    @property
    def read(self):
        """The items read: stored, left as they were or rejected."""
        return self.created + self.updated + self.unchanged + self.rejected

    def reject(self, where, reason):
        self.rejected += 1
        if len(self.rejections) < MAX_REPORTED_REJECTIONS:
            self.rejections.append(f"{where} : {reason}")

    def merge(self, other):
        """Add `other`'s counts, rejections (still bounded), warnings and extras to this report."""
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.rejected += other.rejected
        room = MAX_REPORTED_REJECTIONS - len(self.rejections)
        self.rejections += other.rejections[: max(0, room)]
        self.warnings += other.warnings
        self.extras.update(other.extras)
        self.duration += other.duration
        return self

    def summary(self):
        def part(count, participle):
            return f"{french_count(count)} {agree(participle, count, feminine=self.feminine)}"

        parts = [part(self.created, "créé"), part(self.updated, "mis à jour"), part(self.unchanged, "inchangé")]
        if self.removal:
            parts.append(part(self.removed, self.removal))
        parts.append(part(self.rejected, "rejeté"))
        parts += [
            f"{french_count(count)} {extra.plural if count > 1 else extra.singular}"
            for extra, count in self.extras.items()
            if count
        ]
        text = ", ".join(parts)
        return f"Simulation : {text} (rien n'a été enregistré)" if self.dry_run else text
