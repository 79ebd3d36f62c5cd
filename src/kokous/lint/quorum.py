"""K36x: quorum (päätösvaltaisuus), as the loader derives it from roster and attendance."""

from __future__ import annotations

from collections.abc import Iterator

from .registry import Finding, rule
from .subjects import MeetingSubject


@rule("K361", "no-quorum", scope="meeting", field="attendance")
def quorum_reached(subject: MeetingSubject) -> Iterator[Finding]:
    """A held meeting without quorum.

    Why: a meeting without quorum decides nothing; its minutes must say so, so publishing
    them is a deliberate choice.
    Example: 8 of 20 voting members present under ``rule: more_than_half``.
    Fix: check the attendance (deputies count for absent members); if the meeting really
    lacked quorum, set quorum_lacking_acknowledged: true.
    """
    meeting, body = subject.meeting, subject.body
    q = meeting.quorum
    if meeting.status != "held" or q is None or q.reached:
        return
    if subject.data.get("quorum_lacking_acknowledged"):
        return
    chair = (
        ""
        if q.chair_present or not body.quorum.chair_required
        else (" and the chair or vice-chair must attend")
    )
    yield (
        ("attendance",),
        (
            f"no quorum: {q.present} of {q.voting_members} voting members present, "
            f"{q.required} needed{chair}; set quorum_lacking_acknowledged: true to publish the "
            "minutes anyway"
        ),
    )


@rule("K362", "decided-without-quorum", scope="meeting", field="items[].outcome")
def decisions_quorate(subject: MeetingSubject) -> Iterator[Finding]:
    """An item decided while the meeting lacked quorum.

    Why: nothing is decided without quorum, counted at each item (arrivals, departures and
    disqualified members change it).
    Example: members left after item 5, and item 6 is decided with too few present.
    Fix: record what happened with outcome: deferred, returned or withdrawn.
    """
    if subject.meeting.status != "held":
        return
    for i, item in enumerate(subject.meeting.items):
        q = item.quorum
        if q is not None and not q.reached and not item.standard and item.outcome == "decided":
            yield (
                ("items", i, "outcome"),
                (
                    f"no quorum at {item.number} § ({q.present} of {q.voting_members} voting members "
                    f"present, {q.required} needed): nothing can be decided; record what happened "
                    "with outcome: deferred, returned or withdrawn"
                ),
            )
