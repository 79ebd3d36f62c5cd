"""Where records live, and which files are records: one rule, from directory listings alone.

Snakemake calls these at every start to lay out its DAG, and ``kokous validate`` and every build
job apply the same rule, so they must stay cheap: directory listings only, no YAML parsing, no
validation (the build jobs validate). Layout: ``records/<body>/body.yaml``,
``records/<body>/meetings/<YYYY-MM-DD>[-N].yaml``, ``records/<body>/years/<YYYY>.yaml``.

The rule (:func:`scan_records`):
- a record is a ``*.yaml`` file (lower case) named as above, inside ``records/``;
- editors' backup, lock and swap files (``x~``, ``.x.swp``, ``.#x``, ``#x#``, ``x.bak``,
  ``x.orig``) and hidden files are ignored, silently;
- anything else in ``meetings/`` or ``years/`` (``.yml``, ``.YAML``, a date that does not exist,
  a name that is not a date), a ``body.yml``, a folder without ``body.yaml``, and a link leading
  out of ``records/`` is a problem, reported and never read.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .recordpaths import display_path, entries, link_problem

MEETING_FILE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<seq>[2-9]))?\Z")
YEAR_FILE = re.compile(r"\d{4}\Z")
_PARENT_LINE = re.compile(r"^parent:\s*['\"]?([A-Za-z0-9_-]+)", re.MULTILINE)
_YEAR_PREFIX = re.compile(r"(?P<year>\d{4})(?:-|\.|\Z)")
_RECORD_SUFFIX = ".yaml"
LINK_OUT = "K108"
"""The rule a link out of ``records/`` (or to nothing) breaks."""
MEETING_NAME_HINT = "name it YYYY-MM-DD.yaml (YYYY-MM-DD-2.yaml for a second meeting that day)"


@dataclass(frozen=True)
class FileProblem:
    """A file under ``records/`` that looks meant as a record but cannot be read as one.

    Printed as ``path: CODE message`` (one line, no line number: the file is not read); the
    codes are the K1xx rules of :mod:`kokous.lint.folders`."""

    path: str
    """As the secretary sees it, relative to the folder holding ``records/``."""
    message: str
    """What is wrong and what to change."""
    body: str | None
    """The body folder it lies in (None: directly under ``records/``)."""
    year: int | None
    """The year its name gives (``2025-9-24.yaml`` → 2025), None when the name gives none; a
    build job of that body and year must stop on it."""
    code: str = ""
    """The rule it breaks (``K105``), as ``kokous validate --explain`` knows it."""

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.code} {self.message}"
            if self.code
            else f"{self.path}: {self.message}"
        )


@dataclass(frozen=True)
class BodyFiles:
    """One body's record files, as found by :func:`scan_body`."""

    id: str
    """Folder name under ``records/``."""
    body_file: Path | None
    """``records/<id>/body.yaml``; None when it is missing (then ``problems`` says so)."""
    meetings: tuple[str, ...] = ()
    """Meeting keys (file stems, ``2025-03-12``, ``2025-03-12-2``) in meeting order."""
    years: tuple[int, ...] = ()
    """Years with a narrative ``years/<YYYY>.yaml``, ascending."""
    problems: tuple[FileProblem, ...] = ()
    """Files of this body that look meant as records but are not (see the module docstring)."""
    subcommittees: tuple[str, ...] = ()
    """The ids of the bodies whose ``parent:`` is this one, sorted, when :func:`scan_body` was
    asked for them (loading a year needs them; the start finds them in every ``body.yaml``)."""

    def meeting_years(self) -> list[int]:
        """Calendar years in which the body has meeting records, ascending."""
        return sorted({int(key[:4]) for key in self.meetings})


@dataclass(frozen=True)
class RecordTree:
    """Every body under ``records/`` and every problem with the files, from :func:`scan_records`."""

    root: Path
    bodies: dict[str, BodyFiles] = field(default_factory=dict)
    """Bodies with a ``body.yaml``, by id, sorted by id."""
    problems: tuple[FileProblem, ...] = ()
    """Every file problem of the tree (the bodies' own included), sorted by path."""

    def problems_of(self, bodies: list[str] | tuple[str, ...], year: int) -> list[FileProblem]:
        """The problems that stop the build of ``bodies`` (a family) in ``year``: those of their
        files whose name gives that year."""
        return [p for p in self.problems if p.body in bodies and p.year == year]


