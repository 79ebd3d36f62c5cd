"""Provenance in the manifest: every document's entry lists the record files it was made from
with their sha256 (``sources``) and the records' git commit (``records_commit``); an edited
record changes exactly its documents' sources, and a commit reruns the publish step alone."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from conftest import snakemake
from tools import require

MEETING = "records/tyonvk/meetings/2025-03-12.yaml"
GIT = ["git", "-c", "user.name=Kirjaamo", "-c", "user.email=kirjaamo@example.fi"]


def documents(build: Path) -> dict[str, dict]:
    """The manifest entries of the documents (not the desk's pages and feeds), by path."""
    artifacts = json.loads((build / "manifest.json").read_text("utf-8"))["artifacts"]
    return {a["path"]: a for a in artifacts if a["kind"] not in ("index", "feed", "search")}


def sources(entry: dict) -> dict[str, str]:
    return {s["path"]: s["sha256"] for s in entry["sources"]}


def test_every_document_lists_the_records_it_was_made_from(built_sample: Path) -> None:
    workdir = built_sample.parent
    entries = documents(built_sample)
    assert entries
    for path, entry in entries.items():
        # The sample's copy is in no git repository.
        assert entry["records_commit"] == "uncommitted", path
        assert [s["path"] for s in entry["sources"]] == sorted(sources(entry)), path
        for source, digest in sources(entry).items():
            assert source.startswith("records/"), (path, source)
            assert hashlib.sha256((workdir / source).read_bytes()).hexdigest() == digest
        body = f"records/{entry['body']}/body.yaml"
        if entry["meeting"]:
            assert {body, f"records/{entry['body']}/meetings/{entry['meeting']}.yaml"} <= set(
                sources(entry)
            ), path
            # Of the year's meetings, only its own.
            assert len([s for s in sources(entry) if "/meetings/" in s]) == 1, path
    press = sources(entries["public/tyonvk/2025/2025-03-12/press-release.fi.pdf"])
    minutes = sources(entries["public/tyonvk/2025/2025-03-12/minutes.fi.pdf"])
    # The press release lists the three subcommittees it names; the minutes name none.
    subs = {f"records/{b}/body.yaml" for b in ("kuntajaosto", "tietojaosto", "yhdyspintajaosto")}
    assert set(press) == {"records/tyonvk/body.yaml", MEETING, *subs}
    assert set(minutes) == {"records/tyonvk/body.yaml", MEETING}
    # A subcommittee's documents name its parent's body.yaml, whose roster they use.
    sub_minutes = sources(entries["internal/tietojaosto/2025/2025-09-02/minutes.fi.html"])
    assert "records/tyonvk/body.yaml" in sub_minutes
    # The annual report: every record of the body's and its subcommittees' year.
    annual = sources(entries["internal/tyonvk/2025/annual-report.fi.pdf"])
    assert set(annual) == {
        p.relative_to(workdir).as_posix() for p in (workdir / "records").rglob("*.yaml")
    }


def test_desk_pages_carry_no_provenance(built_sample: Path) -> None:
    artifacts = json.loads((built_sample / "manifest.json").read_text("utf-8"))["artifacts"]
    desk = [a for a in artifacts if a["kind"] in ("index", "feed", "search")]
    assert desk and not [a for a in desk if "sources" in a or "records_commit" in a]


def git(workdir: Path, *args: str) -> str:
    require("git")
    result = subprocess.run([*GIT, *args], cwd=workdir, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_an_edit_changes_its_documents_sources_and_a_commit_names_the_records(
    workflow_copy: Path,
) -> None:
    workdir = workflow_copy
    git(workdir, "init", "-q")
    git(workdir, "add", "-A")
    git(workdir, "commit", "-qm", "records")
    snakemake(workdir)
    first = documents(workdir / "build")
    head = git(workdir, "rev-parse", "HEAD")
    assert {e["records_commit"] for e in first.values()} == {head}
    # Build output (untracked, outside records/) leaves the records committed.
    assert (workdir / "build").is_dir()

    record = workdir / MEETING
    record.write_text(record.read_text("utf-8") + "# checked again\n", "utf-8")
    snakemake(workdir)
    second = documents(workdir / "build")
    assert second.keys() == first.keys()
    new_digest = hashlib.sha256(record.read_bytes()).hexdigest()
    for path, entry in second.items():
        before, after = sources(first[path]), sources(entry)
        # A document names the commit of its own records: uncommitted now for those made
        # from the edited record, the last commit still for the others.
        # The OParl export, made from every record, takes the folder's: uncommitted.
        own = "uncommitted" if MEETING in before or entry["kind"] == "oparl" else head
        assert entry["records_commit"] == own, path
        if MEETING in before:
            assert after[MEETING] == new_digest != before[MEETING], path
            assert {k: v for k, v in after.items() if k != MEETING} == {
                k: v for k, v in before.items() if k != MEETING
            }, path
            # The document names its sources' digests in its own metadata: only that changes.
            if entry["format"] in ("html", "pdf", "docx"):
                assert entry["sha256"] != first[path]["sha256"], path
        else:
            assert after == before, path
            # A comment changes no document made from other records.
            assert entry["sha256"] == first[path]["sha256"], path

    git(workdir, "commit", "-qam", "a comment")
    # The commit reruns the jobs of the documents made from the record (their commit changes)
    # and the publish step, no check job.
    dry = snakemake(workdir, "-n", "--quiet", "host")
    planned = dry.stdout + dry.stderr
    assert "publish_desk" in planned and "check_" not in planned, planned
    snakemake(workdir)
    third = documents(workdir / "build")
    commit = git(workdir, "rev-parse", "HEAD")
    assert commit != head
    for path, entry in third.items():
        made_from_it = MEETING in sources(first[path])
        own = commit if made_from_it or entry["kind"] == "oparl" else head
        assert entry["records_commit"] == own, path
        if not made_from_it:
            assert entry["sha256"] == first[path]["sha256"], path
    assert {p: e["sources"] for p, e in third.items()} == {
        p: e["sources"] for p, e in second.items()
    }


def test_records_commit_is_head_only_while_every_record_is_committed(tmp_path: Path) -> None:
    from kokous.manifest import records_commit

    records = tmp_path / "records"
    (records / "tyonvk").mkdir(parents=True)
    assert records_commit(records) == "uncommitted"  # in no repository
    git(tmp_path, "init", "-q")
    (records / "tyonvk" / "body.yaml").write_text("id: tyonvk\n")
    (tmp_path / ".gitignore").write_text("*.local.yaml\n")
    assert records_commit(records) == "uncommitted"  # no commit yet
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "records")
    head = git(tmp_path, "rev-parse", "HEAD")
    assert records_commit(records) == head
    # Files outside records/, editors' and hidden files change nothing.
    (tmp_path / "notes.txt").write_text("x\n")
    (records / "tyonvk" / "body.yaml~").write_text("x\n")
    (records / ".DS_Store").write_text("x\n")
    assert records_commit(records) == head
    # A changed, an untracked or an ignored record does.
    for path in ("tyonvk/body.yaml", "tyonvk/new.yaml", "tyonvk/x.local.yaml"):
        before = (records / path).read_text() if (records / path).exists() else None
        (records / path).write_text("id: changed\n")
        assert records_commit(records) == "uncommitted", path
        if before is None:
            (records / path).unlink()
        else:
            (records / path).write_text(before)
        assert records_commit(records) == head, path
