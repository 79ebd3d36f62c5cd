"""Checks of meaning across fields and files: what a secretary can get wrong that the schema
cannot see (dates, attendance, votes and states that cannot be true together).

Each check reports through the record it looks at (``rec.problem(field_path, message)``), so
every message comes out as ``file:line: field.path: what is wrong and what to change``. The
loader (:mod:`kokous.records`) calls them once it has built a body, a meeting, a year's
meetings or a year narrative; they never raise for a record's mistake.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from .model import Body, Meeting, Membership

FieldPath = tuple[str | int, ...]


class Reporter(Protocol):
    """The record being checked: its data, and where to report (see ``records._Record``)."""

    display: str
    data: Any

    def problem(self, path: FieldPath, message: str, severity: str = "error") -> None: ...

    def warning(self, path: FieldPath, message: str) -> None: ...


def today() -> dt.date:
    """The real date, not the build clock: a meeting dated after today cannot have been held,
    whatever ``SOURCE_DATE_EPOCH`` a reproducible build pins its timestamps to."""
    return dt.date.today()


# ---------------------------------------------------------------------------------------------
# Fields that are one line of text. A line break there (a "|" block, a pasted address) breaks
# the e-mail pattern, the headline or the table it lands in.

_ANY = "*"
"""In a field pattern: any list index or mapping key."""

BODY_ONE_LINE: tuple[FieldPath, ...] = (
    ("name",),
    ("short_name",),
    ("noun",),
    ("email_pattern",),
    ("website", "label"),
    ("website", "url"),
    ("appointed", "by"),
    ("organisations", _ANY, "name"),
    ("organisations", _ANY, "short_name"),
    ("persons", _ANY, "name"),
    ("persons", _ANY, "titles", _ANY, "title"),
    ("contacts", _ANY, "role"),
    ("contacts", _ANY, "phone"),
    ("mail", _ANY, "name"),  # an e-mail header holds no line break
)
MEETING_ONE_LINE: tuple[FieldPath, ...] = (
    ("location", "place"),
    ("guests", _ANY, "name"),
    ("guests", _ANY, "organisation"),
    ("guests", _ANY, "role"),
    ("items", _ANY, "title"),
    ("items", _ANY, "legal_basis"),
    ("items", _ANY, "attachments", _ANY, "title"),
    ("items", _ANY, "attachments", _ANY, "legal_basis"),
    ("press", "headline"),
    ("press", "contacts", _ANY, "role"),
    ("press", "contacts", _ANY, "phone"),
)
YEAR_ONE_LINE: tuple[FieldPath, ...] = (
    ("statements", _ANY, "title"),
    ("statements", _ANY, "url"),
)


def _matches(
    data: Any, pattern: FieldPath, path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == _ANY:
        if isinstance(data, dict):
            pairs: Iterable[tuple[Any, Any]] = data.items()
        elif isinstance(data, list):
            pairs = enumerate(data)
        else:
            return
        for key, value in pairs:
            yield from _matches(value, rest, (*path, key))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, (*path, head))


def check_one_line(rec: Reporter, patterns: Iterable[FieldPath]) -> None:
    """A field meant as one line holds no line break (a text map: in none of its languages)."""
    for pattern in patterns:
        for path, value in _matches(rec.data, pattern):
            texts = value.items() if isinstance(value, dict) else [(None, value)]
            for lang, text in texts:
                if isinstance(text, str) and "\n" in text.strip():
                    rec.problem(
                        path if lang is None else (*path, lang),
                        "must be one line but holds a line break; write it on one line "
                        "(a '|' block keeps line breaks)",
                    )


# ---------------------------------------------------------------------------------------------
# The body


_SINGLE_POSTS = ("chair", "vice_chair")


def _overlap(a: Membership, b: Membership) -> bool:
    return (a.end is None or b.start <= a.end) and (b.end is None or a.start <= b.end)


def check_body(rec: Reporter, body: Body) -> None:
    """One chair and one vice-chair at a time; a person holds one membership at a time."""
    check_one_line(rec, BODY_ONE_LINE)
    check_glyphs(rec)
    members = body.memberships
    for i, m in enumerate(members):
        for j, earlier in enumerate(members[:i]):
            if not _overlap(earlier, m):
                continue
            if m.post in _SINGLE_POSTS and earlier.post == m.post and earlier.person != m.person:
                rec.problem(
                    ("memberships", i, "post"),
                    f"two {m.post.replace('_', '-')}s at once: '{earlier.person}' "
                    f"(memberships[{j}]) and '{m.person}'; give the earlier one an end: date "
                    "before the other starts",
                )
            elif earlier.person == m.person:
                rec.problem(
                    ("memberships", i, "person"),
                    f"'{m.person}' already holds a membership at that time (memberships[{j}], "
                    f"{earlier.post}); give the earlier one an end: date before this one starts",
                )


def check_year(rec: Reporter, body: Body, year: int) -> None:
    """A year record lies in the body's term, and its one-line fields are one line."""
    check_one_line(rec, YEAR_ONE_LINE)
    check_glyphs(rec)
    first = body.appointed_on or body.term_start
    if body.established:
        first = dt.date.fromisoformat(body.established.meeting[:10])
    if first and year < first.year:
        set_up = "set up" if body.established else "appointed"
        rec.problem(
            (),
            f"{year} is before {body.id} was {set_up} ({first}); a year record is for a year "
            "of the body's term: check the year in the file name",
        )
    elif body.term_end and year > body.term_end.year:
        rec.problem(
            (),
            f"{year} is after {body.id}'s term ended ({body.term_end}); a year record is for "
            "a year of the body's term: check the year in the file name",
        )


