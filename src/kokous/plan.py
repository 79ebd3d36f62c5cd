"""What the build will write, known before any job runs: the workflow's table of jobs.

Snakemake decides what is stale, so what each job writes is declared as its outputs: a render
job's meeting folders (one per meeting and edition with documents), an annual report's files.
Which documents a meeting yields depends on its content (a press block, draft minutes, an
embargo, the body's languages), so the workflow reads the records once at its start and asks
this module for the plan: one *check* job per body and year (load and validate, write the
typed model), *render* jobs of at most :data:`CHUNK_MEETINGS` meetings each, one *annual
report* job per main body and year, and the documents each of them writes.

The decision of which documents exist is made here, once, in :func:`meeting_publications`;
the render jobs call the same function on the validated model (see
:func:`kokous.documents.meeting_documents`), so the plan and the files cannot disagree.

Only cheap work happens here: directory listings and the few fields of each record that
decide the plan, parsed only when the record's bytes are new (:mod:`kokous.plan_facts`).
A record that cannot be read this way leaves its body-year
*unplanned*: only its check job is declared, and that job reports the problem as
``file:line: field: message``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .layout import RecordTree, scan_records
from .lint.folders import start_problems
from .plan_facts import FieldsMemo, MeetingFacts, meeting_facts

EDITIONS = ("public", "internal")
KIND_FORMATS: Mapping[str, tuple[str, ...]] = {
    "press-release": ("html", "pdf", "docx", "txt", "eml"),
    "minutes": ("html", "pdf", "docx"),
    "agenda": ("html", "pdf", "docx"),
    "invitation": ("eml", "ics"),
    "annual-report": ("html", "pdf", "docx"),
}
"""The formats of each kind of document; ``extra_formats`` (ODT) adds to every kind with DOCX."""

MEDIA_TYPES: Mapping[str, str] = {
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
    "eml": "message/rfc822",
    "ics": "text/calendar",
}
"""The media type of each format, for the desk's links and the OParl export's files."""

MAIL_FORMATS = frozenset({"eml", "ics"})
"""Formats assembled by :mod:`kokous.mail` from a document's converted formats (the press
release's HTML and text, the agenda's PDF), not converted by pandoc or typst."""

AGENDA_PUBLICATION = ("before_meeting", "after_meeting", "never")
"""A body's ``agenda_publication``: when the public edition holds a meeting's agenda."""

CHUNK_MEETINGS = 10
"""Meetings per render job. One job costs an interpreter start and one pandoc process
(about 0.5 s); ten meetings are about 3 s of conversions, so the start is amortised while a
body-year of 150 meetings still spreads over 15 jobs and every core (docs/performance.md)."""


class PlanError(Exception):
    """The records folder cannot be planned at all (a bad folder name, an unknown body in the
    selection); the message is one line naming what to change."""


# ------------------------------------------------------------------------------ the clock


def build_clock() -> dt.datetime:
    """The build's "now" in Helsinki local time (naive, like the records' times), to the
    minute: ``KOKOUS_NOW`` (``YYYY-MM-DDTHH:MM``; the workflow sets it for its jobs, so every
    job of a run uses the clock its plan was made with), else ``SOURCE_DATE_EPOCH`` (so a
    rebuild of the same records is reproducible), else the system clock."""
    from zoneinfo import ZoneInfo

    pinned = os.environ.get("KOKOUS_NOW")
    if pinned:
        return parse_clock(pinned)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.astimezone(ZoneInfo("Europe/Helsinki")).replace(tzinfo=None, second=0)


def format_clock(now: dt.datetime) -> str:
    return now.isoformat(timespec="minutes")


def parse_clock(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# ------------------------------------------------------------------------------ the decision


def meeting_publications(
    facts: MeetingFacts, languages: Sequence[str], edition: str, now: dt.datetime
) -> list[tuple[str, str]]:
    """``(kind, lang)`` of every document a meeting yields in ``edition`` at build time ``now``:
    a press release in each publication language of the body (public only once its embargo
    has passed), the agenda in the meeting's language (internal always, public as the body's
    ``agenda_publication`` says), the invitation while the meeting is planned (internal only),
    and the minutes in the meeting's language once held (public only when they are no longer
    a draft)."""
    public = edition == "public"
    out: list[tuple[str, str]] = []
    if facts.status in ("planned", "held") and facts.has_items:
        shown = facts.agenda_publication == "before_meeting" or (
            facts.agenda_publication == "after_meeting" and facts.status == "held"
        )
        if not public or shown:
            out.append(("agenda", facts.language))
        if facts.status == "planned" and not public:
            out.append(("invitation", facts.language))
    if facts.has_press and facts.status != "cancelled":
        embargoed = facts.embargo_until is not None and facts.embargo_until > now
        if not (public and embargoed):
            out += [("press-release", lang) for lang in languages]
    if facts.status == "held" and not (public and not facts.minutes_final):
        out.append(("minutes", facts.language))
    return out


def document_stem(edition: str, body: str, year: int, meeting: str | None, name: str) -> str:
    """``{edition}/{body}/{year}/[{meeting}/]{name}``, relative to ``build/``."""
    return "/".join([edition, body, str(year), *([meeting] if meeting else []), name])


def formats_of_document(formats: Sequence[str], extra_formats: Sequence[str]) -> tuple[str, ...]:
    """``formats`` plus the extra formats (ODT) when it has a word-processor format."""
    if "docx" not in formats:
        return tuple(formats)
    return (*formats, *(f for f in extra_formats if f not in formats))


def formats_of(kind: str, extra_formats: Sequence[str] = ()) -> tuple[str, ...]:
    return formats_of_document(KIND_FORMATS[kind], extra_formats)


def files_of(stem: str, kind: str, extra_formats: Sequence[str] = ()) -> list[str]:
    return [f"{stem}.{fmt}" for fmt in formats_of(kind, extra_formats)]


# ------------------------------------------------------------------------------ the plan


@dataclass
class RenderJob:
    """One render job: a run of consecutive meetings of a body-year."""

    name: str
    body: str
    year: int
    meetings: list[str]
    files: list[str] = field(default_factory=list)
    """Every document file it writes, relative to ``build/``."""
    released: list[str] = field(default_factory=list)
    """Its meetings whose embargo the build clock has passed: the internal edition drops
    their embargo banner then, so a change here reruns the job."""
    names_withdrawn: list[str] = field(default_factory=list)
    """Its meetings whose guests' display period the build clock has passed: their public
    minutes drop the names then, so a change here reruns the job."""
    records_commits: dict[str, str] = field(default_factory=dict)
    """The records' commit each document names (issue 16), by meeting key (``annual-report``
    for the report): see :func:`assign_commits`. A commit of a job's records reruns it."""

    @property
    def part(self) -> str:
        return f".kokous/parts/{self.body}/{self.year}/{self.name}.json"

    @property
    def folders(self) -> list[str]:
        """The meeting folders it writes (``{edition}/{body}/{year}/{meeting}``, relative to
        ``build/``): one per meeting and edition in which the meeting has documents. They are
        the job's declared outputs (``directory()``), not its files: see docs/performance.md."""
        return sorted({f.rsplit("/", 1)[0] for f in self.files if f.count("/") == 4})


