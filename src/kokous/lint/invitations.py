"""K314-K318: a meeting's invitations and planned times: what was announced before the meeting,
so a moved meeting reaches the calendars and the agenda shows the times it was called for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..mail_records import announced_changes, sent_moment
from .registry import Finding, rule
from .subjects import MeetingSubject


@rule("K314", "invitation-sent-date", scope="meeting", field="invitations[].sent")
def invitation_dates(subject: MeetingSubject) -> Iterator[Finding]:
    """An invitation's sent date that does not exist, comes after the meeting it announced,
    or before the invitation listed above it.

    Why: SEQUENCE and DTSTAMP of the calendar event come from these entries, oldest first.
    Example: ``invitations: [{sent: 2025-06-31, …}]``.
    Fix: correct the day, and list the invitations oldest first.
    """
    entries = subject.data.get("invitations") or ()
    for i, entry in enumerate(entries):
        if sent_moment(str(entry["sent"])) is None:
            yield (
                ("invitations", i, "sent"),
                f"there is no such date as {str(entry['sent'])[:10]} (check the day and month)",
            )
    sent = subject.meeting.invitations
    if len(sent) < len(entries):
        return  # the indices below would not be the record's
    for i, invitation in enumerate(sent):
        if i and invitation.sent < sent[i - 1].sent:
            yield (
                ("invitations", i, "sent"),
                "sent before the invitation above it; list the invitations oldest first",
            )
        if invitation.sent.date() > invitation.date:
            yield (
                ("invitations", i, "sent"),
                f"sent after the meeting it announced ({invitation.date.isoformat()}); check the date",
            )


@rule("K315", "invitation-sent-twice", scope="meeting", field="invitation_sent")
def invitation_sent_agrees(subject: MeetingSubject) -> Iterator[Finding]:
    """The invitation_sent day is not the day the first of ``invitations`` was sent.

    Why: both say when the meeting was called; two answers cannot both be true.
    Example: ``invitation_sent: 2025-06-01`` with ``invitations: [{sent: 2025-06-02, …}]``.
    Fix: keep one of the two.
    """
    sent, given = subject.meeting.invitations, subject.data.get("invitation_sent")
    if sent and given and str(given) != sent[0].sent.date().isoformat():
        yield (
            ("invitation_sent",),
            (
                f"{given} is not the day the first of invitations was sent "
                f"({sent[0].sent.date().isoformat()}); keep one of the two"
            ),
        )


@rule("K316", "planned-without-invitations", scope="meeting", field="invitation_sent")
def planned_records_invitations(subject: MeetingSubject) -> Iterator[Finding]:
    """A planned meeting that gives only ``invitation_sent``, not what the invitation said.

    Why: without the announced time and place, a later change of either cannot be told from
    the first announcement, and calendars keep the old event.
    Example: ``status: planned`` with ``invitation_sent: 2025-06-02``.
    Fix: write ``invitations: [{sent: …, start: …, end: …, place: …}]`` instead.
    """
    meeting, given = subject.meeting, subject.data.get("invitation_sent")
    if meeting.status == "planned" and given and not meeting.invitations:
        yield (
            ("invitation_sent",),
            (
                "a planned meeting records what its invitation announced, so that a change of time "
                "or place reaches the calendars: write invitations: [{sent: "
                f"{given}, start: ..., end: ..., place: ...}}] instead"
            ),
        )


@rule("K317", "moved-without-invitation", scope="meeting", field="start")
def planned_as_announced(subject: MeetingSubject) -> Iterator[Finding]:
    """A planned meeting whose date, time or place differs from its last invitation.

    Why: the members' calendars hold what the invitation said; a silent change leaves them
    at the old time.
    Example: ``start: "14:00"`` when the last invitation announced 13:00.
    Fix: send a changed invitation and add it to ``invitations``, or undo the change.
    """
    meeting = subject.meeting
    if meeting.status != "planned" or not meeting.invitations:
        return
    if len(meeting.invitations) < len(subject.data.get("invitations") or ()):
        return
    last = len(meeting.invitations) - 1
    differ = announced_changes(meeting, meeting.invitations[last])
    if differ:
        changes = ", ".join(f"{name} {now} (announced: {said})" for _p, name, now, said in differ)
        yield (
            differ[0][0],
            (
                f"the meeting has moved since the invitation of invitations[{last}] was sent: "
                f"{changes}. Send a changed invitation and add it to invitations (sent: the day, "
                "with the new time and place), so calendars replace the old event; or undo the change"
            ),
        )


def planned_clock(value: str | None) -> dt.time | None:
    """``"13:00"`` or ``"13.00"`` as a time (the schema has checked the form)."""
    if not value:
        return None
    hours, minutes = value.replace(".", ":").split(":")
    return dt.time(int(hours), int(minutes))


@rule("K318", "planned-times", scope="meeting", field="planned_end")
def planned_times(subject: MeetingSubject) -> Iterator[Finding]:
    """A planned end not after the planned start, or a planned end without a start.

    Why: the agenda and the invitation print the planned times.
    Example: ``planned_start: "15:00"``, ``planned_end: "13:00"``.
    Fix: correct the times.
    """
    d = subject.data
    start, end = planned_clock(d.get("planned_start")), planned_clock(d.get("planned_end"))
    if start and end and end <= start:
        yield ("planned_end",), f"the planned end {end:%H:%M} is not after its start"
    if end and not start:
        yield ("planned_start",), "a planned end needs a planned start"
