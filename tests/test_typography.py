"""Text that renders, copies and prints right (issue 14) and metadata and provenance in every
file (issue 16): fonts for every script, no soft hyphens in copied text, emergency breaks,
non-breaking spaces by rule, "1 (3)" page numbers, author, publisher and dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import docx
import pikepdf
import pypdf
import pytest
from extract import normalised, text_of
from fontTools.ttLib import TTFont

from kokous.convert import Document, Provenance, convert_documents
from kokous.typography import bind

REPO = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"

# ------------------------------------------------------------------ non-breaking spaces


@pytest.mark.parametrize(
    ("lang", "markdown", "expected"),
    [
        # number and § (also inflected), number and unit
        ("fi", "asia 22 §:ään asti", f"asia 22{NBSP}§:ään asti"),
        ("fi", "käsitteli 5 § ja 10 %", f"käsitteli 5{NBSP}§ ja 10{NBSP}%"),
        ("sv", "enligt 5 § lagen", f"enligt 5{NBSP}§ lagen"),
        # time after klo / kl. (escaped as the templates print it)
        ("fi", r"alkoi klo 13\.00", f"alkoi klo{NBSP}13\\.00"),
        ("sv", r"började kl\. 13\.00", f"började kl\\.{NBSP}13\\.00"),
        # a small count and the word it counts
        ("fi", "oli 9 neuvottelukunnan jäsentä", f"oli 9{NBSP}neuvottelukunnan jäsentä"),
        # day and month
        ("fi", r"12\. maaliskuuta 2025", f"12\\.{NBSP}maaliskuuta 2025"),
        ("sv", "den 12 mars 2025", f"den 12{NBSP}mars 2025"),
        ("en", "on 12 March 2025", f"on 12{NBSP}March 2025"),
        # digit groups
        ("fi", "10 000 euroa", f"10{NBSP}000{NBSP}euroa"),
        # a year, a date and a capitalised word after a number stay breakable
        ("fi", "vuonna 2025 Helsinki", "vuonna 2025 Helsinki"),
        ("fi", r"12\.3\.2025 jälkeen", r"12\.3\.2025 jälkeen"),
    ],
)
def test_nbsp_rules(lang: str, markdown: str, expected: str) -> None:
    assert bind(markdown, lang) == expected


def test_nbsp_leaves_markdown_syntax_alone() -> None:
    markdown = "# 5 § Otsikko\n\n1. 3 jäsentä\n- 2 kohtaa\n\n| 5 | 3 |\n|--:|--:|\n| 2 | 1 |\n"
    expected = (
        f"# 5{NBSP}§ Otsikko\n\n1. 3{NBSP}jäsentä\n- 2{NBSP}kohtaa\n\n| 5 | 3 |\n|--:|--:|\n"
        "| 2 | 1 |\n"
    )
    assert bind(markdown, "fi") == expected


def test_nbsp_changes_only_spaces() -> None:
    text = r"Äänestys 7–2\. Klo 13\.00 käsiteltiin 22 §:ää, 9 jäsentä, 12\. maaliskuuta\."  # noqa: RUF001
    bound = bind(text, "fi")
    assert bound != text
    assert bound.replace(NBSP, " ") == text


# ------------------------------------------------------------------ fonts, breaks, copied text

EMOJI = "Kiitos 😀 🎉 👍 ✅"
SAMI = "Sámediggi: Čáhppes ŋ đ ŧ ž Ávvir"
ARABIC = "مرحبا بالعالم"
HEBREW = "שלום עולם"
GREEK_CYRILLIC = "Ελληνικά Привет"
SYMBOLS = "→ ≥ ∞ ✓ ☎"
LONG_WORD = "a" * 2000
SWEDISH = "Direktören vid social- och hälsovårdsministeriet betonar samarbetet."
NAMES = ["Niko Kyynäräinen", "Henkilökohtainen varajäsen", "Aino Kääriäinen-Malli"]
AUTHOR = "Työllisyyden edistämisen valtakunnallinen neuvottelukunta"
PUBLISHER = "työ- ja elinkeinoministeriö"
DAY = dt.date(2025, 3, 12)
PROVENANCE = Provenance(
    version="0.1.0",
    sources=(
        ("records/tyonvk/body.yaml", "ab" * 32),
        ("records/tyonvk/meetings/x.yaml", "cd" * 32),
    ),
    records_commit="uncommitted",
)


def scripts_markdown() -> str:
    rows = "\n".join(f"| {name} | {name} | {name} | jäsen |" for name in NAMES)
    return (
        f"# Kokous\n\n{EMOJI}\n\n{SAMI}\n\n{ARABIC}\n\n{HEBREW}\n\n{GREEK_CYRILLIC}\n\n"
        f"{SYMBOLS}\n\n{LONG_WORD}\n\n{SWEDISH} " + "Text som fyller raden. " * 12 + "\n\n"
        f"| Nimi | Varajäsen | Kolmas | Rooli |\n|---|---|---|---|\n{rows}\n"
    )


def scripts_doc(stem: str = "public/b/2025/2025-03-12/minutes.sv", **kw) -> Document:
    return Document(
        stem=PurePosixPath(stem),
        markdown=scripts_markdown(),
        lang="sv",
        title="Kokous",
        formats=("pdf", "html", "docx"),
        header="Neuvottelukunta · Pöytäkirja 1/2025",
        author=AUTHOR,
        publisher=PUBLISHER,
        date=DAY,
        provenance=PROVENANCE,
        **kw,
    )


@pytest.fixture(scope="module")
def scripts_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scripts")
    paths = convert_documents([scripts_doc()], out)
    return {p.suffix[1:]: p for p in paths}


def test_every_script_prints_and_copies_from_the_pdf(scripts_files: dict[str, Path]) -> None:
    text = text_of(scripts_files["pdf"])
    flat = normalised(text)
    for sample in (SAMI, GREEK_CYRILLIC, SYMBOLS):
        assert sample in flat, sample
    for emoji in ("😀", "🎉", "👍", "✅"):
        assert emoji in flat, emoji
    # Right-to-left: every word is there, its letters in reading order (pypdf gives a line's
    # words in visual order, right to left).
    for word in (*ARABIC.split(), *HEBREW.split()):
        assert word in flat, word
    # The copied hyphen is a hyphen: no soft hyphen anywhere, "social- och" intact.
    assert "\u00ad" not in text
    assert "social- och" in flat
    # Names in the table are not hyphenated: each word comes out whole, on one line (a name
    # may break at its space).
    for word in {w for name in NAMES for w in name.split()}:
        assert word in text, word
    # The 2,000-character word is all there, without a character added between its parts.
    assert LONG_WORD in re.sub(r"\s+", "", text)


def test_every_font_is_embedded_in_the_pdf(scripts_files: dict[str, Path]) -> None:
    with pikepdf.open(scripts_files["pdf"]) as pdf:
        names = set()
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                for descendant in font.get("/DescendantFonts", [font]):
                    descriptor = descendant.FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    names.add(str(descendant.BaseFont).split("+")[-1])
    for family in ("NotoSans-Regular", "NotoSansArabic", "NotoSansHebrew", "NotoEmoji"):
        assert any(n.startswith(family) for n in names), (family, names)


def _advance(char: str, size: float) -> float:
    """The width of ``char`` in Noto Sans at ``size`` points, from the font file itself."""
    font = TTFont(REPO / "fonts" / "NotoSans-Regular.ttf")
    glyph = font.getBestCmap()[ord(char)]
    return font["hmtx"][glyph][0] / font["head"].unitsPerEm * size


def test_an_over_long_word_stays_on_the_a4_page(scripts_files: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(scripts_files["pdf"])
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == 595  # A4
    # Body text is 10.5 pt: no line of the word may hold more "a"s than the page is wide.
    most = int(width / _advance("a", 10.5))
    runs = [len(run) for page in reader.pages for run in re.findall("a{20,}", page.extract_text())]
    assert sum(runs) >= 2000
    assert max(runs) <= most, (max(runs), most)
    # And the breaks fall at the text's right margin, not within the first words of a line.
    assert max(runs) > most // 2


def test_page_numbers_read_n_of_total_in_brackets(scripts_files: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(scripts_files["pdf"])
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert f"{number} ({total})" in text, text[-80:]
        assert f"{number} / {total}" not in text


def test_html_keeps_every_script_and_wraps_the_long_word(scripts_files: dict[str, Path]) -> None:
    html = scripts_files["html"].read_text("utf-8")
    for sample in (EMOJI, SAMI, ARABIC, HEBREW, GREEK_CYRILLIC, LONG_WORD):
        assert sample in html
    # The stylesheet breaks an over-long word anywhere rather than widening the page, and
    # names the PDF's fonts first.
    assert re.search(r"body\s*\{[^}]*overflow-wrap:\s*anywhere", html)
    assert re.search(r"font-family:[^;]*\"Noto Sans Arabic\"[^;]*\"Noto Emoji\"", html)
    assert "social- och" in html
    # A right-to-left paragraph takes its direction from its text; the others keep the page's.
    for rtl in (ARABIC, HEBREW):
        assert re.search(rf'<div dir="auto">\s*<p>{rtl}</p>\s*</div>', html), rtl
    assert html.count('dir="auto"') == 2


def test_docx_keeps_every_script(scripts_files: dict[str, Path]) -> None:
    flat = normalised(text_of(scripts_files["docx"]))
    for sample in (EMOJI, SAMI, ARABIC, HEBREW, GREEK_CYRILLIC, "social- och"):
        assert sample in flat, sample


# ------------------------------------------------------------------ metadata and provenance


def pdf_keywords(path: Path) -> set[str]:
    """The PDF's keywords, from its XMP (pdf:Keywords), checked against its Info dictionary."""
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()["pdf:Keywords"]
        assert str(pdf.docinfo["/Keywords"]) == xmp
    return set(xmp.split(", "))