@dataclass
class BodyYear:
    """One body's year: its check job and the jobs that write its documents."""

    body: str
    year: int
    parent: str | None
    records: list[str]
    """Every record file its check job reads, as paths under the records folder."""
    publish: bool = True
    """False for a subcommittee checked only for its parent's annual report (a selection
    that names the parent alone): its documents are neither written nor removed."""
    render: list[RenderJob] = field(default_factory=list)
    annual: RenderJob | None = None
    unplanned: str | None = None
    """Why the documents could not be planned (the check job reports it in full)."""
    file_problems: list[str] = field(default_factory=list)
    """Misnamed record files of this body-year (``path: message``): its check job fails on
    them, and a change here reruns it."""

    @property
    def checked(self) -> str:
        return f".kokous/checked/{self.body}/{self.year}.pickle"

    @property
    def facts(self) -> str:
        return f".kokous/checked/{self.body}/{self.year}.desk.json"

    @property
    def jobs(self) -> list[RenderJob]:
        return [*self.render, *([self.annual] if self.annual else [])]

    @property
    def files(self) -> list[str]:
        return [f for job in self.jobs for f in job.files]

    @property
    def folders(self) -> list[str]:
        return [f for job in self.render for f in job.folders]


@dataclass
class Plan:
    bodies: dict[str, str | None]
    """Every body id and its parent (None for a main body)."""
    years: list[BodyYear]
    now: dt.datetime
    """The build clock the plan was made with (embargoes)."""
    raw_bodies: dict[str, Any] = field(default_factory=dict)
    """Every body's ``body.yaml`` as parsed (None when unreadable): the desk's navigation
    names every body (:func:`kokous.publish.site_facts`)."""

    @property
    def files(self) -> list[str]:
        return [f for by in self.years for f in by.files]

    def body_years(self, body: str) -> list[BodyYear]:
        """The body's planned years (those it publishes)."""
        return [by for by in self.years if by.body == body and by.publish]

    @property
    def published_bodies(self) -> list[str]:
        """The bodies whose documents this build writes, sorted."""
        return sorted({by.body for by in self.years if by.publish})


