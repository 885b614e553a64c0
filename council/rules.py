"""The legal rules of council acts, as small functions the models and forms call.

Sources: CGCT L2121-17 (quorum), L2121-20 (proxies, majority, casting vote), L2131-1 and
R2131-1 (publication, two months online), the @CTES acknowledgement identifier format.
Each check returns French messages for the clerk; an empty list means the data is lawful.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.gender import agree

PRESENT = "present"
REPRESENTED = "represented"
ABSENT = "absent"

ADOPTED = "adopted"
REJECTED = "rejected"

CASTING_FOR = "for"
CASTING_AGAINST = "against"

VOTE_FOR = "for"
VOTE_AGAINST = "against"
VOTE_ABSTENTION = "abstention"
VOTE_NOT_VOTING = "not_voting"
NAMED_VOTES = {VOTE_FOR: "Pour", VOTE_AGAINST: "Contre", VOTE_ABSTENTION: "Abstention",
               VOTE_NOT_VOTING: "Ne prennent pas part au vote"}

# An act stays online at least two months (R2131-1): unpublishing it earlier is refused.
MINIMUM_MONTHS_ONLINE = 2

ACTES_NATURES = {
    "DE": "Délibération",
    "AR": "Acte réglementaire",
    "AI": "Acte individuel",
    "CC": "Contrat, convention et avenant",
    "BF": "Document budgétaire et financier",
    "AU": "Autre",
}


@dataclass(frozen=True)
class Attendance:
    """One line of a session's attendance: who, how, and for a proxy who holds it."""

    member: object
    status: str
    proxy_holder: object = None


def attendance_label(status, civility, proxy_holder=None):
    """How a councillor's attendance reads: "présente", "absent", "représenté(e) par Marc Joly"."""
    if status == REPRESENTED:
        label = agree("représenté", civility)
        return f"{label} par {proxy_holder}" if proxy_holder else label
    return agree("absent" if status == ABSENT else "présent", civility)


def quorum_reached(*, in_office, present):
    """More than half of the members in office must be physically present; proxies do not count."""
    return present * 2 > in_office


def attendance_counts(rows, *, in_office):
    """(present, represented, absent, quorum reached): only members present count for the quorum
    (CGCT L2121-17), proxies do not."""
    present = sum(1 for row in rows if row.status == PRESENT)
    represented = sum(1 for row in rows if row.status == REPRESENTED)
    absent = max(in_office - present - represented, 0)
    return present, represented, absent, quorum_reached(in_office=in_office, present=present)


def quorum_threshold(in_office):
    """The smallest number of members present that makes the quorum."""
    return in_office // 2 + 1


def check_attendance(rows, *, in_office, name=str):
    """Check a session's attendance rows; `name(member)` renders a member in messages."""
    errors = []
    seen = set()
    proxies_held = {}
    present = {row.member for row in rows if row.status == PRESENT}
    if in_office is not None and len(rows) > in_office:
        errors.append(
            _("La liste compte %(rows)d élus alors que %(in_office)d seulement sont en exercice.")
            % {"rows": len(rows), "in_office": in_office}
        )
    for row in rows:
        if row.member in seen:
            errors.append(_("%(member)s figure deux fois dans la liste de présence.") % {"member": name(row.member)})
        seen.add(row.member)
        if row.status == REPRESENTED:
            if row.proxy_holder is None:
                errors.append(
                    _("%(member)s est représenté(e) : indiquez l'élu(e) qui détient son pouvoir.")
                    % {"member": name(row.member)}
                )
                continue
            if row.proxy_holder == row.member:
                errors.append(_("%(member)s ne peut pas se donner pouvoir.") % {"member": name(row.member)})
                continue
            if row.proxy_holder not in present:
                errors.append(
                    _("%(holder)s détient le pouvoir de %(member)s mais n'est pas présent(e) à la séance.")
                    % {"holder": name(row.proxy_holder), "member": name(row.member)}
                )
            proxies_held.setdefault(row.proxy_holder, []).append(row.member)
        elif row.proxy_holder is not None:
            errors.append(
                _("Seul un élu représenté donne pouvoir : retirez le mandataire de %(member)s.")
                % {"member": name(row.member)}
            )
    for holder, givers in proxies_held.items():
        if len(givers) > 1:
            errors.append(
                _("Un élu ne peut détenir qu'un seul pouvoir : %(holder)s en détient %(count)d (%(givers)s).")
                % {"holder": name(holder), "count": len(givers), "givers": ", ".join(name(g) for g in givers)}
            )
    return errors


def check_votes(*, votes_for, against, abstention, not_voting, present, represented):
    """Votes cast plus abstentions and non-voters cannot exceed the members present or represented."""
    counted = (votes_for or 0) + (against or 0) + (abstention or 0) + (not_voting or 0)
    if counted > present + represented:
        return [
            _(
                "Le total des voix (%(counted)d : pour, contre, abstentions et ne prenant pas part au vote) "
                "dépasse le nombre d'élus présents ou représentés (%(voters)d)."
            )
            % {"counted": counted, "voters": present + represented}
        ]
    return []


