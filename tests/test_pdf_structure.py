"""Every PDF is PDF/A-2a + PDF/UA-1: tagged, titled, with language, bookmarks, one level-1
heading then an unbroken hierarchy, alt text on figures, header cells in tables, every font
embedded (issue 5). Structure is read with pikepdf, text with pypdf."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml
from tools import REPO, require

XMP_PDFA_PART = "{http://www.aiim.org/pdfa/ns/id/}part"
XMP_PDFA_CONFORMANCE = "{http://www.aiim.org/pdfa/ns/id/}conformance"
XMP_PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
XMP_TITLE = "{http://purl.org/dc/elements/1.1/}title"
HEADING = re.compile(r"^/H([1-6])$")


def pdfs(root: Path) -> list[Path]:
    found = [p for p in sorted(root.rglob("*.pdf")) if ".kokous" not in p.relative_to(root).parts]
    assert found, f"no PDFs under {root}"
    return found


def letters(text: str) -> str:
    """Text without whitespace and hyphens, so line breaks and hyphenation don't matter."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).casefold()


def _struct_elements(node, out: list) -> None:
    """Structure elements in reading order (depth first)."""
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            _struct_elements(kid, out)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            out.append(node)
        if "/K" in node:
            _struct_elements(node.K, out)


def _fonts(pdf) -> list:
    """Every font dictionary reachable from the pages' resources (including form XObjects)."""
    import pikepdf

    seen: dict[tuple, object] = {}

    def walk(resources) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        for font in (resources.get("/Font") or {}).values():
            seen.setdefault(font.objgen, font)
        for xobj in (resources.get("/XObject") or {}).values():
            if xobj.get("/Subtype") == "/Form" and "/Resources" in xobj:
                walk(xobj.Resources)

    for page in pdf.pages:
        walk(page.obj.get("/Resources"))
    return list(seen.values())


def _unembedded(font) -> list[str]:
    if font.get("/Subtype") == "/Type3":
        return []  # glyphs are drawn by content streams inside the PDF itself
    descriptors = [font.get("/FontDescriptor")]
    for descendant in font.get("/DescendantFonts") or []:
        descriptors.append(descendant.get("/FontDescriptor"))
    descriptors = [d for d in descriptors if d is not None]
    name = str(font.get("/BaseFont"))
    if not descriptors:
        return [f"font {name} has no font descriptor"]
    if not any(k in d for d in descriptors for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        return [f"font {name} not embedded"]
    return []


def pdf_problems(path: Path) -> list[str]:
    import pikepdf
    import pypdf

    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        if mark_info is None or mark_info.get("/Marked") is not True:
            problems.append("/MarkInfo /Marked is not true")
        if "/StructTreeRoot" not in root:
            problems.append("no /StructTreeRoot")
        lang = str(root.get("/Lang", ""))
        if not re.fullmatch(r"[a-z]{2}(-[A-Za-z0-9]+)*", lang):
            problems.append(f"/Lang is {lang!r}")
        prefs = root.get("/ViewerPreferences") or {}
        if prefs.get("/DisplayDocTitle") is not True:
            problems.append("/ViewerPreferences /DisplayDocTitle is not true")
        outlines = root.get("/Outlines")
        if outlines is None or "/First" not in outlines:
            problems.append("no bookmarks (/Outlines)")

        meta = pdf.open_metadata()
        if str(meta.get(XMP_PDFA_PART)) != "2" or str(meta.get(XMP_PDFA_CONFORMANCE)) != "A":
            problems.append(
                f"XMP pdfaid is part {meta.get(XMP_PDFA_PART)} conformance "
                f"{meta.get(XMP_PDFA_CONFORMANCE)}, not PDF/A-2a"
            )
        if str(meta.get(XMP_PDFUA_PART)) != "1":
            problems.append(f"XMP pdfuaid:part is {meta.get(XMP_PDFUA_PART)}, not PDF/UA-1")
        title = str(meta.get(XMP_TITLE) or "").strip()
        info_title = str(pdf.docinfo.get("/Title", "")).strip()
        if not title or title != info_title:
            problems.append(f"title: XMP {title!r}, /Info {info_title!r}")

        for font in _fonts(pdf):
            problems += _unembedded(font)

        elements: list = []
        if "/StructTreeRoot" in root:
            _struct_elements(root.StructTreeRoot.get("/K"), elements)
        levels = [int(m[1]) for e in elements if (m := HEADING.match(str(e.S)))]
        if levels.count(1) != 1 or (levels and levels[0] != 1):
            problems.append(f"headings {levels}: expected exactly one H1, first")
        for before, after in itertools.pairwise(levels):
            if after > before + 1:
                problems.append(f"heading hierarchy skips from H{before} to H{after}")
                break
        for e in elements:
            if str(e.S) == "/Figure" and not str(e.get("/Alt", "")).strip():
                problems.append("a Figure has no /Alt text")
        tables = [e for e in elements if str(e.S) == "/Table"]
        if tables:
            tags = {str(e.S) for e in elements}
            if "/TH" not in tags:
                problems.append("tables without header cells (/TH)")

    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
    # A title may join the body's name and the document's with ": " or " · " (minutes,
    # annual report); each part must be printed.
    for part in re.split(r": | · | \u2013 ", title):
        if letters(part) not in letters(text):
            problems.append(f"text does not contain the title part {part!r}")
    return problems


def test_typst_pdf_standards_are_on() -> None:
    """Typst refuses to compile a document that breaks PDF/A-2a or PDF/UA-1's checkable rules;
    that refusal is only there if every compile asks for both."""
    spec = yaml.safe_load((REPO / "templates" / "formats.yaml").read_text(encoding="utf-8"))
    assert {"a-2a", "ua-1"} <= set(spec["formats"]["pdf"]["pdf_standards"])
    source = (REPO / "src" / "kokous" / "convert.py").read_text(encoding="utf-8")
    # Typst also draws PNGs (an SVG's picture for Word), which have no PDF standard.
    calls = source.count('format="pdf"')
    assert calls >= 1, "no Typst PDF compile call found in convert.py"
    assert source.count('pdf_standards=list(spec["pdf_standards"])') == calls


def test_every_pdf_is_tagged_archival_and_accessible(built_sample: Path) -> None:
    require("pikepdf", "pypdf")
    report = {p.relative_to(built_sample).as_posix(): pdf_problems(p) for p in pdfs(built_sample)}
    bad = {name: problems for name, problems in report.items() if problems}
    assert not bad, "\n".join(f"{n}: {'; '.join(ps)}" for n, ps in bad.items())


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_both_editions_have_pdfs(built_sample: Path, edition: str) -> None:
    assert list((built_sample / edition).rglob("*.pdf")), f"no PDFs in the {edition} edition"
