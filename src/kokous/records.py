"""Load records into the typed model: read, check against the schema, build, derive, check meaning.

Layout (see docs/records.md):
    records/<body>/body.yaml                 the body, its roster and settings
    records/<body>/meetings/<YYYY-MM-DD>.yaml one meeting (``-2`` suffix for a second that day)
    records/<body>/years/<YYYY>.yaml          optional narrative for the annual report

A subcommittee is a body of its own with ``parent: <body>``; it shares the parent's persons
and organisations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from . import checks, checks_minutes, i18n, mail_records, records_agenda, schema, yamlfile
from .errors import RecordProblem, RecordsInvalid, Severity
from .layout import (
    MEETING_FILE,
    FileProblem,
    body_ids,
    display_path,
    link_problem,
    meeting_order,
    scan_body,
    scan_records,
    subcommittee_ids,
)
from .model import (
    Appeal,
    Attachment,
    Attendance,
    Body,
    Conflict,
    Contact,
    Dissent,
    Established,
    Guest,
    Item,
    JobTitle,
    Meeting,
    Membership,
    Minutes,
    Motion,
    Organisation,
    Person,
    Press,
    PressBlock,
    Quorum,
    QuorumRule,
    Quote,
    Statement,
    Text,
    Volume,
    Vote,
    YearNarrative,
)
from .schema import suggest

T = TypeVar("T")
STANDARD_ITEMS = (
    "opening",
    "legality",
    "checkers",
    "previous_minutes",
    "agenda",
    "next_meeting",
    "closing",
)


# ---------------------------------------------------------------------------------------------
# Reading one file: YAML, then the JSON Schema; both report file:line: field: message.


_parsed: ContextVar[dict[tuple[Path, str, str], Any] | None] = ContextVar("_parsed", default=None)
_digests: ContextVar[dict[Path, str] | None] = ContextVar("_digests", default=None)
"""The sha256 of the bytes each file was parsed from in this pass: a volume's provenance."""


@contextmanager
def _one_pass() -> Iterator[None]:
    """Within one validation call, read and schema-check each file once (a subcommittee's
    volume needs its parent's body.yaml again). In memory only, gone when the call returns."""
    if _parsed.get() is not None:
        yield
        return
    token = _parsed.set({})
    digests = _digests.set({})
    try:
        yield
    finally:
        _digests.reset(digests)
        _parsed.reset(token)


def _parse_and_check(
    path: Path, display: str, kind: str
) -> tuple[Any, dict[yamlfile.FieldPath, int]]:
    raw = yamlfile.read(path, display)
    digests = _digests.get()
    if digests is not None:
        digests[path] = hashlib.sha256(raw).hexdigest()
    data, lines = yamlfile.parse(raw, display)
    found = schema.check(kind, data, lines, display) if kind else []
    if found:
        raise RecordsInvalid(found)
    return data, lines


def _read(path: Path, display: str, kind: str) -> tuple[Any, dict[yamlfile.FieldPath, int]]:
    """A record's data and lines, checked against the schema of ``kind`` ("" for none)."""
    memo = _parsed.get()
    key = (path, display, kind)
    if memo is not None and key in memo:
        result = memo[key]
    else:
        try:
            result = _parse_and_check(path, display, kind)
        except RecordsInvalid as exc:
            result = exc
        if memo is not None:
            memo[key] = result
    if isinstance(result, RecordsInvalid):
        raise RecordsInvalid(result.problems)
    return result


class _Record:
    """One record file's data with the line of each field, and a problem collector."""

    def __init__(self, path: Path, display: str, kind: str, problems: list[RecordProblem]):
        self.display = display
        self.data, self.lines = _read(path, display, kind)
        self.problems = problems

    def line(self, path: yamlfile.FieldPath) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: yamlfile.FieldPath, message: str, severity: Severity = "error") -> None:
        self.problems.append(
            RecordProblem(
                self.display, self.line(path), yamlfile.format_path(path), message, severity
            )
        )

    def warning(self, path: yamlfile.FieldPath, message: str) -> None:
        self.problem(path, message, "warning")

    def datetime(self, path: yamlfile.FieldPath, value: str) -> dt.datetime | None:
        """A schema-checked ``YYYY-MM-DDTHH:MM``; None (and a problem) for 2025-02-30T16:00."""
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            self.problem(path, f"there is no such date as {value[:10]} (check the day and month)")
            return None


def _text(value: Any, primary: str) -> Text | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Text({primary: value.strip()}, primary)
    values = {k: str(v).strip() for k, v in value.items() if v}
    if not values:
        return None
    # A map without the primary language still renders: its first language stands in (the
    # language checks report the missing text where the language is required).
    return Text(values, primary if primary in values else next(iter(values)))


def _date(value: str | None) -> dt.date | None:
    """A date the schema has checked (pattern and calendar), so this cannot fail."""
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    if not value:
        return None
    hours, minutes = value.replace(".", ":").split(":")
    return dt.time(int(hours), int(minutes))


# ---------------------------------------------------------------------------------------------
# Bodies


def _load_body_record(records: Path, body_id: str, problems: list[RecordProblem]) -> _Record:
    path = records / body_id / "body.yaml"
    if reason := link_problem(records, path):
        raise RecordsInvalid([RecordProblem(display_path(records, path), 0, "", reason)])
    if not path.is_file():
        raise RecordsInvalid([RecordProblem(f"records/{body_id}", 0, "", "no body.yaml here")])
    return _Record(path, display_path(records, path), "body", problems)


def load_body(records: Path, body_id: str) -> Body:
    """Load and check one body (with its parent's roster for a subcommittee)."""
    with _one_pass():
        return _load_body(records, body_id)


def _load_body(records: Path, body_id: str) -> Body:
    problems: list[RecordProblem] = []
    shown = display_path(records, records / body_id / "body.yaml")
    body = _guarded(shown, problems, _build_body, records, body_id, problems)
    if body is None or any(p.is_error for p in problems):
        raise RecordsInvalid(problems)
    return body


