"""K37x: votes (äänestys): counts, names, ties and the lot."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .attendance import presence_at
from .registry import FieldPath, Finding, rule
from .subjects import MeetingSubject

_SIDES = ("for", "against", "abstain")


def _votes(subject: MeetingSubject) -> Iterator[tuple[int, FieldPath, dict[str, Any]]]:
    """``(item index, field path, the vote as written)`` of every item with a vote."""
    for i, raw in enumerate(subject.data.get("items") or ()):
        if raw.get("votes"):
            yield i, ("items", i, "votes"), raw["votes"]


@rule("K371", "named-count-mismatch", scope="meeting", field="items[].votes")
def counts_match_names(subject: MeetingSubject) -> Iterator[Finding]:
    """A count that differs from the number of persons named on that side.

    Why: in a named vote the minutes print the names and the counts; they must agree.
    Example: ``for: 7`` with ``named_for`` listing six persons.
    Fix: correct the count or the names (or leave the count out: it is counted from the names).
    """
    for _, where, v in _votes(subject):
        for side in _SIDES:
            named = v.get(f"named_{side}") or ()
            if named and v.get(side, len(named)) != len(named):
                yield (
                    (*where, side),
                    f"{v[side]} votes {side}, but named_{side} lists {len(named)} persons",
                )


@rule("K372", "names-in-secret-vote", scope="meeting", field="items[].votes.method")
def no_names_in_secret_vote(subject: MeetingSubject) -> Iterator[Finding]:
    """Voters' names recorded in a secret ballot.

    Why: a secret ballot (suljettu lippuäänestys) records counts only; an open vote may name
    its voters where the body's practice records them, a named vote always does.
    Example: ``method: secret`` with ``named_for: [...]``.
    Fix: remove the names, or correct the method.
    """
    for _, where, v in _votes(subject):
        if v.get("method") == "secret" and any(v.get(f"named_{s}") for s in _SIDES):
            yield (*where, "method"), "a secret ballot (method: secret) names no voters"


@rule("K373", "lot-without-tie", scope="meeting", field="items[].votes.lot")
def lot_only_on_tie(subject: MeetingSubject) -> Iterator[Finding]:
    """A lot drawn although the votes were not tied.

    Why: a lot (arpa) decides only a tie.
    Example: ``for: 7, against: 5, lot: ei``.
    Fix: remove lot, or correct the counts.
    """
    for i, where, v in _votes(subject):
        vote = subject.meeting.items[i].vote
        if vote and v.get("lot") and vote.votes_for != vote.votes_against:
            yield (*where, "lot"), "a lot (arpa) is drawn only when the votes are tied"


@rule("K374", "tie-without-lot", scope="meeting", field="items[].votes.lot")
def tie_decided(subject: MeetingSubject) -> Iterator[Finding]:
    """A tied vote with nothing to decide it.

    Why: a tie is decided by the chair's vote (in a named vote, where the chair's side is
    known) or by lot; the minutes must say which side won.
    Example: ``for: 6, against: 6`` in an open vote.
    Fix: give lot: jaa or lot: ei (the side the lot fell on), or record a named vote.
    """
    for i, where, _ in _votes(subject):
        vote = subject.meeting.items[i].vote
        if vote and vote.winner is None and vote.votes_for:
            yield (
                (*where, "lot"),
                (
                    f"the vote is tied {vote.votes_for}\u2013{vote.votes_against}: give lot: jaa or "
                    "lot: ei (the side the lot fell on), or record a named vote so the chair's vote "
                    "decides"
                ),
            )


@rule("K375", "vote-without-both-proposals", scope="meeting", field="items[].votes")
def vote_has_two_sides(subject: MeetingSubject) -> Iterator[Finding]:
    """A vote gives one of jaa and ei but not the other.

    Why: a vote puts two proposals against each other; the minutes print both.
    Example: ``jaa: Esittelijän ehdotus`` without ``ei:``.
    Fix: give both jaa and ei, or neither.
    """
    for _, where, v in _votes(subject):
        if bool(v.get("jaa")) != bool(v.get("ei")):
            yield where, "a vote puts two proposals against each other: give both jaa and ei"


@rule("K376", "voter-named-twice", scope="meeting", field="items[].votes")
def vote_once(subject: MeetingSubject) -> Iterator[Finding]:
    """A voter named on two sides (or twice on one).

    Why: a member votes once.
    Example: the same id in named_for and named_against.
    Fix: keep the side the member voted on.
    """
    meeting = subject.meeting
    if meeting.status != "held" or not meeting.attendance:
        return
    for i, item in enumerate(meeting.items):
        if not item.vote:
            continue
        named: dict[str, str] = {}
        for side in _SIDES:
            for k, pid in enumerate(getattr(item.vote, f"named_{side}")):
                if pid in named:
                    yield (
                        ("items", i, "votes", f"named_{side}", k),
                        f"'{pid}' is named in named_{named[pid]} too; a member votes once",
                    )
                named.setdefault(pid, side)


def _present_voters(subject: MeetingSubject, i: int) -> int:
    """Voting seats filled at item ``i``, counted as the item's quorum counts them."""
    meeting = subject.meeting
    at = presence_at(meeting, i)
    seats = [m for m in subject.body.memberships_on(meeting.date) if m.votes]
    standing_in = {a.deputising_for: a.person for a in meeting.attendance if a.deputising_for}
    # As in the item's quorum: a disqualified member (conflicts) fills no seat at this item.
    disqualified = {c.person for c in meeting.items[i].conflicts}

    def here(pid: str) -> bool:
        return at.get(pid) == "present" and pid not in disqualified

    return sum(1 for m in seats if here(m.person) or here(standing_in.get(m.person, "")))


@rule("K377", "more-votes-than-present", scope="meeting", field="items[].votes")
def votes_within_presence(subject: MeetingSubject) -> Iterator[Finding]:
    """More votes cast than voting members present at the item.

    Why: each seat present casts at most one vote (a deputy for an absent member).
    Example: ``for: 12, against: 9`` when 20 voting members were present.
    Fix: check the counts and the attendance.
    """
    meeting = subject.meeting
    if meeting.status != "held" or not meeting.attendance:
        return
    # Someone attending without a membership that day is reported already; counting seats
    # without them would only repeat that mistake as a second one.
    if not all(a.membership for a in meeting.attendance if a.attends):
        return
    data_items = subject.data.get("items") or ()
    for i, item in enumerate(meeting.items):
        vote = item.vote
        if not vote:
            continue
        cast, present = (
            vote.votes_for + vote.votes_against + vote.abstain,
            _present_voters(subject, i),
        )
        if cast > present:
            raw = data_items[i].get("votes") if i < len(data_items) else None
            counted = [k for k in _SIDES if isinstance(raw, dict) and k in raw]
            where = ("items", i, "votes")
            yield (
                (*where, counted[0]) if counted else where,
                (
                    f"{cast} votes in all ({vote.votes_for} for, {vote.votes_against} against, "
                    f"{vote.abstain} abstaining) but only {present} voting members were present at "
                    "this item; check the counts and the attendance"
                ),
            )