def scan(records: Path) -> RecordTree:
    """The record files, by the one rule that ``kokous validate`` applies too
    (:func:`kokous.lint.folders.start_problems`): a folder name that is no body id, or a
    problem that no body-year's check can report (a folder without ``body.yaml``, a stray file
    whose name gives no year), stops the run with the line ``kokous validate`` prints."""
    tree, refused = start_problems(records)
    if refused:
        raise PlanError("\n".join(str(p) for p in refused))
    return tree


_PARENT_LINE = re.compile(r"^parent:\s*['\"]?([a-z][a-z0-9_-]*)['\"]?\s*(?:#.*)?$", re.MULTILINE)


@dataclass
class _Planning:
    """What planning every body-year shares: the records, their bodies, the build's settings
    and the memo of what is read of the records."""

    records: Path
    parents: Mapping[str, str | None]
    raw_bodies: Mapping[str, Any]
    editions: Sequence[str]
    extra_formats: Sequence[str]
    now: dt.datetime
    chunk: int
    memo: FieldsMemo


def make_plan(
    records: Path,
    selected: Sequence[str] = (),
    editions: Sequence[str] = EDITIONS,
    extra_formats: Sequence[str] = (),
    now: dt.datetime | None = None,
    chunk: int = CHUNK_MEETINGS,
    memo: Path | None = None,
) -> Plan:
    """The whole build's plan. ``selected`` names the bodies to build (empty: all); ``memo``
    is the file that remembers what is read of each record between runs
    (:data:`kokous.plan_facts.MEMO` under ``build/``; None: none)."""
    tree = scan(records)
    folders = tree.bodies
    unknown = [b for b in selected if b not in folders]
    if unknown:
        raise PlanError(
            f"config bodies: no body {', '.join(repr(b) for b in unknown)} under {records}/"
            f" (the bodies are: {', '.join(folders) or 'none'})"
        )
    fields = FieldsMemo(memo)
    raw_bodies, parents = read_bodies(tree, fields)
    planning = _Planning(
        records, parents, raw_bodies, editions, extra_formats, now or build_clock(), chunk, fields
    )
    plan = Plan(dict(parents), [], planning.now)
    chosen = set(selected) or set(folders)
    for head, members in sorted(_families(folders, parents).items()):
        # The annual report covers the subcommittees: their check jobs run with the head's.
        needed = members if head in chosen else [b for b in members if b in chosen]
        for body in needed:
            for year in _family_years(tree, members):
                by = _plan_body_year(planning, tree, body, year, head, body in chosen)
                plan.years.append(by)
    planning.memo.save()
    assign_commits(records, plan.years, parents)
    plan.raw_bodies = raw_bodies
    return plan