def _build_body(
    records: Path, body_id: str, problems: list[RecordProblem], _chain: tuple[str, ...] = ()
) -> Body:
    rec = _load_body_record(records, body_id, problems)
    d = rec.data
    parent: Body | None = None
    if d.get("parent"):
        parent_id = d["parent"]
        if parent_id == body_id or parent_id in _chain:
            rec.problem(("parent",), f"'{parent_id}' cannot be the parent: the chain loops")
        elif not (records / parent_id / "body.yaml").is_file():
            rec.problem(
                ("parent",),
                f"no body '{parent_id}' under records/{suggest(parent_id, body_ids(records))}",
            )
        else:
            parent = _build_body(records, parent_id, problems, (*_chain, body_id))
            if parent.parent:
                rec.problem(("parent",), "a subcommittee's parent must be a main body")
    languages = tuple(d.get("languages") or (parent.languages[:1] if parent else ("fi",)))
    primary = languages[0]
    t = lambda v: _text(v, primary)

    organisations = dict(parent.organisations) if parent else {}
    for oid, o in (d.get("organisations") or {}).items():
        organisations[oid] = Organisation(oid, t(o["name"]), t(o.get("short_name")))
    persons = dict(parent.persons) if parent else {}
    for pid, p in (d.get("persons") or {}).items():
        titles = tuple(
            JobTitle(
                t(j["title"]), j.get("organisation"), _date(j.get("start")), _date(j.get("end"))
            )
            for j in p.get("titles") or ()
        )
        persons[pid] = Person(pid, p["name"].strip(), titles, p.get("genitive"))
        for i, j in enumerate(p.get("titles") or ()):
            if j.get("organisation") and j["organisation"] not in organisations:
                rec.problem(
                    ("persons", pid, "titles", i, "organisation"),
                    f"no organisation '{j['organisation']}' in the roster"
                    + suggest(j["organisation"], organisations),
                )

    memberships = tuple(
        Membership(
            m["person"],
            m["post"],
            m.get("on_behalf_of"),
            m.get("deputy_for"),
            _date(m["start"]),
            _date(m.get("end")),
            m.get("seat"),
        )
        for m in d.get("memberships") or ()
    )
    voting_seats = {m.seat for m in memberships if m.seat and m.votes}
    roster_known = parent is not None or not d.get("parent")
    for i, m in enumerate(memberships):
        where = ("memberships", i)
        if not roster_known:
            break  # the roster is the missing parent's: one error on parent says it all
        if m.person not in persons:
            rec.problem(
                (*where, "person"),
                f"no person '{m.person}' in the roster" + suggest(m.person, persons),
            )
        if m.on_behalf_of and m.on_behalf_of not in organisations:
            rec.problem(
                (*where, "on_behalf_of"),
                f"no organisation '{m.on_behalf_of}' in the roster"
                + suggest(m.on_behalf_of, organisations),
            )
        if m.end and m.end < m.start:
            rec.problem((*where, "end"), "ends before it starts")
        if m.post == "deputy":
            if m.seat and m.deputy_for:
                rec.problem(
                    (*where, "deputy_for"),
                    "give either seat (the deputy follows the seat) or deputy_for, not both",
                )
            elif m.seat:
                if m.seat not in voting_seats:
                    rec.problem(
                        (*where, "seat"),
                        f"no member holds seat '{m.seat}'" + suggest(m.seat, voting_seats),
                    )
            elif not m.deputy_for:
                rec.problem(where, "a personal deputy needs seat: <seat> or deputy_for: <member>")
            elif m.deputy_for == m.person:
                rec.problem(
                    (*where, "deputy_for"),
                    f"'{m.person}' cannot be their own deputy; deputy_for names the member "
                    "this deputy stands in for",
                )
            elif not any(
                o.person == m.deputy_for and o.votes and o.post != "deputy" for o in memberships
            ):
                rec.problem(
                    (*where, "deputy_for"), f"'{m.deputy_for}' is not a member of this body"
                )
        elif m.deputy_for:
            rec.problem((*where, "deputy_for"), "only a deputy (post: deputy) has deputy_for")
        elif m.seat and not m.votes:
            rec.problem((*where, "seat"), "only voting members and their deputies hold seats")
    # A seat has one member at a time: overlapping holders would make the deputy's principal
    # ambiguous.
    for i, m in enumerate(memberships):
        for o in memberships[:i]:
            if (
                m.seat
                and m.seat == o.seat
                and m.post != "deputy"
                and o.post != "deputy"
                and m.start <= (o.end or dt.date.max)
                and o.start <= (m.end or dt.date.max)
            ):
                rec.problem(
                    ("memberships", i, "seat"),
                    f"seat '{m.seat}' is already held by '{o.person}' then; "
                    "end that membership first",
                )

    contacts = _contacts(rec, ("contacts",), d.get("contacts"), primary, persons)
    quorum = d.get("quorum") or {}
    appeal = d.get("appeal") or {}
    appointed = d.get("appointed") or {}
    term = d.get("term") or {}
    about = d.get("about") or {}
    website = d.get("website") or {}
    established = d.get("established")
    if parent and not established:
        rec.problem(("established",), "a subcommittee needs established: {meeting, item}")
    elif parent and established:
        _check_established(rec, records, parent, established)
    if d.get("host") and d["host"] not in organisations:
        rec.problem(
            ("host",),
            f"no organisation '{d['host']}' in the roster" + suggest(d["host"], organisations),
        )
    if term.get("start") and term.get("end") and term["end"] < term["start"]:
        rec.problem(("term", "end"), f"the term ends ({term['end']}) before it starts")
    if not d.get("parent") and (established or d.get("mandate")):
        rec.problem(("parent",), "mandate and established are for subcommittees, which need parent")
    if quorum.get("rule") == "fixed" and not quorum.get("count"):
        rec.problem(("quorum", "count"), "a fixed quorum rule needs count: <members present>")
    elif quorum.get("count") and quorum.get("rule") != "fixed":
        rec.problem(("quorum", "count"), "count is for rule: fixed")
    appeal_kind = appeal.get("kind") or ("appeal" if appeal.get("appealable") else "none")
    if (
        "kind" in appeal
        and "appealable" in appeal
        and appeal["appealable"] != (appeal_kind != "none")
    ):
        rec.problem(("appeal", "appealable"), f"contradicts kind: {appeal_kind}")
    if appeal_kind != "none":
        for name in ("provision", "period_days", "authority"):
            if not appeal.get(name):
                rec.problem(
                    ("appeal", name),
                    f"an appeal notice of kind {appeal_kind} needs {name}",
                )
    for mtype, titles in (d.get("item_titles") or {}).items():
        for std in titles:
            if std not in STANDARD_ITEMS:
                rec.problem(
                    ("item_titles", mtype, std),
                    f"no standard item '{std}'" + suggest(std, STANDARD_ITEMS),
                )
    if parent is None and not d.get("languages"):
        rec.problem(("languages",), "a main body must list its publication languages")
    body = Body(
        id=body_id,
        path=rec.display,
        name=t(d["name"]),
        short_name=d.get("short_name"),
        noun=t(d.get("noun")),
        languages=languages,
        parent=d.get("parent"),
        mandate=t(d.get("mandate")),
        established=Established(established["meeting"], established["item"])
        if established
        else None,
        host=d.get("host") or (parent.host if parent else None),
        legal_basis=t(d.get("legal_basis")),
        appointed_on=_date(appointed.get("date")),
        appointed_by=t(appointed.get("by")),
        term_start=_date(term.get("start")),
        term_end=_date(term.get("end")),
        term_description=t(term.get("description")),
        tasks=t(d.get("tasks")),
        quorum=QuorumRule(
            quorum.get("rule", "more_than_half"),
            quorum.get("chair_required", True),
            quorum.get("count"),
        ),
        minutes_type=d.get("minutes_type", "poytakirja"),
        agenda_publication=d.get("agenda_publication", "never"),
        appeal=Appeal(
            appeal_kind,
            t(appeal.get("provision")),
            appeal.get("period_days"),
            t(appeal.get("authority")),
        ),
        about_heading=t(about.get("heading")),
        about_text=t(about.get("text")),
        full_name=t(d.get("full_name")),
        item_titles={
            mtype: {std: t(title) for std, title in titles.items()}
            for mtype, titles in (d.get("item_titles") or {}).items()
        },
        website_label=t(website.get("label")),
        website_url=t(website.get("url")),
        email_pattern=t(d.get("email_pattern")) or (parent.email_pattern if parent else None),
        contacts=contacts or (parent.contacts if parent else ()),
        organisations=organisations,
        persons=persons,
        memberships=memberships,
        personal_data_display_days=d.get("personal_data_display_days")
        or (parent.personal_data_display_days if parent else None),
        mail=mail_records.mail_settings(d.get("mail"), primary, parent.mail if parent else None),
    )
    checks.check_body(rec, body)
    return body


