"""The export's jobs: one per family (rules/oparl.smk, ``oparl_family``) writes the family's
folder and a part; the final step writes ``system.json`` from the parts' ``Body`` objects.

Files go through :mod:`kokous.writer`: a file whose bytes are unchanged keeps its mtime, so
an edit of one meeting rewrites that meeting's objects and the lists and ``Body`` that hold
it, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from .. import plan, writer
from ..build import load_checked
from ..manifest import desk_entry
from .family import Family, export_family
from .system import export_system
from .urls import FOLDER, PAGE_SIZE, Urls
from .values import encode

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
"""CC BY 4.0, as Finnish ministries publish their open data (the config's default too)."""


class OParlError(Exception):
    """The export cannot be made as planned (one line)."""


def family_files(
    checked: Sequence[Path],
    head: str,
    out_root: Path,
    base_url: str,
    license: str = DEFAULT_LICENSE,
    now: dt.datetime | None = None,
    extra_formats: Sequence[str] = (),
) -> tuple[dict[str, bytes], dict[str, object], dict[str, list[dict[str, str]]]]:
    """The family's files (relative to ``build/``), its ``Body`` and each file's records."""
    family = Family(
        head,
        [load_checked(p) for p in checked],
        Urls(base_url, head),
        license,
        now or plan.build_clock(),
        out_root,
        tuple(extra_formats),
    )
    export = export_family(family)
    urls = family.urls
    files = {urls.relative(url): encode(obj) for url, obj in sorted(export.objects.items())}
    everything = family.sources()
    sources = {urls.relative(url): export.sources.get(url, everything) for url in export.objects}
    return files, export.body, sources


def write_family(
    checked: Sequence[Path],
    head: str,
    out_root: Path,
    part: Path,
    base_url: str,
    license: str = DEFAULT_LICENSE,
    now: dt.datetime | None = None,
    extra_formats: Sequence[str] = (),
) -> list[str]:
    """Write the family's folder ``public/oparl/{head}/``, remove what it no longer holds (a
    deleted meeting, minutes back to draft), and write ``part``: the manifest entries of its
    files, each with the record files it was made from, and the family's ``Body``."""
    files, body, sources = family_files(
        checked, head, out_root, base_url, license, now, extra_formats
    )
    writer.write_files(out_root, files)
    remove_others(out_root / FOLDER / head, out_root, files)
    entries = [
        {**desk_entry(rel, data, "oparl", head, None), "sources": sources[rel]}
        for rel, data in files.items()
    ]
    write_part(part, {"artifacts": entries, "body": body})
    return sorted(files)


def remove_others(folder: Path, out_root: Path, keep: dict[str, bytes]) -> None:
    """Remove the files under ``folder`` the export no longer holds (never a hidden one:
    writer's temporaries, Snakemake's ``.snakemake_timestamp``)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(out_root).as_posix()
        if path.is_file() and rel not in keep and not path.name.startswith("."):
            path.unlink()
            writer.remove_empty_folders(out_root, path.parent)


def write_part(part: Path, content: dict[str, object]) -> None:
    data = json.dumps(content, ensure_ascii=False, sort_keys=True) + "\n"
    writer.write_file(part.parent, part.name, data.encode("utf-8"))


def write_system(
    parts: Sequence[Path], out_root: Path, part: Path, base_url: str, license: str
) -> list[str]:
    """Write ``system.json`` and the list of bodies from the families' parts, and ``part``
    with their manifest entries (made from every record the families are made from)."""
    loaded = [json.loads(p.read_text(encoding="utf-8")) for p in parts]
    files = export_system([p["body"] for p in loaded], base_url, license)
    writer.write_files(out_root, files)
    found = {s["path"]: s for p in loaded for a in p["artifacts"] for s in a["sources"]}
    sources = [found[path] for path in sorted(found)]
    entries = [
        {**desk_entry(rel, data, "oparl", None, None), "sources": sources}
        for rel, data in files.items()
    ]
    remove_other_families(out_root, [Urls(base_url).relative(str(p["body"]["id"])) for p in loaded])
    write_part(part, {"artifacts": entries})
    return sorted(files)


def remove_other_families(out_root: Path, bodies: Sequence[str]) -> None:
    """Remove the folders of families the records no longer hold (a deleted main body; no
    family job writes there any more) and the pages of a list of bodies grown shorter.
    ``bodies`` are the families' ``body.json`` files, relative to ``out_root``."""
    folder = out_root / FOLDER
    heads = {Path(b).parent.name for b in bodies}
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.is_dir() and not entry.is_symlink() and entry.name not in heads:
            shutil.rmtree(entry)
    pages = len(bodies) // PAGE_SIZE + (1 if len(bodies) % PAGE_SIZE else 0)
    for page in sorted(folder.glob("bodies-*.json")):
        number = page.stem.removeprefix("bodies-")
        if not number.isdigit() or int(number) > pages:
            page.unlink()
