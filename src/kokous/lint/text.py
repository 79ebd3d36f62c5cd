"""K6xx: texts the documents cannot print as written, in any record."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from .registry import FieldPath, Finding, rule

# ---------------------------------------------------------------------------------------------
# Fields that are one line of text. A line break there (a "|" block, a pasted address) breaks
# the e-mail pattern, the headline or the table it lands in.

_ANY = "*"
"""In a field pattern: any list index or mapping key."""

BODY_ONE_LINE: tuple[FieldPath, ...] = (
    ("name",),
    ("short_name",),
    ("noun",),
    ("email_pattern",),
    ("website", "label"),
    ("website", "url"),
    ("appointed", "by"),
    ("organisations", _ANY, "name"),
    ("organisations", _ANY, "short_name"),
    ("persons", _ANY, "name"),
    ("persons", _ANY, "titles", _ANY, "title"),
    ("contacts", _ANY, "role"),
    ("contacts", _ANY, "phone"),
    ("mail", _ANY, "name"),  # an e-mail header holds no line break
)
MEETING_ONE_LINE: tuple[FieldPath, ...] = (
    ("location", "place"),
    ("guests", _ANY, "name"),
    ("guests", _ANY, "organisation"),
    ("guests", _ANY, "role"),
    ("items", _ANY, "title"),
    ("items", _ANY, "legal_basis"),
    ("items", _ANY, "attachments", _ANY, "title"),
    ("items", _ANY, "attachments", _ANY, "legal_basis"),
    ("press", "headline"),
    ("press", "contacts", _ANY, "role"),
    ("press", "contacts", _ANY, "phone"),
)
YEAR_ONE_LINE: tuple[FieldPath, ...] = (
    ("statements", _ANY, "title"),
    ("statements", _ANY, "url"),
)
ONE_LINE = {"body": BODY_ONE_LINE, "meeting": MEETING_ONE_LINE, "year": YEAR_ONE_LINE}


def _matches(
    data: Any, pattern: FieldPath, path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == _ANY:
        if isinstance(data, dict):
            pairs: Iterable[tuple[Any, Any]] = data.items()
        elif isinstance(data, list):
            pairs = enumerate(data)
        else:
            return
        for key, value in pairs:
            yield from _matches(value, rest, (*path, key))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, (*path, head))


@rule("K601", "one-line-field", scope=("body", "meeting", "year"), field="(one-line fields)")
def one_line(subject: Any) -> Iterator[Finding]:
    """A field meant as one line holds a line break.

    Why: names, titles, headlines, places, legal bases, phone numbers and the like land in a
    heading, a table cell, an e-mail subject or a pattern; a line break there breaks it.
    Example: ``headline: |`` followed by two lines.
    Fix: write it on one line (only a '|' block keeps line breaks, where a text may have them).
    """
    for pattern in ONE_LINE[subject.kind]:
        for path, value in _matches(subject.data, pattern):
            texts = value.items() if isinstance(value, dict) else [(None, value)]
            for lang, text in texts:
                if isinstance(text, str) and "\n" in text.strip():
                    yield (
                        path if lang is None else (*path, lang),
                        (
                            "must be one line but holds a line break; write it on one line "
                            "(a '|' block keeps line breaks)"
                        ),
                    )


# ---------------------------------------------------------------------------------------------
# Characters the PDF cannot print. Typst fails a whole batch on a character none of the fonts
# in fonts/ has (naming no record); this check names the record, field and character first.

# Characters that print nothing and need no glyph: controls, format characters (joiners, bidi
# marks, soft hyphens; unassigned and private-use ones are dropped before print), whitespace,
# and variation selectors (an emoji's presentation form).
_NO_GLYPH_NEEDED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


@functools.cache
def printable_characters() -> frozenset[int]:
    """Every code point some font of the PDF's font chain has a glyph for (their cmaps, read
    once per process with fontTools)."""
    import yaml
    from fontTools.ttLib import TTFont

    from .. import paths

    # The list kokous.convert compiles with, read here without importing the converter (and
    # Typst): a check job converts nothing.
    formats = yaml.safe_load((paths.ROOT / "templates" / "formats.yaml").read_text("utf-8"))
    covered: set[int] = set()
    for name in formats["formats"]["pdf"]["fonts"]:
        font = TTFont(paths.ROOT / name, lazy=True)
        covered.update(font.getBestCmap() or {})
        font.close()
    return frozenset(covered)


def _needs_glyph(ch: str) -> bool:
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(ch) not in _NO_GLYPH_NEEDED


def _strings(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


@rule("K602", "no-glyph", scope=("body", "meeting", "year"), field="(any text)")
def glyphs(subject: Any) -> Iterator[Finding]:
    """A character that no font of the PDF has a glyph for.

    Why: Typst fails a whole batch of PDFs on such a character without naming the record;
    this names the record, the field and the character first.
    Example: an emoji or a rare script pasted into a discussion summary.
    Fix: write it another way, or add a font that has it (fonts/README).
    """
    covered: frozenset[int] | None = None
    for path, text in _strings(subject.data):
        if text.isascii():
            continue  # Noto Sans has every printable ASCII character
        if covered is None:
            covered = printable_characters()
        missing = sorted({ch for ch in text if ord(ch) not in covered and _needs_glyph(ch)})
        for ch in missing:
            name = unicodedata.name(ch, "unnamed")
            yield (
                path,
                (
                    f"character U+{ord(ch):04X} has no glyph in the PDF's fonts ({name}, "
                    f"{ch!r}); write it another way or add a font that has it (fonts/README)"
                ),
            )
