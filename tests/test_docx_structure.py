"""Word and OpenDocument outputs (issue 5): real Word styles (Title, Heading 1-3, List
styles, tables whose first row repeats as a header), title and language in the core
properties, and every DOCX (and ODT) opens and converts to PDF in LibreOffice headless."""

from __future__ import annotations

import itertools
import os
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from a11y.sample import build_sample
from tools import require, require_font

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ODF_META = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def docx_files(root: Path) -> list[Path]:
    found = [p for p in sorted(root.rglob("*.docx")) if ".kokous" not in p.relative_to(root).parts]
    assert found, f"no DOCX under {root}"
    return found


def docx_problems(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    problems = []
    props = document.core_properties
    if not (props.title or "").strip():
        problems.append("core properties: no title")
    if not (props.language or "").strip():
        problems.append("core properties: no language")
    paragraphs = document.paragraphs
    styles = [p.style.name for p in paragraphs]
    if styles.count("Title") != 1:
        problems.append(f"{styles.count('Title')} Title paragraphs, expected 1")
    if "Heading 1" not in styles:
        problems.append("no Heading 1")
    levels = [int(s.split()[-1]) for s in styles if s.startswith("Heading ")]
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading levels skip from {before} to {after}")
            break
    if any(level > 3 for level in levels):
        problems.append(f"headings deeper than Heading 3: {sorted(set(levels))}")
    for p in paragraphs:
        numbered = p._p.pPr is not None and p._p.pPr.numPr is not None
        if numbered and not p.style.name.startswith("List"):
            problems.append(
                f"list item in style {p.style.name!r}, not a List style: {p.text[:40]!r}"
            )
    for i, table in enumerate(document.tables, 1):
        first = table.rows[0]._tr
        header = first.find(f"{W}trPr/{W}tblHeader")
        if header is None or header.get(f"{W}val", "true") in {"0", "false", "off"}:
            problems.append(f"table {i}: first row is not a repeating header row (w:tblHeader)")
    return problems


def test_every_docx_uses_word_styles_and_metadata(built_sample: Path) -> None:
    require("docx")
    report = {
        p.relative_to(built_sample).as_posix(): docx_problems(p) for p in docx_files(built_sample)
    }
    bad = {name: problems for name, problems in report.items() if problems}
    assert not bad, "\n".join(f"{n}: {'; '.join(ps)}" for n, ps in bad.items())


def test_lists_and_tables_in_the_sample_use_their_styles(built_sample: Path) -> None:
    """The checks above only bite if the corpus has lists and tables; make sure it does."""
    import docx

    require("docx")
    styles, tables = set(), 0
    for path in docx_files(built_sample):
        document = docx.Document(str(path))
        styles |= {p.style.name for p in document.paragraphs}
        tables += len(document.tables)
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    assert any(s.startswith("List") for s in styles), sorted(styles)
    assert tables > 0


@pytest.fixture(scope="module")
def odt_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ODT is optional in the workflow's config; convert every page kind to it here."""
    return build_sample(tmp_path_factory.mktemp("odt"), formats=("odt",))


def test_odt_is_a_valid_opendocument_text(odt_sample: Path) -> None:
    files = sorted(odt_sample.rglob("*.odt"))
    assert files
    for path in files:
        with zipfile.ZipFile(path) as odt:
            first = odt.infolist()[0]
            assert first.filename == "mimetype", path
            assert first.compress_type == zipfile.ZIP_STORED, path
            assert odt.read("mimetype") == ODF_MIMETYPE, path
            ET.fromstring(odt.read("content.xml"))
            ET.fromstring(odt.read("styles.xml"))
            meta = ET.fromstring(odt.read("meta.xml"))
            assert "META-INF/manifest.xml" in odt.namelist()
        title = meta.find("office:meta/dc:title", ODF_META)
        language = meta.find("office:meta/dc:language", ODF_META)
        assert title is not None and (title.text or "").strip(), f"{path}: no dc:title"
        assert language is not None and language.text in {"fi", "sv", "en"}, f"{path}: language"


def soffice_to_pdf(files: list[Path], tmp: Path) -> subprocess.CompletedProcess[str]:
    """Convert every file in one LibreOffice run, with a profile of its own."""
    outdir = tmp / "pdf"
    profile = tmp / "profile"
    return subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HOME": str(tmp)},
        check=False,
    )


def test_every_docx_and_odt_converts_with_libreoffice(
    built_sample: Path, odt_sample: Path, tmp_path: Path
) -> None:
    require("soffice", "pypdf")
    require_font(None)  # LibreOffice writes no PDF at all without a single font
    import pypdf

    files = docx_files(built_sample) + sorted(built_sample.rglob("*.odt"))
    files += sorted(odt_sample.rglob("*.odt"))
    # LibreOffice writes <stem>.pdf into one folder: give every input a unique stem first.
    staged = tmp_path / "in"
    staged.mkdir()
    inputs = []
    for i, path in enumerate(files):
        target = staged / f"{i:03d}-{path.name}"
        target.symlink_to(path)
        inputs.append(target)
    proc = soffice_to_pdf(inputs, tmp_path)
    assert proc.returncode == 0, proc.stderr
    failed = []
    for source, target in zip(files, inputs, strict=True):
        pdf = tmp_path / "pdf" / (target.name.rsplit(".", 1)[0] + ".pdf")
        if not pdf.is_file():
            failed.append(f"{source}: no PDF")
            continue
        reader = pypdf.PdfReader(pdf)
        if not reader.pages or not "".join(p.extract_text() or "" for p in reader.pages).strip():
            failed.append(f"{source}: empty PDF")
    assert not failed, "\n".join(failed) + f"\n{proc.stdout}\n{proc.stderr}"
