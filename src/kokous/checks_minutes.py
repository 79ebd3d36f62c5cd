"""Checks of a meeting record that minutes a secretary signs depend on (issue 21).

Each check is one small function over the loaded meeting; :func:`check_minutes_record` runs
them all and is called from one line in :mod:`kokous.records` (to move into the rule registry).
"""

from __future__ import annotations

import re

from .checks import Reporter
from .model import Item, Meeting

#: Phrases by which a proposal or decision refers to an attachment: "liitteen mukaisesti",
#: "liitteen mukaisen lausunnon", "liitteenä olevan", "enligt bilagan", "as attached".
ATTACHMENT_REFERENCE = re.compile(
    r"\bliitte(?:en|iden)\s+(?:\d+\s+)?mukai|\bliitteenä\b|\benligt\s+bilaga|\bi\s+bilagan?\b"
    r"|\bas\s+attached\b|\bin\s+the\s+(?:annex|attachment)\b|\bset\s+out\s+in\s+(?:annex|attachment)",
    re.IGNORECASE,
)

#: Titles of the standing next-meeting item, which ``standard: next_meeting`` gives.
NEXT_MEETING_TITLES = frozenset(
    {"seuraava kokous", "nästa möte", "nästa sammanträde", "next meeting"}
)

#: What became of an item that was not decided: it has no decision text.
NOT_DECIDED = ("deferred", "returned", "withdrawn")


def check_minutes_record(rec: Reporter, meeting: Meeting) -> None:
    """Every check of this module, on one loaded meeting."""
    check_outcome_without_decision(rec, meeting)
    check_attachment_references(rec, meeting)
    check_invitation_sent(rec, meeting)
    check_standing_items(rec, meeting)


def check_outcome_without_decision(rec: Reporter, meeting: Meeting) -> None:
    """An item deferred, returned or withdrawn was not decided: a ``decision:`` beside such an
    ``outcome:`` would print a decision that was never made."""
    for i, item in enumerate(meeting.items):
        if item.outcome in NOT_DECIDED and item.decision is not None:
            rec.problem(
                ("items", i, "decision"),
                f"item '{item.id}' has outcome: {item.outcome}, so nothing was decided; remove "
                "its decision: (or its outcome: if it was decided)",
            )


def _refers_to_attachment(item: Item) -> bool:
    texts = [t for t in (item.proposal, item.decision) if t is not None]
    return any(ATTACHMENT_REFERENCE.search(v) for t in texts for v in t.values.values())


def check_attachment_references(rec: Reporter, meeting: Meeting) -> None:
    """A proposal or decision "liitteen mukaisesti" needs the attachment it refers to."""
    for i, item in enumerate(meeting.items):
        if not item.attachments and _refers_to_attachment(item):
            field = "decision" if item.decision is not None else "proposal"
            rec.problem(
                ("items", i, field),
                f"item '{item.id}' refers to an attachment (liitteen mukaisesti) but lists "
                "none; add attachments: with its title",
            )


def check_invitation_sent(rec: Reporter, meeting: Meeting) -> None:
    """Minutes declare a held meeting lawfully convened (laillisesti koolle kutsuttu); the
    record says when the invitation went out, or the sentence stands on nothing."""
    if meeting.status == "held" and meeting.invitation_sent is None:
        rec.warning(
            ("invitation_sent",),
            "a held meeting's minutes declare it lawfully convened: give invitation_sent: "
            "(the date the invitation was sent)",
        )


def check_standing_items(rec: Reporter, meeting: Meeting) -> None:
    """ "Seuraava kokous" is standing business, not a matter decided: as an item of its own
    the annual report would count it among the decisions."""
    for i, item in enumerate(meeting.items):
        titles = {v.strip().rstrip(".").casefold() for v in item.title.values.values()}
        if not item.standard and titles & NEXT_MEETING_TITLES:
            rec.warning(
                ("items", i, "title"),
                f"item '{item.id}' is the standing next-meeting item: write it as "
                "standard: next_meeting (the annual report counts no standing item as a decision)",
            )
