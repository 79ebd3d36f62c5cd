"""Links in an e-mail's HTML: absolute, or gone.

A web page links its neighbours relatively (``press-release.sv.html``, ``../../index.html``);
in a mailbox those lead nowhere. :func:`absolute_links` rewrites every relative ``href`` and
``src`` of a page to the address its target has in the public edition, under the config's
``base_url`` (where ``build/public/`` is served). A target the public edition does not hold
(an internal-only document, or any target when no ``base_url`` is set) loses its link and
keeps its text: a mail carries no link that cannot work. Everything else in the page stays
byte for byte: only the start tags that change are rewritten.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

URL_ATTRIBUTES = frozenset({"href", "src"})
"""The attributes whose relative addresses are rewritten (pandoc and the templates use no
others: no srcset, no action)."""

Resolve = Callable[[str], str | None]
"""Gives the absolute address for a relative one, or None when its link must go."""


def is_relative(url: str) -> bool:
    """A link that depends on where the page lies: not ``https:``, ``mailto:``, ``//host``
    nor a fragment of the page itself (``#item-3``, which works in a mail too)."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith("#") or not url.strip())


def public_resolver(
    page: PurePosixPath, base_url: str | None, is_public: Callable[[str], bool]
) -> Resolve:
    """How links on ``page`` (its path under ``build/``, edition first) resolve: to
    ``base_url`` + the target's path in the public edition, when ``is_public(path)`` says the
    public edition holds it (``path`` without the edition: ``tyonvk/index.html``)."""

    def resolve(url: str) -> str | None:
        if base_url is None:
            return None
        parts = urlsplit(url)
        target = posixpath.normpath(posixpath.join(str(page.parent), parts.path or page.name))
        edition, _, path = target.partition("/")
        if not path or edition not in ("public", "internal") or not is_public(path):
            return None
        tail = (f"?{parts.query}" if parts.query else "") + (
            f"#{parts.fragment}" if parts.fragment else ""
        )
        return urljoin(base_url, path) + tail

    return resolve


class _StartTags(HTMLParser):
    """Finds the start tags that carry a relative address, with where they stand."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[tuple[int, int], str, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(n in URL_ATTRIBUTES and v and is_relative(v) for n, v in attrs):
            self.found.append((self.getpos(), self.get_starttag_text() or "", tag, attrs))

    handle_startendtag = handle_starttag


def _tag(tag: str, attrs: list[tuple[str, str | None]], raw: str, resolve: Resolve) -> str:
    parts = [f"<{tag}"]
    for name, value in attrs:
        if name in URL_ATTRIBUTES and value and is_relative(value):
            value = resolve(value)
            if value is None:
                continue  # no address for it: the element keeps its text, not its link
        parts.append(f" {name}" if value is None else f' {name}="{html.escape(value)}"')
    return "".join(parts) + ("/>" if raw.endswith("/>") else ">")


def absolute_links(page_html: str, resolve: Resolve) -> str:
    """``page_html`` with every relative ``href``/``src`` made absolute by ``resolve``, or
    removed where it gives None."""
    parser = _StartTags()
    parser.feed(page_html)
    parser.close()
    # The parser counts lines by "\n" alone (str.splitlines would also split at U+2028).
    starts = [0, *(m.end() for m in re.finditer("\n", page_html))]
    out, done = [], 0
    for (line, column), raw, tag, attrs in parser.found:
        at = starts[line - 1] + column
        if page_html[at : at + len(raw)] != raw:  # never rewrite what was not found as parsed
            continue
        out += [page_html[done:at], _tag(tag, attrs, raw, resolve)]
        done = at + len(raw)
    out.append(page_html[done:])
    return "".join(out)
