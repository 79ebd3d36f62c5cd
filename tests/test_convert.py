"""Tests for the conversion engine (kokous.convert) and the output writer (kokous.writer)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path, PurePosixPath

import docx
import pikepdf
import pypdf
import pytest

from kokous import writer
from kokous.convert import ConversionError, Document, convert_documents, format_inputs

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">'
    b'<rect x="10" y="10" width="120" height="25" fill="#003479"/></svg>'
)
TITLE = "Neuvottelukunta käsitteli työllisyyspalveluiden uudistusta"
SENTENCE = "Neuvottelukunta kokoontui 12.3.2025 klo 13.00–15.30 ja käsitteli asian 5 §."  # noqa: RUF001 (en dash is the point)
QUOTE_SENTENCE = "Puheenjohtaja piti ”työvoimapalveluja” tärkeinä: äöå ÄÖÅ."
# Record text as the template layer hands it over: Markdown-special characters escaped.
HOSTILE = (
    r"Vihamielinen: \<script\>alert(1)\</script\> ja \#read(\"/etc/passwd\") "
    r"ja \`\`\`{=html} loppu."
)
HOSTILE_PRINTED = (
    'Vihamielinen: <script>alert(1)</script> ja #read("/etc/passwd") ja ```{=html} loppu.'
)
MARKDOWN = f"""# {TITLE}

{SENTENCE} {QUOTE_SENTENCE}

## Päätökset

- Neuvottelukunta hyväksyi toimintasuunnitelman.
- Jaostojen kokoonpanot vahvistettiin.

| Järjestö | Läsnä |
|----------|------:|
| TEM | 3 |
| Kuntaliitto | 2 |

![Läsnäolo järjestöittäin 2025](attendance.svg)

{HOSTILE}

