"""The navigation every HTML publication carries (issue 21): the body's page and the desk in
the page's own language, the same document in its other languages and its other formats.

The templates print it as an ``.html-only`` div (a ``<nav>`` in HTML, nothing in PDF, DOCX or
text, where a relative link leads nowhere). Every address is relative and names a file the
edition holds: the desk's pages exist in every site language (``index.html``,
``index.sv.html``, ``index.en.html``), a document's files in its own formats.
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from .. import i18n
from ..model import Body

#: The desk's first language has ``index.html``; the others ``index.<lang>.html`` (as
#: :func:`kokous.desk.page_file` names them).
DESK_FIRST_LANGUAGE = i18n.LANGUAGES[0]

#: "(in Finnish)" as each language says it: "suomeksi", "på finska", "in Finnish".
IN_LANGUAGE = {
    "fi": {"fi": "suomeksi", "sv": "ruotsiksi", "en": "englanniksi"},
    "sv": {"fi": "på finska", "sv": "på svenska", "en": "på engelska"},
    "en": {"fi": "in Finnish", "sv": "in Swedish", "en": "in English"},
}

#: How a format is named in a link, the same in every language.
FORMAT_LABELS = {"html": "HTML", "pdf": "PDF", "docx": "DOCX", "odt": "ODT", "txt": "TXT"}


def in_language(doc_lang: str, page_lang: str) -> str:
    """ "på finska": a document's language named in the page's language."""
    names = IN_LANGUAGE.get(page_lang, IN_LANGUAGE["en"])
    return names.get(doc_lang) or Locale.parse(doc_lang).get_display_name(page_lang)


def desk_page(lang: str) -> str:
    """The desk's (and a body's) index page in ``lang``."""
    return "index.html" if lang == DESK_FIRST_LANGUAGE else f"index.{lang}.html"


def document_nav(
    body: Body,
    lang: str,
    name: str,
    depth: int,
    languages: tuple[str, ...] = (),
    formats: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The navigation of the document ``{name}.{lang}.html`` that sits ``depth`` folders under
    its body's folder (2 for a meeting's documents, 1 for an annual report): links to the
    body's page and the desk in ``lang``, to the document in each of ``languages`` (named in
    their own language) and in each of ``formats`` but HTML."""
    _ = i18n.gettext_for(lang)
    up = "../" * depth
    links: list[dict[str, Any]] = [
        {"label": body.display_name(lang), "href": up + desk_page(lang), "lang": None},
        {"label": _("All publications"), "href": up + "../" + desk_page(lang), "lang": None},
    ]
    for other in languages:
        if other != lang:
            own = Locale.parse(other).get_display_name(other) or other
            links.append({"label": own, "href": f"{name}.{other}.html", "lang": other})
    for fmt in formats:
        if fmt != "html" and fmt in FORMAT_LABELS:
            links.append(
                {"label": FORMAT_LABELS[fmt], "href": f"{name}.{lang}.{fmt}", "lang": None}
            )
    return {"label": _("Navigation"), "links": links}
