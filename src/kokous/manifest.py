"""``build/manifest.json``: every edition file with the facts CI and tools need.

An entry is ``{path, edition, kind, body, year, meeting, lang, format, sha256, bytes}``; the
facts of a document come from its path, ``{edition}/{body}/{year}/[{meeting}/]{kind}.{lang}.
{format}`` (see :func:`kokous.plan.document_stem`).
The kinds are those of :data:`kokous.plan.KIND_FORMATS` (``press-release``, ``minutes``,
``agenda``, ``invitation`` with formats ``eml`` and ``ics``, ``annual-report``) and the desk's
``index`` and ``feed``.

A document's entry also holds its provenance: ``sources``, the record files it was made from
with their sha256 (``[{path, sha256}]``, paths under the workflow, from its render job's part:
:func:`kokous.build.meeting_sources`), and ``records_commit``, the newest commit that changed
one of its record files (:func:`source_commits`, through the plan: a render job's parameter).
The documents carry the same ``sources``, commit and the kokous version themselves (HTML meta,
PDF keywords, DOCX custom properties: :class:`kokous.convert.Provenance`). The desk's entries
get the records' commit of the whole folder (:func:`records_commit`) from the publish step.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

import orjson

from . import writer
from .recordpaths import is_editor_file

UNCOMMITTED = "uncommitted"


def document_facts(relative: str) -> dict[str, object]:
    """What a document's path under ``build/`` says of it: edition, kind, body, year, meeting,
    language and format (the preview lists the plan's documents by these before they exist)."""
    rel = PurePosixPath(relative)
    edition, body, year, *rest = rel.parts
    meeting = rest[0] if len(rest) == 2 else None
    kind, lang, fmt = rel.name.split(".")
    return {
        "path": str(rel),
        "edition": edition,
        "kind": kind,
        "body": body,
        "year": int(year),
        "meeting": meeting,
        "lang": lang,
        "format": fmt,
    }


def artifact_entry(out_root: Path, path: Path) -> dict[str, object]:
    """The manifest entry of one document file under ``out_root``."""
    data = path.read_bytes()
    return {
        **document_facts(path.relative_to(out_root).as_posix()),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


def desk_entry(
    rel: str, data: bytes, kind: str, body: str | None, lang: str | None
) -> dict[str, object]:
    """The entry of an index page or feed, in the documents' schema: year and meeting are
    null, and body is null for the edition-wide page and feed."""
    return {
        "path": rel,
        "edition": rel.split("/", 1)[0],
        "kind": kind,
        "body": body,
        "year": None,
        "meeting": None,
        "lang": lang,
        "format": rel.rsplit(".", 1)[1],
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


def dump_json(payload: object) -> bytes:
    """``payload`` as one line of UTF-8 JSON with sorted keys and a final newline, by orjson:
    the manifest and the parts it is made from hold every document of the build (30 000
    entries at 1,000 meetings), which json's encoder and decoder take about a second each to
    write and read, at every edit."""
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def write_json(path: Path, payload: object) -> None:
    """Write ``payload`` (:func:`dump_json`) to ``path`` through the writer: a part, a
    summary, the desk facts."""
    data = dump_json(payload)
    writer.write_file(path.parent, path.name, data)


def manifest_json(artifacts: Sequence[dict[str, object]], **extra: object) -> bytes:
    """``{"artifacts": [...], ...}``, sorted by path (:func:`dump_json`)."""
    return dump_json({"artifacts": sorted(artifacts, key=lambda a: str(a["path"])), **extra})


def records_commit(records: Path) -> str:
    """The commit of the git repository holding ``records`` when every file under it that the
    build could read is committed and unchanged, else ``uncommitted`` (also outside git).

    One ``git status`` (the commit is its ``branch.oid`` header): it stats the tracked files
    under ``records`` and lists the untracked and ignored ones, tens of milliseconds for
    thousands of records. An ignored file counts (a record ignored by mistake is read by the
    build but in no commit), except what the build never reads: editors' files, hidden files.
    """
    command = ["git", "status", "--porcelain=v2", "--branch", "--ignored=matching", "--", "."]
    try:
        result = subprocess.run(
            command, cwd=records, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return UNCOMMITTED
    if result.returncode != 0:
        return UNCOMMITTED
    commit = None
    for line in result.stdout.splitlines():
        if line.startswith("# branch.oid "):
            commit = line.removeprefix("# branch.oid ")
        elif line.startswith(("? ", "! ")):
            if not any(is_editor_file(part) for part in PurePosixPath(line[2:]).parts):
                return UNCOMMITTED
        elif not line.startswith("#"):
            return UNCOMMITTED  # a tracked file changed, staged or not
    if commit is None or commit == "(initial)":
        return UNCOMMITTED
    return commit


def source_commits(records: Path, groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """For each group of record files (paths under ``records``), the newest commit that
    changed one of them, from which the files can be checked out as they are now; or
    ``uncommitted`` when one of them is not committed as it is (or ``records`` is in no git
    repository). Unlike :func:`records_commit`, a commit that touches other records leaves a
    group's commit alone: the same sources give the same commit, so the same bytes.

    Two git processes for all groups: ``status`` for what differs from the commit, ``log`` for
    the newest commit of each file (newest first)."""
    unknown = dict.fromkeys(groups, UNCOMMITTED)

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=records, capture_output=True, text=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    prefix = git("rev-parse", "--show-prefix")
    status = git("status", "--porcelain=v1", "-z", "-uall", "--ignored=matching", "--", ".")
    log = git("log", "--first-parent", "-m", "--format=%x01%H", "--name-only", "-z", "--", ".")
    if prefix is None or status is None or log is None:
        return unknown
    prefix = prefix.strip()
    # v1 -z entries: "XY path", a rename followed by its old path as an entry of its own.
    dirty = [entry[3:] for entry in status.split("\0") if len(entry) > 3]
    newest: dict[str, int] = {}
    commits: list[str] = []
    # "\x01<commit>\0\n<name>\0<name>\0" per commit (a merge lists no names).
    for chunk in log.split("\x01")[1:]:
        commit, _, names = chunk.partition("\0")
        commits.append(commit)
        for name in names.split("\0"):
            name = name.strip("\n")
            if name:
                newest.setdefault(name, len(commits) - 1)
    out = {}
    for key, files in groups.items():
        paths = [prefix + f for f in files]
        if not paths or any(
            p == d or (p.startswith(d) and d.endswith("/")) for p in paths for d in dirty
        ):
            out[key] = UNCOMMITTED
        elif any(p not in newest for p in paths):
            out[key] = UNCOMMITTED  # never committed
        else:
            out[key] = commits[min(newest[p] for p in paths)]
    return out


# ------------------------------------------------------------------------------ verify

EDITION_FOLDERS = ("public", "internal")


def verify(out_root: Path) -> list[tuple[str, str]]:
    """``(problem, path)`` for every file of the editions under ``out_root`` that differs from
    ``manifest.json``: ``missing`` (listed, not there), ``altered`` (another sha256) and
    ``unlisted`` (there, not listed), sorted by path. An empty list: the editions are what the
    build wrote (``kokous verify``)."""
    listed = {
        str(a["path"]): str(a["sha256"])
        for a in orjson.loads((out_root / "manifest.json").read_bytes())["artifacts"]
    }
    present = {
        path.relative_to(out_root).as_posix()
        for edition in EDITION_FOLDERS
        for path in (out_root / edition).rglob("*")
        if path.is_file() or path.is_symlink()
    }
    problems = [("unlisted", p) for p in present - listed.keys()]
    for rel, sha256 in listed.items():
        if rel not in present:
            problems.append(("missing", rel))
        elif hashlib.sha256((out_root / rel).read_bytes()).hexdigest() != sha256:
            problems.append(("altered", rel))
    return sorted(problems, key=lambda p: (p[1], p[0]))


def restore_target(relative: str) -> str:
    """The output Snakemake declares for a file of the editions (relative to ``build/``): its
    meeting folder, its body's search bundle or OParl family folder (``directory()``
    outputs), else the file itself (an annual report, a desk page or feed). ``snakemake
    --forcerun`` on it reruns the job that writes the file and the jobs after it."""
    parts = PurePosixPath(relative).parts
    if len(parts) >= 5 and parts[2].isdigit():
        return "/".join(parts[:4])  # {edition}/{body}/{year}/{meeting}/{file}
    if len(parts) >= 4 and parts[:2] in (("public", "pagefind"), ("public", "oparl")):
        return "/".join(parts[:3])
    return relative