def _contacts(
    rec: _Record, where: yamlfile.FieldPath, value: Any, primary: str, persons: dict[str, Person]
) -> tuple[Contact, ...]:
    contacts = []
    for i, c in enumerate(value or ()):
        if c["person"] not in persons:
            rec.problem(
                (*where, i, "person"),
                f"no person '{c['person']}' in the roster" + suggest(c["person"], persons),
            )
        contacts.append(
            Contact(
                c["person"],
                _text(c.get("role"), primary),
                c.get("phone"),
                bool(c.get("phone_public", False)),
            )
        )
    return tuple(contacts)


def item_ids(data: dict[str, Any]) -> list[str]:
    """Item ids of a meeting record, as the loader assigns them."""
    ids = []
    for i, it in enumerate(data.get("items") or ()):
        item_id = (it.get("id") or it.get("standard")) if isinstance(it, dict) else None
        ids.append(item_id if isinstance(item_id, str) else f"item{i + 1}")
    return ids


def _check_established(
    rec: _Record, records: Path, parent: Body, established: dict[str, str]
) -> None:
    """``established`` names a meeting of the parent and an item in it."""
    key, item = established["meeting"], established["item"]
    path = records / parent.id / "meetings" / f"{key}.yaml"
    if not path.is_file() or link_problem(records, path):
        rec.problem(("established", "meeting"), f"no meeting record {key}.yaml of {parent.id}")
        return
    try:
        data, _ = _read(path, display_path(records, path), "meeting")
    except RecordsInvalid:
        # That meeting reports its own errors (validate_tree, the parent's volume); checking
        # against a broken record would only add noise. The check runs again once it is fixed.
        return
    ids = item_ids(data)
    if item not in ids:
        rec.problem(
            ("established", "item"),
            f"no item '{item}' in {parent.id}'s meeting {key}{suggest(item, ids)}",
        )


# ---------------------------------------------------------------------------------------------
# Meetings and years


def load_volume(records: Path, body_id: str, year: int) -> Volume:
    """Load one body's year: the body, its meetings of that year in order (with § numbers,
    meeting numbers and quorum derived), its subcommittees, and the year's narrative.

    Raises :class:`RecordsInvalid` listing every problem in every file involved (warnings
    included, flagged); when there are only warnings they are in ``Volume.warnings``.
    """
    with _one_pass():
        return _load_volume(records, body_id, year)


