"""Pagefind's full-text index of the public edition's HTML documents, one per body.

Each body's publish step indexes its own documents into ``public/pagefind/{body}/`` (a
``directory()`` output of that step), so an edit re-indexes one body, not the archive; the
desk's search box loads one body's bundle and merges the others' in the browser (PagefindUI's
``mergeIndex``: templates/desk/layout.html.j2).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from . import search, writer
from .errors import BuildFailed

SEARCH_ROOT = "public/pagefind"
"""Where the bodies' bundles live, relative to ``build/``."""

SEARCHED_KINDS = ("press-release", "minutes", "annual-report")
"""The documents Pagefind indexes: never the index pages, whose text repeats the documents',
and nothing of the internal edition, which is outside the site."""


def bundle_of(body: str) -> str:
    """A body's search bundle, relative to ``build/``."""
    return f"{SEARCH_ROOT}/{body}"


def searchable(entry: dict) -> bool:
    """Whether a manifest entry is a document the search index holds."""
    return (
        entry["edition"] == "public"
        and entry["kind"] in SEARCHED_KINDS
        and entry["format"] == "html"
    )


def pagefind_binary() -> str:
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise BuildFailed(
            "kokous publish: Pagefind's program is missing: install kokous with its"
            " dependencies (pip install 'pagefind[bin]')"
        )
    return str(binary)


def _glob(pages: Sequence[str]) -> str:
    """A Pagefind glob (relative to ``public/``) that selects exactly the folder holding
    ``pages`` and the documents' names: the pages share their body's folder."""
    folders = {PurePosixPath(p).parts[1] for p in pages}
    if len(folders) != 1:
        raise BuildFailed(f"kokous publish: one search index per body, got {sorted(folders)}")
    kinds = ",".join(SEARCHED_KINDS)
    return f"{folders.pop()}/**/{{{kinds}}}.*.html"


def build_search_index(out_root: Path, pages: Sequence[str], bundle_dir: str) -> dict[str, bytes]:
    """Index ``pages`` (public HTML documents of one body, relative to ``out_root``) with
    Pagefind into ``bundle_dir`` (relative to ``out_root``) and return the bundle's files
    (path relative to ``out_root`` -> bytes) for the manifest. No pages: an empty folder (the
    step's declared output) and no files; Pagefind refuses an empty site.

    Pagefind stems each document by its ``<html lang>`` (Finnish, Swedish and English get an
    index each) and writes into a folder beside the target that replaces the old bundle only
    when it is complete, so a failed run leaves the old one. It runs as a child process that
    this step waits for (a stopped job stops it too: the SIGTERM handler of kokous.cli ends
    the wait by an exception, and ``subprocess.run`` then kills the child). Finnish pages are
    indexed by their words' base forms too (:mod:`kokous.search`)."""
    target = out_root / bundle_dir
    if not pages:
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        return {}
    target.parent.mkdir(parents=True, exist_ok=True)
    # Staged outside the editions (build/.kokous/), so nothing half-made is ever published.
    stage_root = out_root / ".kokous" / "staging"
    stage_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=writer.TEMP_PREFIX + "pagefind-", dir=stage_root))
    try:
        bundle = staging / "bundle"
        # A staged copy, the Finnish pages annotated with their lemmas (kokous.search).
        site, tables = search.stage_for_pagefind(out_root, pages, staging)
        _run_pagefind(site, _glob(pages), bundle)
        search.write_lemma_tables(bundle, tables)
        entry = bundle / "pagefind-entry.json"
        meta = json.loads(entry.read_text(encoding="utf-8"))
        indexed = sum(language["page_count"] for language in meta["languages"].values())
        if indexed != len(pages):
            raise BuildFailed(
                f"kokous publish: the search index {bundle_dir} holds {indexed} documents, the"
                f" public edition {len(pages)}; run snakemake again"
            )
        # Pagefind lists the languages in hash-map order, which differs from run to run; the
        # same documents must give the same bytes.
        entry.write_text(
            json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            encoding="utf-8",
        )
        files = {
            f"{bundle_dir}/{p.relative_to(bundle).as_posix()}": p.read_bytes()
            for p in sorted(bundle.rglob("*"))
            if p.is_file()
        }
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # File by file through the writer, so what did not change keeps its time (most of a
    # bundle: Pagefind names its index files by content). The folder is an update()
    # output: Snakemake backs it up before the job and restores it if the job fails.
    written = set(writer.write_files(out_root, files))
    for path in sorted(target.resolve().rglob("*"), reverse=True):
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return files


def _run_pagefind(site: Path, glob: str, bundle: Path) -> None:
    result = subprocess.run(
        [
            pagefind_binary(),
            "--site",
            str(site),
            "--glob",
            glob,
            # Only the document itself: not the site header and footer every page repeats.
            "--root-selector",
            "main",
            "--output-path",
            str(bundle),
            "--silent",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = " ".join((result.stderr or result.stdout).split())
        raise BuildFailed(f"kokous publish: Pagefind failed: {message}")