def test_pdf_metadata_names_the_body_and_the_date(scripts_files: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(scripts_files["pdf"])
    assert reader.metadata.author == AUTHOR
    assert reader.metadata["/CreationDate"].startswith("D:20250312")
    with pikepdf.open(scripts_files["pdf"]) as pdf:
        meta = pdf.open_metadata()
        assert meta["xmp:CreateDate"].startswith("2025-03-12")
        assert meta["dc:creator"] == [AUTHOR]
        # Still PDF/A-2a and PDF/UA-1 with the keywords (a predefined XMP property).
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
    assert pdf_keywords(scripts_files["pdf"]) == {
        f"publisher: {PUBLISHER}",
        "kokous-version: 0.1.0",
        "kokous-records-commit: uncommitted",
        *(f"kokous-source-{i}: {p} sha256:{d}" for i, (p, d) in enumerate(PROVENANCE.sources, 1)),
    }


def test_docx_metadata_names_the_body_publisher_date_and_provenance(
    scripts_files: dict[str, Path],
) -> None:
    core = docx.Document(str(scripts_files["docx"])).core_properties
    assert core.author == AUTHOR
    assert core.created.date() == DAY
    custom = zipfile.ZipFile(scripts_files["docx"]).read("docProps/custom.xml").decode()
    assert PUBLISHER in custom
    assert "kokous-records-commit" in custom and "uncommitted" in custom
    for path, digest in PROVENANCE.sources:
        assert f"{path} sha256:{digest}" in custom


def test_html_head_names_the_body_publisher_date_and_provenance(
    scripts_files: dict[str, Path],
) -> None:
    head = scripts_files["html"].read_text("utf-8").split("</head>")[0]
    assert f'<meta name="author" content="{AUTHOR}">' in head
    assert f'<meta name="dcterms.publisher" content="{PUBLISHER}">' in head
    assert '<meta name="dcterms.created" content="2025-03-12">' in head
    assert '<meta name="kokous-version" content="0.1.0">' in head
    for i, (path, digest) in enumerate(PROVENANCE.sources, 1):
        assert f'<meta name="kokous-source-{i}" content="{path} sha256:{digest}">' in head


def test_same_document_same_bytes(tmp_path: Path, scripts_files: dict[str, Path]) -> None:
    again = convert_documents([scripts_doc()], tmp_path)
    for path in again:
        assert path.read_bytes() == scripts_files[path.suffix[1:]].read_bytes(), path.name


def test_provenance_and_date_are_part_of_the_cache_key() -> None:
    from kokous.convert import cache_key

    doc = scripts_doc()
    other_source = dataclasses.replace(
        doc, provenance=dataclasses.replace(PROVENANCE, sources=PROVENANCE.sources[:1])
    )
    for changed in (
        other_source,
        dataclasses.replace(doc, date=dt.date(2025, 3, 13)),
        dataclasses.replace(doc, author="Toinen"),
        dataclasses.replace(doc, publisher="Toinen"),
    ):
        assert cache_key(changed, "pdf") != cache_key(doc, "pdf")


def test_built_documents_carry_their_sources(tmp_path: Path) -> None:
    """The render job gives every document the provenance the manifest lists for it, and two
    builds write the same fields and bytes."""
    from kokous.build import check_year, render_meetings

    records = REPO / "records"
    results = []
    for run in ("one", "two"):
        out = tmp_path / run
        checked, facts, part = out / "checked.pickle", out / "facts.json", out / "part.json"
        check_year(records, "tyonvk", 2025, checked, facts)
        render_meetings(
            checked, ["2025-03-12"], out, part, dt.datetime(2026, 1, 1), editions=("public",)
        )
        results.append(out)
    import json

    entries = json.loads((results[0] / "part.json").read_text("utf-8"))["artifacts"]
    html = next(e for e in entries if e["path"].endswith("press-release.fi.html"))
    head = (results[0] / html["path"]).read_text("utf-8").split("</head>")[0]
    for i, source in enumerate(html["sources"], 1):
        expected = (
            f'<meta name="kokous-source-{i}" content="{source["path"]} sha256:{source["sha256"]}">'
        )
        assert expected in head
    pdf = next(e for e in entries if e["path"].endswith("minutes.fi.pdf"))
    keywords = {k.split(": ", 1)[1] for k in pdf_keywords(results[0] / pdf["path"])}
    assert {f"{s['path']} sha256:{s['sha256']}" for s in pdf["sources"]} <= keywords
    assert pypdf.PdfReader(results[0] / pdf["path"]).metadata.author == AUTHOR
    for entry in entries:
        one, two = (r / entry["path"] for r in results)
        assert one.read_bytes() == two.read_bytes(), entry["path"]


# ------------------------------------------------------------------ validate


def test_validate_names_a_character_no_font_has(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(REPO / "records", records)
    meeting = records / "tyonvk" / "meetings" / "2025-03-12.yaml"
    lines = meeting.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if text.strip().startswith("fi:") and i > 100)
    # Emoji, Sámi and Arabic have glyphs; a CJK ideograph has none in the chain.
    lines[line] += f" {EMOJI} {SAMI.split(': ')[1]} {ARABIC} 漢"
    meeting.write_text("\n".join(lines) + "\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kokous", "validate", "--records", str(records)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    problems = [p for p in result.stdout.splitlines() + result.stderr.splitlines() if "U+" in p]
    assert len(problems) == 1, problems
    assert re.match(
        rf"^\S*tyonvk/meetings/2025-03-12\.yaml:{line + 1}: K602 \S+: character U\+6F22 has no glyph",
        problems[0],
    ), problems[0]
    assert "Traceback" not in result.stderr


def test_docx_footer_numbers_pages_in_brackets(scripts_files: dict[str, Path]) -> None:
    footer = zipfile.ZipFile(scripts_files["docx"]).read("word/footer1.xml").decode()
    text = re.sub(
        r"<[^>]+>", "", re.sub(r"<w:instrText[^>]*>([^<]*)</w:instrText>", r"{\1}", footer)
    )
    assert re.sub(r"\s+", "", text) == "{PAGE}1({NUMPAGES}1)"


def test_a_word_wider_than_its_table_column_breaks_and_names_stay_whole(tmp_path: Path) -> None:
    word = "valtiovarainministeriö"
    header = "| " + " | ".join(f"S{i}" for i in range(6)) + " |\n|" + "---|" * 6 + "\n"
    row = f"| Aino Malli | {word} | " + " | ".join([word] * 4) + " |\n"
    doc = dataclasses.replace(
        scripts_doc(), markdown="# Taulukko\n\n" + header + row, formats=("pdf",)
    )
    (path,) = convert_documents([doc], tmp_path)
    text = text_of(path)
    # Six columns on A4 are narrower than the word: it breaks within its cell, no character
    # lost or added, and the cell's short words are not broken.
    assert word not in text
    assert re.sub(r"\s+", "", text).count(word) == 5
    assert "Aino" in text and "Malli" in text


def test_odt_names_the_body_and_the_date(tmp_path: Path) -> None:
    doc = dataclasses.replace(scripts_doc(), formats=("odt",))
    (path,) = convert_documents([doc], tmp_path)
    with zipfile.ZipFile(path) as odt:
        assert odt.infolist()[0].filename == "mimetype"
        assert odt.infolist()[0].compress_type == zipfile.ZIP_STORED
        meta = odt.read("meta.xml").decode()
    assert f"<dc:creator>{AUTHOR}</dc:creator>" in meta
    assert "<meta:creation-date>2025-03-12T00:00:00Z</meta:creation-date>" in meta


def test_every_built_document_carries_its_manifest_provenance(built_sample: Path) -> None:
    """Each document of the sample build names, in its own metadata, the record files and
    digests its manifest entry lists, the body as author and a date not before its meeting."""
    import json

    artifacts = json.loads((built_sample / "manifest.json").read_text("utf-8"))["artifacts"]
    documents = [a for a in artifacts if "sources" in a]
    assert documents
    for entry in documents:
        path = built_sample / entry["path"]
        expected = {f"{s['path']} sha256:{s['sha256']}" for s in entry["sources"]}
        assert expected, entry["path"]
        if entry["format"] == "html":
            head = path.read_text("utf-8").split("</head>")[0]
            found = set(re.findall(r'<meta name="kokous-source-\d+" content="([^"]+)">', head))
            assert '<meta name="author" content="' in head
        elif entry["format"] == "pdf":
            found = {
                k.split(": ", 1)[1] for k in pdf_keywords(path) if k.startswith("kokous-source-")
            }
            with pikepdf.open(path) as pdf:
                created = pdf.open_metadata()["xmp:CreateDate"][:10]
            if entry["meeting"]:
                assert created >= entry["meeting"][:10], entry["path"]
        elif entry["format"] == "docx":
            custom = zipfile.ZipFile(path).read("docProps/custom.xml").decode()
            found = {s for s in expected if s in custom}
            assert docx.Document(str(path)).core_properties.author, entry["path"]
        else:
            continue
        assert found == expected, entry["path"]


def test_docx_over_long_word_stays_on_the_page_in_libreoffice(
    scripts_files: dict[str, Path], tmp_path: Path
) -> None:
    """Word processors break a word longer than the line at the margin by themselves: the
    DOCX, laid out by LibreOffice, keeps the 2,000-character word within the A4 page."""
    from test_docx_structure import soffice_to_pdf
    from tools import require, require_font

    require("soffice")
    # The DOCX names Arial (reference.docx); the bound below is Noto Sans's, so LibreOffice
    # must draw Arial in Noto Sans, as fontconfig does where Noto is the only such font.
    require_font("Noto Sans", drawn_for="Arial")
    proc = soffice_to_pdf([scripts_files["docx"]], tmp_path)
    assert proc.returncode == 0, proc.stderr
    reader = pypdf.PdfReader(tmp_path / "pdf" / (scripts_files["docx"].stem + ".pdf"))
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == 595
    runs = [len(run) for page in reader.pages for run in re.findall("a{20,}", page.extract_text())]
    assert sum(runs) >= 2000
    # The reference.docx body text is 11 pt or more: at 10.5 pt fewer "a"s would fit the page.
    assert max(runs) <= int(width / _advance("a", 10.5)), max(runs)
