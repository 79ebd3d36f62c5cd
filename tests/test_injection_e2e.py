"""Injection suite, end to end: hostile strings in every free-text field of the sample records,
one full build of both editions, and every generated file of every format checked.

Issue 3, "Safe rendering": whatever a record holds (``*``, ``#``, ``<script>``,
``[x](javascript:…)``, ``{{ 7*7 }}``, Typst ``#read(...)``, raw blocks such as ```{=html}``)
prints literally in every format and nothing in it runs.

How it works: the sample records are copied, loaded with ``yaml.safe_load``, and every
translatable text (every language), title, decision, background, press text, quote, guest and
person name, place, about text, website label and so on gets the hostile block below, one
payload per line so that each starts a line (where Markdown block syntax would bite), except
in the fields that must be one line (``kokous.lint.text``' one-line fields: names, titles,
headlines, places …), which get the same payloads on one line. Ids, dates, enums, URLs and
phone numbers are left alone. Person names keep their surname last
(quote introductions must name the speaker), with hostile text before it. One build
(module-scoped fixture; the machine has two cores) serves every test.

Each payload carries a unique marker ``XSS<n>``; the test looks for the payload *literally* in
the visible text of every HTML, TXT, PDF and DOCX file (whitespace runs compared as one space,
because a YAML line break is not a line break in print and PDF lines wrap).
"""

from __future__ import annotations

import base64
import html as html_module
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_workflow, snakemake
from extract import normalised, text_of

from kokous.lint.text import BODY_ONE_LINE, MEETING_ONE_LINE, YEAR_ONE_LINE, FieldPath

LONG_WORD = "Pitkäsana" + "x" * 486 + "XSS99"  # 500 characters, no break opportunity
assert len(LONG_WORD) == 500

#: Every payload, literally as it must print. Each holds its own marker XSS<n>.
PAYLOADS: tuple[str, ...] = (
    "# XSS10 heading",
    "<script>alert('XSS1')</script>",
    "<img src=x onerror=alert('XSS2')>",
    "[klikkaa](javascript:alert('XSS3'))",
    "{{ 7*7 }}XSS4",
    "{% raw %}XSS5",
    '#read("/etc/passwd")XSS6',
    "`{=html}`XSS7a",
    "```{=html}\n<b>XSS7</b>\n```",
    "$$\\input{/etc/passwd}$$XSS8",
    "*XSS9* **bold**",
    "> quote XSS11",
    "1. list XSS12",
    "| a | b |XSS13",
    "back\\slash\\\\XSS19\\",
    "@cite XSS14",
    "<!-- XSS15 -->",
    ":::XSS16",
    "![img](/etc/passwd)XSS17",
    "%XSS18",
    "äöå ÄÖÅ XSS20 \u202eesrever\u202c zero\u200dwidth XSS21",
    "// XSS22 typst comment /* XSS23",
    '<raw>XSS24</raw> #{"XSS25"} #include "/etc/passwd"',
    "\\(x\\) [^1]XSS26 ^sup^ ~sub~ ~~strike~~ <https://evil.example/XSS27>",
    "- item XSS28",
    "    indented code XSS29",
    "<style>body{display:none}</style>XSS30",
    "&lt;b&gt;XSS31&amp;",
    "<<XSS32>> @XSS32label <XSS32lbl>",
)
MARKERS = tuple(re.search(r"XSS\d+a?", p).group(0) for p in PAYLOADS)  # type: ignore[union-attr]
HOSTILE = "\n".join(PAYLOADS)
#: The same payloads for a field that must be one line (a line break there is a record error).
HOSTILE_ONE_LINE = " ".join(p.replace("\n", " ") for p in PAYLOADS)
#: Single-line hostile text put before a person's name (the surname stays last).
NAME_PREFIX = "<script>alert('XSS1')</script> {{ 7*7 }}XSS4 [x](javascript:alert('XSS3'))"
#: Where the 500-character word goes as well (not everywhere: it would only slow the build).
LONG_WORD_KEYS = {"decision", "headline", "lead", "place", "summary"}

