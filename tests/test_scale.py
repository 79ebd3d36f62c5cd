"""Issue 20: a ministry's archive at the speed of one body. Coarse declarations (a folder per
meeting and edition), aggregates per body and one small final step, checked (never timed) on
a desk of several bodies: an edit touches only its own files and the aggregates that list
it, the final step's inputs grow with the bodies and not the documents, nothing of
Snakemake's lies in the editions, and the run after a build has nothing to do."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import copy_workflow, snakemake
from test_workflow import edit, same_as_clean

from kokous.manifest import verify

#: A second main body beside the sample's TyöNVK and its subcommittees: a copy of TyöNVK.
OTHER = "kasvunvk"
MEETING = "tyonvk/2025/2025-03-12"
#: The other meeting of the same render job (tyonvk 2025 has fewer than ten meetings).
NEIGHBOUR = "tyonvk/2025/2025-06-11"


def snapshot(build: Path) -> dict[str, tuple[str, int]]:
    """Every file of the editions and the manifest: its sha256 and its mtime."""
    files = [build / "manifest.json"]
    files += [p for e in ("public", "internal") for p in (build / e).rglob("*") if p.is_file()]
    return {
        p.relative_to(build).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in files
    }


@pytest.fixture(scope="module")
def several_bodies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workflow with a second main body (four bodies with documents or pages)."""
    workdir = copy_workflow(tmp_path_factory.mktemp("bodies") / "workflow")
    records = workdir / "records"
    shutil.copytree(records / "tyonvk", records / OTHER)
    # Its press release of 12.3.2025 lists TyöNVK's subcommittees, which are not its own.
    (records / OTHER / "meetings/2025-03-12.yaml").unlink()
    edit(records / OTHER / "body.yaml", "short_name: TyöNVK", "short_name: KasvuNVK")
    snakemake(workdir)
    return workdir


def test_the_run_after_a_build_has_nothing_to_do(several_bodies: Path) -> None:
    dry = snakemake(several_bodies, "--dry-run")
    assert "Nothing to be done" in dry.stdout + dry.stderr


def test_nothing_but_documents_and_desk_files_lies_in_the_editions(several_bodies: Path) -> None:
    build = several_bodies / "build"
    assert verify(build) == []
    for edition in ("public", "internal"):
        for path in (build / edition).rglob("*"):
            assert not path.name.startswith((".snakemake", ".kokous")), path


def _desk_inputs(workdir: Path) -> list[str]:
    """The final step's declared inputs, as a dry run that forces it prints them."""
    dry = snakemake(workdir, "--dry-run", "--forcerun", "publish_desk", "--quiet", "host")
    job = dry.stdout.split("rule publish_desk:", 1)[1]
    listed = re.search(r"^\s*input: (.*)$", job, re.MULTILINE)
    assert listed, job
    return listed[1].split(", ")


def test_the_final_step_reads_a_few_files_per_body_not_per_document(
    several_bodies: Path, tmp_path: Path
) -> None:
    inputs = _desk_inputs(several_bodies)
    bodies = sorted(p.name for p in (several_bodies / "records").iterdir() if p.is_dir())
    per_body = [p for p in inputs if "/publish/" in p or "/pagefind/" in p]
    assert len(per_body) == 3 * len(bodies)  # summary, part and search bundle of each body
    assert not [p for p in inputs if re.search(r"/\d{4}/", p)], "no document or meeting folder"
    # More documents (a meeting added) leave the inputs as they are; a main body adds four:
    # its summary, part and search bundle, and its family's OParl part.
    copy = Path(shutil.copytree(several_bodies, tmp_path / "more", symlinks=True))
    meetings = copy / "records" / OTHER / "meetings"
    shutil.copy(meetings / "2025-06-11.yaml", meetings / "2025-04-02.yaml")
    assert _desk_inputs(copy) == inputs
    shutil.copytree(copy / "records" / OTHER, copy / "records" / "kolmasnvk")
    assert len(_desk_inputs(copy)) == len(inputs) + 4


def test_a_one_meeting_edit_rewrites_its_files_and_the_aggregates_that_list_it_only(
    several_bodies: Path, tmp_path: Path
) -> None:
    workdir = Path(shutil.copytree(several_bodies, tmp_path / "edited", symlinks=True))
    build = workdir / "build"
    before = snapshot(build)
    edit(workdir / f"records/{MEETING[:6]}/meetings/2025-03-12.yaml", "Helsingissä", "Lahdessa")
    snakemake(workdir)
    after = snapshot(build)
    changed = {p for p in after if before.get(p, ("",))[0] != after[p][0]}
    # Times, too: every file whose time changed is the meeting's or an aggregate's.
    touched = {p for p in after.keys() & before.keys() if before[p][1] != after[p][1]}
    # The meeting's own documents, in both editions.
    assert {p for p in changed if f"/{MEETING}/" in p} >= {
        f"public/{MEETING}/minutes.fi.html",
        f"internal/{MEETING}/minutes.fi.html",
    }
    aggregates = re.compile(
        r"^(manifest\.json"
        r"|(public|internal)/index(\.[a-z]{2})?\.html|public/feed(\.[a-z]{2})?\.atom"
        r"|(public|internal)/tyonvk/(index(\.[a-z]{2})?\.html|feed(\.[a-z]{2})?\.atom)"
        r"|(public|internal)/tyonvk/2025/annual-report\..*"
        r"|public/pagefind/tyonvk/.*"
        # The OParl export (rules/oparl.smk): the meeting's object and its family's lists.
        r"|public/oparl/(tyonvk/.*|[a-z]+\.json))$"
    )
    # Pagefind names its index files by content: some go, others come.
    gone = before.keys() - after.keys()
    rewritten = {p for p in changed | touched | gone if f"/{MEETING}/" not in p}
    assert [p for p in sorted(rewritten) if not aggregates.match(p)] == []
    # Nothing of the other bodies, and the other meeting of the same render job keeps its
    # bytes and its times.
    assert not [p for p in changed | touched if f"/{OTHER}/" in p or "/tietojaosto/" in p]
    assert not [p for p in changed | touched if f"/{NEIGHBOUR}/" in p]
    assert verify(build) == []
    same_as_clean(workdir, tmp_path / "clean")
