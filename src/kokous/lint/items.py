"""K32x: a meeting's items: ids, titles, secrecy, and what an agenda or a held meeting holds."""

from __future__ import annotations

from collections.abc import Iterator

from .registry import Finding, rule
from .subjects import MeetingSubject


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


@rule("K321", "duplicate-item-id", scope="meeting", field="items[].id")
def item_ids_unique(subject: MeetingSubject) -> Iterator[Finding]:
    """Two items of a meeting have the same id.

    Why: attendance (arrived_at, left_after), guests and a subcommittee's establishment point
    at items by id; a shared id is ambiguous.
    Example: two items with ``id: talous``, or two ``standard: opening``.
    Fix: give one of them another id:.
    """
    seen: dict[str, int] = {}
    for i, item in enumerate(subject.meeting.items):
        if item.id in seen:
            yield (
                ("items", i, "id"),
                f"item id '{item.id}' is used twice (first items[{seen[item.id]}])",
            )
        seen[item.id] = i


@rule("K322", "secret-item-without-basis", scope="meeting", field="items[].legal_basis")
def item_legal_basis(subject: MeetingSubject) -> Iterator[Finding]:
    """An internal or confidential item that cites no legal basis.

    Why: secrecy must rest on a provision (Julkisuuslaki 24 §); the public copy shows the
    provision in place of the item.
    Example: ``visibility: confidential`` without ``legal_basis:``.
    Fix: add ``legal_basis: JulkL 24 § 1 mom. 7 k`` (the provision that applies).
    """
    for i, item in enumerate(subject.meeting.items):
        if item.visibility != "public" and not subject.data["items"][i].get("legal_basis"):
            yield (
                ("items", i, "legal_basis"),
                (
                    f"{_a(item.visibility)} item must cite its legal basis, e.g. "
                    "'JulkL 24 § 1 mom. 7 k'"
                ),
            )


@rule(
    "K323",
    "secret-attachment-without-basis",
    scope="meeting",
    field="items[].attachments[].legal_basis",
)
def attachment_legal_basis(subject: MeetingSubject) -> Iterator[Finding]:
    """An internal or confidential attachment that cites no legal basis.

    Why: as for items (K322): secrecy without a cited provision is an error.
    Example: ``attachments: [{title: Budjetti, visibility: internal}]``.
    Fix: add the attachment's ``legal_basis:``.
    """
    for i, item in enumerate(subject.meeting.items):
        raw = subject.data["items"][i].get("attachments") or ()
        for j, a in enumerate(item.attachments):
            if a.visibility != "public" and not raw[j].get("legal_basis"):
                yield (
                    ("items", i, "attachments", j, "legal_basis"),
                    (
                        f"{_a(a.visibility)} attachment must cite its legal basis, e.g. "
                        "'JulkL 24 § 1 mom. 7 k'"
                    ),
                )


@rule("K324", "information-item-decided", scope="meeting", field="items[].outcome")
def information_is_noted(subject: MeetingSubject) -> Iterator[Finding]:
    """An information item with outcome: decided.

    Why: an information item (kind: information) is noted, not decided; the minutes say
    "merkittiin tiedoksi".
    Example: ``kind: information`` with ``outcome: decided``.
    Fix: remove outcome, or set kind: decision.
    """
    for i, raw in enumerate(subject.data.get("items") or ()):
        if raw.get("outcome") == "decided" and raw.get("kind") == "information":
            yield ("items", i, "outcome"), "an information item (kind: information) is noted"


@rule("K325", "item-without-title", scope="meeting", field="items[].title")
def item_has_title(subject: MeetingSubject) -> Iterator[Finding]:
    """An item with neither a title nor a standard: name.

    Why: the agenda and the minutes list every item by its title; a standard item's title
    comes from the body's settings.
    Example: ``- id: talous`` with no title.
    Fix: add title:, or standard: opening (legality, checkers, …).
    """
    for i, item in enumerate(subject.meeting.items):
        if not item.standard and not item.has_title:
            yield ("items", i, "title"), "an item needs a title (or standard: …)"


