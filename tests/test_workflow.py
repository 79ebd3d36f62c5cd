"""Snakemake owns the build (issue 11): every meeting folder is a declared output (issue 20:
its documents are not declared one by one; `kokous verify` checks them), an incremental build
equals a clean one after every kind of edit, selections and folder names can neither delete
nor run anything, and no process outlives a run."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import SNAKEMAKE, snakemake

from kokous import layout

FOLDER = "build/public/tietojaosto/2025/2025-09-02"
DOCUMENT = f"{FOLDER}/minutes.fi.pdf"


def tree(build: Path) -> dict[str, str]:
    """Every file under ``build/`` with its digest, but the conversion cache: what a cache
    holds depends on the history of runs by design, what it makes must not."""
    return {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in build.rglob("*")
        if p.is_file()
        and not p.relative_to(build).as_posix().startswith((".kokous/cache/", ".kokous/logs/"))
    }


def same_as_clean(workdir: Path, scratch: Path) -> None:
    """The build of ``workdir`` equals a clean build of the same records, file for file."""
    if scratch.exists():
        shutil.rmtree(scratch)
    clean = layout.copy_workflow(workdir, scratch, workdir / "records")
    snakemake(clean)
    incremental, fresh = tree(workdir / "build"), tree(clean / "build")
    assert sorted(incremental) == sorted(fresh)
    assert [p for p in fresh if incremental[p] != fresh[p]] == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built_copy(built_workflow: Path, tmp_path: Path) -> Path:
    """A copy of the built sample workflow (build/ and Snakemake's records included)."""
    return Path(shutil.copytree(built_workflow, tmp_path / "built", symlinks=True))


def test_an_incremental_build_equals_a_clean_build_after_every_kind_of_edit(
    built_copy: Path, tmp_path: Path
) -> None:
    records = built_copy / "records"
    scratch = tmp_path / "clean"
    march = records / "tyonvk/meetings/2025-03-12.yaml"

    # A comment line (once broke the desk).
    march.write_text(march.read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
    snakemake(built_copy)
    same_as_clean(built_copy, scratch)

    # One sentence.
    edit(march, "Helsingissä", "Helsingissä kaupungintalolla")
    snakemake(built_copy)
    same_as_clean(built_copy, scratch)

    # A newline in a template.
    template = built_copy / "templates/press-release.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    snakemake(built_copy)
    same_as_clean(built_copy, scratch)

    # A meeting added, then deleted.
    added = records / "tietojaosto/meetings/2025-11-05.yaml"
    added.write_text(
        (records / "tietojaosto/meetings/2025-09-02.yaml")
        .read_text(encoding="utf-8")
        .replace("2025-09-02", "2025-11-05")
        .replace("2025-09-05", "2025-11-07"),
        encoding="utf-8",
    )
    snakemake(built_copy)
    assert (built_copy / "build/public/tietojaosto/2025/2025-11-05/minutes.fi.html").is_file()
    same_as_clean(built_copy, scratch)
    added.unlink()
    snakemake(built_copy)
    assert not (built_copy / "build/public/tietojaosto/2025/2025-11-05").exists()
    same_as_clean(built_copy, scratch)

    # Minutes back to draft: the public minutes go.
    june = records / "tyonvk/meetings/2025-06-11.yaml"
    edit(
        june,
        "minutes:\n  status: approved\n  approved_at: 2025-09-24\n",
        "minutes:\n  status: draft\n",
    )
    snakemake(built_copy)
    assert not (built_copy / "build/public/tyonvk/2025/2025-06-11/minutes.fi.pdf").exists()
    same_as_clean(built_copy, scratch)

    # A body selection, an unknown body, then a plain run.
    edit(march, "kaupungintalolla", "kaupungintalossa")
    edit(records / "tietojaosto/meetings/2025-09-02.yaml", "kuuden viikon", "seitsemän viikon")
    before = tree(built_copy / "build")
    snakemake(built_copy, "--config", "bodies=[tietojaosto]")
    after = tree(built_copy / "build")
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert changed and all("tietojaosto/2025" in p for p in changed), changed
    unknown = snakemake(built_copy, "--config", "bodies=[tyonvkk]", check=False)
    assert unknown.returncode != 0
    assert "tyonvkk" in unknown.stderr and "Traceback" not in unknown.stderr
    assert tree(built_copy / "build") == after
    snakemake(built_copy)
    same_as_clean(built_copy, scratch)


@pytest.mark.parametrize(
    "name", ["e`touch X`", "x$(touch X)", "a;touch X", "Isot Kirjaimet", "kuntajaosto (kopio)"]
)
def test_a_bad_folder_name_stops_the_run_before_any_job(built_copy: Path, name: str) -> None:
    before = tree(built_copy / "build")
    folder = built_copy / "records" / name
    shutil.copytree(built_copy / "records/kuntajaosto", folder)
    result = snakemake(built_copy, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"records/{name!r}: K101 not a valid body id" in output
    assert len([line for line in result.stderr.splitlines() if "kokous:" in line]) == 1
    assert "Traceback" not in output
    assert not list(built_copy.rglob("X")), "a command in the folder name ran"
    assert tree(built_copy / "build") == before


def test_settings_are_checked_against_their_schema(built_copy: Path) -> None:
    before = tree(built_copy / "build")
    for setting in ("editions=[publc]", "bodys=[tyonvk]", "extra_formats=[pdf]"):
        result = snakemake(built_copy, "--config", setting, check=False)
        assert result.returncode != 0, setting
        assert tree(built_copy / "build") == before


def test_a_meeting_folder_is_a_target_of_its_own(built_copy: Path) -> None:
    folder = built_copy / FOLDER
    original = {p.name: p.read_bytes() for p in folder.iterdir()}
    shutil.rmtree(folder)
    # The default profile keeps runs short (quiet: rules); asked for details, a dry run says
    # which job reruns and why.
    dry = snakemake(built_copy, "--dry-run", "--quiet", "host")
    assert "render_tietojaosto_2025_meetings_1" in dry.stdout
    assert f"Missing output files: {FOLDER}" in dry.stdout
    snakemake(built_copy, FOLDER)
    # Snakemake's mark in the folder is moved even when no job reads the folder (the run
    # asked for the folder alone): nothing of Snakemake's stays in the edition.
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == original
    dry = snakemake(built_copy, "--dry-run", FOLDER)
    assert "Nothing to be done" in dry.stdout + dry.stderr
    summary = snakemake(built_copy, "--summary")
    assert FOLDER in summary.stdout
    deleted = snakemake(built_copy, "--delete-all-output", "--dry-run")
    assert FOLDER in deleted.stdout + deleted.stderr


def kokous_verify(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`kokous verify` in ``workdir``, from the environment running the tests."""
    command = [str(Path(SNAKEMAKE).with_name("python")), "-m", "kokous", "verify", *args]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)


def test_verify_names_a_missing_and_an_altered_document_and_one_command_restores_them(
    built_copy: Path,
) -> None:
    """The trade of issue 20: a document inside a meeting folder is no declared output, so
    Snakemake does not see it deleted; `kokous verify` does, against the manifest, and
    `snakemake --forcerun $(kokous verify --targets)` (README) restores it byte for byte."""
    build = built_copy / "build"
    before = tree(build)
    altered = built_copy / "build/internal/tyonvk/2025/2025-06-11/minutes.fi.html"
    altered.write_bytes(altered.read_bytes().replace(b"</body>", b"<p>x</p></body>"))
    (built_copy / DOCUMENT).unlink()
    stray = built_copy / "build/public/tyonvk/2025/2025-03-12/notes.txt"
    stray.write_text("not ours", encoding="utf-8")
    found = kokous_verify(built_copy)
    assert found.returncode == 1
    assert found.stdout.splitlines() == [
        "build/internal/tyonvk/2025/2025-06-11/minutes.fi.html: altered",
        f"{DOCUMENT}: missing",
        "build/public/tyonvk/2025/2025-03-12/notes.txt: unlisted",
    ]
    targets = kokous_verify(built_copy, "--targets").stdout.split()
    assert targets == [
        "build/internal/tyonvk/2025/2025-06-11",
        FOLDER,
        "build/public/tyonvk/2025/2025-03-12",
    ]
    snakemake(built_copy, "--forcerun", *targets)
    assert tree(build) == before
    again = kokous_verify(built_copy)
    assert again.returncode == 0, again.stdout


def _processes_in(folder: Path) -> list[str]:
    """Processes whose working folder is ``folder`` or below it."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = (entry / "cwd").readlink()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if cwd == folder or folder in cwd.parents:
            found.append(f"{entry.name}: {command}")
    return found


def test_no_process_outlives_the_build(workflow_copy: Path) -> None:
    snakemake(workflow_copy)
    time.sleep(1)
    assert _processes_in(workflow_copy.resolve()) == []


def test_a_failed_check_stops_its_own_year_only(built_copy: Path) -> None:
    """A bad record stops its body-year (its files stay as they were); the other body-years
    build on, and the run ends non-zero naming the record."""
    build = built_copy / "build"
    edit(
        built_copy / "records/tietojaosto/meetings/2025-09-02.yaml",
        "kuuden viikon",
        "seitsemän viikon",
    )
    march = built_copy / "records/tyonvk/meetings/2025-03-12.yaml"
    edit(march, "status: held", "status: pidetty")
    before = tree(build)
    result = snakemake(built_copy, check=False)
    assert result.returncode != 0
    assert "records/tyonvk/meetings/2025-03-12.yaml:" in result.stdout + result.stderr
    after = tree(build)
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    documents = {p for p in changed if not p.startswith(".kokous/")}
    # The other body builds on: its documents, and its own desk pages and search bundle
    # (issue 20: a body's publish step needs no other body's).
    assert documents and all(
        p.startswith(
            ("public/tietojaosto/", "internal/tietojaosto/", "public/pagefind/tietojaosto/")
        )
        for p in documents
    ), documents
    assert all(
        before[p] == after[p] for p in before if "/tyonvk/" in p and not p.startswith(".kokous/")
    )


def test_no_test_or_build_leaves_a_temporary_file(built_sample: Path) -> None:
    leftovers = [p for p in built_sample.rglob("*") if p.name.startswith(".kokous-tmp-")]
    assert leftovers == []


def test_the_workflow_lint_has_nothing_to_say(built_copy: Path) -> None:
    result = snakemake(built_copy, "--lint")
    assert "Congratulations, your workflow is in a good condition!" in result.stdout + result.stderr


def test_a_stopped_run_changes_nothing(workflow_copy: Path) -> None:
    """A run interrupted while its jobs run leaves no half-written document."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    proc = subprocess.Popen(
        [SNAKEMAKE, "--cores", "2"],
        cwd=workflow_copy,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)
    proc.terminate()
    proc.wait(timeout=60)
    build = workflow_copy / "build"
    assert [p for p in build.rglob("*") if p.name.startswith(".kokous-tmp-")] == []
    snakemake(workflow_copy)
    time.sleep(1)
    assert _processes_in(workflow_copy.resolve()) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2025-10-01.YAML", "records/tietojaosto/meetings/2025-10-01.YAML: "),
        ("2025-9-30.yaml", "records/tietojaosto/meetings/2025-9-30.yaml: "),
    ],
)
def test_a_misnamed_record_stops_its_own_year_in_the_workflow_too(
    built_copy: Path, name: str, message: str
) -> None:
    """The workflow applies the one rule for which files are records (kokous.layout): a
    misnamed meeting file is an error of its body-year, not a file skipped in silence."""
    build = built_copy / "build"
    shutil.copy(
        built_copy / "records/tietojaosto/meetings/2025-09-02.yaml",
        built_copy / "records/tietojaosto/meetings" / name,
    )
    edit(built_copy / "records/tyonvk/meetings/2025-03-12.yaml", "Helsingissä", "Lahdessa")
    before = tree(build)
    result = snakemake(built_copy, check=False)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    # Its year stops before any of its documents is touched; the other body-years build.
    after = tree(build)
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    documents = {p for p in changed if not p.startswith(".kokous/")}
    assert any(p.startswith("public/tyonvk/2025/2025-03-12/") for p in documents)
    assert not any("tietojaosto" in p for p in documents)
    # The next run reports it again: a failed check is never taken for a passed one.
    again = snakemake(built_copy, check=False)
    assert again.returncode != 0 and message in again.stdout + again.stderr