# ---------------------------------------------------------------------------------------------
# One meeting


_WEEKEND = {5: "Saturday", 6: "Sunday"}


def check_meeting(rec: Reporter, body: Body, meeting: Meeting) -> None:
    """Dates, attendance, votes and states of one meeting that cannot be true together."""
    check_one_line(rec, MEETING_ONE_LINE)
    check_glyphs(rec)
    _check_meeting_dates(rec, body, meeting)
    _check_states(rec, meeting)
    if meeting.status == "held" and meeting.attendance:
        _check_arrivals(rec, meeting)
        _check_present_at_items(rec, body, meeting)


def _check_meeting_dates(rec: Reporter, body: Body, meeting: Meeting) -> None:
    date = meeting.date
    first = body.appointed_on or body.term_start
    if meeting.status != "cancelled":
        if first and date < first:
            rec.problem(
                ("date",),
                f"{date} is before {body.id} was appointed ({first}); check the year",
            )
        elif body.term_end and date > body.term_end:
            rec.problem(
                ("date",),
                f"{date} is after {body.id}'s term ended ({body.term_end}); check the year",
            )
    if meeting.status != "cancelled" and body.established:
        established = dt.date.fromisoformat(body.established.meeting[:10])
        if date < established:
            rec.problem(
                ("date",),
                f"{date} is before {body.id} was set up ({established}, at {body.parent}'s "
                "meeting); check the year",
            )
    if meeting.status == "planned" and date < today():
        rec.warning(
            ("status",),
            f"the meeting is still planned but its date {date} has passed; set status: held "
            "or cancelled",
        )
    if meeting.status == "held" and date > today():
        rec.problem(
            ("status",),
            f"the meeting is marked held but its date {date} is still to come; "
            "set status: planned, or check the date",
        )
    if date.weekday() in _WEEKEND:
        rec.warning(("date",), f"{date} is a {_WEEKEND[date.weekday()]}; check the date")
    minutes = meeting.minutes
    if minutes and minutes.checked_on:
        if minutes.checked_on < date:
            rec.problem(
                ("minutes", "checked"),
                f"the minutes are checked on {minutes.checked_on}, before the meeting was held "
                f"({date}); give the day they were checked",
            )
        elif minutes.checked_on > today():
            rec.problem(
                ("minutes", "checked"),
                f"{minutes.checked_on} is still to come; give the day the minutes were checked",
            )
    if meeting.press:
        published = meeting.press.published.date()
        if published < date:
            rec.problem(
                ("press", "published"),
                f"the press release is published on {published}, before the meeting ({date})"
                + ("; check the year" if published.year != date.year else "; check the date"),
            )
        elif (published - date).days > 31:
            rec.warning(
                ("press", "published"),
                f"the press release is published {(published - date).days} days after the "
                f"meeting ({date}); check the date",
            )