#: Keys whose value is free text (a string, or a map by language).
TEXT_KEYS = {
    "name", "short_name", "noun", "mandate", "legal_basis", "by", "description", "tasks",
    "provision", "heading", "text", "label", "email_pattern", "role", "title", "theme",
    "background", "proposal", "discussion", "decision", "question", "note", "place",
    "headline", "lead", "intro", "summary", "priorities", "reason",
}  # fmt: skip
LANGS = {"fi", "sv", "en"}

#: Strings that /etc/passwd holds on any Linux machine and no document does.
PASSWD = ("root:x:0:0", "/bin/bash", "/usr/sbin/nologin", "daemon:x:")


def _hostile(value: str, key: str, person_name: bool, one_line: bool = False) -> str:
    if person_name:
        return f"{NAME_PREFIX} {value}"
    text = f"{HOSTILE_ONE_LINE} {value}" if one_line else f"{HOSTILE}\n{value}"
    if key in LONG_WORD_KEYS:
        text += f" {LONG_WORD}"
    return text


def _is_one_line(path: tuple[str, ...], patterns: tuple[FieldPath, ...]) -> bool:
    """``path`` (list indices as "[]") is a field ``kokous.lint.text`` requires to be one line."""
    return any(
        len(pattern) == len(path)
        and all(want == "*" or want == have for want, have in zip(pattern, path, strict=True))
        for pattern in patterns
    )


def poison(
    node: object, path: tuple[str, ...] = (), one_line: tuple[FieldPath, ...] = ()
) -> object:
    """``node`` with hostile text in every free-text field; the fields matching ``one_line``
    (patterns as in ``kokous.lint.text``) get it on one line."""
    key = path[-1] if path else ""
    parent = path[-2] if len(path) > 1 else ""
    single = _is_one_line(path, one_line)
    if key == "by" and parent != "appointed":  # a motion's mover is an id
        return node
    if isinstance(node, dict):
        if key in TEXT_KEYS and node and set(node) <= LANGS:
            return {
                lang: _hostile(text, key, False, single) if isinstance(text, str) else text
                for lang, text in node.items()
            }
        if key == "organisation" and node and set(node) <= LANGS:  # a guest's organisation
            return {lang: _hostile(text, key, False, single) for lang, text in node.items()}
        return {k: poison(v, (*path, str(k)), one_line) for k, v in node.items()}
    if isinstance(node, list):
        if key == "items" and parent == "list":  # a press list's items are texts
            return [poison(v, (*path, "text"), one_line) for v in node]
        return [poison(v, (*path, "[]"), one_line) for v in node]
    if isinstance(node, str) and key in TEXT_KEYS:
        if key == "name" and len(path) >= 2 and path[-3:-2] == ("persons",):
            return _hostile(node, key, True)
        return _hostile(node, key, False, single)
    return node


def _one_line_fields(record: Path) -> tuple[FieldPath, ...]:
    if record.name == "body.yaml":
        patterns = BODY_ONE_LINE
    elif record.parent.name == "meetings":
        patterns = MEETING_ONE_LINE
    else:
        patterns = YEAR_ONE_LINE
    return patterns


def poison_records(records: Path) -> int:
    """Rewrite every record under ``records`` with hostile text; return the number of fields."""
    count = 0
    for record in sorted(records.rglob("*.yaml")):
        source = record.read_text(encoding="utf-8")
        first = source.splitlines()[0]
        assert first.startswith("# yaml-language-server"), record
        before = yaml.safe_load(source)
        after = poison(before, one_line=_one_line_fields(record))
        count += json.dumps(after, default=str).count("XSS10")
        record.write_text(
            first + "\n" + yaml.safe_dump(after, allow_unicode=True, sort_keys=False, width=4096),
            encoding="utf-8",
        )
    return count


# ---------------------------------------------------------------------------------------------
# HTML checks


