"""Records written independently from docs/records.md and schemas/ alone
(tests/fixtures/independent2): a Swedish-first youth council with a subcommittee, two 2026
meetings (the second kept in Finnish, its minutes a draft and its press release under embargo at
the build clock), confidential and internal items, canaries and hostile text of their own.

Issue 3, "Done when": records written independently against the documented schema, with their
own hostile text and confidential canaries, pass the same checks as the sample.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO, copy_workflow, snakemake
from extract import normalised, text_of

RECORDS = REPO / "tests" / "fixtures" / "independent2" / "records"
BODY, SUB = "nuorisoneuvosto", "skolsektionen"
FIRST, SECOND = "2026-02-10", "2026-04-14"
#: The build clock: noon on the day of the second meeting, Helsinki time, so its release
#: (published 18:00, embargo: true) is still under embargo, and the first one (10.2.) is out.
CLOCK = dt.datetime(2026, 4, 14, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
EPOCH = str(int(CLOCK.timestamp()))

#: Strings that must never be public: a confidential item's background, decision and
#: attachment title, an internal item's hidden title and background, two absence reasons, a
#: non-consenting guest's name, a non-public phone number.
CANARIES = {
    "CANARY-INDEP-SECRET-4711": "confidential item background",
    "CANARY-INDEP-SECRET-DECISION": "confidential item decision",
    "CANARY-INDEP-ATTACHMENT": "confidential attachment title",
    "CANARY-INDEP-TITLE-77": "internal item title with public_title: false",
    "CANARY-INDEP-INTERNAL-88": "internal item background",
    "CANARY-INDEP-ABSENCE-13": "absence reason (first meeting)",
    "CANARY-INDEP-ABSENCE-29": "absence reason (second meeting)",
    "CANARY-INDEP-GUEST": "name of a guest without consent",
    "Nils Kant": "name of a guest without consent",
    "987 6543": "non-public phone number",
}
#: Only in the embargoed release: must not be public before 14.4.2026 18:00.
EMBARGOED = "EMBARGOHEADLINE"
#: Hostile text in the records, each of which must print literally.
HOSTILE = (
    "Rådets arbetsordning <script>alert('INDEP-T')</script>",
    "{{ 7*7 }}INDEP-J",
    '#read("/etc/passwd")INDEP-R',
    "<img src=x onerror=alert('INDEP-I')>",
    "`{=html}`",
    "$$\\input{x}$$INDEP-M",
    "<b>Rådet</b> har fem ledamöter & en sekreterare; se *stadgan* [här](javascript:alert('ABOUT')).",
)


def kokous_validate(workdir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kokous", "validate", "--records", "records"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflow with the independent records, built once at CLOCK; returns build/."""
    workdir = copy_workflow(tmp_path_factory.mktemp("independent2") / "workflow", RECORDS)
    snakemake(workdir, epoch=EPOCH)
    return workdir / "build"


def artifacts(build: Path) -> list[dict]:
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))["artifacts"]


def paths(build: Path) -> set[str]:
    return {a["path"] for a in artifacts(build)}