def _year_of(name: str) -> int | None:
    match = _YEAR_PREFIX.match(name)
    return int(match["year"]) if match else None


def _split(name: str) -> tuple[str, str]:
    stem, dot, suffix = name.rpartition(".")
    return (stem, "." + suffix) if dot and stem else (name, "")


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _rename(stem: str, siblings: set[str]) -> tuple[str, str]:
    if f"{stem}{_RECORD_SUFFIX}" in siblings:
        return (
            "K107",
            (
                f"only .yaml files (lower case) are read, and {stem}.yaml is here too: "
                "keep one of the two"
            ),
        )
    return "K107", f"only .yaml files (lower case) are read: rename it {stem}.yaml"


def _meeting_name_problem(name: str, is_dir: bool, siblings: set[str]) -> tuple[str, str] | None:
    """The rule and what is wrong with a file name in ``meetings/``; None for a record's name."""
    if is_dir:
        return "K105", "a folder is not read here; put meeting records directly in meetings/"
    stem, suffix = _split(name)
    match = MEETING_FILE.match(stem)
    if suffix.lower() not in (".yaml", ".yml"):
        return "K105", f"not a meeting record: {MEETING_NAME_HINT}"
    if not match:
        return "K105", f"the file name is not a meeting date: {MEETING_NAME_HINT}"
    if not _is_date(match["date"]):
        return (
            "K105",
            (
                f"there is no such date as {match['date']} (check the day and month in the file "
                f"name): {MEETING_NAME_HINT}"
            ),
        )
    if suffix != _RECORD_SUFFIX:
        return _rename(stem, siblings)
    return None


def _year_name_problem(name: str, is_dir: bool, siblings: set[str]) -> tuple[str, str] | None:
    """The rule and what is wrong with a file name in ``years/``; None for a record's name."""
    stem, suffix = _split(name)
    if is_dir or not YEAR_FILE.match(stem) or suffix.lower() not in (".yaml", ".yml"):
        return "K106", "not a year record: name it YYYY.yaml"
    if suffix != _RECORD_SUFFIX:
        return _rename(stem, siblings)
    return None


def scan_body(records: Path, body_id: str, *, subcommittees: bool = False) -> BodyFiles:
    """The record files of one body, by the rule in the module docstring, and with
    ``subcommittees`` the ids of its subcommittees (so that loading a year asks once).

    Reads three directory listings (the body's folder, ``meetings/``, ``years/``) and no file;
    the subcommittees cost the listing of ``records`` and a line of each ``body.yaml``.
    """
    subs = tuple(subcommittee_ids(records, body_id)) if subcommittees else ()
    folder = records / body_id
    problems: list[FileProblem] = []

    def problem(path: Path, code: str, message: str, year: int | None = None) -> None:
        problems.append(FileProblem(display_path(records, path), message, body_id, year, code))

    body_file: Path | None = folder / "body.yaml"
    if reason := link_problem(records, folder):
        problem(folder, LINK_OUT, reason)
        body_file = None
    elif reason := link_problem(records, body_file):
        problem(body_file, LINK_OUT, reason)
        body_file = None
    elif not body_file.is_file():
        body_file = None
        misnamed = [e.name for e in entries(folder) if e.name.lower() in ("body.yml", "body.yaml")]
        for name in misnamed:
            problem(folder / name, "K104", "the body's record must be named body.yaml (lower case)")
        if not misnamed:
            problem(folder, "K103", "no body.yaml here: every folder under records/ is a body")
    if body_file is None:
        return BodyFiles(body_id, None, problems=tuple(problems), subcommittees=subs)

    meetings: list[str] = []
    years: list[str] = []
    for sub, names, check in (
        ("meetings", meetings, _meeting_name_problem),
        ("years", years, _year_name_problem),
    ):
        if reason := link_problem(records, folder / sub):
            problem(folder / sub, LINK_OUT, reason)
            continue
        listed = entries(folder / sub)
        siblings = {e.name for e in listed}
        for entry in listed:
            path = folder / sub / entry.name
            year = _year_of(entry.name)
            found = check(entry.name, entry.is_dir(), siblings)
            if found is None and entry.is_symlink() and (reason := link_problem(records, path)):
                found = LINK_OUT, reason
            if found:
                problem(path, *found, year)
            else:
                names.append(entry.name.removesuffix(_RECORD_SUFFIX))
    return BodyFiles(
        body_id,
        body_file,
        tuple(sorted(meetings, key=meeting_order)),
        tuple(sorted(int(year) for year in years)),
        tuple(problems),
        subs,
    )