def _load_volume(records: Path, body_id: str, year: int) -> Volume:
    problems: list[RecordProblem] = []
    shown = display_path(records, records / body_id / "body.yaml")
    body = _guarded(shown, problems, _build_body, records, body_id, problems)
    if body is None:
        raise RecordsInvalid(problems)
    volume = Volume(body=body, year=year)
    for sub in subcommittee_ids(records, body_id):
        shown = display_path(records, records / sub / "body.yaml")
        built = _guarded(shown, problems, _build_body, records, sub, problems)
        if built is not None:
            volume.subcommittees[sub] = built
    files = scan_body(records, body_id)
    problems.extend(_file_problems(p for p in files.problems if p.year == year))
    next_section = 1
    next_number = 1
    for key in (k for k in files.meetings if k.startswith(f"{year}-")):
        path = records / body_id / "meetings" / f"{key}.yaml"
        meeting = _guarded(
            display_path(records, path),
            problems,
            _build_meeting,
            records,
            path,
            key,
            body,
            volume,
            next_section,
            next_number,
            problems,
        )
        if meeting is None:
            continue
        volume.meetings.append(meeting)
        if meeting.items:
            next_section = meeting.items[-1].number + 1
        if meeting.status != "cancelled":
            next_number = meeting.number + 1
    _guarded(
        display_path(records, records / body_id),
        problems,
        _check_across_meetings,
        records,
        volume,
        problems,
    )
    year_path = records / body_id / "years" / f"{year}.yaml"
    if year in files.years:
        volume.narrative = _guarded(
            display_path(records, year_path),
            problems,
            _build_year,
            records,
            year_path,
            body,
            year,
            problems,
        )
    if any(p.is_error for p in problems):
        raise RecordsInvalid(problems)
    volume.warnings = sorted(set(problems))
    volume.records_folder = records.as_posix()
    volume.sources = _volume_sources(records, volume)
    return volume


def _volume_sources(records: Path, volume: Volume) -> dict[str, str]:
    """The sha256 of the bytes each record file of ``volume`` was parsed from in this pass (not
    read again: an edit in between would give a digest of other bytes), by path under
    ``records``."""
    body = volume.body
    names = [
        f"{body.id}/body.yaml",
        *([f"{body.parent}/body.yaml"] if body.parent else []),
        *(f"{sub}/body.yaml" for sub in volume.subcommittees),
        *(f"{body.id}/meetings/{m.key}.yaml" for m in volume.meetings),
        *([f"{body.id}/years/{volume.year}.yaml"] if volume.narrative else []),
    ]
    digests = _digests.get() or {}
    return {name: digests[records / name] for name in names if records / name in digests}


def _file_problems(found: Iterable[FileProblem]) -> list[RecordProblem]:
    """The layout's file problems (misnamed records, links out of records/) as record problems."""
    return [RecordProblem(p.path, 0, "", p.message) for p in found]


def _check_across_meetings(records: Path, volume: Volume, problems: list[RecordProblem]) -> None:
    """Checks that look at two meetings at once: overlapping times on one day, and minutes
    approved at a meeting that was never held. Each reports in the meeting it concerns."""
    body = volume.body
    reporters = {
        m.key: _Record(
            records / body.id / "meetings" / f"{m.key}.yaml", m.path, "meeting", problems
        )
        for m in volume.meetings
    }
    checks.check_overlaps(volume.meetings, reporters)
    by_key = {m.key: m for m in volume.meetings}
    for m in volume.meetings:
        approved_at = m.minutes.approved_at if m.minutes else None
        if not approved_at or meeting_order(approved_at) <= meeting_order(m.key):
            continue  # the meeting's own checks report an approval before or at itself
        if approved_at in by_key:
            status = by_key[approved_at].status
        else:  # approved early next year: that record, if readable
            path = records / body.id / "meetings" / f"{approved_at}.yaml"
            try:
                if link_problem(records, path):
                    raise RecordsInvalid([])  # never read; the layout reports the link
                status = _read(path, display_path(records, path), "meeting")[0].get(
                    "status", "held"
                )
            except RecordsInvalid:
                status = None
        checks.check_approving_meeting(reporters[m.key], approved_at, status)


def _guarded(
    display: str, problems: list[RecordProblem], build: Callable[..., T], *args
) -> T | None:
    """``build(*args)``, with every failure as a problem: a record's own (``RecordsInvalid``),
    or a bug in a check, which must reach the secretary as one line, never as a traceback."""
    try:
        return build(*args)
    except RecordsInvalid as exc:
        problems.extend(exc.problems)
    except Exception as exc:  # noqa: BLE001 - a bug in a check, not the record: one clean line
        problems.append(
            RecordProblem(
                display,
                0,
                "",
                f"internal error while checking this record ({type(exc).__name__}: {exc}); "
                "please report it to the kokous maintainers",
            )
        )
    return None


def validate_tree(records: Path) -> list[RecordProblem]:
    """Validate every body and every meeting and year record of every body, all years.

    Returns every problem, sorted, warnings included (``severity == "warning"``); the records
    are valid when none is an error. Reads each file a few times at most and caches nothing.
    """
    problems: list[RecordProblem] = []
    shown = str(records)
    if not records.is_dir():
        return [RecordProblem(shown, 0, "", "no records folder here")]
    with _one_pass():
        _guarded(shown, problems, _validate_tree, records, problems)
    return sorted(set(problems))


def _validate_tree(records: Path, problems: list[RecordProblem]) -> None:
    tree = scan_records(records)
    problems.extend(_file_problems(tree.problems))
    for body_id, files in tree.bodies.items():
        years = set(files.meeting_years()) | set(files.years)
        if not years:
            problems.extend(_problems_of(load_body, records, body_id))
        for year in sorted(years):
            problems.extend(_problems_of(load_volume, records, body_id, year))


def _problems_of(load: Callable[..., Any], *args: Any) -> list[RecordProblem]:
    try:
        result = load(*args)
    except RecordsInvalid as exc:
        return exc.problems
    return list(getattr(result, "warnings", []))


def _build_year(records: Path, path: Path, body: Body, year: int, problems: list[RecordProblem]):
    rec = _Record(path, display_path(records, path), "year", problems)
    checks.check_year(rec, body, year)
    d, primary = rec.data, body.primary_language
    for i, s in enumerate(d.get("statements") or ()):
        if not s["date"].startswith(f"{year}-"):
            rec.problem(("statements", i, "date"), f"{s['date']} is not in {year}")
    return YearNarrative(
        summary=_text(d.get("summary"), primary),
        statements=tuple(
            Statement(_date(s["date"]), _text(s["title"], primary), s.get("url"))
            for s in d.get("statements") or ()
        ),
        priorities=_text(d.get("priorities"), primary),
        approved=_date(d.get("approved")),
    )


