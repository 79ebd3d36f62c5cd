"""The publish stage, per body and then once: desk pages, feeds, search and the manifest.

- :func:`publish_body` (one job per body) reads its body-years' desk facts and its render
  jobs' parts (the manifest entries of its documents), never a record or a document, and
  writes the body's index pages in both editions, its feeds, its search index
  (``public/pagefind/{body}/``), and two files outside the editions: its *part* (the
  manifest entries of its documents and desk files) and its *summary* (what the desk's own
  pages and feeds show of it). It removes the year folders of the body that the records no
  longer hold.
- :func:`publish_desk` (one small final job) reads a few files per body (summaries, parts,
  the OParl export's parts) and writes the desk's index pages and feeds and
  ``build/manifest.json``, and removes the folders of bodies the records no longer hold.

So an edit reruns its body's publish job and the final one; no other body's. Both move
Snakemake's marks out of the ``directory()`` outputs they take as inputs
(:func:`kokous.writer.settle_folder_marks`): nothing of Snakemake's stays in the editions.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from . import desk, feeds, writer
from .desk import EDITIONS, SITE_LANGUAGES, BodyFacts, Page, Publication, page_file
from .manifest import UNCOMMITTED, desk_entry, manifest_json, write_json
from .searchindex import SEARCH_ROOT, build_search_index, bundle_of, searchable

OPARL_FOLDER = "public/oparl"


# ------------------------------------------------------------------------------ what is written


def _pages(editions: Sequence[str], folder: str) -> list[str]:
    """The index pages (both editions) and feeds (public) under ``folder`` (``""`` or
    ``"{body}/"``), relative to ``build/``, in every site language."""
    pages = [
        f"{edition}/{folder}{page_file('index', lang, 'html')}"
        for edition in EDITIONS
        if edition in editions
        for lang in SITE_LANGUAGES
    ]
    if "public" in editions:
        pages += [f"public/{folder}{page_file('feed', lang, 'atom')}" for lang in SITE_LANGUAGES]
    return sorted(pages)


def body_pages(editions: Sequence[str], body: str) -> list[str]:
    """A body's index pages and feeds, relative to ``build/``, in every site language."""
    return _pages(editions, f"{body}/")


def desk_pages(editions: Sequence[str]) -> list[str]:
    """The desk's own index pages and feeds (the final step's), relative to ``build/``."""
    return _pages(editions, "")


# ------------------------------------------------------------------------------ every body's facts


def _texts(value: Any, primary: str) -> dict[str, str]:
    """A raw record text per language: a mapping, or one string."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str | int | float)}
    if isinstance(value, str | int | float):
        return {primary: str(value)}
    return {}


def site_facts(raw_bodies: Mapping[str, Any], parents: Mapping[str, str | None]) -> dict:
    """Per body what every desk page shows of it: its name and short name in the bodies'
    navigation, its parent, its host's name as publisher (from the raw ``body.yaml`` the plan
    read; :func:`site_bodies` cleans the texts as the documents do). Every body's publish job
    takes it as a parameter, so renaming a body reruns them all, and none reads another
    body's files. An unreadable record gives its id for a name (its check job reports it)."""
    out: dict[str, dict[str, Any]] = {}
    for body in sorted(raw_bodies):
        raw = raw_bodies[body] if isinstance(raw_bodies[body], dict) else {}
        languages = [str(x) for x in raw.get("languages") or ()] or ["fi"]
        parent = raw_bodies.get(parents.get(body) or "")
        organisations = {
            **((parent if isinstance(parent, dict) else {}).get("organisations") or {}),
            **(raw.get("organisations") or {}),
        }
        host = organisations.get(raw["host"]) if isinstance(raw.get("host"), str) else None
        short = raw.get("short_name")
        out[body] = {
            "id": body,
            "name": _texts(raw.get("name"), languages[0]),
            "short_name": str(short) if isinstance(short, str | int) else None,
            "languages": languages,
            "parent": parents.get(body),
            "publisher": _texts(host.get("name"), languages[0]) if isinstance(host, dict) else None,
        }
    return out


