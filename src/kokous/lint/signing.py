"""K391-K394: what minutes a secretary signs depend on: no decision text for an item that was
not decided, the attachment a decision refers to, the invitation behind "laillisesti koolle
kutsuttu", standing items written as such (issue 21)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Item
from .registry import Finding, rule
from .subjects import MeetingSubject

ATTACHMENT_REFERENCE = re.compile(
    r"\bliitte(?:en|iden)\s+(?:\d+\s+)?mukai|\bliitteenä\b|\benligt\s+bilaga|\bi\s+bilagan?\b"
    r"|\bas\s+attached\b|\bin\s+the\s+(?:annex|attachment)\b|\bset\s+out\s+in\s+(?:annex|attachment)",
    re.IGNORECASE,
)
"""Phrases by which a proposal or decision refers to an attachment: "liitteen mukaisesti",
"liitteen mukaisen lausunnon", "liitteenä olevan", "enligt bilagan", "as attached"."""

NEXT_MEETING_TITLES = frozenset(
    {"seuraava kokous", "nästa möte", "nästa sammanträde", "next meeting"}
)
"""Titles of the standing next-meeting item, which ``standard: next_meeting`` gives."""

NOT_DECIDED = ("deferred", "returned", "withdrawn")
"""What became of an item that was not decided: it has no decision text."""


@rule("K391", "decision-of-undecided-item", scope="meeting", field="items[].decision")
def outcome_without_decision(subject: MeetingSubject) -> Iterator[Finding]:
    """An item deferred, returned or withdrawn that carries a decision text.

    Why: the minutes and the annual report would print a decision that was never made.
    Example: ``outcome: deferred`` beside ``decision: Lausunto annettiin.``.
    Fix: remove the decision: (or the outcome: if the item was decided).
    """
    for i, item in enumerate(subject.meeting.items):
        if item.outcome in NOT_DECIDED and item.decision is not None:
            yield (
                ("items", i, "decision"),
                (
                    f"item '{item.id}' has outcome: {item.outcome}, so nothing was decided; remove "
                    "its decision: (or its outcome: if it was decided)"
                ),
            )


def _refers_to_attachment(item: Item) -> bool:
    texts = [t for t in (item.proposal, item.decision) if t is not None]
    return any(ATTACHMENT_REFERENCE.search(v) for t in texts for v in t.values.values())


@rule("K392", "attachment-missing", scope="meeting", field="items[].attachments")
def attachment_referred_to(subject: MeetingSubject) -> Iterator[Finding]:
    """A proposal or decision that refers to an attachment the item does not list.

    Why: "liitteen mukaisen lausunnon" is a decision only with the attachment it names.
    Example: ``decision: Neuvottelukunta antoi liitteen mukaisen lausunnon.`` and no attachments.
    Fix: add attachments: with the attachment's title.
    """
    for i, item in enumerate(subject.meeting.items):
        if not item.attachments and _refers_to_attachment(item):
            field = "decision" if item.decision is not None else "proposal"
            yield (
                ("items", i, field),
                (
                    f"item '{item.id}' refers to an attachment (liitteen mukaisesti) but lists "
                    "none; add attachments: with its title"
                ),
            )


@rule(
    "K393", "held-without-invitation", scope="meeting", field="invitation_sent", severity="warning"
)
def held_meeting_invited(subject: MeetingSubject) -> Iterator[Finding]:
    """A held meeting whose record does not say when it was called.

    Why: the minutes declare the meeting lawfully convened (laillisesti koolle kutsuttu);
    without the invitation's date that sentence stands on nothing.
    Example: ``status: held`` and no ``invitation_sent:`` or ``invitations:``.
    Fix: give invitation_sent: (the date the invitation was sent).
    """
    meeting = subject.meeting
    if meeting.status == "held" and meeting.invitation_sent is None:
        yield (
            ("invitation_sent",),
            (
                "a held meeting's minutes declare it lawfully convened: give invitation_sent: "
                "(the date the invitation was sent)"
            ),
        )


@rule("K394", "next-meeting-by-hand", scope="meeting", field="items[].title", severity="warning")
def standing_next_meeting(subject: MeetingSubject) -> Iterator[Finding]:
    """The next-meeting item written as an item of its own.

    Why: "Seuraava kokous" is standing business; as an item of its own the annual report
    would count it among the decisions.
    Example: ``title: Seuraava kokous`` without ``standard:``.
    Fix: write it as ``standard: next_meeting``.
    """
    for i, item in enumerate(subject.meeting.items):
        titles = {v.strip().rstrip(".").casefold() for v in item.title.values.values()}
        if not item.standard and titles & NEXT_MEETING_TITLES:
            yield (
                ("items", i, "title"),
                (
                    f"item '{item.id}' is the standing next-meeting item: write it as "
                    "standard: next_meeting (the annual report counts no standing item as a decision)"
                ),
            )
