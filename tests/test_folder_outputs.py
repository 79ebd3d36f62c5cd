"""The pieces of issue 20's coarse declarations that need no build: moving Snakemake's mark
out of a folder output, a job pruning what it no longer writes in its folders, the manifest
check behind `kokous verify` and the outputs that restore what it finds."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from kokous import plan
from kokous.manifest import restore_target, verify
from kokous.writer import SNAKEMAKE_MARK, prune_folder, settle_folder_marks

REPO = Path(__file__).resolve().parents[1]


def test_the_mark_moves_onto_the_folder_with_its_time(tmp_path: Path) -> None:
    folder = tmp_path / "meeting"
    folder.mkdir()
    (folder / "minutes.fi.html").write_text("x", encoding="utf-8")
    mark = folder / SNAKEMAKE_MARK
    mark.touch()
    os.utime(mark, (1_700_000_000, 1_700_000_000))
    unmarked = tmp_path / "other"
    unmarked.mkdir()
    before = unmarked.stat().st_mtime
    settle_folder_marks([folder, unmarked, tmp_path / "missing"])
    assert not mark.exists()
    assert folder.stat().st_mtime == 1_700_000_000  # what Snakemake read from the mark
    assert unmarked.stat().st_mtime == before
    assert [p.name for p in folder.iterdir()] == ["minutes.fi.html"]


def test_a_job_prunes_only_what_it_no_longer_writes_in_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "2025-03-12"
    folder.mkdir()
    kept = [folder / "minutes.fi.html", folder / "minutes.fi.pdf"]
    for path in [*kept, folder / "minutes.fi.odt", folder / SNAKEMAKE_MARK]:
        path.write_text("x", encoding="utf-8")
    (folder / "sub").mkdir()
    assert prune_folder(folder, kept) == sorted(
        [folder / "minutes.fi.odt", folder / SNAKEMAKE_MARK]
    )
    assert sorted(p.name for p in folder.iterdir()) == ["minutes.fi.html", "minutes.fi.pdf", "sub"]
    assert prune_folder(tmp_path / "gone", []) == []


def _entry(build: Path, rel: str) -> dict[str, object]:
    return {"path": rel, "sha256": hashlib.sha256((build / rel).read_bytes()).hexdigest()}


def test_verify_names_missing_altered_and_unlisted_files(tmp_path: Path) -> None:
    build = tmp_path / "build"
    files = {
        "public/tyonvk/2025/2025-03-12/minutes.fi.html": "a",
        "internal/tyonvk/2025/2025-03-12/minutes.fi.pdf": "b",
        "public/index.html": "c",
        "public/pagefind/tyonvk/pagefind.js": "d",
    }
    for rel, text in files.items():
        (build / rel).parent.mkdir(parents=True, exist_ok=True)
        (build / rel).write_text(text, encoding="utf-8")
    manifest = {"artifacts": [_entry(build, rel) for rel in files]}
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert verify(build) == []
    (build / "public/index.html").unlink()
    (build / "internal/tyonvk/2025/2025-03-12/minutes.fi.pdf").write_text("B", encoding="utf-8")
    (build / "public/tyonvk/2025/2025-03-12" / SNAKEMAKE_MARK).touch()
    assert verify(build) == [
        ("altered", "internal/tyonvk/2025/2025-03-12/minutes.fi.pdf"),
        ("missing", "public/index.html"),
        ("unlisted", f"public/tyonvk/2025/2025-03-12/{SNAKEMAKE_MARK}"),
    ]


def test_each_file_is_restored_by_the_output_that_declares_it() -> None:
    assert restore_target("public/tyonvk/2025/2025-03-12/minutes.fi.html") == (
        "public/tyonvk/2025/2025-03-12"
    )
    assert restore_target("public/tyonvk/2025/annual-report.fi.pdf") == (
        "public/tyonvk/2025/annual-report.fi.pdf"
    )
    assert restore_target("public/tyonvk/index.sv.html") == "public/tyonvk/index.sv.html"
    assert restore_target("public/pagefind/tyonvk/fragment/fi_1.pf_fragment") == (
        "public/pagefind/tyonvk"
    )


def test_the_plan_names_a_folder_per_meeting_and_edition_with_documents() -> None:
    planned = plan.make_plan(REPO / "records")
    by = next(b for b in planned.years if b.body == "tyonvk" and b.year == 2025)
    folders = by.folders
    assert folders == sorted({f.rsplit("/", 1)[0] for job in by.render for f in job.files})
    # A planned meeting has documents in the internal edition only (its agenda, invitation).
    assert "internal/tyonvk/2025/2025-09-24" in folders
    assert "public/tyonvk/2025/2025-09-24" not in folders
    assert by.annual is not None and not any(f.count("/") == 4 for f in by.annual.files)
