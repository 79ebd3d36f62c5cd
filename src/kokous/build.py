"""The build steps Snakemake runs: one job per family (a main body and its subcommittees) and
year, then the manifest.

Each step reads records, validates them (a bad record never yields a document), renders every
document, converts them through :mod:`kokous.convert` (which owns the files under ``build/``),
and writes a small *stamp* listing what it produced. Snakemake tracks only the stamps: a DAG
with one declared file per job keeps a no-op run as fast as a bare Snakemake start, while the
converter's content cache rebuilds only the documents whose content changed.

Data flows one way: record → validated model → Markdown → html/pdf/docx/txt → stamps → manifest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from . import writer

if TYPE_CHECKING:
    from .convert import Document
    from .model import Volume

HELSINKI = ZoneInfo("Europe/Helsinki")
EDITIONS = ("public", "internal")
KINDS = {"press-release", "minutes", "annual-report", "index", "feed"}


def build_clock() -> dt.datetime:
    """The build's "now" in Helsinki local time (naive, like the records' times):
    ``SOURCE_DATE_EPOCH`` when set, so a rebuild of the same records is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.astimezone(HELSINKI).replace(tzinfo=None)


def artifact_entry(out_root: Path, path: Path) -> dict[str, object]:
    """A manifest entry for one output file; its facts come from the path layout
    ``{edition}/{body}/{year}/[{meeting}/]{kind}.{lang}.{format}``."""
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


def manifest_json(artifacts: Sequence[dict[str, object]], **extra: object) -> bytes:
    """``{"artifacts": [...], ...}`` as one line of JSON from json's C encoder: an indented or
    per-entry dump runs in Python and costs a second at 50 000 entries, on every edit."""
    payload = {"artifacts": list(artifacts), **extra}
    return (json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _write_stamp(
    stamp: Path,
    out_root: Path,
    paths: Iterable[Path],
    desk: Sequence[dict[str, object]],
) -> None:
    """The job's one declared output: the files it produced, and the facts the index pages
    and feeds show (so the publish step never reads or validates a record again)."""
    artifacts = sorted((artifact_entry(out_root, p) for p in paths), key=lambda a: a["path"])
    payload = manifest_json(artifacts, desk=desk)
    writer.write_file(stamp.parent, stamp.name, payload)


def with_extra_formats(docs: Sequence[Document], extra: Sequence[str]) -> list[Document]:
    """Add the optional formats the config switches on (ODT, which the national digital
    preservation service recommends) to every document that has a word-processor format."""
    if not extra:
        return list(docs)
    return [
        dataclasses.replace(d, formats=(*d.formats, *(f for f in extra if f not in d.formats)))
        if "docx" in d.formats
        else d
        for d in docs
    ]


def _convert_and_stamp(
    docs: Sequence[Document],
    extra_formats: Sequence[str],
    out_root: Path,
    job: str,
    stamp: Path,
    desk: Sequence[dict[str, object]],
) -> None:
    """Convert a job's documents (reconverting only what changed since the job's last run,
    by its cache file) and write its stamp."""
    from .convert import convert_documents

    cache = out_root / ".kokous" / "cache" / f"{job}.json"
    paths = convert_documents(with_extra_formats(docs, extra_formats), out_root, cache_file=cache)
    _write_stamp(stamp, out_root, paths, desk)


def build_year(
    records: Path,
    body: str,
    year: int,
    out_root: Path,
    stamp: Path,
    editions: Sequence[str] = EDITIONS,
    extra_formats: Sequence[str] = (),
    members: Sequence[str] | None = None,
) -> None:
    """Validate one family's year (a main body and its subcommittees) and write the press
    releases and minutes of the members' meetings and, when the main body is a member, its
    annual report covering every subcommittee: one interpreter start, one validation and one
    pandoc process per family and year.

    ``members`` are the bodies to publish (default: the whole family); a subcommittee named
    alone gets its own documents only."""
    from .desk import volume_facts
    from .documents import annual_report_documents, meeting_documents
    from .records import checked_records, load_volume, subcommittee_ids
    from .render import keep_compiled_templates, keep_rendered

    out_root = out_root.resolve()
    keep_compiled_templates(out_root / ".kokous" / "cache" / "templates")
    family = [body, *subcommittee_ids(records, body)]
    members = list(members or family)
    # With the main body, every subcommittee: the annual report covers them, published or not.
    loaded = family if body in members else members
    with checked_records(out_root / ".kokous" / "cache" / f"{body}-{year}.records"):
        volumes = {b: load_volume(records, b, year) for b in loaded}
    head = volumes.get(body)
    published = [volumes[b] for b in members]
    now = build_clock()
    with keep_rendered(out_root / ".kokous" / "cache" / f"{body}-{year}.rendered"):
        docs = [
            doc
            for volume in published
            for edition in editions
            for doc in meeting_documents(volume, edition, now)
        ]
        if head is not None and head.body.parent is None:
            subvolumes = [v for b, v in volumes.items() if b != body]
            docs += [
                doc
                for edition in editions
                for doc in annual_report_documents(head, subvolumes, edition, now)
            ]
    desk = [volume_facts(v) for v in published]
    _convert_and_stamp(docs, extra_formats, out_root, f"{body}-{year}", stamp, desk)
    _write_embargo_times(out_root, body, year, published)


def _write_embargo_times(out_root: Path, body: str, year: int, volumes: Sequence[Volume]) -> None:
    """For the workflow's start: the embargo times whose passing reruns this
    job (see released_embargoes in rules/common.smk). Absent when there are none, so most jobs
    cost the workflow's start one failed open."""
    embargoes = sorted(
        {
            m.press.published.isoformat(timespec="minutes")
            for volume in volumes
            for m in volume.meetings
            if m.press and m.press.embargo
        }
    )
    path = out_root / ".kokous" / "embargoes" / body / f"{year}.json"
    if embargoes:
        writer.write_file(path.parent, path.name, json.dumps(embargoes).encode())
    else:
        path.unlink(missing_ok=True)


def prune_editions(out_root: Path, listed: set[str], candidates: set[str] | None = None) -> None:
    """Remove edition files (and emptied folders) that ``listed`` does not name: what a deleted
    meeting, minutes turned back into a draft or a new embargo left behind.

    ``candidates`` are the files that may have become unlisted since the last run (see
    :class:`kokous.desk.StampLedger`); without them the whole tree is swept, stray files
    included. ``os.walk`` rather than ``Path.rglob``: 48 000 files (a thousand meetings) take
    0.26 s instead of 2.2 s.
    """
    if candidates is not None:
        for rel in sorted(candidates - listed):
            edition = rel.split("/", 1)[0]
            path = out_root / rel
            if edition in EDITIONS and path.is_file():
                path.unlink()
                _remove_empty_folders(out_root / edition, path.parent)
        return
    for edition in EDITIONS:
        for folder, _dirs, files in os.walk(out_root / edition, topdown=False):
            here = Path(folder)
            base = here.relative_to(out_root).as_posix()
            kept = 0
            for name in files:
                if f"{base}/{name}" in listed:
                    kept += 1
                else:
                    (here / name).unlink()
            if not kept and here != out_root / edition and not any(here.iterdir()):
                here.rmdir()


def _remove_empty_folders(edition_root: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents up to (not including) the edition root while empty."""
    while folder != edition_root and folder.is_relative_to(edition_root):
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone with its files)
            return
        folder = folder.parent
