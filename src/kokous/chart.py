"""A small, accessible SVG bar chart, generated here so the output is deterministic.

Accessibility: ``role="img"`` with ``aria-labelledby`` pointing at ``<title>`` and ``<desc>``
(the description states every number), text as real text (not paths), and bars that carry
their value as a label, so no information depends on colour. The same numbers also appear as a
table in the document (the text alternative).
"""

from __future__ import annotations

from html import escape as _html_escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 190
BAR_WIDTH = 300
VALUE_WIDTH = 110
TOP = 36
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"


def _xml_text(text: str) -> str:
    """Escape element text (&, <, >). html.escape rather than xml.sax.saxutils, whose import
    pulls in urllib and costs every build job ~35 ms."""
    return _html_escape(text, quote=False)


def _attr(text: str) -> str:
    return _html_escape(text, quote=True)


def bar_chart(
    rows: list[tuple[str, int, int]], *, title: str, description: str, lang: str
) -> bytes:
    """Horizontal bars of ``attended / possible`` per row, in the order given (the caller sorts).
    Returns UTF-8 SVG bytes; the same input always gives the same bytes."""
    height = TOP + len(rows) * (BAR_HEIGHT + GAP) + GAP
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" lang="{_attr(lang)}" '
            f'aria-labelledby="chart-title chart-desc">'
        ),
        f'<title id="chart-title">{_xml_text(title)}</title>',
        f'<desc id="chart-desc">{_xml_text(description)}</desc>',
        (
            f'<text x="0" y="20" font-family="{FONT}" font-size="15" font-weight="bold" '
            f'fill="#1a1a1a">{_xml_text(title)}</text>'
        ),
    ]
    for i, (label, attended, possible) in enumerate(rows):
        y = TOP + i * (BAR_HEIGHT + GAP)
        share = attended / possible if possible else 0.0
        width = round(BAR_WIDTH * share, 1)
        percent = round(100 * share)
        text_y = y + BAR_HEIGHT * 0.7
        out += [
            (
                f'<text x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" text-anchor="end" '
                f'font-family="{FONT}" font-size="13" fill="#1a1a1a">{_xml_text(label)}</text>'
            ),
            (
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
                f'fill="#e6e6e6"/>'
            ),
            (
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="#00347a"/>'
            ),
            (
                f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{text_y:.1f}" font-family="{FONT}" '
                f'font-size="13" fill="#1a1a1a">{attended}/{possible} ({percent}\u00a0%)</text>'
            ),
        ]
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")