def check_named_votes(rows, *, secret_ballot, counts, name=str):
    """Named votes (member, vote) are for public ballots; when given, they add up to the counts."""
    if not rows:
        return []
    if secret_ballot:
        return [_("Un scrutin secret ne nomme pas les votants : retirez les votes nominatifs.")]
    errors = []
    members = [member for member, _vote in rows]
    for member in sorted({m for m in members if members.count(m) > 1}, key=str):
        errors.append(_("%(member)s a voté deux fois.") % {"member": name(member)})
    for vote, label in NAMED_VOTES.items():
        named = sum(1 for _member, cast in rows if cast == vote)
        if named != (counts.get(vote) or 0):
            errors.append(_("%(label)s : %(named)d votes nominatifs pour un décompte de %(count)d.") % {
                "label": label, "named": named, "count": counts.get(vote) or 0})
    return errors


def vote_result(*, votes_for, against, casting_vote="", secret_ballot=False):
    """The result by absolute majority of votes cast (abstentions excluded).

    On a tie the president's vote prevails, except in a secret ballot where the proposal fails.
    Returns (result, error): result is None when it cannot be decided.
    """
    if votes_for > against:
        return ADOPTED, None
    if against > votes_for:
        return REJECTED, None
    if secret_ballot:
        return REJECTED, None
    if casting_vote == CASTING_FOR:
        return ADOPTED, None
    if casting_vote == CASTING_AGAINST:
        return REJECTED, None
    return None, _("Partage égal des voix : indiquez le sens de la voix prépondérante du président.")


@dataclass(frozen=True)
class ActesIdentifier:
    """The parts of an @CTES acknowledgement identifier, e.g. 095-219501426-20240105-032024-DE."""

    department: str
    siren: str
    date: datetime.date
    number: str
    nature: str


ACTES_ID_PATTERN = re.compile(
    r"^(?P<department>\d{3}|02[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-(?P<number>[A-Za-z0-9_]{1,15})-"
    r"(?P<nature>[A-Z]{2})$"
)


class InvalidActesIdentifier(ValueError):
    pass


def parse_actes_identifier(value):
    """Split an @CTES identifier into its parts, or raise InvalidActesIdentifier with a French message."""
    match = ACTES_ID_PATTERN.match((value or "").strip())
    if not match:
        raise InvalidActesIdentifier(
            _(
                "Identifiant @CTES invalide : le format attendu est département-SIREN-AAAAMMJJ-numéro-nature, "
                "par exemple 095-219501426-20240105-032024-DE."
            )
        )
    raw_date = match["date"]
    try:
        date = datetime.date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        raise InvalidActesIdentifier(
            _("Identifiant @CTES invalide : la date %(date)s n'existe pas.") % {"date": raw_date}
        ) from None
    if match["nature"] not in ACTES_NATURES:
        raise InvalidActesIdentifier(
            _("Identifiant @CTES invalide : la nature %(nature)s est inconnue (attendu : %(natures)s).")
            % {"nature": match["nature"], "natures": ", ".join(ACTES_NATURES)}
        )
    return ActesIdentifier(
        department=match["department"], siren=match["siren"], date=date, number=match["number"], nature=match["nature"]
    )


def enforceable_date(*, online_on, acknowledged_on, transmission_required=True):
    """An act is enforceable once published online and, when it must be sent, received by the prefecture."""
    if online_on is None:
        return None
    if not transmission_required:
        return online_on
    if acknowledged_on is None:
        return None
    return max(online_on, acknowledged_on)


def add_months(day, months):
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def unpublish_refusal(*, online_since, today, what=None):
    """A French message when an act online since `online_since` may not be taken offline yet, else None.

    `what` names the part of the page that is held (« la liste des délibérations »), else the act itself.
    """
    if online_since is None:
        return None
    allowed_from = minimum_online_until(online_since)
    if today < allowed_from:
        return _(
            "Un acte doit rester en ligne au moins deux mois : %(what)s est en ligne depuis le %(since)s "
            "et ne pourra être dépublié qu'à partir du %(allowed)s."
        ) % {
            "what": what or _("celui-ci"),
            "since": online_since.strftime("%d/%m/%Y"),
            "allowed": allowed_from.strftime("%d/%m/%Y"),
        }
    return None


LIST_ONLINE_DAYS = 7


def list_overdue(*, session_date, list_online_on, today):
    """The liste des délibérations goes online within a week of the session (L2121-25), closed or not."""
    if list_online_on is not None or session_date is None:
        return False
    return today > session_date + datetime.timedelta(days=LIST_ONLINE_DAYS)