def _build_meeting(
    records: Path,
    path: Path,
    key: str,
    body: Body,
    volume: Volume,
    first_section: int,
    number: int,
    problems: list[RecordProblem],
) -> Meeting:
    rec = _Record(path, display_path(records, path), "meeting", problems)
    d = rec.data
    primary = body.primary_language
    t = lambda v: _text(v, primary)

    match = MEETING_FILE.match(key)
    date = _date(d["date"])
    if not match:
        rec.problem(
            (), "file name must be the meeting date, YYYY-MM-DD.yaml (or YYYY-MM-DD-2.yaml)"
        )
    elif match["date"] != d["date"]:
        rec.problem(("date",), f"the file name says {match['date']} but date is {d['date']}")

    status = d.get("status", "held")
    start, end = _time(d.get("start")), _time(d.get("end"))
    if start and end and end <= start:
        rec.problem(("end",), f"the meeting ends ({d['end']}) before it starts ({d['start']})")
    # Overrides for migrated history may skip ahead, never back into numbers already used.
    if d.get("number") is not None:
        if d["number"] < number:
            rec.problem(
                ("number",),
                f"meeting number {d['number']} is already used by an earlier meeting of "
                f"{date.year}; the next free number is {number}",
            )
        number = d["number"]
    if d.get("first_section") is not None:
        if d["first_section"] < first_section:
            rec.problem(
                ("first_section",),
                f"§ {d['first_section']} overlaps the previous meeting, which ends at "
                f"§ {first_section - 1}; first_section must be at least {first_section}",
            )
        first_section = d["first_section"]
    if d.get("invitation_sent") and d["invitation_sent"] > d["date"]:
        rec.problem(
            ("invitation_sent",), f"the invitation is dated after the meeting ({d['date']})"
        )
    language = d.get("language", primary)
    if language not in body.languages:
        rec.problem(
            ("language",),
            f"'{language}' is not a language of {body.id} ({', '.join(body.languages)})",
        )

    def person_ok(where: yamlfile.FieldPath, pid: str, need_membership: bool = True) -> None:
        if pid not in body.persons:
            rec.problem(
                where,
                f"no person '{pid}' in the roster of {body.id}" + suggest(pid, body.persons),
            )
        elif need_membership and not body.membership_of(pid, date):
            rec.problem(where, f"'{pid}' holds no membership in {body.id} on {d['date']}")

    # Items, with § numbers running through the year.
    items: list[Item] = []
    seen_ids: dict[str, int] = {}
    attachment_no = 0
    for i, it in enumerate(d.get("items") or ()):
        where = ("items", i)
        item_id = it.get("id") or it.get("standard") or f"item{i + 1}"
        if item_id in seen_ids:
            rec.problem(
                (*where, "id"),
                f"item id '{item_id}' is used twice (first items[{seen_ids[item_id]}])",
            )
        seen_ids[item_id] = i
        if it.get("presenter"):
            person_ok((*where, "presenter"), it["presenter"], need_membership=False)
        visibility = it.get("visibility", "public")
        attachments = []
        for j, a in enumerate(it.get("attachments") or ()):
            attachment_no += 1
            a_vis = a.get("visibility", "public")
            if a_vis != "public" and not a.get("legal_basis"):
                rec.problem(
                    (*where, "attachments", j, "legal_basis"),
                    f"{_a(a_vis)} attachment must cite its legal basis, e.g. 'JulkL 24 § 1 mom. 7 k'",
                )
            attachments.append(
                Attachment(attachment_no, t(a["title"]), a_vis, t(a.get("legal_basis")))
            )
        if visibility != "public" and not it.get("legal_basis"):
            rec.problem(
                (*where, "legal_basis"),
                f"{_a(visibility)} item must cite its legal basis, e.g. 'JulkL 24 § 1 mom. 7 k'",
            )
        vote = None
        if it.get("votes"):
            v = it["votes"]
            vote = _vote(rec, (*where, "votes"), v, t, body, date, person_ok)
        motions = []
        for j, m in enumerate(it.get("motions") or ()):
            person_ok((*where, "motions", j, "by"), m["by"])
            for k, s in enumerate(m.get("seconded_by") or ()):
                person_ok((*where, "motions", j, "seconded_by", k), s)
            motions.append(Motion(m["by"], tuple(m.get("seconded_by") or ()), t(m["text"])))
        dissents = []
        for j, x in enumerate(it.get("dissent") or ()):
            person_ok((*where, "dissent", j, "person"), x["person"])
            dissents.append(Dissent(x["person"], t(x.get("text"))))
        conflicts = []
        for j, x in enumerate(it.get("conflicts") or ()):
            person_ok((*where, "conflicts", j, "person"), x["person"])
            conflicts.append(Conflict(x["person"], t(x.get("ground") or x.get("note"))))
        standard = it.get("standard")
        items.append(
            Item(
                id=item_id,
                number=first_section + i,
                standard=standard,
                title=t(it.get("title")) or Text({primary: ""}, primary),
                has_title=bool(it.get("title")),
                theme=t(it.get("theme")),
                kind=it.get("kind", "decision"),
                visibility=visibility,
                legal_basis=t(it.get("legal_basis")),
                public_title=it.get("public_title", True),
                presenter=it.get("presenter"),
                background=t(it.get("background")),
                proposal=t(it.get("proposal")),
                discussion=t(it.get("discussion")),
                motions=tuple(motions),
                vote=vote,
                decision=t(it.get("decision")),
                dissents=tuple(dissents),
                conflicts=tuple(conflicts),
                attachments=tuple(attachments),
                outcome=it.get("outcome")
                or ("decided" if it.get("kind", "decision") == "decision" else "noted"),
                added_at_meeting=bool(it.get("added_at_meeting")),
            )
        )
        if it.get("outcome") == "decided" and it.get("kind") == "information":
            rec.problem((*where, "outcome"), "an information item (kind: information) is noted")
        if not standard and not it.get("title"):
            rec.problem((*where, "title"), "an item needs a title (or standard: …)")

    # Attendance, with each person's membership and the deputies' principals.
    listed = {a["person"]: i for i, a in enumerate(d.get("attendance") or ())}
    attendance: list[Attendance] = []
    for i, a in enumerate(d.get("attendance") or ()):
        where = ("attendance", i)
        pid = a["person"]
        person_ok((*where, "person"), pid)
        membership = body.membership_of(pid, date) if pid in body.persons else None
        deputising = None
        if membership and membership.post == "deputy" and a["status"] != "absent":
            principal = body.principal_of(membership, date)
            p_index = listed.get(principal)
            p_status = d["attendance"][p_index]["status"] if p_index is not None else "absent"
            if principal is None:
                rec.problem(
                    (*where, "person"),
                    f"'{pid}' is a deputy for a seat no member holds on {d['date']}",
                )
            elif p_status != "absent":
                rec.problem(
                    (*where, "person"),
                    f"'{pid}' is the personal deputy of '{principal}', who is also present; "
                    "a deputy attends only for an absent member",
                )
            else:
                deputising = principal
                person = body.persons.get(principal)
                if (
                    language == "fi"
                    and person
                    and not i18n.finnish_genitive(person.name, person.genitive)
                ):
                    # The minutes say "varajäsen (Anna Asiakkaan sijaisena)": a genitive
                    # the spelling does not tell must come from the record, not a guess.
                    rec.problem(
                        (*where, "person"),
                        f"the minutes name '{pid}' as deputy for {person.name}, whose Finnish "
                        f"genitive the spelling does not tell: give persons.{principal}.genitive "
                        "in body.yaml",
                    )
        for field in ("arrived_at", "left_after"):
            if a.get(field) and a[field] not in seen_ids:
                rec.problem((*where, field), f"no item '{a[field]}' in this meeting")
        if a["status"] != "absent" and a.get("reason"):
            rec.problem((*where, "reason"), "a reason is given only for an absence")
        if pid in listed and listed[pid] != i:
            rec.problem((*where, "person"), f"'{pid}' is listed twice in attendance")
        attendance.append(
            Attendance(
                pid,
                a["status"],
                a.get("reason"),
                a.get("arrived_at"),
                a.get("left_after"),
                membership,
                deputising,
            )
        )

    # At a cancelled meeting everyone is absent (kokous.checks), presenters too.
    for i, it in enumerate(d.get("items") or () if status != "cancelled" else ()):
        presenter = it.get("presenter")
        if presenter in listed and d["attendance"][listed[presenter]]["status"] == "absent":
            rec.problem(("items", i, "presenter"), f"'{presenter}' is absent from this meeting")
    guests = tuple(
        Guest(
            g["name"].strip(),
            t(g.get("organisation")),
            t(g.get("role")),
            tuple(g.get("items") or ()),
            bool(g.get("consent", False)),
        )
        for g in d.get("guests") or ()
    )
    for i, g in enumerate(guests):
        for j, item in enumerate(g.items):
            if item not in seen_ids:
                rec.problem(("guests", i, "items", j), f"no item '{item}' in this meeting")

    minutes = None
    if d.get("minutes"):
        m = d["minutes"]
        for j, c in enumerate(m.get("checkers") or ()):
            person_ok(("minutes", "checkers", j), c)
        minutes = Minutes(
            m.get("status", "draft"),
            tuple(m.get("checkers") or ()),
            _date(m.get("checked")),
            m.get("approved_at"),
        )
        if (
            minutes.status == "checked"
            and body.minutes_type == "poytakirja"
            and len(minutes.checkers) < 2
        ):
            rec.problem(("minutes", "checkers"), "checked minutes need two checkers")
        if minutes.status == "approved" and not minutes.approved_at:
            rec.problem(
                ("minutes", "approved_at"), "approved minutes name the meeting that approved them"
            )
        if minutes.approved_at:
            approved = minutes.approved_at
            if meeting_order(approved) <= meeting_order(key):
                rec.problem(
                    ("minutes", "approved_at"),
                    f"minutes are approved at a later meeting, not at {approved}",
                )
            elif not (records / body.id / "meetings" / f"{approved}.yaml").is_file():
                rec.problem(
                    ("minutes", "approved_at"), f"no meeting record {approved}.yaml of {body.id}"
                )
    elif status == "held":
        minutes = Minutes("draft", (), None, None)

    press = (
        _build_press(rec, records, d.get("press"), body, date, volume, person_ok)
        if d.get("press")
        else None
    )

    meeting = Meeting(
        key=key,
        path=rec.display,
        body=body.id,
        date=date,
        number=number,
        status=status,
        type=d.get("type", body.minutes_type),
        start=start,
        end=end,
        place=t((d.get("location") or {}).get("place")),
        mode=d.get("mode", "in_person"),
        remote_link=(d.get("location") or {}).get("remote_link"),
        language=language,
        invitation_sent=_date(d.get("invitation_sent")) or mail_records.first_sent(d),
        invitations=mail_records.sent_invitations(d, date, primary),
        attendance=tuple(attendance),
        guests=guests,
        items=tuple(items),
        minutes=minutes,
        press=press,
        quorum=None,
    )
    records_agenda.read_agenda_facts(rec, d, meeting)  # issue 21: move into the registry
    # The minutes are written in the meeting's language only: every item text must have it.
    for where, text in _minutes_texts(meeting) if language in body.languages else ():
        if text is not None and not text.has(language):
            rec.problem(
                where,
                f"missing the {_LANG_NAMES.get(language, language)} text ({language}:), "
                "the language of this meeting and its minutes",
            )
    if status == "held":
        _check_roster_accounted(rec, body, meeting, listed)
        meeting.items = tuple(
            dataclasses.replace(item, quorum=compute_quorum(body, meeting, item))
            for item in meeting.items
        )
        meeting.quorum = meeting_quorum(body, meeting)
        meeting.quorum_lacking_acknowledged = bool(d.get("quorum_lacking_acknowledged"))
        _check_decisions_quorate(rec, meeting)
        if not meeting.quorum.reached and not d.get("quorum_lacking_acknowledged"):
            q = meeting.quorum
            rec.problem(
                ("attendance",),
                f"no quorum: {q.present} of {q.voting_members} voting members present, "
                f"{q.required} needed"
                + (
                    ""
                    if q.chair_present or not body.quorum.chair_required
                    else " and the chair or vice-chair must attend"
                )
                + "; set quorum_lacking_acknowledged: true to publish the minutes anyway",
            )
        if not attendance:
            rec.problem(("attendance",), "a held meeting lists its attendance")
    checks.check_meeting(rec, body, meeting)
    mail_records.check_invitations(rec, meeting)
    checks_minutes.check_minutes_record(rec, meeting)  # issue 21: move into the rule registry
    return meeting