def _families(folders: Iterable[str], parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """The bodies by the main body whose family they belong to (:func:`family_head`)."""
    families: dict[str, list[str]] = {}
    for body in folders:
        families.setdefault(family_head(body, parents), []).append(body)
    return families


def _family_years(tree: RecordTree, members: Sequence[str]) -> list[int]:
    """Every year a family has a meeting, a year narrative or a misnamed record file in: a
    misnamed file stops its body-year, and that year's check job reports it."""
    years = set()
    for body in members:
        files = tree.bodies[body]
        years |= {int(k[:4]) for k in files.meetings} | set(files.years)
    years |= {p.year for p in tree.problems if p.body in members and p.year is not None}
    return sorted(years)


ANNUAL_REPORT = "annual-report"


def meeting_record_files(body: str, parents: Mapping[str, str | None], key: str) -> list[str]:
    """The record files a meeting's documents can be made from (under the records folder):
    the meeting's, its body's and parent's ``body.yaml`` and its subcommittees' (a press
    release lists them)."""
    files = [f"{body}/body.yaml", f"{body}/meetings/{key}.yaml"]
    if parents.get(body):
        files.append(f"{parents[body]}/body.yaml")
    files += sorted(f"{b}/body.yaml" for b, p in parents.items() if p == body)
    return files


def assign_commits(
    records: Path, years: Sequence[BodyYear], parents: Mapping[str, str | None]
) -> None:
    """Each render job's ``records_commits``: per meeting, the commit of its record files
    (:func:`meeting_record_files`); for an annual report, of every record of the family's
    year. One pair of git processes for the whole plan (:func:`kokous.manifest.source_commits`)."""
    from .manifest import source_commits

    groups: dict[tuple[int, str], list[str]] = {}
    for i, by in enumerate(years):
        for job in by.render:
            for key in job.meetings:
                groups[(i, key)] = meeting_record_files(by.body, parents, key)
        if by.annual:
            groups[(i, ANNUAL_REPORT)] = sorted(
                {
                    f
                    for other in years
                    if other.year == by.year and by.body in (other.body, other.parent)
                    for f in other.records
                }
            )
    if not groups:
        return
    names = {f"{i}:{key}": files for (i, key), files in groups.items()}
    commits = source_commits(records, names)
    for i, by in enumerate(years):
        for job in by.render:
            job.records_commits = {k: commits[f"{i}:{k}"] for k in job.meetings}
        if by.annual:
            by.annual.records_commits = {ANNUAL_REPORT: commits[f"{i}:{ANNUAL_REPORT}"]}


def family_head(body: str, parents: Mapping[str, str | None]) -> str:
    """The main body whose family ``body`` belongs to: its parent, or itself. A subcommittee
    of a missing body or of another subcommittee is its own family (its check job reports
    that record error)."""
    parent = parents[body]
    if parent is None or parent not in parents or parents[parent] is not None:
        return body
    return parent


def read_bodies(
    tree: RecordTree, memo: FieldsMemo | None = None
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """What the plan reads of the bodies' records (:func:`kokous.plan_facts.body_fields`; None
    when unreadable) and their parents."""
    memo = memo or FieldsMemo(None)
    raw_bodies: dict[str, Any] = {}
    parents: dict[str, str | None] = {}
    for body, files in tree.bodies.items():
        assert files.body_file is not None
        try:
            raw_bodies[body] = memo.read(files.body_file, "body")
            parent = raw_bodies[body].get("parent")
        except Exception:  # noqa: BLE001 (the check job reports it; use the parent line)
            raw_bodies[body] = None
            text = files.body_file.read_text(encoding="utf-8", errors="replace")
            match = _PARENT_LINE.search(text)
            parent = match.group(1) if match else None
        parents[body] = parent if isinstance(parent, str) else None
    return raw_bodies, parents


def plan_body_year(
    records: Path,
    body: str,
    year: int,
    editions: Sequence[str],
    extra_formats: Sequence[str],
    now: dt.datetime,
    chunk: int = CHUNK_MEETINGS,
    bodies: tuple[Mapping[str, Any], Mapping[str, str | None]] | None = None,
    memo: Path | None = None,
) -> BodyYear:
    """The plan of one body-year, as :func:`make_plan` makes it (for its check job).
    ``bodies``: :func:`read_bodies` of the tree when the caller holds it (``kokous preview``
    keeps it between edits: reading every ``body.yaml`` is most of this function's cost);
    ``memo``: the workflow's memo of what is read of the records, read but not written (the
    job runs beside others)."""
    tree = scan_records(records)
    fields = FieldsMemo(memo, save_changes=False)
    raw_bodies, parents = bodies or read_bodies(tree, fields)
    planning = _Planning(records, parents, raw_bodies, editions, extra_formats, now, chunk, fields)
    return _plan_body_year(planning, tree, body, year, family_head(body, parents), True)


def _display_days(
    body: str, parents: Mapping[str, str | None], raw: Mapping[str, Any]
) -> int | None:
    """The body's display period of non-members' names, a subcommittee's from its parent."""
    for owner in (body, parents[body]):
        data = raw.get(owner) if owner else None
        if isinstance(data, dict) and isinstance(data.get("personal_data_display_days"), int):
            return data["personal_data_display_days"]
    return None


def _languages(body: str, parents: Mapping[str, str | None], raw: Mapping[str, Any]) -> list[str]:
    data = raw[body]
    if not isinstance(data, dict):
        raise TypeError("unreadable body record")
    languages = data.get("languages")
    if languages:
        return [str(lang) for lang in languages]
    parent = parents[body]
    if parent and isinstance(raw.get(parent), dict) and raw[parent].get("languages"):
        return [str(raw[parent]["languages"][0])]
    return ["fi"]


def _agenda_publication(body: str, raw: Mapping[str, Any]) -> str:
    value = raw[body].get("agenda_publication", "never")
    if value not in AGENDA_PUBLICATION:
        raise ValueError(f"agenda_publication: {value!r}")
    return str(value)


def _plan_body_year(
    planning: _Planning, tree: RecordTree, body: str, year: int, head: str, publish: bool
) -> BodyYear:
    """One body-year's check job and, when ``publish``, its render and annual-report jobs; a
    record the plan cannot read leaves it *unplanned* (its check job reports why)."""
    parents = planning.parents
    keys = [k for k in tree.bodies[body].meetings if k.startswith(f"{year}-")]
    files = [f"{body}/body.yaml"]
    if parents[body] in parents:
        files.append(f"{parents[body]}/body.yaml")
    files += sorted(f"{b}/body.yaml" for b, p in parents.items() if p == body)
    files += [f"{body}/meetings/{k}.yaml" for k in keys]
    if year in tree.bodies[body].years:
        files.append(f"{body}/years/{year}.yaml")
    by = BodyYear(body, year, parents[body], files, publish)
    by.file_problems = [str(p) for p in tree.problems_of([body], year)]
    if by.file_problems:
        by.unplanned = "; ".join(by.file_problems)
    if not publish or by.unplanned:
        return by
    try:
        languages = _languages(body, parents, planning.raw_bodies)
        facts = _facts_of(planning, body, keys, languages[0])
    except Exception as exc:  # noqa: BLE001 (the check job reports it in full)
        by.unplanned = f"{type(exc).__name__}: {exc}"
        return by
    by.render = _render_jobs(planning, body, year, facts, languages)
    if body == head and parents[body] is None:
        by.annual = _annual_report_job(planning, body, year, languages[0])
    return by


def _facts_of(planning: _Planning, body: str, keys: Sequence[str], primary: str) -> list:
    """The deciding facts of the body's meetings ``keys`` (raises on a malformed record)."""
    display_days = _display_days(body, planning.parents, planning.raw_bodies)
    agenda_publication = _agenda_publication(body, planning.raw_bodies)
    meetings = planning.records / body / "meetings"
    return [
        meeting_facts(
            k,
            planning.memo.read(meetings / f"{k}.yaml"),
            primary,
            display_days,
            agenda_publication,
        )
        for k in keys
    ]


def _render_jobs(
    planning: _Planning,
    body: str,
    year: int,
    facts: Sequence[MeetingFacts],
    languages: Sequence[str],
) -> list[RenderJob]:
    """The body-year's meetings in runs of ``planning.chunk``, each run one render job with
    every document file it writes."""
    now, jobs = planning.now, []
    for start in range(0, len(facts), planning.chunk):
        part = facts[start : start + planning.chunk]
        job = RenderJob(
            f"meetings-{start // planning.chunk + 1}", body, year, [f.key for f in part]
        )
        job.released = [f.key for f in part if f.embargo_until and f.embargo_until <= now]
        job.names_withdrawn = [
            f.key for f in part if f.names_shown_until and f.names_shown_until <= now
        ]
        for f in part:
            for edition in planning.editions:
                for kind, lang in meeting_publications(f, languages, edition, now):
                    stem = document_stem(edition, body, year, f.key, f"{kind}.{lang}")
                    job.files += files_of(stem, kind, planning.extra_formats)
        jobs.append(job)
    return jobs


def _annual_report_job(planning: _Planning, body: str, year: int, lang: str) -> RenderJob:
    """A main body's annual report of ``year``, in its first language. Named by its language:
    the workflow's annual-report rule has the language as a wildcard, and each of a rule's
    outputs holds every wildcard (its part too)."""
    job = RenderJob(f"annual-report.{lang}", body, year, [])
    for edition in planning.editions:
        stem = document_stem(edition, body, year, None, f"annual-report.{lang}")
        job.files += files_of(stem, "annual-report", planning.extra_formats)
    return job


def checked_inputs(plan: Plan, by: BodyYear) -> list[str]:
    """The checked models an annual report is made from: its body's and every
    subcommittee's of that year."""
    subs = [b for b, p in plan.bodies.items() if p == by.body]
    years = [y for y in plan.years if y.year == by.year and y.body in subs]
    return [by.checked, *(y.checked for y in years)]


def stale_files(
    out_root: Path, planned: Iterable[str], body: str, year: int, editions: Sequence[str]
) -> list[Path]:
    """Files under ``build/{edition}/{body}/{year}/`` that the plan no longer names: what a
    deleted meeting, minutes back to draft or a new embargo left behind."""
    keep = set(planned)
    stale = []
    for edition in editions:
        base = out_root / edition / body / str(year)
        for folder, _dirs, names in os.walk(base):
            rel = Path(folder).relative_to(out_root).as_posix()
            stale += [Path(folder) / n for n in names if f"{rel}/{n}" not in keep]
    return sorted(stale)
