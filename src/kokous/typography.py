"""Non-breaking spaces and word joiners by rule, in Finnish, Swedish and English text.

A line must not end in "klo", "22" or "äänin 7–" with the rest on the next line. The rules
follow Finnish typography (Kielitoimiston ohjepankki, "Sitova välilyönti"; Kotus): a
non-breaking space (sitova välilyönti, U+00A0)

- between a number and the unit, symbol or abbreviation it goes with: "5 §", "22 §:ään",
  "10 %", "20 €", "5 km";
- after an abbreviation that goes with the number after it: "klo 13.00", "kl. 13.00", "s. 5",
  "n. 20", "nro 3";
- between a day and its month: "12. maaliskuuta", "12 mars", "12 March";
- in numbers grouped by spaces: "10 000";
- between a small count and the word it counts: "9 neuvottelukunnan", "3 jäsentä";

A number range ("7–2", "13.00–15.30", "2025–2027") must not break after its dash either, but
a word joiner there would be copied with the text and break search for "7–2" in the PDF: the
PDF template keeps a range on one line instead (a show rule in templates/pandoc/typst.typ),
and browsers and word processors break there only when the range
meets the end of a line.

The rules are data (the tables below) applied to generated pandoc Markdown by :func:`bind`,
where record text is already escaped (a backslash before every ASCII punctuation character,
:func:`kokous.render.md_escape`): a word is compared without those backslashes, and only
spaces between two words change. Nothing is added or removed but the kind of space, so the
record's text prints and copies as it was written.
"""  # noqa: RUF002 (the en dash is the point)

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"

#: Units, symbols and abbreviations that follow a number, in every language (compared in lower
#: case, after any inflection ending introduced by ":" is dropped: "§:ään" is "§").
UNITS_AFTER_NUMBER = frozenset(
    {
        "§", "%", "‰", "€", "$", "£", "°", "°c", "mm", "cm", "m", "km", "m²", "km²", "g", "kg",
        "t", "l", "ml", "h", "min", "s", "d", "kpl", "st", "pcs", "milj.", "mrd.", "euroa",
        "eur", "euro", "euros", "tn", "pv", "vrk", "v.", "år", "mn", "bn", "million",
        "billion", "miljoonaa", "miljardia", "miljoner", "miljarder", "prosenttia", "procent",
        "per", "x",
    }
)  # fmt: skip

#: Abbreviations and words that go with the number after them, by language.
BEFORE_NUMBER = {
    "fi": frozenset({"klo", "kello", "s.", "n.", "nro", "no.", "§", "kohta", "kohdan", "liite"}),
    "sv": frozenset({"kl.", "kl", "klockan", "s.", "ca", "nr", "§", "bilaga", "punkt"}),
    "en": frozenset({"p.", "pp.", "no.", "nos.", "§", "annex", "item", "c.", "approx."}),
}

#: Month names after a day number ("12. maaliskuuta", "12 mars", "12 March").
MONTHS = {
    "fi": frozenset(
        f"{m}kuuta"
        for m in (
            "tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
            "loka", "marras", "joulu",
        )
    ),
    "sv": frozenset(
        {
            "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december",
        }
    ),
    "en": frozenset(
        {
            "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december",
        }
    ),
}  # fmt: skip

#: A count this small binds to the lower-case word after it ("9 neuvottelukunnan"); a year
#: (four digits) or a date does not.
MAX_COUNT_DIGITS = 3

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_NUMBER = re.compile(r"^\d+([.,]\d+)?\.?$")
_COUNT = re.compile(rf"^\d{{1,{MAX_COUNT_DIGITS}}}$")
_GROUP = re.compile(r"^\d{3}([.,]\d+)?$")
_DAY = re.compile(r"^\d{1,2}\.?$")
# A space between two words (not at a line's start: a list marker, heading mark or definition
# colon is followed by a space that is Markdown syntax).
_SPACE = re.compile(r"(?<=\S) (?=\S)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_WORD_AFTER = re.compile(r"^(\S+)")


def _plain(word: str) -> str:
    """A Markdown word as it prints: escapes removed, trailing sentence punctuation kept."""
    return _ESCAPE.sub(r"\1", word)


def _unit(word: str) -> str:
    """The unit part of a word: "§:ään" → "§", "%:n" → "%", "km," → "km"."""
    word = word.split(":", 1)[0].rstrip(",;)")
    return word.lower()


Rule = Callable[[str, str, str], bool]
"""(word before, word after, language) → bind the space between them."""


def _number_unit(before: str, after: str, lang: str) -> bool:
    return bool(_NUMBER.match(before)) and _unit(after) in UNITS_AFTER_NUMBER


def _abbreviation_number(before: str, after: str, lang: str) -> bool:
    return before.lower() in BEFORE_NUMBER[lang] and after[:1].isdigit()


def _day_month(before: str, after: str, lang: str) -> bool:
    return bool(_DAY.match(before)) and after.rstrip(",.;").lower() in MONTHS[lang]


def _digit_groups(before: str, after: str, lang: str) -> bool:
    return before.isdigit() and len(before) <= 3 and bool(_GROUP.match(after.rstrip(",.;")))


def _count_word(before: str, after: str, lang: str) -> bool:
    return bool(_COUNT.match(before)) and after[:1].islower()


#: The rules in the order they are tried; the first that matches binds the space.
RULES: tuple[tuple[str, Rule], ...] = (
    ("number and unit", _number_unit),
    ("abbreviation and number", _abbreviation_number),
    ("day and month", _day_month),
    ("digit groups", _digit_groups),
    ("count and word", _count_word),
)


def binds(before: str, after: str, lang: str) -> bool:
    """Whether the space between the printed words ``before`` and ``after`` must not break."""
    if lang not in BEFORE_NUMBER:
        return False
    return any(rule(before, after, lang) for _, rule in RULES)


def _bind_line(line: str, lang: str) -> str:
    def replace(match: re.Match[str]) -> str:
        before = _WORD_BEFORE.search(rest, 0, match.start())
        after = _WORD_AFTER.search(rest[match.end() :])
        if before is None or after is None:
            return " "
        left, right = _plain(before.group(1)), _plain(after.group(1))
        # A word that is Markdown syntax itself (a table's pipe, a list marker) never binds.
        if left in ("|", "-", "*", "+", ">", ":") or right == "|":
            return " "
        return NBSP if binds(left, right, lang) else " "

    stripped = line.lstrip()
    start = len(line) - len(stripped)
    # The first space after a block marker ("#", "-", "1.", ":", ">") is syntax: skip it.
    marker = re.match(r"(#{1,6}|[-*+:>]|\d+[.)])\s", stripped)
    if marker:
        start += marker.end()
    rest = line[start:]
    return line[:start] + _SPACE.sub(replace, rest)


def bind(markdown: str, lang: str) -> str:
    """``markdown`` with the spaces the rules bind made non-breaking."""
    return "\n".join(
        _bind_line(line, lang) if " " in line else line for line in markdown.split("\n")
    )