Lisätietoja: [tem.fi](https://tem.fi), [vaarallinen](javascript:alert(1)).
"""
HEADER = "Työllisyyden edistämisen valtakunnallinen neuvottelukunta · Pöytäkirja 1/2025"
MARKING = "Sisäinen / Internal"
BANNER = "Embargo 12.3.2025 klo 10.00 asti"
STEM = "public/tyonvk/2025/2025-03-12/press-release.fi"


def make_doc(markdown: str = MARKDOWN, stem: str = STEM, **kw) -> Document:
    args = {
        "stem": PurePosixPath(stem),
        "markdown": markdown,
        "lang": "fi",
        "title": TITLE,
        "formats": ("html", "pdf", "docx", "txt", "odt"),
        "header": HEADER,
        "marking": MARKING,
        "banner": BANNER,
        "resources": {"attendance.svg": SVG},
    }
    args.update(kw)
    return Document(**args)


def out(root: Path, suffix: str, stem: str = STEM) -> Path:
    return root / f"{stem}{suffix}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("out")
    paths = convert_documents([make_doc()], root)
    assert [p.suffix for p in paths] == [".html", ".pdf", ".docx", ".txt", ".odt"]
    return root


def pdf_text(path: Path) -> str:
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    # Typst hyphenates Finnish; join soft-hyphenated and wrapped words back for comparison.
    return re.sub(r"\s+", " ", text.replace("\u00ad\n", "").replace("\u00ad", ""))


# --------------------------------------------------------------------------- formats


def test_html_is_self_contained_and_accessible(built: Path) -> None:
    page = out(built, ".html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in page
    assert f"<title>{TITLE}</title>" in page
    assert '<meta name="viewport"' in page
    css = Path("templates/pandoc/kokous.css").read_text(encoding="utf-8")
    assert css.strip().splitlines()[-1] in page  # the stylesheet is inlined
    assert "<link" not in page
    assert page.count("<h1") == 1
    assert '<th scope="col"' in page
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="Läsnäolo', page)
    assert '<div class="marking" role="note">Sisäinen / Internal</div>' in page
    assert 'class="banner" role="note"' in page and BANNER in page
    for tag in ("<header", "<main>", "<footer"):
        assert tag in page
    # Non-breaking spaces by rule ("klo 13.00", "5 §": kokous.typography) are the only change.
    assert "klo\u00a013.00" in page
    page = page.replace("\u00a0", " ")
    assert SENTENCE in page and QUOTE_SENTENCE in page


def test_pdf_text_tags_and_standards(built: Path) -> None:
    path = out(built, ".pdf")
    text = pdf_text(path).replace("\u00a0", " ")  # non-breaking spaces by rule
    assert SENTENCE in text
    assert QUOTE_SENTENCE in text
    assert HEADER in text and MARKING in text and BANNER in text
    assert "1 (1)" in text  # Finnish page numbering
    assert "Neuvottelukunta hyväksyi toimintasuunnitelman." in text
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "fi"
        assert "/StructTreeRoot" in pdf.Root
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "2"
        assert meta.get("pdfaid:conformance") == "A"
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == TITLE
        # The image's alt text reaches the tag tree (pandoc's Typst writer alone drops it).
        assert "Läsnäolo järjestöittäin 2025" in _struct_alt_texts(pdf)


def _struct_alt_texts(pdf: pikepdf.Pdf) -> str:
    alts: list[str] = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/Alt" in node:
                alts.append(str(node.Alt))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(node, pikepdf.Array):
            stack.extend(node)
    return "\n".join(alts)


def test_docx_styles_properties_and_header(built: Path) -> None:
    document = docx.Document(str(out(built, ".docx")))
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "fi"
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", TITLE)
    assert ("Notice", BANNER) in styles
    assert ("Heading 1", "Päätökset") in styles
    assert any(SENTENCE in text.replace("\u00a0", " ") for _, text in styles)
    header = document.sections[0].header.paragraphs[0].text
    assert HEADER in header and MARKING in header
    table = document.tables[0]
    assert table.style.name == "Table"
    assert [c.text for c in table.rows[0].cells] == ["Järjestö", "Läsnä"]
    assert "KOKOUS-" not in "".join(p.text for p in document.sections[0].header.paragraphs)


def test_txt_is_plain(built: Path) -> None:
    text = out(built, ".txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"[{MARKING}]"
    assert TITLE in lines
    assert "Päätökset" in lines
    assert "- Neuvottelukunta hyväksyi toimintasuunnitelman." in lines
    assert "tem.fi (https://tem.fi)" in text
    assert "#" not in text.replace('#read("/etc/passwd")', "")
    assert "**" not in text and "](" not in text


def test_odt_has_content(built: Path) -> None:
    with zipfile.ZipFile(out(built, ".odt")) as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert "työllisyyspalveluiden" in content


# --------------------------------------------------------------------------- safety


def test_hostile_text_prints_literally_everywhere(built: Path) -> None:
    page = out(built, ".html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page
    assert HOSTILE_PRINTED in out(built, ".txt").read_text(encoding="utf-8")
    assert HOSTILE_PRINTED in pdf_text(out(built, ".pdf"))
    assert "root:" not in pdf_text(out(built, ".pdf"))
    paragraphs = [p.text for p in docx.Document(str(out(built, ".docx"))).paragraphs]
    assert HOSTILE_PRINTED in paragraphs
    with zipfile.ZipFile(out(built, ".docx")) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in rels


def test_raw_blocks_and_attributes_are_inert(tmp_path: Path) -> None:
    # Even unescaped, raw output syntax must not pass through the reader.
    markdown = (
        f"# {TITLE}\n\n```{{=html}}\n<script>alert(2)</script>\n```\n\n"
        '`#read("/etc/passwd")`{=typst}\n\n'
        '[klikkaa](https://tem.fi){onclick="alert(3)"}\n\n'
        "[data](data:text/html;base64,PHNjcmlwdD4=)\n"
    )
    doc = make_doc(markdown, formats=("html", "pdf"), resources={})
    convert_documents([doc], tmp_path)
    page = out(tmp_path, ".html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in page
    assert "onclick" not in page
    assert 'href="data:' not in page
    text = pdf_text(out(tmp_path, ".pdf"))
    assert "root:x:0:0" not in text
    assert "#read" in text


def test_image_outside_resources_is_refused(tmp_path: Path) -> None:
    doc = make_doc(f"# {TITLE}\n\n![salasanat](/etc/passwd)\n", formats=("docx",))
    with pytest.raises(ConversionError, match="not among the document's resources"):
        convert_documents([doc], tmp_path)
    assert not out(tmp_path, ".docx").exists()


# --------------------------------------------------------------------------- writer


@pytest.mark.parametrize(
    "bad", ["../escape.html", "/etc/passwd", "a/../../b.html", "", "a\\..\\b", "."]
)
def test_writer_refuses_paths_outside_root(tmp_path: Path, bad: str) -> None:
    with pytest.raises(writer.UnsafePathError):
        writer.write_file(tmp_path / "root", bad, b"x")


def test_writer_refuses_symlink_escape(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)
    with pytest.raises(writer.UnsafePathError):
        writer.write_file(root, "link/evil.html", b"x")
    assert not (tmp_path / "evil.html").exists()


def test_convert_refuses_stem_outside_root(tmp_path: Path) -> None:
    with pytest.raises(writer.UnsafePathError):
        convert_documents([make_doc(stem="../outside", formats=("txt",))], tmp_path / "o")
    assert not (tmp_path / "outside.txt").exists()


def test_batch_failure_writes_nothing(tmp_path: Path) -> None:
    good = make_doc(stem="a/good", formats=("html", "txt"))
    bad = make_doc(f"# {TITLE}\n\n![x](missing.svg)\n", stem="b/bad", formats=("html",))
    with pytest.raises(ConversionError, match="b/bad"):
        convert_documents([good, bad], tmp_path)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []
    assert not any((tmp_path / ".kokous" / "tmp").iterdir())


def test_atomic_write_leaves_no_temp_on_failure(tmp_path: Path, monkeypatch) -> None:
    writer.write_file(tmp_path, "a.txt", b"old")
    calls = {"n": 0}
    real_fdopen = writer.os.fdopen

    def failing_fdopen(fd, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            writer.os.close(fd)
            raise OSError("disk full")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(writer.os, "fdopen", failing_fdopen)
    with pytest.raises(OSError, match="disk full"):
        writer.write_files(tmp_path, {"a.txt": b"new", "sub/b.txt": b"b"})
    assert (tmp_path / "a.txt").read_bytes() == b"old"  # first file not replaced either
    assert not (tmp_path / "sub" / "b.txt").exists()
    assert not [p for p in tmp_path.rglob(f"{writer.TEMP_PREFIX}*")]


def test_unchanged_bytes_keep_mtime(tmp_path: Path) -> None:
    path = writer.write_file(tmp_path, "x/y.txt", b"same")
    before = path.stat().st_mtime_ns
    writer.write_file(tmp_path, "x/y.txt", b"same")
    assert path.stat().st_mtime_ns == before


# --------------------------------------------------------------------------- cache, determinism


def test_the_conversion_cache_converts_each_input_once_and_never_changes_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kokous import convert

    cache = tmp_path / "cache"
    converted: list[tuple[str, list[str]]] = []
    real_convert = convert._convert

    def counting(pending, out_root):
        converted.extend((str(doc.stem), formats) for doc, formats in pending)
        return real_convert(pending, out_root)

    monkeypatch.setattr(convert, "_convert", counting)
    first = make_doc(stem="m1/doc", formats=("html", "docx"))
    second = make_doc(stem="m2/doc", formats=("html",))
    convert_documents([first, second], tmp_path / "a", cache)
    assert converted == [("m1/doc", ["html", "docx"]), ("m2/doc", ["html"])]
    uncached = {p.name: p.read_bytes() for p in (tmp_path / "a").rglob("doc.*")}

    # Another output folder, one document edited: only that one is converted again, and the
    # cached bytes are the very bytes a conversion writes.
    converted.clear()
    edited = make_doc(MARKDOWN + "\nLisäys.\n", stem="m2/doc", formats=("html",))
    convert_documents([first, edited], tmp_path / "b", cache)
    assert converted == [("m2/doc", ["html"])]
    assert (tmp_path / "b/m1/doc.docx").read_bytes() == (tmp_path / "a/m1/doc.docx").read_bytes()
    assert "Lisäys." in (tmp_path / "b/m2/doc.html").read_text(encoding="utf-8")
    assert uncached["doc.docx"] == (tmp_path / "b/m1/doc.docx").read_bytes()

    # A damaged cache entry is a miss, never a wrong document.
    for entry in cache.rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:-1] + b"!")
    converted.clear()
    convert_documents([first], tmp_path / "c", cache)
    assert converted == [("m1/doc", ["html", "docx"])]
    assert (tmp_path / "c/m1/doc.docx").read_bytes() == uncached["doc.docx"]


def test_byte_identical_across_runs(tmp_path: Path) -> None:
    docs = [make_doc(), make_doc(stem="other/doc.sv", lang="sv", marking="", banner="")]
    digests = []
    for run in ("a", "b"):
        root = tmp_path / run
        paths = convert_documents(docs, root)
        digests.append(
            {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        )
    assert digests[0] == digests[1]
    assert len(digests[0]) == 10


def test_docx_zip_dates_are_fixed(built: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(out(built, ".docx").read_bytes())) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2025, 1, 1)}


def test_format_inputs_exist() -> None:
    inputs = format_inputs()
    names = {p.name for p in inputs}
    assert {"kokous.css", "html.html", "typst.typ", "reference.docx", "formats.yaml"} <= names
    assert {"NotoSans-Regular.ttf", "pandoc_driver.lua"} <= names
    assert all(p.is_file() for p in inputs)


def test_rejects_unknown_format_and_lang(tmp_path: Path) -> None:
    with pytest.raises(ConversionError, match="expected one of"):
        convert_documents([make_doc(formats=("rtf",))], tmp_path)
    with pytest.raises(ConversionError, match="lang"):
        convert_documents([make_doc(lang="de")], tmp_path)