def check_minutes_approval(*, session_date, approving_session_date):
    """The minutes (procès-verbal) are approved at a later session."""
    if approving_session_date is not None and session_date is not None and approving_session_date <= session_date:
        return [_("Le procès-verbal est approuvé lors d'une séance postérieure à celle qu'il relate.")]
    return []


# The ACTES natures of the nomenclature, by their code (1 is the council's deliberation), with the
# two-letter nature of the @CTES identifier that matches each.
NATURE_DELIBERATION = "1"
NATURE_REGULATORY = "2"
NATURE_INDIVIDUAL = "3"
NATURE_CONTRACT = "4"
NATURE_BUDGET = "5"
NATURE_OTHER = "6"
ACTES_NATURE_CODES = {
    NATURE_DELIBERATION: "DE",
    NATURE_REGULATORY: "AR",
    NATURE_INDIVIDUAL: "AI",
    NATURE_CONTRACT: "CC",
    NATURE_BUDGET: "BF",
    NATURE_OTHER: "AU",
}
# An individual act or a contract takes effect once notified to the people concerned; the others once
# published (L2131-1): only those are put online for the public.
NOTIFIED_NATURES = frozenset({NATURE_INDIVIDUAL, NATURE_CONTRACT})


def takes_effect_by_publication(nature):
    return nature not in NOTIFIED_NATURES


def minimum_online_until(online_since):
    """The first day an act online since `online_since` may be withdrawn (R2131-1: two months online)."""
    return add_months(online_since, MINIMUM_MONTHS_ONLINE) if online_since else None


def check_actes_nature(*, nature, actes_nature):
    """The @CTES identifier's nature must be the act's (AR for a regulatory act...)."""
    expected = ACTES_NATURE_CODES.get(nature)
    if actes_nature and expected and actes_nature != expected:
        return [
            _("L'identifiant @CTES porte la nature %(found)s (%(found_label)s) alors que l'acte est de nature "
              "%(expected)s (%(expected_label)s).")
            % {"found": actes_nature, "found_label": ACTES_NATURES.get(actes_nature, ""),
               "expected": expected, "expected_label": ACTES_NATURES[expected]}
        ]
    return []


MINUTES_ONLINE_DAYS = 7


def minutes_overdue(*, approved_on, minutes_online_on, today):
    """The procès-verbal goes online within a week of the session that approves it (L2121-15)."""
    if minutes_online_on is not None or approved_on is None:
        return False
    return today > approved_on + datetime.timedelta(days=MINUTES_ONLINE_DAYS)


# Clear days (jours francs: neither the day it is sent nor the day of the session count) between the
# convocation and the session: L2121-12 (5), L2121-11 below 3,500 inhabitants (3), emergency (1).
CONVOCATION_CLEAR_DAYS = 5
SMALL_TOWN_CONVOCATION_CLEAR_DAYS = 3
EMERGENCY_CONVOCATION_CLEAR_DAYS = 1
SMALL_TOWN_INHABITANTS = 3500


def convocation_clear_days(*, inhabitants, emergency):
    """The notice the law requires; an unknown population gets the longer one (the safe side)."""
    if emergency:
        return EMERGENCY_CONVOCATION_CLEAR_DAYS
    if inhabitants is not None and inhabitants < SMALL_TOWN_INHABITANTS:
        return SMALL_TOWN_CONVOCATION_CLEAR_DAYS
    return CONVOCATION_CLEAR_DAYS


def check_convocation(*, sent_on, session_day, inhabitants, emergency):
    """French messages when the convocation was sent too late for the session it calls."""
    if sent_on is None or session_day is None:
        return []
    if sent_on >= session_day:
        return [_("La convocation doit être adressée avant le jour de la séance.")]
    required = convocation_clear_days(inhabitants=inhabitants, emergency=emergency)
    clear = (session_day - sent_on).days - 1
    if clear >= required:
        return []
    if emergency:
        rule = _("en cas d'urgence")
    elif required == SMALL_TOWN_CONVOCATION_CLEAR_DAYS:
        rule = _("commune de moins de 3 500 habitants")
    else:
        rule = _("commune de 3 500 habitants et plus")
    latest = session_day - datetime.timedelta(days=required + 1)
    return [
        ngettext(
            "La convocation doit être adressée au moins %(required)d jour franc avant la séance (%(rule)s) : ",
            "La convocation doit être adressée au moins %(required)d jours francs avant la séance (%(rule)s) : ",
            required,
        ) % {"required": required, "rule": rule}
        + _("envoyée le %(sent)s, elle n'en laisse que %(clear)d. Date limite d'envoi : %(latest)s.")
        % {"sent": sent_on.strftime("%d/%m/%Y"), "clear": clear, "latest": latest.strftime("%d/%m/%Y")}
    ]
