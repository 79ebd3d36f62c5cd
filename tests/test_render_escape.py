"""Safe rendering: whatever a record holds prints literally.

The property: pandoc's plain output of ``md_escape(x)`` is ``x`` itself (after the cleaning
md_escape documents: whitespace runs to one space, control characters dropped).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import jinja2
import pypandoc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from kokous.documents import meeting_documents
from kokous.model import Text
from kokous.records import load_volume
from kokous.render import clean_text, environment, md_escape, md_url, paragraphs

READER = "markdown-raw_html-raw_attribute"
RECORDS = Path(__file__).resolve().parents[1] / "records"

HOSTILE = [
    "*emphasis* **strong** _under_ ~~strike~~ ^sup^ ~sub~",
    "# heading",
    "> quote",
    "- list",
    "+ list",
    "* list",
    "1. list",
    "2) list",
    "(@) example",
    "| a | b |",
    ": definition",
    "~~~ fence",
    "```{=html}\n<script>alert(1)</script>\n```",
    "`{=typst}`",
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "[x](javascript:alert(1))",
    "![img](file:///etc/passwd)",
    "<https://example.com>",
    "{{ 7*7 }}",
    "{% raw %}",
    '#read("/etc/passwd")',
    '#import "x.typ": *',
    "$x^2$ $$y$$",
    "\\(math\\) \\[x\\]",
    "@doe2020 [@doe, p. 3]",
    "[^1] footnote ^[inline]",
    "&amp; &lt; &#x41;",
    "trailing backslash \\",
    "a  \nhard break",
    "    indented code",
    "----",
    "***",
    "Mr. Smith -- said... 'quoted' \"double\"",
    "::: {.warning}\nfenced div\n:::",
    "[span]{.class}",
    "line\n===",
    "\\",
    "§ 5 \u2013 \u201dlainaus\u201d ä ö å",
    "\u202eevil\u202c bidi",
]


def plain(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "plain", format=READER, extra_args=["--wrap=none"])


def roundtrip(text: str) -> str:
    return plain(md_escape(text)).rstrip("\n")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_print_literally(text):
    assert roundtrip(text) == clean_text(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_make_only_text(text):
    """The escaped value parses as one paragraph of plain strings, spaces and nothing else."""
    native = pypandoc.convert_text(md_escape(text), "json", format=READER)
    blocks = json.loads(native)["blocks"]
    if not clean_text(text):
        assert blocks == []
        return
    assert len(blocks) == 1 and blocks[0]["t"] == "Para"
    assert {inline["t"] for inline in blocks[0]["c"]} <= {"Str", "Space"}


# Text a secretary could type or paste: printable characters of any script, ASCII punctuation
# weighted in, newlines and tabs. Control and unassigned characters are dropped by clean_text.
hostile_alphabet = st.one_of(
    st.sampled_from(list("#*_`~^[](){}<>|:!@$%&\\/'\"-+=.,;?\n\t ")),
    st.characters(blacklist_categories=("Cs",)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=hostile_alphabet, max_size=60))
def test_escape_roundtrip_property(text):
    assert roundtrip(text) == clean_text(text)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet=hostile_alphabet, min_size=1, max_size=30), max_size=4))
def test_paragraphs_roundtrip_property(parts):
    text = "\n\n".join(parts)
    expected = [clean_text(p) for p in parts if clean_text(p)]
    out = plain(str(paragraphs(text))).rstrip("\n")
    assert out.split("\n\n") == (expected or [""])


def test_url_filter_refuses_scripts():
    for url in ("javascript:alert(1)", "data:text/html,x", "/etc/passwd", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            md_url(url)
    assert md_url("https://tem.fi/a b)c") == Markup("https://tem.fi/a%20b%29c")


def test_environment_options():
    env = environment("fi")
    assert env.undefined is jinja2.StrictUndefined
    assert env.autoescape is False
    assert env.trim_blocks and env.lstrip_blocks and env.keep_trailing_newline
    template = env.from_string("{{ value }}|{{ trusted }}")
    assert template.render(value="*x*", trusted=Markup("*x*")) == "\\*x\\*|*x*"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(ValueError):
        env.from_string("{{ value }}").render(value=None)


def test_hostile_record_text_in_every_document_kind():
    """Hostile strings in free-text fields of a real meeting come out literally."""
    volume = load_volume(RECORDS, "tyonvk", 2025)
    payload = (
        '*x* <script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} #read("/etc/passwd")'
    )
    meeting = volume.meetings[0]
    press = dataclasses.replace(
        meeting.press,
        headline=Text({"fi": payload, "sv": payload, "en": payload}, "fi"),
        lead=Text({"fi": payload + "\n\n```{=html}\n<b>x</b>\n```"}, "fi"),
    )
    items = tuple(
        dataclasses.replace(item, background=Text({"fi": payload}, "fi"), decision=None)
        if not item.standard
        else item
        for item in meeting.items
    )
    hostile = dataclasses.replace(
        volume, meetings=[dataclasses.replace(meeting, press=press, items=items)]
    )
    docs = meeting_documents(hostile, "public", dt.datetime(2026, 1, 1))
    assert docs
    for doc in docs:
        tree = json.loads(pypandoc.convert_text(doc.markdown, "json", format=READER))
        kinds, targets = set(), []
        walk(tree["blocks"], kinds, targets)
        assert not kinds & {"RawBlock", "RawInline", "CodeBlock", "Code", "Math", "Cite"}, doc.stem
        # Links only the template makes: the body's web page, every publication's navigation
        # (the body's page and the desk, the other formats), and in a press release its other
        # language versions, the minutes and the desk (fixed relative addresses).
        template_links = re.compile(
            r"(press-release|minutes|agenda)\.(fi|sv|en)\.(html|pdf|docx|txt)"
            r"|(\.\./)+index(\.(sv|en))?\.html"
        )
        assert all(
            t.startswith("https://tem.fi/") or template_links.fullmatch(t) for t in targets
        ), (doc.stem, targets)
        text = plain(doc.markdown)
        assert "{{ 7*7 }}" in text, doc.stem  # printed, not evaluated
        assert '#read("/etc/passwd")' in text, doc.stem
    fi = next(d for d in docs if str(d.stem).endswith("press-release.fi"))
    assert clean_text(payload) in plain(fi.markdown)
    assert "```{=html} <b>x</b> ```" in plain(fi.markdown)
    assert fi.title == clean_text(payload)


def walk(node, kinds: set[str], targets: list[str]) -> None:
    """Collect the pandoc element types and link targets of a JSON AST."""
    if isinstance(node, dict):
        if "t" in node:
            kinds.add(node["t"])
            if node["t"] in ("Link", "Image"):
                targets.append(node["c"][2][0])
        for value in node.values():
            walk(value, kinds, targets)
    elif isinstance(node, list):
        for value in node:
            walk(value, kinds, targets)


def test_the_escaped_set_is_exactly_ascii_punctuation():
    import string

    from kokous.render import _PUNCTUATION_CHARACTER

    escaped = {chr(c) for c in range(128) if _PUNCTUATION_CHARACTER.fullmatch(chr(c))}
    assert escaped == set(string.punctuation)
