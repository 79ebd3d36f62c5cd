"""Load records into the typed model: read, build, derive, judge.

Layout (see docs/records.md):
    records/<body>/body.yaml                 the body, its roster and settings
    records/<body>/meetings/<YYYY-MM-DD>.yaml one meeting (``-2`` suffix for a second that day)
    records/<body>/years/<YYYY>.yaml          optional narrative for the annual report

A subcommittee is a body of its own with ``parent: <body>``; it shares the parent's persons
and organisations.

The steps, for a body's year (:func:`load_volume`): the loaders (:mod:`kokous.loaders`) read
each file and build its model, reporting only what stops that (K0xx); this module derives what
follows from the whole year (§ numbers, meeting numbers, quorum at each item); then the rules
of :mod:`kokous.lint` judge the model. :func:`validate_tree` does this for every body and year,
after the file rules (K1xx) the workflow applies at its start.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import lint
from .errors import RecordProblem, RecordsInvalid, guarded, unread_file
from .layout import FileProblem, scan_body
from .lint.folders import start_problems
from .lint.subjects import MeetingSubject, VolumeSubject, YearSubject
from .loaders.body import item_ids
from .loaders.body import load_body as _build_body
from .loaders.meeting import build_meeting
from .loaders.record import Record, digests, one_pass, read
from .loaders.year import build_year
from .model import Body, Established, Item, Meeting, Quorum
from .recordpaths import display_path, link_problem
from .volume import Volume, YearNarrative

__all__ = [
    "Established",
    "Quorum",
    "compute_quorum",
    "item_ids",
    "load_body",
    "load_volume",
    "meeting_quorum",
    "present_at",
    "validate_tree",
]


# ---------------------------------------------------------------------------------------------
# Bodies


def load_body(records: Path, body_id: str) -> Body:
    """Load and check one body (with its parent's roster for a subcommittee)."""
    with one_pass():
        return _load_body(records, body_id)


def _load_body(records: Path, body_id: str) -> Body:
    problems: list[RecordProblem] = []
    shown = display_path(records, records / body_id / "body.yaml")
    body = guarded(shown, problems, _build_body, records, body_id, problems)
    if body is None or any(p.is_error for p in problems):
        raise RecordsInvalid(problems)
    return body


# ---------------------------------------------------------------------------------------------
# A body's year


def load_volume(records: Path, body_id: str, year: int) -> Volume:
    """Load one body's year: the body, its meetings of that year in order (with § numbers,
    meeting numbers and quorum derived), its subcommittees, and the year's narrative.

    Raises :class:`RecordsInvalid` listing every problem in every file involved (warnings
    included, flagged); when there are only warnings they are in ``Volume.warnings``.
    """
    with one_pass():
        return _load_volume(records, body_id, year)


def _load_volume(records: Path, body_id: str, year: int) -> Volume:
    # The files first (directory listings), then each file read and built, in that order: the
    # records folder is passed down, never back up.
    files = scan_body(records, body_id, subcommittees=True)
    misnamed = [unread_file(p) for p in files.problems if p.year == year]
    keys = [k for k in files.meetings if k.startswith(f"{year}-")]
    problems: list[RecordProblem] = []
    shown = display_path(records, records / body_id / "body.yaml")
    body = guarded(shown, problems, _build_body, records, body_id, problems)
    if body is None:
        raise RecordsInvalid(problems)
    volume = Volume(body=body, year=year)
    for sub in files.subcommittees:
        shown = display_path(records, records / sub / "body.yaml")
        built = guarded(shown, problems, _build_body, records, sub, problems)
        if built is not None:
            volume.subcommittees[sub] = built
    problems.extend(misnamed)
    # § numbers run on from the previous meeting's last item, meeting numbers from the
    # previous meeting that was not cancelled.
    next_section, next_number = 1, 1
    for key in keys:
        path = records / body_id / "meetings" / f"{key}.yaml"
        shown = display_path(records, path)
        free = (next_section, next_number)
        meeting = guarded(
            shown, problems, _load_meeting, records, path, key, volume, free, problems
        )
        if meeting is not None:
            volume.meetings.append(meeting)
            next_section = meeting.items[-1].number + 1 if meeting.items else next_section
            next_number = meeting.number + 1 if meeting.status != "cancelled" else next_number
    shown = display_path(records, records / body_id)
    guarded(shown, problems, _judge_year, records, volume, problems)
    if year in files.years:
        year_path = records / body_id / "years" / f"{year}.yaml"
        shown = display_path(records, year_path)
        volume.narrative = guarded(
            shown, problems, _load_year, year_path, shown, body, year, problems
        )
    if any(p.is_error for p in problems):
        raise RecordsInvalid(problems)
    volume.warnings = sorted(set(problems))
    volume.records_folder = records.as_posix()
    parsed = digests()
    volume.sources = {
        n: parsed[records / n] for n in _source_names(volume) if records / n in parsed
    }
    return volume


def _load_meeting(
    records: Path,
    path: Path,
    key: str,
    volume: Volume,
    free: tuple[int, int],
    problems: list[RecordProblem],
) -> Meeting:
    """Build one meeting, derive its quorum, then judge it by the meeting rules. ``free``: the
    first § number and the meeting number the year's earlier meetings leave free."""
    next_section, next_number = free
    body = volume.body
    rec = Record(path, display_path(records, path), "meeting", problems)
    meeting = build_meeting(rec, records, key, body, volume, next_section, next_number)
    if meeting.status == "held":
        _derive_quorum(body, meeting, bool(rec.data.get("quorum_lacking_acknowledged")))
    subject = MeetingSubject(meeting, body, rec.data, records, volume, next_number, next_section)
    lint.run("meeting", subject, rec.problem)
    return meeting


def _load_year(
    path: Path, shown: str, body: Body, year: int, problems: list[RecordProblem]
) -> YearNarrative:
    rec = Record(path, shown, "year", problems)
    narrative = build_year(rec, body)
    lint.run("year", YearSubject(body, year, narrative, rec.data), rec.problem)
    return narrative


def _judge_year(records: Path, volume: Volume, problems: list[RecordProblem]) -> None:
    """The rules that look at two meetings at once; each reports in the meeting it concerns."""
    body = volume.body
    shown = {m.key: m.path for m in volume.meetings}

    def status_of(key: str) -> str | None:
        path = records / body.id / "meetings" / f"{key}.yaml"
        if link_problem(records, path):
            return None  # never read; the layout reports the link
        try:
            return read(path, display_path(records, path), "meeting")[0].get("status", "held")
        except RecordsInvalid:
            return None

    for found, path, message in lint.findings("volume", VolumeSubject(volume, status_of)):
        key, field = str(path[0]), path[1:]
        rec = Record(
            records / body.id / "meetings" / f"{key}.yaml", shown[key], "meeting", problems
        )
        rec.problem(field, message, found.severity, found.code)


def _source_names(volume: Volume) -> list[str]:
    """The record files ``volume`` is made from, by path under its records folder. Their
    sources are the sha256 of the bytes each was parsed from in this pass (not read again: an
    edit in between would give a digest of other bytes)."""
    body = volume.body
    names = [
        f"{body.id}/body.yaml",
        *([f"{body.parent}/body.yaml"] if body.parent else []),
        *(f"{sub}/body.yaml" for sub in volume.subcommittees),
        *(f"{body.id}/meetings/{m.key}.yaml" for m in volume.meetings),
        *([f"{body.id}/years/{volume.year}.yaml"] if volume.narrative else []),
    ]
    return names


# ---------------------------------------------------------------------------------------------
# Every record


def validate_tree(records: Path) -> list[RecordProblem]:
    """Validate every body and every meeting and year record of every body, all years, after
    the file and folder rules the workflow applies at its start (the same problems, the same
    lines).

    Returns every problem, sorted, warnings included (``severity == "warning"``); the records
    are valid when none is an error. Reads each file a few times at most and caches nothing.
    """
    problems: list[RecordProblem] = []
    shown = str(records)
    if not records.is_dir():
        return [RecordProblem(shown, 0, "", "no records folder here", code="K100")]
    with one_pass():
        guarded(shown, problems, _validate_tree, records, problems)
    return sorted(set(problems))


def _validate_tree(records: Path, problems: list[RecordProblem]) -> None:
    tree, refused = start_problems(records)
    problems.extend(unread_file(p) for p in [*refused, *_placeable(tree.problems, refused)])
    for body_id, files in tree.bodies.items():
        years = set(files.meeting_years()) | set(files.years)
        if not years:
            problems.extend(_problems_of(load_body, records, body_id))
        for year in sorted(years):
            problems.extend(_problems_of(load_volume, records, body_id, year))


def _placeable(found: tuple[FileProblem, ...], refused: list[FileProblem]) -> list[FileProblem]:
    """The file problems a body-year's check job reports (those not refused at start)."""
    return [p for p in found if p not in refused]


def _problems_of(load: Callable[..., Any], *args: Any) -> list[RecordProblem]:
    try:
        result = load(*args)
    except RecordsInvalid as exc:
        return exc.problems
    return list(getattr(result, "warnings", []))


# ---------------------------------------------------------------------------------------------
# Quorum: derived from the roster and the attendance, item by item


def _derive_quorum(body: Body, meeting: Meeting, acknowledged: bool) -> None:
    meeting.items = tuple(
        dataclasses.replace(item, quorum=compute_quorum(body, meeting, item))
        for item in meeting.items
    )
    meeting.quorum = meeting_quorum(body, meeting)
    meeting.quorum_lacking_acknowledged = acknowledged


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