def _build_press(
    rec: _Record,
    records: Path,
    p: dict[str, Any],
    body: Body,
    date: dt.date,
    volume: Volume,
    person_ok,
) -> Press:
    primary = body.primary_language
    t = lambda v: _text(v, primary)
    blocks = []
    for i, b in enumerate(p.get("body") or ()):
        where = ("press", "body", i)
        quote = None
        if b.get("quote"):
            q = b["quote"]
            person_ok((*where, "quote", "person"), q["person"])
            quote = Quote(q["person"], t(q["intro"]), t(q["text"]), q.get("end", ""))
            person = body.persons.get(q["person"])
            if person:
                stem = person.surname[: max(4, len(person.surname) - 2)]
                for lang, intro in quote.intro.values.items():
                    if stem.lower() not in intro.lower():
                        rec.problem(
                            (*where, "quote", "intro", lang),
                            f"the introduction must name the speaker, {person.name}",
                        )
        subs = ()
        lst = b.get("list") or {}
        if b.get("subcommittees"):
            s = b["subcommittees"]
            subs = tuple(s["bodies"])
            lst = {"intro": s.get("intro")}
            # A subcommittee whose own record is broken is still one (its record reports why):
            # ask the layout, not the subcommittees that loaded.
            for j, sid in enumerate(subs):
                if sid not in volume.subcommittees and sid not in subcommittee_ids(
                    records, body.id
                ):
                    rec.problem(
                        (*where, "subcommittees", "bodies", j),
                        f"no subcommittee '{sid}' with parent: {body.id} under records/",
                    )
        blocks.append(
            PressBlock(
                t(b.get("text")),
                quote,
                t(lst.get("intro")),
                tuple(t(x) for x in lst.get("items") or ()),
                subs,
            )
        )
    published = rec.datetime(("press", "published"), p["published"]) or dt.datetime.combine(
        date, dt.time()
    )
    next_meeting = None
    if p.get("next_meeting"):
        parts = [int(x) for x in p["next_meeting"].split("-")]
        next_meeting = (parts[0], parts[1], parts[2] if len(parts) > 2 else None)
        try:
            first_day = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        except ValueError:
            rec.problem(
                ("press", "next_meeting"),
                f"there is no such date as {p['next_meeting']} (check the day and month)",
            )
        else:
            last_day = first_day if len(parts) > 2 else dt.date(parts[0], parts[1], 28)
            if last_day <= date:
                rec.problem(
                    ("press", "next_meeting"),
                    f"the next meeting ({p['next_meeting']}) is not after this one",
                )
    contacts = _contacts(rec, ("press", "contacts"), p.get("contacts"), primary, body.persons)
    press = Press(
        published=published,
        embargo=bool(p.get("embargo", False)),
        headline=t(p["headline"]),
        lead=t(p["lead"]),
        blocks=tuple(blocks),
        next_meeting=next_meeting,
        contacts=contacts or body.contacts,
    )
    # House style: headline about 60-70 characters, never over 100; lead at most two sentences.
    for lang, headline in press.headline.values.items():
        if len(headline) > HEADLINE_MAX:
            rec.warning(
                ("press", "headline", lang)
                if isinstance(p["headline"], dict)
                else ("press", "headline"),
                f"the headline is {len(headline)} characters; house style is about 60-70, "
                f"at most {HEADLINE_MAX}",
            )
    for lang, lead in press.lead.values.items():
        count = len(_SENTENCE_END.findall(lead.rstrip() + " "))
        if count > 2:
            rec.warning(
                ("press", "lead", lang) if isinstance(p["lead"], dict) else ("press", "lead"),
                f"the lead has {count} sentences; house style is at most two",
            )
    # Every publication language has its text.
    for lang in body.languages:
        for where, text in _press_texts(press):
            if text is not None and not text.has(lang):
                rec.problem(
                    (*where, lang) if isinstance(where, tuple) else where,
                    f"missing the {_LANG_NAMES.get(lang, lang)} text ({lang}:); "
                    f"{body.id} publishes in {', '.join(body.languages)}",
                )
    return press


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


