"""``build/manifest.json``: every edition file with the facts CI and tools need.

An entry is ``{path, edition, kind, body, year, meeting, lang, format, sha256, bytes}``; the
facts of a document come from its path, ``{edition}/{body}/{year}/[{meeting}/]{kind}.{lang}.
{format}`` (see :func:`kokous.plan.document_stem`).
The kinds are those of :data:`kokous.plan.KIND_FORMATS` (``press-release``, ``minutes``,
``agenda``, ``invitation`` with formats ``eml`` and ``ics``, ``annual-report``) and the desk's
``index`` and ``feed``.

A document's entry also holds its provenance: ``sources``, the record files it was made from
with their sha256 (``[{path, sha256}]``, paths under the workflow, from its render job's part:
:func:`kokous.build.meeting_sources`), and ``records_commit``, the git commit the records are
at (:func:`records_commit`), which the publish step adds to every document's entry. The
documents themselves do not carry it yet (HTML meta, PDF XMP and DOCX properties are the next
step of issue 16).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from .layout import is_editor_file

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


def manifest_json(artifacts: Sequence[dict[str, object]], **extra: object) -> bytes:
    """``{"artifacts": [...], ...}``, sorted by path, one line of JSON from json's C encoder
    (an indented dump runs in Python and costs a second at 50 000 entries)."""
    payload = {"artifacts": sorted(artifacts, key=lambda a: str(a["path"])), **extra}
    return (json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n").encode()


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