@rule("K326", "planned-without-items", scope="meeting", field="items")
def planned_has_agenda(subject: MeetingSubject) -> Iterator[Finding]:
    """A planned meeting without items.

    Why: a planned meeting (the invitation is sent) is its agenda.
    Example: ``status: planned`` and no ``items:``.
    Fix: add the agenda's items, e.g. ``- standard: opening``.
    """
    if subject.meeting.status == "planned" and not subject.data.get("items"):
        yield (
            ("items",),
            (
                "a planned meeting lists the items of its agenda (the invitation sends them); "
                "add items:, e.g. - standard: opening"
            ),
        )


#: What only happens at a meeting: an item of a planned one holds none of these yet.
_HANDLED_AT_MEETING = {  # in the order an item's fields are usually written
    "discussion": "discussion",
    "motions": "motion",
    "votes": "vote",
    "decision": "decision",
    "dissent": "dissenting opinion",
    "outcome": "outcome",
    "added_at_meeting": "item added at the meeting",
}


@rule("K327", "planned-with-outcomes", scope="meeting", field="items[]")
def planned_not_handled(subject: MeetingSubject) -> Iterator[Finding]:
    """A planned meeting's item holds what only happens at the meeting.

    Why: the lifecycle is planned → held → minutes; a decision, vote or discussion in a
    planned meeting usually means the meeting took place and its status was not changed.
    One problem names the first such field (and counts the rest), where it is.
    Example: ``status: planned`` with an item's ``decision:``.
    Fix: set status: held once the meeting has taken place, or remove the field.
    """
    if subject.meeting.status != "planned":
        return
    handled = [
        (("items", i, field), what)
        for i, raw in enumerate(subject.data.get("items") or ())
        for field, what in _HANDLED_AT_MEETING.items()
        if raw.get(field)
    ]
    if handled:
        (first, what), rest = handled[0], handled[1:]
        more = f" (and {len(rest)} more such field{'s' if len(rest) > 1 else ''})" if rest else ""
        yield (
            first,
            (
                f"a planned meeting has no {what} yet{more}; set status: held once the meeting has "
                f"taken place, or remove {first[-1]}:"
            ),
        )


@rule("K328", "agenda-without-proposal", scope="meeting", field="items[].proposal")
def planned_decision_has_proposal(subject: MeetingSubject) -> Iterator[Finding]:
    """A decision item on a planned meeting's agenda without a proposal.

    Why: the agenda gives each decision item its proposal (päätösehdotus).
    Example: ``kind: decision`` (the default) without ``proposal:``.
    Fix: add proposal:, or kind: information.
    """
    if subject.meeting.status != "planned":
        return
    for i, item in enumerate(subject.meeting.items):
        if item.kind == "decision" and not item.standard and not item.proposal:
            yield (
                ("items", i, "proposal"),
                (
                    f"item '{item.id}' is for decision, so the agenda gives its proposal "
                    "(päätösehdotus); add proposal:, or kind: information"
                ),
            )


@rule("K329", "held-without-items", scope="meeting", field="items")
def held_has_items(subject: MeetingSubject) -> Iterator[Finding]:
    """A held meeting without items.

    Why: the minutes list what the meeting handled.
    Example: ``status: held`` and no ``items:``.
    Fix: add the items handled.
    """
    if subject.meeting.status == "held" and not subject.meeting.items:
        yield ("items",), "a held meeting lists the items it handled"


@rule("K330", "decided-without-decision", scope="meeting", field="items[].decision")
def held_decision_given(subject: MeetingSubject) -> Iterator[Finding]:
    """A decision item decided at a held meeting says neither decision nor proposal.

    Why: the minutes state what was decided (the proposal, when it was adopted as it was).
    Example: a held meeting's decision item with no ``decision:`` and no ``proposal:``.
    Fix: give decision:, or outcome: deferred, returned or withdrawn if it was not decided.
    """
    if subject.meeting.status != "held":
        return
    for i, item in enumerate(subject.meeting.items):
        if item.kind != "decision" or item.standard or not item.decided:
            continue
        if not item.decision and not item.proposal:
            yield (
                ("items", i, "decision"),
                (
                    f"item '{item.id}' was decided at a held meeting: give its decision:, or its "
                    "outcome: (deferred, returned, withdrawn) if it was not decided"
                ),
            )