def site_bodies(site: Mapping[str, Mapping[str, Any]]) -> dict[str, BodyFacts]:
    """:func:`site_facts` as the desk's facts, their texts cleaned."""
    from .render import clean_text

    def clean(values: Mapping[str, str] | None) -> dict[str, str] | None:
        return {k: clean_text(v) for k, v in values.items()} if values else None

    return {
        b: BodyFacts(
            b,
            clean(f["name"]) or {},
            clean_text(f["short_name"]) if f["short_name"] else None,
            list(f["languages"]),
            f["parent"],
            clean(f["publisher"]),
        )
        for b, f in site.items()
    }


def _read_json(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


# ------------------------------------------------------------------------------ one body


@dataclasses.dataclass
class BodyStep:
    """What one body's publish job reads: its id, its body-years' desk facts, its render
    and annual-report jobs' parts, the meeting folders they wrote, every body's site facts."""

    body: str
    facts: Sequence[Path]
    parts: Sequence[Path]
    folders: Sequence[Path]
    site: Mapping[str, Mapping[str, Any]]
    years: Sequence[int]


def publish_body(
    out_root: Path,
    step: BodyStep,
    part: Path,
    summary: Path,
    editions: Sequence[str] = EDITIONS,
    base_url: str | None = None,
) -> None:
    """One body's desk pages, feeds and search index; its part and summary (see the module)."""
    writer.settle_folder_marks(step.folders)
    artifacts: list[dict] = [a for p in step.parts for a in _read_json(p)["artifacts"]]
    own = desk.gather_facts([_read_json(f) for f in step.facts], artifacts)
    if set(own) - {step.body}:
        raise desk.BuildFailed(f"kokous publish: facts of other bodies than {step.body}")
    bodies = {**site_bodies(step.site), **own}
    if step.body not in own:
        bodies[step.body].meetings = {}
    facts = bodies[step.body]
    pubs = {e: desk.publications(artifacts, e) for e in EDITIONS if e in editions}
    embargoed = desk.embargoed_now(pubs)
    searched = sorted(str(a["path"]) for a in artifacts if searchable(a))
    site = desk.site_facts(
        bodies, desk.normalised_base_url(base_url), search=[step.body] if searched else []
    )
    css = desk.CSS.read_text(encoding="utf-8")
    pages: dict[str, Page] = {}
    for edition, edition_pubs in pubs.items():
        pages.update(
            desk.body_index_pages(edition, edition_pubs, step.body, bodies, site, css, embargoed)
        )
    releases = [p for p in pubs.get("public", []) if p.kind == "press-release"]
    if "public" in pubs:
        pages.update(feeds.body_feeds(releases, step.body, bodies, site))
    for folder in _orphan_years(out_root, step.body, step.years, pubs):
        shutil.rmtree(folder)
    writer.write_files(out_root, {rel: data for rel, (data, *_) in pages.items()})
    entries = [
        desk_entry(rel, data, kind, body, lang) for rel, (data, kind, body, lang) in pages.items()
    ]
    if "public" in pubs:
        search = build_search_index(out_root, searched, bundle_of(step.body))
        entries += [desk_entry(rel, data, "search", None, None) for rel, data in search.items()]
    write_json(part, {"artifacts": sorted(artifacts + entries, key=lambda a: a["path"])})
    write_json(
        summary,
        {
            "body": _facts_json(facts, feeds.newest_of_body(releases, bodies)),
            "sections": {e: desk.desk_groups(e, p, facts, embargoed) for e, p in pubs.items()},
            "releases": [_publication_json(p) for p in feeds.newest_of_body(releases, bodies)],
            "searchable": bool(searched),
        },
    )


def _facts_json(facts: BodyFacts, releases: Sequence[Publication]) -> dict:
    """The body's facts for the final step, with the meetings its newest releases need."""
    shown = {str(p.meeting) for p in releases}
    data = dataclasses.asdict(facts)
    data["meetings"] = {k: v for k, v in facts.meetings.items() if k in shown}
    return data


def _publication_json(pub: Publication) -> dict:
    return {
        **{k: v for k, v in dataclasses.asdict(pub).items() if k != "files"},
        "files": sorted([lang, fmt, path] for (lang, fmt), path in pub.files.items()),
    }


def _publication(data: Mapping[str, Any]) -> Publication:
    files = {(lang, fmt): path for lang, fmt, path in data["files"]}
    return Publication(
        data["edition"], data["body"], data["kind"], data["year"], data["meeting"], files
    )


def _orphan_years(
    out_root: Path, body: str, years: Iterable[int], pubs: Iterable[str]
) -> list[Path]:
    """Year folders of ``body`` in the editions that the records no longer hold."""
    kept = {str(y) for y in years}
    found = []
    for edition in pubs:
        folder = out_root / edition / body
        for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
            if entry.is_dir() and not entry.is_symlink() and entry.name not in kept:
                found.append(entry)
    return found


# ------------------------------------------------------------------------------ the desk


def publish_desk(
    out_root: Path,
    summaries: Sequence[Path],
    parts: Sequence[Path],
    manifest: Path,
    editions: Sequence[str] = EDITIONS,
    records_commit: str = UNCOMMITTED,
    base_url: str | None = None,
    oparl_parts: Sequence[Path] = (),
) -> None:
    """The desk's own pages and feeds from the bodies' summaries, and ``manifest.json`` from
    their parts and the OParl export's; the folders of bodies no summary names go."""
    bodies: dict[str, BodyFacts] = {}
    sections: dict[str, dict[str, dict]] = {}
    releases: list[Publication] = []
    search = []
    for path in summaries:
        summary = _read_json(path)
        facts = BodyFacts(**summary["body"])
        bodies[facts.id] = facts
        sections[facts.id] = summary["sections"]
        releases += [_publication(p) for p in summary["releases"]]
        search += [facts.id] if summary["searchable"] else []
    bundles = [out_root / bundle_of(b) for b in bodies]
    writer.settle_folder_marks(bundles + sorted((out_root / OPARL_FOLDER).glob("*/")))
    site = desk.site_facts(bodies, desk.normalised_base_url(base_url), search=search)
    css = desk.CSS.read_text(encoding="utf-8")
    pages: dict[str, Page] = {}
    for edition in (e for e in EDITIONS if e in editions):
        ordered = {b: sections[b][edition] for b in bodies if edition in sections[b]}
        pages.update(desk.desk_index_pages(edition, ordered, bodies, site, css))
    if "public" in editions:
        pages.update(feeds.desk_feeds(releases, bodies, site))
    _remove_orphan_bodies(out_root, set(bodies), editions)
    writer.write_files(out_root, {rel: data for rel, (data, *_) in pages.items()})
    artifacts = [a for p in parts for a in _read_json(p)["artifacts"]]
    artifacts += _oparl_artifacts(oparl_parts)
    # A document's entry names its own records' commit (its render job's); the OParl
    # export's, made from every record, the folder's.
    for entry in artifacts:
        if entry["kind"] not in ("index", "feed", "search"):
            entry.setdefault("records_commit", records_commit)
    artifacts += [desk_entry(r, d, kind, b, lang) for r, (d, kind, b, lang) in pages.items()]
    writer.write_file(manifest.parent, manifest.name, manifest_json(artifacts))


def _oparl_artifacts(parts: Sequence[Path]) -> list[dict]:
    """The OParl export's manifest entries: each family's part's, and the system step's
    (``system.json`` and the list of bodies: rules/oparl.smk, rule oparl_system)."""
    return [a for part in parts for a in _read_json(part).get("artifacts", [])]


def _remove_orphan_bodies(out_root: Path, bodies: set[str], editions: Sequence[str]) -> None:
    """Remove the folders (and search bundles) of bodies the records no longer hold."""
    for edition in (e for e in EDITIONS if e in editions):
        root = out_root / edition
        for entry in sorted(root.iterdir()) if root.is_dir() else ():
            # pagefind/ holds the bodies' bundles; oparl/ the OParl export (rules/oparl.smk).
            if entry.name in ("pagefind", "oparl") or entry.name in bodies:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
    search = out_root / SEARCH_ROOT
    for entry in sorted(search.iterdir()) if search.is_dir() else ():
        if entry.name not in bodies:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
