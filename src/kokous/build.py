"""The jobs Snakemake runs for a body's year, each writing exactly the files it declares.

- :func:`check_year` loads and validates the records of one body-year into the typed model
  (:class:`kokous.volume.Volume`, pickled) and the desk facts the index pages show; then
  :func:`prune_year` removes the files of that body-year that the plan no longer names (a
  deleted meeting, minutes back to draft, a new embargo). A bad record stops the check job
  before any document is touched.
- :func:`render_meetings` writes the press releases, agendas, invitations and minutes of a
  run of meetings (the e-mails and calendar files after the documents they are made from).
- :func:`render_annual_report` writes a main body's annual report, covering its subcommittees.

Each render job also writes a *part*: the manifest entries of its files, with the record files
each document was made from and their sha256 (``sources``, digested as the check loaded them),
which the publish step gathers without reading the documents again. Data flows one way:
record → checked model → Markdown → html/pdf/docx/txt → parts → desk and manifest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import plan, plan_facts, writer
from .manifest import artifact_entry, document_facts, write_json

if TYPE_CHECKING:
    from .convert import Document
    from .mail import MailConfig
    from .model import Meeting
    from .volume import Volume

EDITIONS = plan.EDITIONS


def check_year(records: Path, body: str, year: int, checked: Path, facts: Path) -> None:
    """Validate one body-year and write its checked model and desk facts."""
    from .desk import volume_facts
    from .records import load_volume

    volume = load_volume(records, body, year)
    for warning in volume.warnings:
        print(warning)
    write_json(facts, volume_facts(volume))
    writer.write_file(checked.parent, checked.name, pickle.dumps(volume, protocol=5))


def prune_year(
    records: Path,
    body: str,
    year: int,
    out_root: Path,
    editions: Sequence[str],
    now: dt.datetime | None = None,
    extra_formats: Sequence[str] = (),
) -> None:
    """Remove the files of one body-year in ``editions`` that the plan no longer names (the
    check job's second step, once the records are valid)."""
    memo = out_root / plan_facts.MEMO
    now = now or plan.build_clock()
    by = plan.plan_body_year(records, body, year, editions, extra_formats, now, memo=memo)
    for path in plan.stale_files(out_root, by.files, body, year, editions):
        path.unlink()
        writer.remove_empty_folders(out_root, path.parent)


def _sources(volume: Volume, names: Iterable[str]) -> list[dict[str, str]]:
    """``[{path, sha256}]`` of the named record files of ``volume`` (paths under its records
    folder), sorted by path, each path as the build names it."""
    return [
        {"path": f"{volume.records_folder}/{name}", "sha256": volume.sources[name]}
        for name in sorted(set(names))
        if name in volume.sources
    ]


def meeting_sources(volume: Volume, meeting: Meeting, kind: str) -> list[dict[str, str]]:
    """The record files a meeting's press release or minutes are made from: the meeting's, its
    body's and the parent body's ``body.yaml``, and for a press release the ``body.yaml`` of the
    subcommittees it lists. The § and meeting numbers and the approvals the minutes state
    derive from the year's other meetings too; those are left out (every document would list
    its whole year), and the manifest's ``records_commit`` pins them."""
    body = volume.body
    names = [f"{body.id}/body.yaml", f"{body.id}/meetings/{meeting.key}.yaml"]
    if body.parent:
        names.append(f"{body.parent}/body.yaml")
    if kind == "press-release" and meeting.press:
        names += [f"{sub}/body.yaml" for b in meeting.press.blocks for sub in b.subcommittees]
    return _sources(volume, names)


def annual_report_sources(head: Volume, subs: Sequence[Volume]) -> list[dict[str, str]]:
    """Every record file of the body's year and its subcommittees' years: the annual report
    counts and lists them all."""
    found = {s["path"]: s for v in (head, *subs) for s in _sources(v, v.sources)}
    return [found[path] for path in sorted(found)]


def load_checked(path: Path) -> Volume:
    """A model written by :func:`check_year` (our own file under ``build/``)."""
    with path.open("rb") as handle:
        return pickle.load(handle)


def with_extra_formats(docs: Sequence[Document], extra: Sequence[str]) -> list[Document]:
    """Add the optional formats the config switches on (ODT, which the national digital
    preservation service recommends) to every document that has a word-processor format."""
    return [
        dataclasses.replace(d, formats=plan.formats_of_document(d.formats, extra)) for d in docs
    ]


def with_provenance(
    docs: Sequence[Document],
    sources_of: Callable[[Mapping[str, object]], list[dict[str, str]]],
    commits: Mapping[str, str] | None = None,
) -> tuple[list[Document], dict[str, list[dict[str, str]]]]:
    """``docs``, each carrying its provenance (issue 16) for its own metadata: the record files
    it is made from (``sources_of`` a manifest entry's kind and meeting), the same the manifest
    lists for it, the records' commit (``commits``, by meeting key or ``annual-report``: the
    plan's, :func:`kokous.plan.assign_commits`) and the project version; and those sources by
    document stem."""
    from .convert import Provenance

    version = _project_version()
    by_stem = {}
    marked = []
    for doc in docs:
        # Read from the path as the manifest reads its entry's (any format will do).
        facts = document_facts(f"{doc.stem}.{doc.formats[0]}")
        by_stem[str(doc.stem)] = sources_of(facts)
        provenance = Provenance(
            version=version,
            sources=tuple((s["path"], s["sha256"]) for s in by_stem[str(doc.stem)]),
            records_commit=commit_of(facts, commits),
        )
        marked.append(dataclasses.replace(doc, provenance=provenance))
    return marked, by_stem


def commit_of(facts: Mapping[str, object], commits: Mapping[str, str] | None) -> str | None:
    """The records' commit a document names (``facts``: its manifest entry's): its meeting's,
    or the annual report's."""
    if commits is None:
        return None
    meeting = facts.get("meeting")
    return commits.get(str(meeting) if meeting else plan.ANNUAL_REPORT)


def _convert_and_list(
    docs: Sequence[Document],
    extra_formats: Sequence[str],
    out_root: Path,
    part: Path,
    sources_of: Callable[[Mapping[str, object]], list[dict[str, str]]],
    assemble: Callable[[], list[Path]] = list,
    commits: Mapping[str, str] | None = None,
) -> list[Path]:
    """Convert ``docs``, then ``assemble`` what is made from them (e-mails, calendar files;
    it returns their paths), and write the part: each file's manifest entry with the record
    files its document was made from (``sources_of(entry)``). Returns every file's path."""
    from .convert import convert_documents

    docs, by_stem = with_provenance(docs, sources_of, commits)
    cache = out_root / ".kokous" / "cache" / "conversions"
    paths = convert_documents(with_extra_formats(docs, extra_formats), out_root, cache)
    paths += assemble()
    artifacts = sorted((artifact_entry(out_root, p) for p in paths), key=lambda a: a["path"])
    for entry in artifacts:
        # The e-mails and calendar files are assembled, not converted: no stem of theirs.
        stem = str(entry["path"]).rsplit(".", 1)[0]
        entry["sources"] = by_stem[stem] if stem in by_stem else sources_of(entry)
        if commits is not None:
            entry["records_commit"] = commit_of(entry, commits)
    write_json(part, {"artifacts": artifacts})
    return paths


def _project_version() -> str:
    """kokous's version as installed (pyproject.toml's)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kokous")
    except PackageNotFoundError:
        return "unknown"


def render_meetings(
    checked: Path,
    meetings: Sequence[str],
    out_root: Path,
    part: Path,
    now: dt.datetime | None = None,
    editions: Sequence[str] = EDITIONS,
    extra_formats: Sequence[str] = (),
    records_commits: Mapping[str, str] | None = None,
    mail_config: MailConfig | None = None,
) -> None:
    """The press releases and minutes of ``meetings`` (keys) of a checked body-year;
    ``records_commits`` (by meeting key) is the records' commit each document names;
    ``mail_config`` the e-mails' base_url and fallback addresses."""
    from .documents import meeting_documents

    now = now or plan.build_clock()
    volume = load_checked(checked)
    keys = set(meetings)
    docs = [d for e in editions for d in meeting_documents(volume, e, now, keys)]
    by_key = {m.key: m for m in volume.meetings if m.key in keys}

    def sources_of(entry: Mapping[str, object]) -> list[dict[str, str]]:
        return meeting_sources(volume, by_key[str(entry["meeting"])], str(entry["kind"]))

    root = out_root.resolve()

    def assemble() -> list[Path]:
        from .mail import meeting_mails

        def read(rel: PurePosixPath) -> bytes:
            return writer.sanitised_join(root, rel).read_bytes()

        files = {
            rel: data
            for e in editions
            for rel, data in meeting_mails(volume, e, now, read, keys, mail_config).items()
        }
        return writer.write_files(root, files)

    written = _convert_and_list(
        docs, extra_formats, root, part, sources_of, assemble, records_commits
    )
    # The job owns its meetings' folders (directory() outputs, which Snakemake does not empty
    # before it, so unchanged files keep their times): what it no longer writes there goes.
    volume_root = [root / e / volume.body.id / str(volume.year) for e in editions]
    for folder in (base / key for base in volume_root for key in sorted(keys)):
        writer.prune_folder(folder, written)
        writer.remove_empty_folders(root, folder)


def render_annual_report(
    checked: Sequence[Path],
    out_root: Path,
    part: Path,
    now: dt.datetime | None = None,
    editions: Sequence[str] = EDITIONS,
    extra_formats: Sequence[str] = (),
    records_commit: str | None = None,
) -> None:
    """The annual report of the main body whose checked year comes first in ``checked``,
    covering the subcommittees' years that follow it; ``records_commit`` is the one it
    names."""
    from .documents import annual_report_documents

    now = now or plan.build_clock()
    head, *subs = (load_checked(p) for p in checked)
    docs = [d for e in editions for d in annual_report_documents(head, subs, e, now)]
    sources = annual_report_sources(head, subs)
    commits = None if records_commit is None else {plan.ANNUAL_REPORT: records_commit}
    _convert_and_list(
        docs, extra_formats, out_root.resolve(), part, lambda _entry: sources, commits=commits
    )
