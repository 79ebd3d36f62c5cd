"""``build/manifest.json``: every edition file with the facts CI and tools need.

An entry is ``{path, edition, kind, body, year, meeting, lang, format, sha256, bytes}``; the
facts of a document come from its path, ``{edition}/{body}/{year}/[{meeting}/]{kind}.{lang}.
{format}`` (see :func:`kokous.plan.document_stem`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath


def artifact_entry(out_root: Path, path: Path) -> dict[str, object]:
    """The manifest entry of one document file under ``out_root``."""
    rel = PurePosixPath(path.relative_to(out_root).as_posix())
    edition, body, year, *rest = rel.parts
    meeting = rest[0] if len(rest) == 2 else None
    kind, lang, fmt = rel.name.split(".")
    data = path.read_bytes()
    return {
        "path": str(rel),
        "edition": edition,
        "kind": kind,
        "body": body,
        "year": int(year),
        "meeting": meeting,
        "lang": lang,
        "format": fmt,
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
