"""K38x: the minutes: checking, approval, status, and the meeting's language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..layout import meeting_order
from ..model import Meeting, Text
from .registry import FieldPath, Finding, rule
from .schedule import today
from .subjects import MeetingSubject

LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}


@rule("K381", "checked-with-one-checker", scope="meeting", field="minutes.checkers")
def two_checkers(subject: MeetingSubject) -> Iterator[Finding]:
    """Checked minutes (pöytäkirja) with fewer than two checkers.

    Why: formal minutes are checked by two checkers (pöytäkirjantarkastajat) before a
    decision stands.
    Example: ``minutes: {status: checked, checkers: [kuvitelma]}``.
    Fix: name both checkers, or keep status: draft until both have checked.
    """
    minutes = subject.meeting.minutes
    if (
        subject.data.get("minutes")
        and minutes
        and minutes.status == "checked"
        and subject.body.minutes_type == "poytakirja"
        and len(minutes.checkers) < 2
    ):
        yield ("minutes", "checkers"), "checked minutes need two checkers"


@rule("K382", "approved-without-meeting", scope="meeting", field="minutes.approved_at")
def approved_names_meeting(subject: MeetingSubject) -> Iterator[Finding]:
    """Approved minutes that do not name the meeting that approved them.

    Why: minutes approved at the next meeting say so, naming it.
    Example: ``minutes: {status: approved}``.
    Fix: add approved_at: <the approving meeting's key>.
    """
    minutes = subject.meeting.minutes
    given = subject.data.get("minutes")
    if given and minutes and minutes.status == "approved" and not minutes.approved_at:
        yield ("minutes", "approved_at"), "approved minutes name the meeting that approved them"


@rule("K383", "approved-at-not-later", scope="meeting", field="minutes.approved_at")
def approved_later(subject: MeetingSubject) -> Iterator[Finding]:
    """Minutes approved at the same or an earlier meeting.

    Why: minutes are approved at a later meeting, once they are written.
    Example: ``approved_at: 2025-03-12`` in 2025-03-12.yaml.
    Fix: name the later meeting that approved them.
    """
    minutes = subject.meeting.minutes
    approved = minutes.approved_at if minutes and subject.data.get("minutes") else None
    if approved and meeting_order(approved) <= meeting_order(subject.meeting.key):
        yield (
            ("minutes", "approved_at"),
            f"minutes are approved at a later meeting, not at {approved}",
        )


@rule("K384", "planned-minutes-not-draft", scope="meeting", field="minutes.status")
def planned_minutes_draft(subject: MeetingSubject) -> Iterator[Finding]:
    """A planned meeting's minutes are checked or approved.

    Why: minutes are checked after the meeting; a planned meeting has not taken place.
    Example: ``status: planned`` with ``minutes: {status: checked}``.
    Fix: set the meeting's status: held once it has taken place.
    """
    meeting = subject.meeting
    minutes = meeting.minutes
    if minutes and meeting.status == "planned" and minutes.status != "draft":
        yield (
            ("minutes", "status"),
            (
                f"the minutes of a planned meeting cannot be {minutes.status}; set the meeting's "
                "status: held once it has taken place"
            ),
        )


@rule("K385", "approved-at-not-approved", scope="meeting", field="minutes.status")
def approved_status(subject: MeetingSubject) -> Iterator[Finding]:
    """The minutes name the meeting that approved them, but are not approved.

    Why: approved_at says the minutes were approved; the status must say so too.
    Example: ``minutes: {status: checked, approved_at: 2025-06-11}``.
    Fix: set status: approved, or remove approved_at.
    """
    minutes = subject.meeting.minutes
    if minutes and minutes.approved_at and minutes.status != "approved":
        yield (
            ("minutes", "status"),
            (
                f"approved_at names {minutes.approved_at} but the minutes are {minutes.status}; "
                "set status: approved, or remove approved_at"
            ),
        )


@rule("K386", "checked-before-meeting", scope="meeting", field="minutes.checked")
def checked_after_meeting(subject: MeetingSubject) -> Iterator[Finding]:
    """Minutes checked before the meeting was held.

    Why: the checked date is printed as the note of checking; it follows the meeting.
    Example: ``checked: 2025-03-10`` for the meeting of 12.3.2025.
    Fix: give the day the minutes were checked.
    """
    minutes, date = subject.meeting.minutes, subject.meeting.date
    if minutes and minutes.checked_on and minutes.checked_on < date:
        yield (
            ("minutes", "checked"),
            (
                f"the minutes are checked on {minutes.checked_on}, before the meeting was held "
                f"({date}); give the day they were checked"
            ),
        )


@rule("K387", "checked-in-future", scope="meeting", field="minutes.checked")
def checked_in_past(subject: MeetingSubject) -> Iterator[Finding]:
    """Minutes checked on a day still to come.

    Why: the note of checking states a fact; a future date is a typo.
    Example: ``checked: 2026-03-14`` typed for 2025-03-14.
    Fix: give the day the minutes were checked.
    """
    minutes, date = subject.meeting.minutes, subject.meeting.date
    checked = minutes.checked_on if minutes else None
    if checked and checked >= date and checked > today():
        yield (
            ("minutes", "checked"),
            f"{minutes.checked_on} is still to come; give the day the minutes were checked",
        )


def minutes_texts(meeting: Meeting) -> Iterable[tuple[FieldPath, Text | None]]:
    """Every text the minutes print, with its field."""
    yield ("location", "place"), meeting.place
    for i, it in enumerate(meeting.items):
        where = ("items", i)
        if it.has_title:
            yield (*where, "title"), it.title
        for name in ("theme", "background", "proposal", "discussion", "decision"):
            yield (*where, name), getattr(it, name)
        for j, m in enumerate(it.motions):
            yield (*where, "motions", j, "text"), m.text
        if it.vote:
            yield (*where, "votes", "question"), it.vote.question
        for j, x in enumerate(it.dissents):
            yield (*where, "dissent", j, "text"), x.text
        for j, x in enumerate(it.conflicts):
            yield (*where, "conflicts", j, "note"), x.note
        for j, a in enumerate(it.attachments):
            yield (*where, "attachments", j, "title"), a.title


@rule("K388", "minutes-language-missing", scope="meeting", field="(any text)")
def minutes_language(subject: MeetingSubject) -> Iterator[Finding]:
    """A text of the minutes lacks the meeting's language.

    Why: the minutes are written in the meeting's language only: every item text must have it.
    Example: ``decision: {sv: …}`` in a meeting held in Finnish.
    Fix: add the text in the meeting's language (``fi:``).
    """
    language = subject.meeting.language
    if language not in subject.body.languages:
        return
    for where, text in minutes_texts(subject.meeting):
        if text is not None and not text.has(language):
            yield (
                where,
                (
                    f"missing the {LANGUAGE_NAMES.get(language, language)} text ({language}:), "
                    "the language of this meeting and its minutes"
                ),
            )
