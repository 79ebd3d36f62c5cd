"""The whole workflow on the sample records: what it writes, the seed, editions, manifest,
incremental rebuilds, determinism and failure."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, snakemake
from extract import normalised, sentences, text_of

SEED_SHARED = REPO.parent / "shared" / "seeds" / "000_762f0f701aaf4e6c.txt"
#: The seed as shared beside the checkout, else the copy kept with the golden files (which
#: tests/test_render.py keeps equal to it).
SEED = SEED_SHARED if SEED_SHARED.is_file() else REPO / "tests/golden/seed-press-release.fi.txt"
SEED_RELEASE = "tyonvk/2025/2025-03-12/press-release.fi"
#: Strings the sample places in confidential items, absence reasons, a non-consenting guest's
#: name and a non-public phone number: none may reach the public edition.
CANARIES = ("KANARIA-", "+358 50 555 0199")


def manifest(build: Path) -> list[dict]:
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))["artifacts"]


def edition_files(build: Path) -> set[str]:
    return {
        p.relative_to(build).as_posix()
        for edition in ("public", "internal")
        for p in (build / edition).rglob("*")
        # Snakemake's marks in folder outputs are moved out of the editions (issue 20).
        if p.is_file()
    }


def is_desk_file(path: str) -> bool:
    """An index page, feed or search index file of the desk (in any language)."""
    desk = re.search(r"(^|/)(index|feed)(\.[a-z]{2})?\.(html|atom)$", path)
    return "/pagefind/" in path or desk is not None


def test_every_publication_in_every_format_language_and_edition(built_sample: Path) -> None:
    paths = {a["path"] for a in manifest(built_sample)}
    for edition in ("public", "internal"):
        for meeting in ("2025-03-12", "2025-06-11"):
            for lang in ("fi", "sv", "en"):
                for fmt in ("html", "pdf", "docx", "txt"):
                    assert f"{edition}/tyonvk/2025/{meeting}/press-release.{lang}.{fmt}" in paths
            for fmt in ("html", "pdf", "docx"):
                assert f"{edition}/tyonvk/2025/{meeting}/minutes.fi.{fmt}" in paths
        for fmt in ("html", "pdf", "docx"):
            assert f"{edition}/tyonvk/2025/annual-report.fi.{fmt}" in paths
            assert f"{edition}/tietojaosto/2025/2025-09-02/minutes.fi.{fmt}" in paths


def test_manifest_lists_every_edition_file_with_its_checksum_and_nothing_else(
    built_sample: Path,
) -> None:
    artifacts = manifest(built_sample)
    kinds = {
        "press-release",
        "minutes",
        "agenda",
        "invitation",
        "annual-report",
        "index",
        "feed",
        "search",
        "oparl",
    }
    for a in artifacts:
        data = (built_sample / a["path"]).read_bytes()
        assert a["sha256"] == hashlib.sha256(data).hexdigest(), a["path"]
        assert a["bytes"] == len(data)
        assert a["edition"] in ("public", "internal") and a["kind"] in kinds
        assert a["path"].startswith(f"{a['edition']}/")
        if a["kind"] == "annual-report":
            assert a["meeting"] is None
    assert {a["path"] for a in artifacts} == edition_files(built_sample)


def test_draft_minutes_stay_out_of_the_public_edition(built_sample: Path) -> None:
    paths = {a["path"] for a in manifest(built_sample)}
    assert "internal/tyonvk/2025/2025-09-24/minutes.fi.html" in paths
    assert not any(p.startswith("public/tyonvk/2025/2025-09-24/") for p in paths)
    internal = text_of(built_sample / "internal/tyonvk/2025/2025-09-24/minutes.fi.html")
    assert "Luonnos" in internal


@pytest.mark.parametrize("fmt", ["html", "txt", "pdf", "docx"])
def test_every_seed_sentence_is_in_the_finnish_press_release(built_sample: Path, fmt: str) -> None:
    text = normalised(text_of(built_sample / "public" / f"{SEED_RELEASE}.{fmt}"))
    missing = [
        s.removeprefix("- ")
        for s in sentences(SEED.read_text(encoding="utf-8"))
        if s.removeprefix("- ") not in text
    ]
    assert missing == []


def test_public_edition_holds_no_canary_and_internal_holds_them(built_sample: Path) -> None:
    leaks = []
    internal_text = ""
    for a in manifest(built_sample):
        text = text_of(built_sample / a["path"])
        if a["edition"] == "public":
            leaks += [(a["path"], c) for c in CANARIES if c in text]
        else:
            internal_text += text
    assert leaks == []
    for canary in ("KANARIA-SALAINEN-7Q", "KANARIA-POISSAOLO-3F", "KANARIA-VIERAS-9X"):
        assert canary in internal_text


def test_confidential_item_keeps_its_public_title_and_provision(built_sample: Path) -> None:
    public = text_of(built_sample / "public/tyonvk/2025/2025-06-11/minutes.fi.html")
    assert "Tietojärjestelmäpalvelujen tietoturvaselvitys" in public
    assert "JulkL 24 § 1 mom. 7 k" in public.replace("\u00a0", " ")  # kokous.typography
    assert "haavoittuvuudet" not in public


def test_internal_edition_is_marked_on_every_page(built_sample: Path) -> None:
    from pypdf import PdfReader

    pdf = built_sample / "internal/tyonvk/2025/2025-06-11/minutes.fi.pdf"
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert pages and all("Sisäinen" in page for page in pages)
    assert "Sisäinen" in text_of(pdf.with_suffix(".html"))
    assert "Sisäinen" in text_of(pdf.with_suffix(".docx"))
    assert "Sisäinen" not in text_of(built_sample / "public/tyonvk/2025/2025-06-11/minutes.fi.html")


def test_a_local_run_selects_jobs_when_one_finishes_not_on_a_timer(workflow_copy: Path) -> None:
    # Snakemake's job rate limit (100/1s by default) reruns the job selection on a timer while
    # jobs wait for a core, one more chain of timers per finished job; the Snakefile's onstart
    # handler drops it for a local run (rules/common.smk). On one core, jobs wait all along.
    result = snakemake(workflow_copy, "--cores", "1", "--verbose", "--config", "bodies=[tyonvk]")
    log = result.stdout + result.stderr
    jobs = int(re.search(r"^total\s+(\d+)", log, re.MULTILINE).group(1))
    rounds = len(re.findall(r"^Ready jobs", log, re.MULTILINE))
    assert jobs > 2 and 0 < rounds <= jobs + 1, (jobs, rounds)


def test_a_second_run_has_nothing_to_do(built_workflow: Path) -> None:
    result = snakemake(built_workflow, "--dry-run")
    assert "Nothing to be done" in result.stdout + result.stderr


def _dry_run_jobs(workdir: Path) -> dict[str, int]:
    """Job counts per rule that a dry run would execute."""
    result = snakemake(workdir, "--dry-run", "--quiet", "rules")
    jobs: dict[str, int] = {}
    for line in (result.stdout + result.stderr).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and parts[0] not in ("total", "job"):
            jobs[parts[0]] = int(parts[1])
    return jobs


def _digests(build: Path) -> dict[str, str]:
    return {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in build.rglob("*")
        if p.is_file() and ".kokous" not in p.parts
    }


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


OPARL_LISTS = [
    f"public/oparl/tyonvk/{name}.json"
    for name in ("meetings", "agenda-items", "files", "locations")
]


def test_incremental_rebuilds(workflow_copy: Path) -> None:
    snakemake(workflow_copy)
    build = workflow_copy / "build"

    record = workflow_copy / "records/tietojaosto/meetings/2025-09-02.yaml"
    before = _digests(build)
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "Jaosto kokoontuu noin kuuden viikon välein.",
            "Jaosto kokoontuu noin kahden kuukauden välein.",
        ),
        encoding="utf-8",
    )
    # Editing one subcommittee meeting reruns its year's check and render job, the parent's
    # annual report (which covers it), the OParl export, the publish steps of the two bodies
    # (the subcommittee's, and the parent's, which lists the annual report) and the final
    # one, nothing of the parent's meetings.
    assert _dry_run_jobs(workflow_copy) == {
        "check_body_year": 1,
        "render_tietojaosto_2025_meetings_1": 1,
        "write_annual_report": 1,
        "oparl_family": 1,
        "oparl_system": 1,
        "publish_body": 2,
        "publish_desk": 1,
        "all": 1,
    }
    snakemake(workflow_copy)
    changed = _changed(before, _digests(build))
    assert changed
    assert all(
        "tietojaosto/2025/2025-09-02/minutes" in p
        or "tietojaosto/2025/2025-09-02/agenda" in p  # the item's background is on its agenda
        or "annual-report" in p
        or p == "manifest.json"
        or is_desk_file(p)
        # The meeting in the OParl export: its objects' files and the list pages holding them.
        or p.startswith("public/oparl/tyonvk/meeting/tietojaosto/2025-09-02")
        or p in OPARL_LISTS
        for p in changed
    ), changed
    assert any("tietojaosto/2025/2025-09-02/minutes.fi.pdf" in p for p in changed)

    # Editing the minutes template rewrites every minutes file and nothing else.
    before = _digests(build)
    template = workflow_copy / "templates/minutes.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\n\nMALLIMUUTOS\n", encoding="utf-8"
    )
    jobs = _dry_run_jobs(workflow_copy)
    assert jobs.get("render_tyonvk_2025_meetings_1") == 1
    assert not any(job.startswith("check_") for job in jobs)
    assert "write_annual_report" not in jobs, jobs  # its templates are its own
    snakemake(workflow_copy)
    changed = {
        p
        for p in _changed(before, _digests(build))
        if p != "manifest.json"
        and not is_desk_file(p)
        # The OParl export states each minutes file's size and checksum (its File objects, the
        # meetings and the lists holding them).
        and not p.startswith("public/oparl/tyonvk/")
    }
    minutes = {p for p in before if "/minutes." in p and not p.startswith("public/oparl/")}
    assert changed == minutes

    # Editing the annual report's template reruns the annual reports and no render job.
    template = workflow_copy / "templates/annual-report.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    jobs = _dry_run_jobs(workflow_copy)
    assert jobs.get("write_annual_report", 0) >= 1, jobs
    assert not any(job.startswith(("render_", "check_")) for job in jobs), jobs


def test_two_clean_builds_are_byte_identical(built_sample: Path, workflow_copy: Path) -> None:
    snakemake(workflow_copy)
    assert _digests(workflow_copy / "build") == _digests(built_sample)


def test_a_bad_record_fails_in_one_line_and_leaves_earlier_outputs(workflow_copy: Path) -> None:
    snakemake(workflow_copy)
    build = workflow_copy / "build"
    before = _digests(build)
    record = workflow_copy / "records/tyonvk/meetings/2025-06-11.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("    decision: Merkittiin tiedoksi.\n", "    decission: x\n", 1))
    result = snakemake(workflow_copy, check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "records/tyonvk/meetings/2025-06-11.yaml:" in output
    assert "decission" in output
    assert "Traceback" not in output
    assert _digests(build) == before


def test_validate_only_exits_0_then_1() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "kokous", "validate", "--records", str(REPO / "records")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr


def test_validate_only_fails_on_a_bad_record(workflow_copy: Path) -> None:
    record = workflow_copy / "records/tyonvk/meetings/2025-03-12.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: held", "status: pidetty"))
    result = subprocess.run(
        [sys.executable, "-m", "kokous", "validate", "--records", "records"],
        cwd=workflow_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("records/tyonvk/meetings/2025-03-12.yaml:")
    assert "Traceback" not in result.stderr
    via_snakemake = snakemake(workflow_copy, "validate", check=False)
    assert via_snakemake.returncode != 0


def test_config_builds_one_body_with_the_optional_odt_format(workflow_copy: Path) -> None:
    snakemake(workflow_copy, "--config", "extra_formats=[odt]", "bodies=[tietojaosto]")
    build = workflow_copy / "build"
    # A selection writes its body's documents only (the desk and manifest describe the whole
    # build, so the whole build writes them).
    assert edition_files(build) == {
        f"{edition}/tietojaosto/2025/2025-09-02/{kind}.fi.{fmt}"
        for edition, kind in (
            ("public", "minutes"),
            ("internal", "minutes"),
            ("internal", "agenda"),
        )
        for fmt in ("html", "pdf", "docx", "odt")
    }
    assert not (build / "manifest.json").exists()
    odt = build / "public/tietojaosto/2025/2025-09-02/minutes.fi.odt"
    assert "Jaoston työskentelytavat" in text_of(odt)
