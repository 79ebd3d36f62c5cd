"""Render the typed model into pandoc Markdown through Jinja templates, safely.

Record text is untrusted: a secretary (or a pasted e-mail) may hold ``*``, ``#``, ``<script>``,
``[x](javascript:…)``, ``{{ 7*7 }}``, Typst ``#read(...)`` or a raw block. Every value a
template prints goes through :func:`md_escape` (the Environment's ``finalize``), so it reaches
pandoc as literal text. Only :class:`markupsafe.Markup` passes unescaped, and only this module's
filters make Markup, from values they have escaped themselves.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from . import i18n, paths

REPO = paths.ROOT
TEMPLATES = REPO / "templates"

# Every ASCII punctuation character may be backslash-escaped in pandoc Markdown, and each one
# starts some construct somewhere (emphasis, links, headings, lists, tables, citations ``@``,
# math ``$``, sub/superscript ``~ ^``, smart quotes and dashes, ``...``, abbreviations
# "Mr. X" and so on). Escaping all of them, rather than a hand-picked subset, makes the rule
# easy to check: no record character can ever be read as syntax.
# string.punctuation as one regex character class (0x21-0x2F, 0x3A-0x40, 0x5B-0x60,
# 0x7B-0x7E): a substitution is many times faster than a Python loop over every character.
_PUNCTUATION_CHARACTER = re.compile(r"([!-/:-@\[-`{-~])")
# Whitespace pandoc itself treats as whitespace, plus line and paragraph separators; runs of it
# inside a field collapse to one space (a line break in YAML is not a line break in print).
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# Bidirectional overrides can make text read differently from what it is (Trojan Source).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# A byte-order mark inside a field is noise (pandoc drops it too); a soft hyphen is an invisible
# hyphenation hint that pandoc moves across spaces, and the PDF hyphenates by itself anyway.
_DROPPED_CHARACTERS = _BIDI_CONTROLS | {"\ufeff", "\xad"}
_DROPPED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})


def clean_text(value: Any) -> str:
    """The text as it should print: whitespace runs collapsed to one space, the ends stripped,
    control, unassigned, private-use and bidi-override characters removed."""
    text = _SPACE_RUN.sub(" ", str(value))
    if text.isprintable():
        # No control, format (bidi, BOM, soft hyphen), surrogate, private-use or unassigned
        # character: nothing to drop, and no need to look at each character in Python.
        return text.strip()
    text = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in _DROPPED_CATEGORIES and ch not in _DROPPED_CHARACTERS
    )
    return _SPACE_RUN.sub(" ", text).strip()


def md_escape(value: Any) -> str:
    """Escape one inline value for pandoc Markdown so that it prints literally.

    Every ASCII punctuation character gets a backslash; newlines collapse into spaces and the
    ends are stripped, so a value can never start a line with ``#``, ``>``, ``-``, ``1.``,
    ``|``, ``:`` or indentation (those characters are escaped anyway). Non-ASCII text is left
    alone: pandoc reads no syntax in it.
    """
    return _PUNCTUATION_CHARACTER.sub(r"\\\1", clean_text(value))


def paragraphs(value: Any, indent: int = 0) -> Markup:
    """Escape a multi-paragraph field: split on blank lines, escape each paragraph, join with
    blank lines; continuation paragraphs get ``indent`` spaces (inside a list or definition)."""
    parts = [md_escape(p) for p in _BLANK_LINE.split(str(value).replace("\r\n", "\n"))]
    parts = [p for p in parts if p]
    return Markup(("\n\n" + " " * indent).join(parts))


_URL_SAFE = "/:?#=&%-._~+,;@!$"


def md_url(value: Any) -> Markup:
    """A link destination: only http(s) and mailto URLs are linked (never ``javascript:``);
    everything outside a conservative set is percent-encoded, so the URL cannot close the
    link or open another construct."""
    url = clean_text(value)
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https", "mailto"):
        raise ValueError(f"refusing to link a {scheme or 'relative'} URL: {url!r}")
    return Markup(quote(url, safe=_URL_SAFE))


def _finalize(value: Any) -> Any:
    """Applied to every ``{{ … }}`` output: trusted Markup passes, everything else is escaped.
    ``None`` is refused: a template must test optional fields rather than print nothing."""
    if value is None:
        raise ValueError("a template printed None; test optional fields with {% if %}")
    if isinstance(value, Markup):
        return value
    return md_escape(value)


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    """The Jinja environment for one language (the gettext catalog is per environment)."""
    env = jinja2.Environment(
        # Templates live in the repository's templates/ folder, which the build declares as an
        # input; nothing else can be included or extended.
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # A misspelt field or a missing value fails the build instead of printing "".
        undefined=jinja2.StrictUndefined,
        # HTML autoescaping is the wrong escaping for Markdown; finalize does ours.
        autoescape=False,
        # Every printed value is Markdown-escaped unless it is Markup made by our filters.
        finalize=_finalize,
        # Markdown is line-oriented: a block tag on its own line must leave no blank line or
        # indentation behind, and the final newline of a template is part of the document.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Labels come from the message catalogs through gettext (_), never from templates.
        extensions=["jinja2.ext.i18n"],
        # Templates are trusted files in the repository, compiled once per process.
        auto_reload=False,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        paras=paragraphs,
        url=md_url,
        date=lambda d: i18n.format_date(d, lang),
        date_numeric=i18n.format_date_numeric,
        date_label=lambda d: i18n.format_date_label(d, lang),
        date_long=lambda d: i18n.format_date_long(d, lang),
        time=lambda t: i18n.format_time(t, lang),
        time_range=lambda pair: i18n.format_time_range(pair[0], pair[1], lang),
        datetime=lambda d: i18n.format_datetime(d, lang),
        post=lambda post: i18n.post_label(post, lang),
        quoted=lambda s: i18n.quote(s, lang),
    )
    env.globals.update(lang=lang)
    return env


def render(template: str, lang: str, **context: Any) -> str:
    """Render ``template`` in ``lang``; consecutive blank lines are squeezed to one."""
    text = environment(lang).get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