def test_the_records_validate(tmp_path: Path) -> None:
    workdir = copy_workflow(tmp_path / "workflow", RECORDS)
    result = kokous_validate(workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_every_publication_is_built_in_both_editions(built: Path) -> None:
    have = paths(built)
    year = f"{BODY}/2026"
    for edition in ("public", "internal"):
        for lang in ("sv", "fi"):
            for fmt in ("html", "pdf", "docx", "txt"):
                assert f"{edition}/{year}/{FIRST}/press-release.{lang}.{fmt}" in have
        for fmt in ("html", "pdf", "docx"):
            # Minutes in the meeting's language: sv for the first, fi for the second.
            assert f"{edition}/{year}/{FIRST}/minutes.sv.{fmt}" in have
            assert f"{edition}/{year}/annual-report.sv.{fmt}" in have
            assert f"{edition}/{SUB}/2026/2026-03-03/minutes.sv.{fmt}" in have
    # Only the primary language's annual report, only the meeting language's minutes.
    assert not any("annual-report.fi" in p or f"{FIRST}/minutes.fi" in p for p in have)


def test_manifest_lists_every_edition_file_with_its_checksum_and_nothing_else(
    built: Path,
) -> None:
    on_disk = {
        p.relative_to(built).as_posix()
        for edition in ("public", "internal")
        for p in (built / edition).rglob("*")
        if p.is_file()
    }
    listed = artifacts(built)
    assert {a["path"] for a in listed} == on_disk
    assert len(listed) == len(on_disk)  # no duplicates
    for a in listed:
        data = (built / a["path"]).read_bytes()
        assert a["sha256"] == hashlib.sha256(data).hexdigest(), a["path"]
        assert a["bytes"] == len(data), a["path"]
        assert a["path"].startswith(f"{a['edition']}/")
        if a["kind"] in ("press-release", "minutes", "annual-report"):
            assert a["body"] in (BODY, SUB) and a["year"] == 2026
            assert a["path"].endswith(f".{a['lang']}.{a['format']}")
            assert (a["meeting"] is None) == (a["kind"] == "annual-report")


def test_public_edition_holds_no_canary_and_internal_holds_them_all(built: Path) -> None:
    leaks = []
    internal = ""
    for a in artifacts(built):
        text = text_of(built / a["path"])
        if a["edition"] == "public":
            leaks += [(a["path"], what) for c, what in CANARIES.items() if c in text]
        else:
            internal += text
    assert leaks == []
    assert [c for c in CANARIES if c not in internal] == []


def test_non_public_items_keep_their_title_and_provision_in_public(built: Path) -> None:
    public = normalised(text_of(built / f"public/{BODY}/2026/{FIRST}/minutes.sv.html"))
    assert "Enskilt elevvårdsärende" in public  # public_title defaults to true
    assert "OffL 24 § 1 mom. 25 p." in public
    assert "OffL 24 § 1 mom. 6 p." in public  # the internal item's provision, title hidden
    # A public attachment of the confidential item is still listed (as docs: attachments
    # carry their own visibility).
    internal = normalised(text_of(built / f"internal/{BODY}/2026/{FIRST}/minutes.sv.html"))
    assert "Sammanfattning för allmänheten" in internal


def test_public_phone_number_is_published(built: Path) -> None:
    text = text_of(built / f"public/{BODY}/2026/{FIRST}/press-release.sv.txt")
    assert "+358 9 310 1111" in text.replace("\u00a0", " ")  # bound groups: kokous.typography


def test_embargoed_release_is_internal_only_with_a_banner(built: Path) -> None:
    have = paths(built)
    public_leaks = [
        a["path"]
        for a in artifacts(built)
        if a["edition"] == "public" and EMBARGOED in text_of(built / a["path"])
    ]
    assert public_leaks == []
    assert not any(p.startswith(f"public/{BODY}/2026/{SECOND}/press-release") for p in have)
    banners = {
        "sv": "Embargo till 14 april 2026 kl. 18.00",
        "fi": "Julkaisuvapaa 14.4.2026 klo 18.00",
    }
    for lang, banner in banners.items():
        for fmt in ("html", "pdf", "docx", "txt"):
            path = built / f"internal/{BODY}/2026/{SECOND}/press-release.{lang}.{fmt}"
            text = normalised(text_of(path))
            assert EMBARGOED in text, path
            assert banner in text, path
    # The release of the first meeting (no embargo) has no banner.
    first = normalised(text_of(built / f"internal/{BODY}/2026/{FIRST}/press-release.sv.html"))
    assert "Embargo" not in first


def test_the_embargo_lifts_at_the_published_time(tmp_path: Path) -> None:
    """Docs: ``embargo: true``: not public before ``published``. At 18:00 it is public."""
    workdir = copy_workflow(tmp_path / "workflow", RECORDS)
    after = str(int(dt.datetime(2026, 4, 14, 18, 0, tzinfo=CLOCK.tzinfo).timestamp()))
    snakemake(workdir, "press", epoch=after)
    public = workdir / f"build/public/{BODY}/2026/{SECOND}/press-release.sv.html"
    assert EMBARGOED in text_of(public)
    assert "Embargo" not in text_of(public)


def test_draft_minutes_are_internal_only_and_marked(built: Path) -> None:
    have = paths(built)
    assert not any(p.startswith(f"public/{BODY}/2026/{SECOND}/") for p in have)
    for fmt in ("html", "pdf", "docx"):
        path = built / f"internal/{BODY}/2026/{SECOND}/minutes.fi.{fmt}"
        text = text_of(path)
        assert "Luonnos" in text, path
        assert "Sisäinen" in text, path


def test_internal_edition_is_marked_on_every_pdf_page(built: Path) -> None:
    from pypdf import PdfReader

    unmarked = []
    for a in artifacts(built):
        if a["edition"] == "internal" and a["format"] == "pdf":
            for number, page in enumerate(PdfReader(built / a["path"]).pages, 1):
                if "Internal" not in (page.extract_text() or ""):
                    unmarked.append((a["path"], number))
    assert unmarked == []
    public = text_of(built / f"public/{BODY}/2026/{FIRST}/minutes.sv.pdf")
    assert "Internal" not in public


def _sections(path: Path) -> list[int]:
    """The § numbers of a minutes page's item headings, in order."""
    html = path.read_text(encoding="utf-8")
    # "5 §": a non-breaking space by rule (kokous.typography).
    return [int(n) for n in re.findall(r"<h2[^>]*>\s*(\d+)\s§", html)]


def test_section_numbers_run_on_across_the_two_meetings(built: Path) -> None:
    first = _sections(built / f"internal/{BODY}/2026/{FIRST}/minutes.sv.html")
    second = _sections(built / f"internal/{BODY}/2026/{SECOND}/minutes.fi.html")
    assert first == list(range(1, 10))  # 9 items
    assert second == list(range(10, 17))  # 7 items, continuing
    # The public minutes number the same items the same way (non-public items keep their §).
    assert _sections(built / f"public/{BODY}/2026/{FIRST}/minutes.sv.html") == first
    # A subcommittee numbers its own year from 1.
    assert _sections(built / f"internal/{SUB}/2026/2026-03-03/minutes.sv.html") == [1, 2, 3]


def test_meeting_numbers_and_languages(built: Path) -> None:
    first = normalised(text_of(built / f"internal/{BODY}/2026/{FIRST}/minutes.sv.html"))
    second = normalised(text_of(built / f"internal/{BODY}/2026/{SECOND}/minutes.fi.html"))
    assert "1/2026" in first and "2/2026" in second
    assert "Kokouksen avaus" in second  # the standard items' titles in the meeting's language


@pytest.mark.parametrize("fmt", ["html", "txt", "pdf", "docx"])
def test_hostile_text_prints_literally(built: Path, fmt: str) -> None:
    texts = {
        "press": normalised(text_of(built / f"public/{BODY}/2026/{FIRST}/press-release.sv.{fmt}")),
    }
    if fmt != "txt":
        texts["minutes"] = normalised(
            text_of(built / f"public/{BODY}/2026/{FIRST}/minutes.sv.{fmt}")
        )
    # PDF lines may break after a hyphen, a slash or "$$" where the record had no space.
    flat = (lambda t: re.sub(r"\s+", "", t)) if fmt == "pdf" else (lambda t: t)
    press_only = HOSTILE[3:]
    minutes_only = HOSTILE[:3]
    missing = [h for h in press_only if flat(normalised(h)) not in flat(texts["press"])]
    if "minutes" in texts:
        missing += [h for h in minutes_only if flat(normalised(h)) not in flat(texts["minutes"])]
    assert missing == []
    every = " ".join(texts.values())
    assert "49INDEP-J" not in every and "root:x:0:0" not in every


def test_no_html_page_can_run_anything(built: Path) -> None:
    from test_injection_e2e import unsafe_html, without_search_box_scripts

    problems = []
    for a in artifacts(built):
        if a["format"] == "html":
            html = (built / a["path"]).read_text(encoding="utf-8")
            if a["kind"] == "index" and a["edition"] == "public":
                html = without_search_box_scripts(html, a["path"])
            problems += [(a["path"], p) for p in unsafe_html(html)]
    assert problems == []


# ---------------------------------------------------------------------------------------------
# Errors that docs/records.md describes, each one line `file:line: field: message`

MEETING = f"{BODY}/meetings/{FIRST}.yaml"
SHOWN = f"records/{MEETING}"

DOCUMENTED_ERRORS = [
    pytest.param(
        MEETING,
        "  - {person: led_c, status: present}\n",
        "  - {person: led_c, status: present}\n  - {person: okand, status: present}\n",
        f"{SHOWN}:23: K003 attendance[6].person: no person 'okand' in the roster of {BODY}",
        id="unknown-person",
    ),
    pytest.param(
        MEETING,
        "    legal_basis: OffL 24 § 1 mom. 25 p.\n    presenter: handl\n",
        "    presenter: handl\n",
        f"{SHOWN}:71: K322 items[6].legal_basis: a confidential item must cite its legal basis",
        id="secret-without-legal-basis",
    ),
    pytest.param(
        MEETING,
        "    sv: Ungdomsrådet antog sin arbetsordning och tillsatte en skolsektion\n",
        "",
        f"{SHOWN}:104: K405 press.headline.sv: missing the Swedish text (sv:); {BODY} publishes in sv, fi",
        id="press-without-swedish",
    ),
    pytest.param(
        MEETING,
        '  - {person: led_a, status: absent, reason: "CANARY-INDEP-ABSENCE-13 föräldraledighet"}',
        "  - {person: led_a, status: present}",
        f"{SHOWN}:20: K343 attendance[3].person: 'supp_a' is the personal deputy of 'led_a', who is "
        "also present; a deputy attends only for an absent member",
        id="deputy-with-principal-present",
    ),
    pytest.param(
        f"{BODY}/meetings/{SECOND}.yaml",
        f"date: {SECOND}",
        "date: 14.4.2026",
        f"records/{BODY}/meetings/{SECOND}.yaml:5: K002 date: expected a date like 2025-03-12, "
        "got '14.4.2026'",
        id="bad-date",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), DOCUMENTED_ERRORS)
def test_documented_errors_fail_validation_in_one_line(
    name: str, old: str, new: str, expected: str, tmp_path: Path
) -> None:
    workdir = tmp_path / "workflow"
    shutil.copytree(RECORDS, workdir / "records")
    record = workdir / "records" / name
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = kokous_validate(workdir)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    problems = [line for line in output.splitlines() if re.match(r"records/\S+:\d+: ", line)]
    assert len(problems) == 1, output
    assert problems[0].startswith(expected), output
    assert re.match(r"^records/[^:]+\.yaml:\d+: K\d{3} [\w\[\].]+: .+$", problems[0])