_LANG_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
HEADLINE_MAX = 100
# A sentence ends in . ! or ? followed by a space; "12.3.2025" and "klo 13.00" do not end one.
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]*\s+")


def _press_texts(press: Press) -> Iterable[tuple[yamlfile.FieldPath, Text | None]]:
    yield ("press", "headline"), press.headline
    yield ("press", "lead"), press.lead
    for i, b in enumerate(press.blocks):
        where = ("press", "body", i)
        yield (*where, "text"), b.text
        if b.quote:
            yield (*where, "quote", "intro"), b.quote.intro
            yield (*where, "quote", "text"), b.quote.text
        key = "subcommittees" if b.subcommittees else "list"
        yield (*where, key, "intro"), b.list_intro
        for j, x in enumerate(b.list_items):
            yield (*where, "list", "items", j), x
    for i, c in enumerate(press.contacts):
        yield ("press", "contacts", i, "role"), c.role


def _minutes_texts(meeting: Meeting) -> Iterable[tuple[yamlfile.FieldPath, Text | None]]:
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


def _vote(
    rec: _Record,
    where: yamlfile.FieldPath,
    v: dict[str, Any],
    t: Callable[[Any], Text | None],
    body: Body,
    date: dt.date,
    person_ok: Callable[..., None],
) -> Vote:
    """A vote with its winner: JAA/EI by the counts, a tie by the lot (arpa) or, in a named
    vote, by the side of the presiding chair."""
    for side in ("for", "against", "abstain"):
        named = v.get(f"named_{side}") or ()
        for k, pid in enumerate(named):
            person_ok((*where, f"named_{side}", k), pid)
        if named and v.get(side, len(named)) != len(named):
            rec.problem(
                (*where, side),
                f"{v[side]} votes {side}, but named_{side} lists {len(named)} persons",
            )
    # An open vote may name its voters too, where the body's practice records them (issue 21);
    # a secret ballot never does.
    if v.get("method") == "secret" and any(
        v.get(f"named_{side}") for side in ("for", "against", "abstain")
    ):
        rec.problem((*where, "method"), "a secret ballot (method: secret) names no voters")
    votes_for = v.get("for", len(v.get("named_for") or ()))
    votes_against = v.get("against", len(v.get("named_against") or ()))
    winner: str | None = None
    broken_by: str | None = None
    lot = v.get("lot")
    if votes_for != votes_against:
        winner = "jaa" if votes_for > votes_against else "ei"
        if lot:
            rec.problem((*where, "lot"), "a lot (arpa) is drawn only when the votes are tied")
    elif lot:
        winner, broken_by = lot, "lot"
    else:
        for post in ("chair", "vice_chair"):
            pid = body.holder(post, date)
            if pid and pid in (v.get("named_for") or ()):
                winner, broken_by = "jaa", "chair"
            elif pid and pid in (v.get("named_against") or ()):
                winner, broken_by = "ei", "chair"
            if winner:
                break
        if winner is None and votes_for:
            rec.problem(
                (*where, "lot"),
                f"the vote is tied {votes_for}\u2013{votes_against}: give lot: jaa or lot: ei "
                "(the side the lot fell on), or record a named vote so the chair's vote decides",
            )
    if bool(v.get("jaa")) != bool(v.get("ei")):
        rec.problem(where, "a vote puts two proposals against each other: give both jaa and ei")
    return Vote(
        v.get("method", "open"),
        t(v.get("question")),
        votes_for,
        votes_against,
        v.get("abstain", len(v.get("named_abstain") or ())),
        tuple(v.get("named_for") or ()),
        tuple(v.get("named_against") or ()),
        tuple(v.get("named_abstain") or ()),
        t(v.get("jaa")),
        t(v.get("ei")),
        lot,
        winner,
        broken_by,
    )