class _Unsafe(HTMLParser):
    """Collects what must never be in a generated page."""

    URL_ATTRS = frozenset(
        {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
    )
    FORBIDDEN = frozenset(
        {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.FORBIDDEN:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in self.URL_ATTRS and squeezed.startswith(("javascript:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
            if name in self.URL_ATTRS and squeezed.startswith("data:") and tag != "img":
                self.problems.append(f"<{tag} {name}=data:…> data URL outside an image")
            if name == "style" and ("expression(" in squeezed or "url(" in squeezed):
                self.problems.append(f"<{tag} style={value!r}>")
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if not src.startswith("data:"):
                self.problems.append(f"<img src={src!r}> not a data: URI")
            elif src.startswith("data:image/svg+xml;base64,"):
                svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
                self.problems += [f"inline SVG: {p}" for p in unsafe_svg(svg)]
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self._check(tag, attrs)

    def handle_comment(self, data):  # type: ignore[no-untyped-def]
        if "XSS" in data:
            self.problems.append(f"record text in an HTML comment: {data!r}")


def unsafe_svg(svg: str) -> list[str]:
    """What in an SVG image (the attendance chart, which holds organisation names) could run:
    script or foreignObject elements, event handlers, script links; it must be well-formed."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return [f"not well-formed: {exc}"]
    problems = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("script", "foreignObject", "iframe", "object", "embed", "use"):
            problems.append(f"<{name}> in SVG")
        for attr, value in element.attrib.items():
            attr = attr.rsplit("}", 1)[-1]
            if attr.startswith("on"):
                problems.append(f"{attr}= in SVG")
            if attr == "href" and not value.startswith("#"):
                problems.append(f"link {value[:40]!r} in SVG")
    return problems


def unsafe_html(html: str) -> list[str]:
    """What in ``html`` could run, load or hide: script elements, event handlers, script URLs,
    images not inlined as data: URIs, record text as markup."""
    parser = _Unsafe()
    parser.feed(html)
    parser.close()
    problems = parser.problems
    # Payload markup that survived as markup (rather than as &lt;-escaped text).
    for raw in ("<b>XSS7</b>", "<raw>XSS24", "<!-- XSS15", "<style>body{display:none}"):
        if raw in html:
            problems.append(f"raw markup from a record: {raw}")
    return problems


def comparable(text: str) -> str:
    """Text as compared with a payload: whitespace runs one space, quotation marks one mark,
    invisible format characters (zero-width joiner, bidi controls) left out: the PDF text layer
    does not keep a zero-width joiner, and bidi overrides are checked on their own below."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return normalised(text)


def missing_payloads(text: str, squeeze: bool = False) -> list[str]:
    """The payloads whose literal text is not in ``text``; with ``squeeze`` (PDF, whose lines
    may break after a hyphen, slash or ``$$`` where the source had no space) whitespace is
    left out of both sides."""
    have = comparable(text)
    expected = [comparable(p) for p in PAYLOADS]
    if squeeze:
        have = re.sub(r"\s+", "", have)
        expected = [re.sub(r"\s+", "", e) for e in expected]
    return [p for p, e in zip(PAYLOADS, expected, strict=True) if e not in have]


def evaluated(text: str) -> list[str]:
    """Signs that a template, Typst or TeX evaluated record text."""
    signs = []
    if "49XSS4" in text or "49 XSS4" in text:
        signs.append("{{ 7*7 }} evaluated to 49")
    signs += [f"/etc/passwd content {s!r}" for s in PASSWD if s in text]
    return signs


# ---------------------------------------------------------------------------------------------
# The one build


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = copy_workflow(tmp_path_factory.mktemp("injection") / "workflow")
    fields = poison_records(workdir / "records")
    result = snakemake(workdir, check=False)
    build = workdir / "build"
    manifest = (build / "manifest.json").exists() and json.loads(
        (build / "manifest.json").read_text(encoding="utf-8")
    )
    return {
        "workdir": workdir,
        "build": build,
        "fields": fields,
        "result": result,
        "artifacts": manifest["artifacts"] if manifest else [],
    }


DOCUMENT_KINDS = {"press-release", "minutes", "agenda", "annual-report"}


def test_every_free_text_field_was_poisoned(hostile_build: dict) -> None:
    # ~300 fields in the sample; the exact number moves with the sample, so a floor.
    assert hostile_build["fields"] > 200
    sample = (hostile_build["workdir"] / "records/tyonvk/meetings/2025-03-12.yaml").read_text(
        encoding="utf-8"
    )
    assert sample.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(sample)
    # One payload a line in free text; a one-line field (the headline) gets them on one line.
    assert data["press"]["lead"]["sv"].startswith("# XSS10 heading\n<script>")
    assert data["press"]["headline"]["sv"].startswith("# XSS10 heading <script>")
    assert "\n" not in data["press"]["headline"]["sv"]
    assert data["items"][4]["id"] == "tasks" and data["date"].isoformat() == "2025-03-12"


def test_the_hostile_build_succeeds_and_writes_every_kind_in_both_editions(
    hostile_build: dict,
) -> None:
    result = hostile_build["result"]
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    have = {(a["edition"], a["kind"], a["format"]) for a in hostile_build["artifacts"]}
    for edition in ("public", "internal"):
        for fmt in ("html", "pdf", "docx", "txt"):
            assert (edition, "press-release", fmt) in have
        for kind in ("minutes", "annual-report"):
            for fmt in ("html", "pdf", "docx"):
                assert (edition, kind, fmt) in have


def test_no_generated_html_can_run_or_load_anything(hostile_build: dict) -> None:
    problems = []
    pages = [a for a in hostile_build["artifacts"] if a["format"] == "html"]
    assert pages
    for a in pages:
        html = (hostile_build["build"] / a["path"]).read_text(encoding="utf-8")
        if a["kind"] == "index" and a["edition"] == "public":
            html = without_search_box_scripts(html, a["path"])
        problems += [(a["path"], p) for p in unsafe_html(html)]
    assert problems == []


def without_search_box_scripts(html: str, path: str) -> str:
    """A public desk page less its search box's two scripts (issue 16: Pagefind's UI from a
    body's bundle in the edition's pagefind/ folder, and the call that starts it), which must
    be exactly those: the script file of the edition, and the shipped search box code
    (templates/desk/search.js) with a start whose only values are JSON strings with no
    record text in them."""
    loader = re.findall(
        r'<script src="((?:\.\./)?pagefind/[a-z][a-z0-9_-]*/pagefind-ui\.js)"></script>', html
    )
    starts = re.findall(r"<script>\n(.*?)</script>", html, re.DOTALL)
    # A body's page without public HTML documents has no search bundle, so no search box.
    if not loader and not starts and "/" in path.removeprefix("public/"):
        return html
    assert len(loader) == 1 and len(starts) == 1, path
    shipped = (REPO / "templates" / "desk" / "search.js").read_text(encoding="utf-8")
    assert starts[0].startswith(shipped.rstrip("\n")), path
    start = starts[0].removeprefix(shipped.rstrip("\n"))
    assert "kokousSearch({" in start and "XSS" not in start, path
    html = html.replace(f'<script src="{loader[0]}"></script>', "")
    return html.replace(f"<script>\n{starts[0]}</script>", "")


@pytest.mark.parametrize("fmt", ["html", "txt", "pdf", "docx"])
def test_every_payload_prints_literally(hostile_build: dict, fmt: str) -> None:
    documents = [
        a for a in hostile_build["artifacts"] if a["format"] == fmt and a["kind"] in DOCUMENT_KINDS
    ]
    assert documents
    missing = {}
    for a in documents:
        gone = missing_payloads(text_of(hostile_build["build"] / a["path"]), fmt == "pdf")
        if gone:
            missing[a["path"]] = gone
    assert missing == {}


def test_nothing_was_evaluated_or_read_from_the_machine(hostile_build: dict) -> None:
    found = []
    for a in hostile_build["artifacts"]:
        path = hostile_build["build"] / a["path"]
        if a["format"] in ("html", "txt", "pdf", "docx", "xml", "atom", "odt"):
            found += [(a["path"], s) for s in evaluated(text_of(path))]
        if a["format"] in ("docx", "odt"):
            with zipfile.ZipFile(path) as z:
                for member in z.namelist():
                    data = z.read(member)
                    if b"root:x:0:0" in data:
                        found.append((f"{a['path']}!{member}", "/etc/passwd bytes"))
                    if member.endswith(".svg"):
                        found += [
                            (f"{a['path']}!{member}", p) for p in unsafe_svg(data.decode("utf-8"))
                        ]
        else:
            if b"root:x:0:0" in path.read_bytes():
                found.append((a["path"], "/etc/passwd bytes"))
    assert found == []


def test_no_record_text_became_structure_in_docx(hostile_build: dict) -> None:
    """Word headings and list paragraphs come from templates, never from a record's ``#``,
    ``1.``, ``-`` or ``>``; no hyperlink points at javascript:."""
    import docx

    problems = []
    for a in hostile_build["artifacts"]:
        if a["format"] != "docx":
            continue
        path = hostile_build["build"] / a["path"]
        document = docx.Document(str(path))
        for p in document.paragraphs:
            style = p.style.name if p.style is not None else ""
            if re.match(r"XSS(10|11|12|28|29)\b", p.text.strip()):
                problems.append((a["path"], style, p.text[:40]))
        rels = "\n".join(r.target_ref for r in document.part.rels.values() if r.is_external).lower()
        if "javascript:" in rels or "/etc/passwd" in rels:
            problems.append((a["path"], "external relationship", rels[:80]))
    assert problems == []


def _bidi_leaks(hostile_build: dict, kinds: set[str], formats: set[str]) -> list[str]:
    return [
        a["path"]
        for a in hostile_build["artifacts"]
        if a["kind"] in kinds
        and a["format"] in formats
        and "\u202e" in text_of(hostile_build["build"] / a["path"])
    ]


def test_bidi_overrides_are_dropped_from_documents(hostile_build: dict) -> None:
    """U+202E makes text read differently from what it is (Trojan Source); render.py drops
    bidi controls from record text, and that must hold wherever record text prints."""
    assert _bidi_leaks(hostile_build, DOCUMENT_KINDS, {"html", "txt", "docx", "pdf"}) == []


def test_bidi_overrides_are_dropped_from_document_bodies(hostile_build: dict) -> None:
    """The Markdown body (everything that goes through md_escape) holds no bidi override: the
    TXT release (no running header) and the DOCX body paragraphs."""
    import docx

    leaks = _bidi_leaks(hostile_build, DOCUMENT_KINDS, {"txt"})
    for a in hostile_build["artifacts"]:
        if a["format"] == "docx":
            body = docx.Document(str(hostile_build["build"] / a["path"])).paragraphs
            # The Title paragraph comes from Document.title, checked with the headers above.
            leaks += [
                a["path"]
                for p in body
                if "\u202e" in p.text and (p.style is None or p.style.name != "Title")
            ]
    assert leaks == []


def test_bidi_overrides_are_dropped_from_indexes_and_feeds(hostile_build: dict) -> None:
    assert _bidi_leaks(hostile_build, {"index", "feed"}, {"html", "atom", "xml"}) == []


def test_feeds_are_well_formed_and_their_html_content_is_safe(hostile_build: dict) -> None:
    feeds = [a for a in hostile_build["artifacts"] if a["kind"] == "feed"]
    problems = []
    for a in feeds:
        root = ET.parse(hostile_build["build"] / a["path"]).getroot()  # raises if malformed
        for element in root.iter():
            if element.get("type") == "html":
                problems += [(a["path"], p) for p in unsafe_html(element.text or "")]
            href = (element.get("href") or "").strip().lower()
            if href.startswith(("javascript:", "data:", "vbscript:")):
                problems.append((a["path"], f"link {href[:40]}"))
    assert problems == []


# ---------------------------------------------------------------------------------------------
# The checkers themselves must be able to fail


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p><script>alert(1)</script>",
        "<p><img src=x onerror=alert('XSS2')></p>",
        '<a href=" JavaScript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<img src="/etc/passwd">',
        "<p><b>XSS7</b></p>",
        "<p>a</p><!-- XSS15 -->",
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<body onload="x()">',
        '<iframe src="https://evil.example"></iframe>',
        '<img src="data:image/svg+xml;base64,'
        + base64.b64encode(
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
        ).decode()
        + '">',
    ],
)
def test_the_html_checker_catches_a_leak(html: str) -> None:
    assert unsafe_html(html)


def test_the_html_checker_passes_a_clean_page() -> None:
    page = (
        '<!DOCTYPE html><html lang="fi"><head><link rel="stylesheet" href="k.css"></head>'
        "<body><p>&lt;script&gt;alert(&#39;XSS1&#39;)&lt;/script&gt;</p>"
        '<img src="data:image/svg+xml;base64,'
        + base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"><text>a</text></svg>').decode()
        + '" alt="kaavio">'
        '<a href="https://tem.fi/">TEM</a></body></html>'
    )
    assert unsafe_html(page) == []


def test_the_literal_check_catches_interpreted_markup(tmp_path: Path) -> None:
    page = tmp_path / "x.html"
    # What a page would hold had the Markdown been interpreted: no '#', the image gone, 49.
    page.write_text(
        "<h1>XSS10 heading</h1><p><b>XSS7</b> 49XSS4 "
        + html_module.escape(" ".join(PAYLOADS[1:4]))
        + "</p>",
        encoding="utf-8",
    )
    text = text_of(page)
    gone = missing_payloads(text)
    assert "# XSS10 heading" in gone and "{{ 7*7 }}XSS4" in gone
    assert "```{=html}\n<b>XSS7</b>\n```" in gone
    assert "<script>alert('XSS1')</script>" not in gone
    assert evaluated(text) == ["{{ 7*7 }} evaluated to 49"]
    assert evaluated("root:x:0:0:root:/root:/bin/bash")


def test_poison_leaves_ids_dates_and_enums_alone() -> None:
    record = {
        "date": "2025-03-12",
        "status": "held",
        "location": {"place": {"fi": "Sali"}},
        "attendance": [{"person": "korhonen", "status": "absent", "reason": "flunssa"}],
        "guests": [{"name": "Olli", "organisation": {"fi": "X"}, "items": ["tasks"]}],
        "items": [{"id": "tasks", "title": "T", "visibility": "confidential",
                   "legal_basis": "JulkL"}],
        "press": {"body": [{"list": {"intro": {"fi": "i"}, "items": [{"fi": "a"}, "b"]}}]},
    }  # fmt: skip
    out = poison(record)
    assert isinstance(out, dict)
    assert out["date"] == "2025-03-12" and out["status"] == "held"
    assert out["attendance"][0]["person"] == "korhonen"
    assert out["attendance"][0]["reason"].startswith(HOSTILE)
    assert out["guests"][0]["items"] == ["tasks"]
    assert out["guests"][0]["organisation"]["fi"].startswith(HOSTILE)
    assert out["items"][0]["id"] == "tasks" and out["items"][0]["visibility"] == "confidential"
    assert out["items"][0]["legal_basis"].startswith(HOSTILE)
    assert out["location"]["place"]["fi"].endswith(LONG_WORD)
    listed = out["press"]["body"][0]["list"]
    assert all(HOSTILE in (i["fi"] if isinstance(i, dict) else i) for i in listed["items"])
    persons = poison({"persons": {"korhonen": {"name": "Tiina Korhonen"}}})
    assert persons["persons"]["korhonen"]["name"].endswith(" Tiina Korhonen")  # type: ignore[index]


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()"/></svg>',
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            '<a x:href="javascript:alert(1)"><text>t</text></a></svg>'
        ),
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>',
        "<svg><text>a <script></text></svg>",
    ],
)
def test_the_svg_checker_catches_a_leak(svg: str) -> None:
    assert unsafe_svg(svg)


def test_the_svg_checker_passes_escaped_text() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title>'
        "<text>&lt;script&gt;alert('XSS1')&lt;/script&gt;</text></svg>"
    )
    assert unsafe_svg(svg) == []