def _check_states(rec: Reporter, meeting: Meeting) -> None:
    data = rec.data
    if meeting.status == "cancelled":
        for field, what in (("minutes", "minutes"), ("press", "press release")):
            if data.get(field):
                rec.problem(
                    (field,),
                    f"a cancelled meeting has no {what}; remove {field}:, or set status: held "
                    "if the meeting took place",
                )
        if any(a.attends for a in meeting.attendance):
            rec.problem(
                ("attendance",),
                "a cancelled meeting has no one present; mark everyone absent or remove "
                "attendance:, or set status: held if the meeting took place",
            )
    if meeting.status == "planned":
        _check_planned(rec, meeting)
    elif meeting.status == "held":
        _check_held(rec, meeting)
    minutes = meeting.minutes
    if minutes is None:
        return
    if meeting.status == "planned" and minutes.status != "draft":
        rec.problem(
            ("minutes", "status"),
            f"the minutes of a planned meeting cannot be {minutes.status}; set the meeting's "
            "status: held once it has taken place",
        )
    if minutes.approved_at and minutes.status != "approved":
        rec.problem(
            ("minutes", "status"),
            f"approved_at names {minutes.approved_at} but the minutes are {minutes.status}; "
            "set status: approved, or remove approved_at",
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


def _check_planned(rec: Reporter, meeting: Meeting) -> None:
    """A planned meeting (kokouskutsu lähetetty) is its agenda: items with proposals, nothing
    decided yet (the lifecycle is planned → held → minutes draft → checked → approved)."""
    items = rec.data.get("items") or ()
    if not items:
        rec.problem(
            ("items",),
            "a planned meeting lists the items of its agenda (the invitation sends them); "
            "add items:, e.g. - standard: opening",
        )
    # One problem for them all, where the first is: the likely cause is one (the meeting took
    # place and its status was not changed), and a line per field would bury it.
    handled = [
        (("items", i, field), what)
        for i, raw in enumerate(items)
        for field, what in _HANDLED_AT_MEETING.items()
        if raw.get(field)
    ]
    if handled:
        (first, what), rest = handled[0], handled[1:]
        more = f" (and {len(rest)} more such field{'s' if len(rest) > 1 else ''})" if rest else ""
        rec.problem(
            first,
            f"a planned meeting has no {what} yet{more}; set status: held once the meeting has "
            f"taken place, or remove {first[-1]}:",
        )
    for i, item in enumerate(meeting.items):
        if item.kind == "decision" and not item.standard and not item.proposal:
            rec.problem(
                ("items", i, "proposal"),
                f"item '{item.id}' is for decision, so the agenda gives its proposal "
                "(päätösehdotus); add proposal:, or kind: information",
            )


def _check_held(rec: Reporter, meeting: Meeting) -> None:
    """A held meeting has handled its items: a decision item decided there says what was
    decided (the proposal, when it was adopted as it was)."""
    if not meeting.items:
        rec.problem(("items",), "a held meeting lists the items it handled")
    for i, item in enumerate(meeting.items):
        if item.kind != "decision" or item.standard or not item.decided:
            continue
        if not item.decision and not item.proposal:
            rec.problem(
                ("items", i, "decision"),
                f"item '{item.id}' was decided at a held meeting: give its decision:, or its "
                "outcome: (deferred, returned, withdrawn) if it was not decided",
            )


def _item_index(meeting: Meeting) -> dict[str, int]:
    return {it.id: i for i, it in enumerate(meeting.items)}


def _check_arrivals(rec: Reporter, meeting: Meeting) -> None:
    index = _item_index(meeting)
    for i, a in enumerate(meeting.attendance):
        where = ("attendance", i)
        if not a.attends:
            for field in ("arrived_at", "left_after"):
                if getattr(a, field):
                    rec.problem(
                        (*where, field),
                        f"'{a.person}' is marked absent, so has no {field}; set status: present "
                        f"or remote, or remove {field}",
                    )
            continue
        arrived, left = index.get(a.arrived_at or ""), index.get(a.left_after or "")
        if arrived is not None and left is not None and left < arrived:
            rec.problem(
                (*where, "left_after"),
                f"'{a.person}' leaves after {a.left_after} but arrives only at {a.arrived_at}, "
                "a later item; correct one of the two",
            )


def present_at(meeting: Meeting, item: int) -> dict[str, str]:
    """Who attended item ``item`` (index in ``meeting.items``): person id → "present" or, for
    someone who came later or left earlier, the reason they were not there ("" if absent)."""
    index = _item_index(meeting)
    out: dict[str, str] = {}
    for a in meeting.attendance:
        arrived = index.get(a.arrived_at or "", 0)
        left = index.get(a.left_after or "", len(meeting.items))
        if not a.attends:
            out[a.person] = "absent"
        elif item < arrived:
            out[a.person] = f"arrived only at {a.arrived_at}"
        elif item > left:
            out[a.person] = f"left after {a.left_after}"
        else:
            out[a.person] = "present"
    return out


def _check_present_at_items(rec: Reporter, body: Body, meeting: Meeting) -> None:
    """Those who act at an item (move, second, vote by name, dissent) were there; checkers were
    at the meeting; no more votes are cast than voting members present."""
    data_items = rec.data.get("items") or ()

    def must_attend(where: FieldPath, pid: str, whom: str, at: dict[str, str]) -> None:
        state = at.get(pid)
        if pid not in body.persons:
            return  # an unknown person is reported by the roster check
        if state == "present" and pid in disqualified:
            rec.problem(
                where,
                f"'{pid}' is disqualified from this item (conflicts), so cannot be {whom}; "
                "check the person or the conflict",
            )
        if state == "present":
            return
        if state is None:
            why = "is not in this meeting's attendance"
        elif state == "absent":
            why = "is marked absent"
        else:
            why = f"was not there at this item ({state})"
        rec.problem(
            where, f"'{pid}' {why}, so cannot be {whom}; check the person or the attendance"
        )

    disqualified: set[str] = set()
    for i, item in enumerate(meeting.items):
        at = present_at(meeting, i)
        where = ("items", i)
        disqualified = {c.person for c in item.conflicts}
        for j, m in enumerate(item.motions):
            must_attend((*where, "motions", j, "by"), m.by, "the mover", at)
            for k, s in enumerate(m.seconded_by):
                must_attend((*where, "motions", j, "seconded_by", k), s, "a seconder", at)
        for j, d in enumerate(item.dissents):
            must_attend((*where, "dissent", j, "person"), d.person, "a dissenter", at)
        if item.vote:
            _check_vote(rec, body, meeting, i, at, must_attend, data_items)
    disqualified = set()
    if meeting.minutes:
        whole = {a.person: ("present" if a.attends else "absent") for a in meeting.attendance}
        for j, c in enumerate(meeting.minutes.checkers):
            must_attend(("minutes", "checkers", j), c, "a minutes checker", whole)


def _check_vote(
    rec: Reporter,
    body: Body,
    meeting: Meeting,
    i: int,
    at: dict[str, str],
    must_attend: Callable[[FieldPath, str, str, dict[str, str]], None],
    data_items: Any,
) -> None:
    """Named voters were there and vote once; no more votes than voting members present."""
    item, where = meeting.items[i], ("items", i, "votes")
    vote = item.vote
    named: dict[str, str] = {}
    for side, persons in (
        ("for", vote.named_for),
        ("against", vote.named_against),
        ("abstain", vote.named_abstain),
    ):
        for k, pid in enumerate(persons):
            path = (*where, f"named_{side}", k)
            must_attend(path, pid, "a voter", at)
            if pid in named:
                rec.problem(
                    path, f"'{pid}' is named in named_{named[pid]} too; a member votes once"
                )
            named.setdefault(pid, side)
    seats = [m for m in body.memberships_on(meeting.date) if m.votes]
    standing_in = {a.deputising_for: a.person for a in meeting.attendance if a.deputising_for}
    # As in the item's quorum: a disqualified member (conflicts) fills no seat at this item.
    disqualified = {c.person for c in item.conflicts}

    def here(pid: str) -> bool:
        return at.get(pid) == "present" and pid not in disqualified

    present = sum(1 for m in seats if here(m.person) or here(standing_in.get(m.person, "")))
    cast = vote.votes_for + vote.votes_against + vote.abstain
    # Someone attending without a membership that day is reported already; counting seats
    # without them would only repeat that mistake as a second one.
    roster_ok = all(a.membership for a in meeting.attendance if a.attends)
    if cast > present and roster_ok:
        raw = data_items[i].get("votes") if i < len(data_items) else None
        counted = [k for k in ("for", "against", "abstain") if isinstance(raw, dict) and k in raw]
        rec.problem(
            (*where, counted[0]) if counted else where,
            f"{cast} votes in all ({vote.votes_for} for, {vote.votes_against} against, "
            f"{vote.abstain} abstaining) but only {present} voting members were present at "
            "this item; check the counts and the attendance",
        )


# ---------------------------------------------------------------------------------------------
# Across the meetings of a body's year


def _minutes_of_day(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def check_overlaps(meetings: list[Meeting], report: dict[str, Reporter]) -> None:
    """Two meetings of one body held on the same day do not overlap in time."""
    by_day: dict[dt.date, list[Meeting]] = {}
    for m in meetings:
        if m.status != "cancelled" and m.start and m.end:
            by_day.setdefault(m.date, []).append(m)
    for day_meetings in by_day.values():
        for i, later in enumerate(day_meetings):
            for earlier in day_meetings[:i]:
                if _minutes_of_day(later.start) < _minutes_of_day(earlier.end) and _minutes_of_day(
                    earlier.start
                ) < _minutes_of_day(later.end):
                    report[later.key].problem(
                        ("start",),
                        f"this meeting ({later.start:%H:%M}-{later.end:%H:%M}) overlaps "
                        f"{earlier.key} of {later.body} ({earlier.start:%H:%M}-"
                        f"{earlier.end:%H:%M}) on the same day; check the times or the date",
                    )


def check_approving_meeting(rec: Reporter, approved_at: str, status: str | None) -> None:
    """The meeting named in ``minutes.approved_at`` was held (``status`` from its record; None
    when that record cannot be read, which reports itself)."""
    if status == "cancelled":
        rec.problem(
            ("minutes", "approved_at"),
            f"{approved_at} was cancelled, so it approved no minutes; name the meeting that did",
        )
    elif status == "planned":
        rec.problem(
            ("minutes", "approved_at"),
            f"{approved_at} has not been held yet, so it cannot have approved these minutes; "
            "keep status: checked or draft until it has",
        )


# ---------------------------------------------------------------------------------------------
# Characters the PDF cannot print. Typst fails a whole batch on a character none of the fonts
# in fonts/ has (naming no record); this check names the record, field and character first.

# Characters that print nothing and need no glyph: controls, format characters (joiners, bidi
# marks, soft hyphens; unassigned and private-use ones are dropped before print), whitespace,
# and variation selectors (an emoji's presentation form).
_NO_GLYPH_NEEDED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


@functools.cache
def printable_characters() -> frozenset[int]:
    """Every code point some font of the PDF's font chain has a glyph for (their cmaps, read
    once per process with fontTools)."""
    import yaml
    from fontTools.ttLib import TTFont

    from . import paths

    # The list kokous.convert compiles with, read here without importing the converter (and
    # Typst): a check job converts nothing.
    formats = yaml.safe_load((paths.ROOT / "templates" / "formats.yaml").read_text("utf-8"))
    covered: set[int] = set()
    for name in formats["formats"]["pdf"]["fonts"]:
        font = TTFont(paths.ROOT / name, lazy=True)
        covered.update(font.getBestCmap() or {})
        font.close()
    return frozenset(covered)


def _needs_glyph(ch: str) -> bool:
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(ch) not in _NO_GLYPH_NEEDED


def _strings(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def check_glyphs(rec: Reporter) -> None:
    """Every character of every text in the record has a glyph in the PDF's fonts."""
    covered: frozenset[int] | None = None
    for path, text in _strings(rec.data):
        if text.isascii():
            continue  # Noto Sans has every printable ASCII character
        if covered is None:
            covered = printable_characters()
        missing = sorted({ch for ch in text if ord(ch) not in covered and _needs_glyph(ch)})
        for ch in missing:
            name = unicodedata.name(ch, "unnamed")
            rec.problem(
                path,
                f"character U+{ord(ch):04X} has no glyph in the PDF's fonts ({name}, "
                f"{ch!r}); write it another way or add a font that has it (fonts/README)",
            )