def _check_roster_accounted(
    rec: _Record, body: Body, meeting: Meeting, listed: dict[str, int]
) -> None:
    """Every voting member on the meeting date is in the attendance: present, remote, absent,
    or absent with the personal deputy attending. A member left out would vanish from the
    minutes while still counting in the quorum's denominator."""
    for m in body.memberships_on(meeting.date):
        if m.votes and m.person not in listed:
            name = body.persons[m.person].name if m.person in body.persons else m.person
            rec.problem(
                ("attendance",),
                f"voting member {name} ('{m.person}') is not in the attendance; list every "
                f"voting member, e.g. {{person: {m.person}, status: absent}}",
            )


def present_at(meeting: Meeting, item: Item) -> set[str]:
    """Person ids attending while ``item`` was handled: arrivals from their item on,
    departures after theirs, and without the members disqualified from this item."""
    order = {it.id: k for k, it in enumerate(meeting.items)}
    here = order.get(item.id, 0)
    present = set()
    for a in meeting.attendance:
        if not a.attends:
            continue
        if a.arrived_at and order.get(a.arrived_at, 0) > here:
            continue
        if a.left_after and order.get(a.left_after, len(order)) < here:
            continue
        present.add(a.person)
    return present - {c.person for c in item.conflicts}


def compute_quorum(body: Body, meeting: Meeting, item: Item | None = None) -> Quorum:
    """Quorum under the body's rule while ``item`` was handled (None: counting everyone who
    attended at all). Voting seats are the chair, vice-chair and members on the meeting date;
    a seat is filled by its holder, or by the personal deputy standing in for an absent
    holder; a disqualified member does not fill a seat for that item."""
    seats = [m for m in body.memberships_on(meeting.date) if m.votes]
    if item is None:
        attending = {a.person for a in meeting.attendance if a.attends}
    else:
        attending = present_at(meeting, item)
    deputies = {
        a.deputising_for for a in meeting.attendance if a.deputising_for and a.person in attending
    }
    present = sum(1 for m in seats if m.person in attending or m.person in deputies)
    n = len(seats)
    required = body.quorum.required(n)
    chair_present = any(m.person in attending for m in seats if m.post in ("chair", "vice_chair"))
    reached = present >= required and (chair_present or not body.quorum.chair_required)
    return Quorum(n, present, required, chair_present, reached)


def meeting_quorum(body: Body, meeting: Meeting) -> Quorum:
    """The quorum the minutes state at the legality item (kokouksen laillisuus ja
    päätösvaltaisuus), else at the first item."""
    legality = next((i for i in meeting.items if i.standard == "legality"), None)
    item = legality or (meeting.items[0] if meeting.items else None)
    return compute_quorum(body, meeting, item)


def _check_decisions_quorate(rec: _Record, meeting: Meeting) -> None:
    """Nothing is decided without a quorum. (That no vote has more voters than were present
    is checked once, by :func:`kokous.checks.check_meeting`.)"""
    for i, item in enumerate(meeting.items):
        q = item.quorum
        if q is None:
            continue
        if not q.reached and not item.standard and item.outcome == "decided":
            rec.problem(
                ("items", i, "outcome"),
                f"no quorum at {item.number} § ({q.present} of {q.voting_members} voting members "
                f"present, {q.required} needed): nothing can be decided; record what happened "
                "with outcome: deferred, returned or withdrawn",
            )