def scan_records(records: Path) -> RecordTree:
    """Every body under ``records`` with its record files, and every file problem.

    Returns a :class:`RecordTree`: ``bodies`` maps each body id with a readable ``body.yaml`` to
    its :class:`BodyFiles` (``body_file``, ``meetings`` keys in meeting order, narrative
    ``years``); ``problems`` lists a :class:`FileProblem` (``path``, ``message``, ``body``,
    ``year``; ``str()`` gives ``path: message``) for each file or folder that looks meant as a
    record but is not one (misnamed, a date that does not exist, a link out of ``records/``).
    Editors' backup, lock and swap files are left out without a word. Directory listings only:
    cheap enough for every Snakemake start.
    """
    if not records.is_dir():
        return RecordTree(
            records, {}, (FileProblem(str(records), "no records folder here", None, None, "K100"),)
        )
    bodies: dict[str, BodyFiles] = {}
    problems: list[FileProblem] = []
    for entry in entries(records):
        if not (entry.is_dir() or entry.is_symlink()):
            continue  # a README or the like beside the bodies: not a record, not meant as one
        found = scan_body(records, entry.name)
        problems.extend(found.problems)
        if found.body_file is not None:
            bodies[entry.name] = found
    return RecordTree(records, bodies, tuple(sorted(problems, key=lambda p: p.path)))


def body_ids(records: Path) -> list[str]:
    """Ids of every body: folders under ``records`` holding a readable ``body.yaml``."""
    ids = []
    for entry in entries(records):
        folder = records / entry.name
        if (
            (entry.is_dir() or entry.is_symlink())
            and (folder / "body.yaml").is_file()
            and link_problem(records, folder) is None
            and link_problem(records, folder / "body.yaml") is None
        ):
            ids.append(entry.name)
    return ids


def meeting_order(key: str) -> tuple[str, int]:
    """Sort key of a meeting file stem: by date, then the ``-N`` suffix."""
    match = MEETING_FILE.match(key)
    if not match:
        return (key, 0)
    return (match["date"], int(match["seq"] or 1))


def meeting_keys(records: Path, body: str, year: int | None = None) -> list[str]:
    """Meeting keys (file stems) of a body's records, optionally of one year, in meeting order."""
    keys = scan_body(records, body).meetings
    return [k for k in keys if year is None or k.startswith(f"{year}-")]


def meeting_years(records: Path, body: str) -> list[int]:
    """Calendar years in which the body has meeting records."""
    return scan_body(records, body).meeting_years()


def narrative_years(records: Path, body: str) -> list[int]:
    """Years with a ``years/<YYYY>.yaml`` narrative."""
    return list(scan_body(records, body).years)


def subcommittee_ids(records: Path, parent: str) -> list[str]:
    """Ids of the bodies whose ``parent:`` is ``parent``, found by a regex rather than a YAML
    parse (cheap at start)."""
    found = []
    for body in body_ids(records):
        try:
            text = (records / body / "body.yaml").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = _PARENT_LINE.search(text)
        if match and match.group(1) == parent:
            found.append(body)
    return sorted(found)


WORKFLOW_PARTS = (
    "Snakefile",
    "rules",
    "config",
    "profiles",
    "templates",
    "locale",
    "schemas",
    "fonts",
    "envs",
    "src",
    "pyproject.toml",
)
"""What a runnable copy of the workflow holds besides its records (never build/, .git, .venv)."""


def copy_workflow(source: Path, dest: Path, records: Path | None = None) -> Path:
    """Copy the workflow at ``source`` into ``dest``, with ``records`` as its records folder
    when given (the tests' and the benchmark's scratch workflows); return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for part in WORKFLOW_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, dest / part, ignore=ignore)
        elif path.is_file():
            shutil.copy2(path, dest / part)
    if records is not None:
        shutil.copytree(records, dest / "records", ignore=ignore)
    return dest
