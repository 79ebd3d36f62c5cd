"""K20x: the roster of a body: memberships, posts, personal deputies and seats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Membership
from ..schema import suggest
from .registry import Finding, rule
from .subjects import BodySubject


def _roster_known(subject: BodySubject) -> bool:
    # A subcommittee's roster is its parent's: when the parent cannot be built, one problem on
    # parent says it all.
    return subject.parent is not None or not subject.data.get("parent")


@rule("K201", "parent-not-main-body", scope="body", field="parent")
def parent_is_main_body(subject: BodySubject) -> Iterator[Finding]:
    """A subcommittee's parent is itself a subcommittee.

    Why: subcommittees hang from a main body, whose annual report covers them; there is no
    third level.
    Example: ``parent: kuntajaosto`` in another subcommittee's body.yaml.
    Fix: name the main body as parent.
    """
    if subject.parent is not None and subject.parent.parent:
        yield ("parent",), "a subcommittee's parent must be a main body"


@rule("K202", "membership-ends-before-start", scope="body", field="memberships[].end")
def membership_dates(subject: BodySubject) -> Iterator[Finding]:
    """A membership ends before it starts.

    Why: the roster on a meeting date decides who may attend and who counts for quorum.
    Example: ``{person: x, post: member, start: 2025-03-01, end: 2025-01-31}``.
    Fix: correct the start or the end date.
    """
    if not _roster_known(subject):
        return
    for i, m in enumerate(subject.body.memberships):
        if m.end and m.end < m.start:
            yield ("memberships", i, "end"), "ends before it starts"


def _deputy_problem(
    m: Membership, voting_seats: set[str], principals: set[str]
) -> tuple[str, str, str] | None:
    """(rule, field, message) for one membership's deputy fields, or None. ``principals``:
    the persons who may have a personal deputy (voting members, not deputies)."""
    if m.post != "deputy":
        if m.deputy_for:
            return "K208", "deputy_for", "only a deputy (post: deputy) has deputy_for"
        if m.seat and not m.votes:
            return "K209", "seat", "only voting members and their deputies hold seats"
        return None
    if m.seat and m.deputy_for:
        return (
            "K203",
            "deputy_for",
            "give either seat (the deputy follows the seat) or deputy_for, not both",
        )
    if m.seat:
        if m.seat not in voting_seats:
            return (
                "K204",
                "seat",
                f"no member holds seat '{m.seat}'" + suggest(m.seat, voting_seats),
            )
        return None
    if not m.deputy_for:
        return "K205", "", "a personal deputy needs seat: <seat> or deputy_for: <member>"
    if m.deputy_for == m.person:
        return (
            "K206",
            "deputy_for",
            (
                f"'{m.person}' cannot be their own deputy; deputy_for names the member "
                "this deputy stands in for"
            ),
        )
    if m.deputy_for not in principals:
        return "K207", "deputy_for", f"'{m.deputy_for}' is not a member of this body"
    return None


def _deputy_rule(code: str, subject: BodySubject) -> Iterator[Finding]:
    if not _roster_known(subject):
        return
    members = subject.body.memberships
    seats = {o.seat for o in members if o.seat and o.votes}
    principals = {o.person for o in members if o.votes and o.post != "deputy"}
    for i, m in enumerate(members):
        found = _deputy_problem(m, seats, principals)
        if found and found[0] == code:
            field = (found[1],) if found[1] else ()
            yield ("memberships", i, *field), found[2]


@rule("K203", "deputy-seat-and-deputy-for", scope="body", field="memberships[].deputy_for")
def deputy_seat_and_principal(subject: BodySubject) -> Iterator[Finding]:
    """A personal deputy gives both seat and deputy_for.

    Why: a deputy stands in either for whoever holds a seat, or for one named member; both
    at once could disagree.
    Example: ``{person: x, post: deputy, seat: vm, deputy_for: kuvitelma}``.
    Fix: keep one: seat (the deputy follows the seat) or deputy_for.
    """
    yield from _deputy_rule("K203", subject)


@rule("K204", "deputy-seat-unheld", scope="body", field="memberships[].seat")
def deputy_seat_held(subject: BodySubject) -> Iterator[Finding]:
    """A deputy's seat is held by no voting member.

    Why: the deputy stands in for the seat's holder; a seat no one holds is likely a typo.
    Example: ``seat: vn`` when the member's seat is ``vm``.
    Fix: give the seat of a voting member (the message suggests the nearest).
    """
    yield from _deputy_rule("K204", subject)


@rule("K205", "deputy-without-principal", scope="body", field="memberships[]")
def deputy_has_principal(subject: BodySubject) -> Iterator[Finding]:
    """A personal deputy names neither a seat nor a member.

    Why: each member has a personal deputy (henkilökohtainen varajäsen); without a principal
    the deputy can never be counted for quorum.
    Example: ``{person: x, post: deputy, start: 2025-01-30}``.
    Fix: add seat: <seat> or deputy_for: <member>.
    """
    yield from _deputy_rule("K205", subject)


@rule("K206", "deputy-for-self", scope="body", field="memberships[].deputy_for")
def deputy_not_self(subject: BodySubject) -> Iterator[Finding]:
    """A deputy is named as their own principal.

    Why: deputy_for names the member this deputy stands in for, never the deputy.
    Example: ``{person: mallinen, post: deputy, deputy_for: mallinen}``.
    Fix: name the member the deputy stands in for.
    """
    yield from _deputy_rule("K206", subject)


@rule("K207", "deputy-for-non-member", scope="body", field="memberships[].deputy_for")
def deputy_for_member(subject: BodySubject) -> Iterator[Finding]:
    """A deputy stands in for someone who is not a voting member of the body.

    Why: only a voting member has a personal deputy.
    Example: ``deputy_for: sihteeri`` (a secretary).
    Fix: name a voting member, or correct the member's post.
    """
    yield from _deputy_rule("K207", subject)


@rule("K208", "deputy-for-on-non-deputy", scope="body", field="memberships[].deputy_for")
def deputy_for_only_on_deputies(subject: BodySubject) -> Iterator[Finding]:
    """A membership that is not a deputy's gives deputy_for.

    Why: deputy_for means nothing for a member, chair or expert, and hints at a wrong post.
    Example: ``{person: x, post: member, deputy_for: y}``.
    Fix: set post: deputy, or remove deputy_for.
    """
    yield from _deputy_rule("K208", subject)


@rule("K209", "seat-on-non-voting", scope="body", field="memberships[].seat")
def seat_only_for_voters(subject: BodySubject) -> Iterator[Finding]:
    """A membership without a vote holds a seat.

    Why: seats are what the quorum counts; secretaries and permanent experts have none.
    Example: ``{person: x, post: secretary, seat: tem}``.
    Fix: remove seat, or correct the post.
    """
    yield from _deputy_rule("K209", subject)


@rule("K210", "seat-held-twice", scope="body", field="memberships[].seat")
def seat_held_once(subject: BodySubject) -> Iterator[Finding]:
    """Two members hold the same seat at the same time.

    Why: a seat has one member at a time; overlapping holders would make the deputy's
    principal ambiguous.
    Example: a new member starts in seat vm before the old one's membership ends.
    Fix: end the earlier membership (end:) before the next starts.
    """
    members = subject.body.memberships
    for i, m in enumerate(members):
        for o in members[:i]:
            if (
                m.seat
                and m.seat == o.seat
                and m.post != "deputy"
                and o.post != "deputy"
                and m.start <= (o.end or dt.date.max)
                and o.start <= (m.end or dt.date.max)
            ):
                yield (
                    ("memberships", i, "seat"),
                    (
                        f"seat '{m.seat}' is already held by '{o.person}' then; "
                        "end that membership first"
                    ),
                )


def _overlap(a: Membership, b: Membership) -> bool:
    return (a.end is None or b.start <= a.end) and (b.end is None or a.start <= b.end)


@rule("K211", "two-chairs-at-once", scope="body", field="memberships[].post")
def one_chair(subject: BodySubject) -> Iterator[Finding]:
    """Two chairs (or two vice-chairs) at the same time.

    Why: the minutes name the chair, who signs them and whose vote breaks a tie.
    Example: a new chair starts while the old chair's membership has no end.
    Fix: give the earlier one an end: date before the other starts.
    """
    members = subject.body.memberships
    for i, m in enumerate(members):
        for j, earlier in enumerate(members[:i]):
            if (
                _overlap(earlier, m)
                and m.post in ("chair", "vice_chair")
                and earlier.post == m.post
                and earlier.person != m.person
            ):
                yield (
                    ("memberships", i, "post"),
                    (
                        f"two {m.post.replace('_', '-')}s at once: '{earlier.person}' "
                        f"(memberships[{j}]) and '{m.person}'; give the earlier one an end: date "
                        "before the other starts"
                    ),
                )


@rule("K212", "two-memberships-at-once", scope="body", field="memberships[].person")
def one_membership_per_person(subject: BodySubject) -> Iterator[Finding]:
    """A person holds two memberships of the body at the same time.

    Why: a person has one post at a time (a member who becomes chair ends the membership
    first), or attendance and quorum could count them twice.
    Example: ``{person: x, post: member, …}`` and ``{person: x, post: chair, …}`` without end.
    Fix: give the earlier one an end: date before this one starts.
    """
    members = subject.body.memberships
    for i, m in enumerate(members):
        for j, earlier in enumerate(members[:i]):
            if not _overlap(earlier, m):
                continue
            single = m.post in ("chair", "vice_chair") and earlier.post == m.post
            if single and earlier.person != m.person:
                continue  # two chairs: K211
            if earlier.person == m.person:
                yield (
                    ("memberships", i, "person"),
                    (
                        f"'{m.person}' already holds a membership at that time (memberships[{j}], "
                        f"{earlier.post}); give the earlier one an end: date before this one starts"
                    ),
                )
