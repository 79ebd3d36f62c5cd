"""K30x: a meeting's date, times, numbers, language and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..layout import MEETING_FILE
from .registry import Finding, rule
from .subjects import MeetingSubject


def today() -> dt.date:
    """The real date, not the build clock: a meeting dated after today cannot have been held,
    whatever ``SOURCE_DATE_EPOCH`` a reproducible build pins its timestamps to."""
    return dt.date.today()


@rule("K301", "date-differs-from-file-name", scope="meeting", field="date")
def date_matches_file_name(subject: MeetingSubject) -> Iterator[Finding]:
    """The meeting's date is not the date its file name gives.

    Why: the file name orders the meetings (meeting and § numbers); the date is printed.
    Both must say the same day.
    Example: ``date: 2025-03-13`` in ``2025-03-12.yaml``.
    Fix: correct the date, or rename the file.
    """
    match = MEETING_FILE.match(subject.meeting.key)
    if not match:
        yield (), "file name must be the meeting date, YYYY-MM-DD.yaml (or YYYY-MM-DD-2.yaml)"
    elif match["date"] != subject.data["date"]:
        yield ("date",), f"the file name says {match['date']} but date is {subject.data['date']}"


@rule("K302", "meeting-ends-before-start", scope="meeting", field="end")
def times_in_order(subject: MeetingSubject) -> Iterator[Finding]:
    """The meeting ends before (or when) it starts.

    Why: the minutes print the times ("klo 13.00" to "15.30"); an end before the start is a typo.
    Example: ``start: 13.00``, ``end: 11.30``.
    Fix: correct start or end (24-hour clock).
    """
    m, d = subject.meeting, subject.data
    if m.start and m.end and m.end <= m.start:
        yield ("end",), f"the meeting ends ({d['end']}) before it starts ({d['start']})"


@rule("K303", "meeting-number-used", scope="meeting", field="number")
def number_free(subject: MeetingSubject) -> Iterator[Finding]:
    """A meeting number given by hand is already used by an earlier meeting of the year.

    Why: meetings are numbered through the year (1/2025, 2/2025 …); an override, for history
    migrated from elsewhere, may skip ahead but never back.
    Example: ``number: 2`` on the year's third meeting.
    Fix: remove number (it is computed), or give at least the next free number.
    """
    given = subject.data.get("number")
    if given is not None and given < subject.next_number:
        yield (
            ("number",),
            (
                f"meeting number {given} is already used by an earlier meeting of "
                f"{subject.meeting.date.year}; the next free number is {subject.next_number}"
            ),
        )


@rule("K304", "section-overlap", scope="meeting", field="first_section")
def first_section_free(subject: MeetingSubject) -> Iterator[Finding]:
    """The first § number given overlaps the § numbers of the previous meeting.

    Why: § numbers run through the calendar year per body; two items cannot share one.
    Example: ``first_section: 5`` when the previous meeting ended at § 8.
    Fix: remove first_section (it is computed), or give at least the next free number.
    """
    given, free = subject.data.get("first_section"), subject.next_section
    if given is not None and given < free:
        yield (
            ("first_section",),
            (
                f"§ {given} overlaps the previous meeting, which ends at "
                f"§ {free - 1}; first_section must be at least {free}"
            ),
        )


@rule("K305", "invitation-after-meeting", scope="meeting", field="invitation_sent")
def invitation_before(subject: MeetingSubject) -> Iterator[Finding]:
    """The invitation is dated after the meeting.

    Why: an invitation (kokouskutsu) is sent before the meeting it calls.
    Example: ``invitation_sent: 2025-03-20`` for a meeting on 2025-03-12.
    Fix: correct the date.
    """
    d = subject.data
    if d.get("invitation_sent") and d["invitation_sent"] > d["date"]:
        yield ("invitation_sent",), f"the invitation is dated after the meeting ({d['date']})"


@rule("K306", "language-not-published", scope="meeting", field="language")
def language_of_body(subject: MeetingSubject) -> Iterator[Finding]:
    """The meeting's language is not one the body publishes in.

    Why: the minutes are written in the meeting's language, which must be one of the body's
    publication languages.
    Example: ``language: en`` in a body with ``languages: [fi, sv]``.
    Fix: use one of the body's languages, or add the language to body.yaml.
    """
    language, body = subject.meeting.language, subject.body
    if language not in body.languages:
        yield (
            ("language",),
            f"'{language}' is not a language of {body.id} ({', '.join(body.languages)})",
        )


@rule("K307", "meeting-outside-term", scope="meeting", field="date")
def within_term(subject: MeetingSubject) -> Iterator[Finding]:
    """A meeting before the body was appointed, or after its term ended.

    Why: a body meets only during its term; a date outside it is usually a wrong year.
    Example: ``date: 2024-03-12`` for a body appointed on 30.1.2025.
    Fix: check the year.
    """
    meeting, body = subject.meeting, subject.body
    date, first = meeting.date, body.appointed_on or body.term_start
    if meeting.status == "cancelled":
        return
    if first and date < first:
        yield ("date",), f"{date} is before {body.id} was appointed ({first}); check the year"
    elif body.term_end and date > body.term_end:
        yield (
            ("date",),
            f"{date} is after {body.id}'s term ended ({body.term_end}); check the year",
        )


@rule("K308", "meeting-before-set-up", scope="meeting", field="date")
def after_set_up(subject: MeetingSubject) -> Iterator[Finding]:
    """A subcommittee's meeting before the parent's meeting that set it up.

    Why: a subcommittee exists from the decision that established it.
    Example: a kuntajaosto meeting on 2025-02-01 when tyonvk set it up on 2025-03-12.
    Fix: check the year, or the established: meeting in body.yaml.
    """
    meeting, body = subject.meeting, subject.body
    if meeting.status == "cancelled" or not body.established:
        return
    established = dt.date.fromisoformat(body.established.meeting[:10])
    if meeting.date < established:
        yield (
            ("date",),
            (
                f"{meeting.date} is before {body.id} was set up ({established}, at {body.parent}'s "
                "meeting); check the year"
            ),
        )


@rule("K309", "planned-date-passed", scope="meeting", field="status", severity="warning")
def planned_in_future(subject: MeetingSubject) -> Iterator[Finding]:
    """A meeting still planned although its date has passed.

    Why: after the meeting its record says what happened; a planned meeting publishes an
    agenda and invitation, not minutes.
    Example: ``status: planned`` on last month's meeting.
    Fix: set status: held (and record what happened) or cancelled.
    """
    meeting = subject.meeting
    if meeting.status == "planned" and meeting.date < today():
        yield (
            ("status",),
            (
                f"the meeting is still planned but its date {meeting.date} has passed; set status: "
                "held or cancelled"
            ),
        )


@rule("K310", "held-in-future", scope="meeting", field="status")
def held_in_past(subject: MeetingSubject) -> Iterator[Finding]:
    """A meeting marked held whose date is still to come.

    Why: minutes of a meeting that has not taken place would be published as fact.
    Example: ``status: held`` with next month's date.
    Fix: set status: planned, or check the date.
    """
    meeting = subject.meeting
    if meeting.status == "held" and meeting.date > today():
        yield (
            ("status",),
            (
                f"the meeting is marked held but its date {meeting.date} is still to come; "
                "set status: planned, or check the date"
            ),
        )


_WEEKEND = {5: "Saturday", 6: "Sunday"}


@rule("K311", "weekend-meeting", scope="meeting", field="date", severity="warning")
def weekday(subject: MeetingSubject) -> Iterator[Finding]:
    """A meeting on a Saturday or Sunday.

    Why: advisory bodies meet on working days; a weekend date is usually a typo.
    Example: ``date: 2025-03-15`` (a Saturday).
    Fix: check the date; a real weekend meeting may keep the warning.
    """
    date = subject.meeting.date
    if date.weekday() in _WEEKEND:
        yield ("date",), f"{date} is a {_WEEKEND[date.weekday()]}; check the date"


@rule("K312", "cancelled-with-documents", scope="meeting", field="minutes, press")
def cancelled_has_no_documents(subject: MeetingSubject) -> Iterator[Finding]:
    """A cancelled meeting has minutes or a press release.

    Why: a meeting that did not take place decided nothing and has nothing to announce.
    Example: ``status: cancelled`` with a ``press:`` block.
    Fix: remove minutes: or press:, or set status: held if the meeting took place.
    """
    if subject.meeting.status != "cancelled":
        return
    for field, what in (("minutes", "minutes"), ("press", "press release")):
        if subject.data.get(field):
            yield (
                (field,),
                (
                    f"a cancelled meeting has no {what}; remove {field}:, or set status: held "
                    "if the meeting took place"
                ),
            )


@rule("K313", "cancelled-with-attendance", scope="meeting", field="attendance")
def cancelled_has_no_one_present(subject: MeetingSubject) -> Iterator[Finding]:
    """Someone is present at a cancelled meeting.

    Why: a cancelled meeting had no one present; attendance there would count in the annual
    report's attendance rates.
    Example: ``status: cancelled`` with ``{person: x, status: present}``.
    Fix: mark everyone absent or remove attendance:, or set status: held.
    """
    meeting = subject.meeting
    if meeting.status == "cancelled" and any(a.attends for a in meeting.attendance):
        yield (
            ("attendance",),
            (
                "a cancelled meeting has no one present; mark everyone absent or remove "
                "attendance:, or set status: held if the meeting took place"
            ),
        )
