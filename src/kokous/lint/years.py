"""K50x: a year's narrative, and what holds across the meetings of a body's year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..layout import meeting_order
from .registry import Finding, rule
from .subjects import VolumeSubject, YearSubject


def _first_day(subject: YearSubject) -> dt.date | None:
    body = subject.body
    if body.established:
        return dt.date.fromisoformat(body.established.meeting[:10])
    return body.appointed_on or body.term_start


@rule("K501", "year-before-term", scope="year", field="(the file)")
def year_after_start(subject: YearSubject) -> Iterator[Finding]:
    """A year record for a year before the body was appointed (or set up).

    Why: a year record is the narrative of one year of the body's term, for its annual report.
    Example: ``years/2024.yaml`` of a body appointed in 2025.
    Fix: check the year in the file name.
    """
    first, body = _first_day(subject), subject.body
    if first and subject.year < first.year:
        set_up = "set up" if body.established else "appointed"
        yield (
            (),
            (
                f"{subject.year} is before {body.id} was {set_up} ({first}); a year record is for a "
                "year of the body's term: check the year in the file name"
            ),
        )


@rule("K502", "year-after-term", scope="year", field="(the file)")
def year_before_end(subject: YearSubject) -> Iterator[Finding]:
    """A year record for a year after the body's term ended.

    Why: as K501: a year record belongs to the body's term.
    Example: ``years/2028.yaml`` of a term ending in 2027.
    Fix: check the year in the file name.
    """
    first, body = _first_day(subject), subject.body
    if first and subject.year < first.year:
        return  # K501
    if body.term_end and subject.year > body.term_end.year:
        yield (
            (),
            (
                f"{subject.year} is after {body.id}'s term ended ({body.term_end}); a year record is "
                "for a year of the body's term: check the year in the file name"
            ),
        )


@rule("K503", "statement-outside-year", scope="year", field="statements[].date")
def statements_in_year(subject: YearSubject) -> Iterator[Finding]:
    """A statement dated in another year than its year record.

    Why: the annual report lists the statements the body issued that year.
    Example: a statement dated 2024-12-30 in years/2025.yaml.
    Fix: move it to its year's record, or correct the date.
    """
    for i, s in enumerate(subject.data.get("statements") or ()):
        if not s["date"].startswith(f"{subject.year}-"):
            yield ("statements", i, "date"), f"{s['date']} is not in {subject.year}"


def _minutes_of_day(time: dt.time) -> int:
    return time.hour * 60 + time.minute


@rule("K511", "meetings-overlap", scope="volume", field="start")
def meetings_apart(subject: VolumeSubject) -> Iterator[Finding]:
    """Two meetings of one body on the same day overlap in time.

    Why: a body holds one meeting at a time; an overlap is usually a wrong time or date.
    Example: 2025-03-12 at 13.00-15.30 and 2025-03-12-2 at 15.00-16.00.
    Fix: check the times or the date.
    """
    by_day: dict[dt.date, list] = {}
    for m in subject.volume.meetings:
        if m.status != "cancelled" and m.start and m.end:
            by_day.setdefault(m.date, []).append(m)
    for day_meetings in by_day.values():
        for i, later in enumerate(day_meetings):
            for earlier in day_meetings[:i]:
                if _minutes_of_day(later.start) < _minutes_of_day(earlier.end) and _minutes_of_day(
                    earlier.start
                ) < _minutes_of_day(later.end):
                    yield (
                        (later.key, "start"),
                        (
                            f"this meeting ({later.start:%H:%M}-{later.end:%H:%M}) overlaps "
                            f"{earlier.key} of {later.body} ({earlier.start:%H:%M}-"
                            f"{earlier.end:%H:%M}) on the same day; check the times or the date"
                        ),
                    )


def _approvals(subject: VolumeSubject) -> Iterator[tuple[str, str, str | None]]:
    """``(meeting key, approving meeting's key, its status)`` for minutes approved later."""
    by_key = {m.key: m for m in subject.volume.meetings}
    for m in subject.volume.meetings:
        approved_at = m.minutes.approved_at if m.minutes else None
        if not approved_at or meeting_order(approved_at) <= meeting_order(m.key):
            continue  # the meeting's own rules report an approval before or at itself (K383)
        if approved_at in by_key:
            yield m.key, approved_at, by_key[approved_at].status
        else:  # approved early next year: that record, if readable
            yield m.key, approved_at, subject.status_of(approved_at)


@rule("K512", "approved-at-cancelled", scope="volume", field="minutes.approved_at")
def approver_not_cancelled(subject: VolumeSubject) -> Iterator[Finding]:
    """Minutes approved at a meeting that was cancelled.

    Why: a cancelled meeting approved nothing.
    Example: ``approved_at: 2025-06-11`` when 2025-06-11.yaml has ``status: cancelled``.
    Fix: name the meeting that did approve them.
    """
    for key, approved_at, status in _approvals(subject):
        if status == "cancelled":
            yield (
                (key, "minutes", "approved_at"),
                f"{approved_at} was cancelled, so it approved no minutes; name the meeting that did",
            )


@rule("K513", "approved-at-not-held", scope="volume", field="minutes.approved_at")
def approver_held(subject: VolumeSubject) -> Iterator[Finding]:
    """Minutes approved at a meeting that is still planned.

    Why: a meeting that has not been held cannot have approved anything yet.
    Example: ``status: approved, approved_at: 2025-09-24`` while 2025-09-24 is planned.
    Fix: keep status: checked or draft until that meeting has approved them.
    """
    for key, approved_at, status in _approvals(subject):
        if status == "planned":
            yield (
                (key, "minutes", "approved_at"),
                (
                    f"{approved_at} has not been held yet, so it cannot have approved these minutes; "
                    "keep status: checked or draft until it has"
                ),
            )
