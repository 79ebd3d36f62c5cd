"""The desk's words for what it lists, in a page's language (``_``: that language's gettext):
the formats of a document, its language versions, the kinds of document, the internal
edition's marking, the search box's labels and the display period of guests' names. The
index pages
(:mod:`kokous.desk`) and the feeds (:mod:`kokous.feeds`) label their links with the same words.
"""

from __future__ import annotations

from collections.abc import Sequence


def format_label(fmt: str, _) -> str:
    """The text of a format's link (``_`` the page language's gettext)."""
    labels = {
        "html": _("Web page"),
        "pdf": _("PDF"),
        "docx": _("Word (DOCX)"),
        "odt": _("OpenDocument (ODT)"),
        "txt": _("Plain text"),
        "eml": _("E-mail (EML)"),
        "ics": _("Calendar (ICS)"),
    }
    return labels.get(fmt, fmt.upper())


def version_label(lang: str, _) -> str:
    """The label of a language version, in the page's language: "Ruotsiksi", "In Swedish"."""
    labels = {"fi": _("In Finnish"), "sv": _("In Swedish"), "en": _("In English")}
    return labels.get(lang, lang)


def internal_marking(_) -> str:
    """ "Sisäinen / Internal", as the documents mark the internal edition."""
    local = _("Internal")
    return local if local == "Internal" else f"{local} / Internal"


def kind_heading(kind: str, _) -> str:
    labels = {
        "press-release": _("Press releases"),
        "agenda": _("Agendas"),
        "minutes": _("Minutes and notes"),
        "annual-report": _("Annual reports"),
        "invitation": _("Meeting invitations"),
    }
    return labels[kind]


def search_translations(_) -> dict[str, str]:
    """Pagefind UI's labels from our catalogs (it has its own, but every label of the desk
    comes from locale/): the keys are Pagefind UI's, the placeholders its own."""
    return {
        "placeholder": _("Search the publications"),
        "search_label": _("Search the publications"),
        "clear_search": _("Clear"),
        "load_more": _("Show more results"),
        "searching": _("Searching for [SEARCH_TERM]…"),
        "zero_results": _("No results for [SEARCH_TERM]"),
        "one_result": _("[COUNT] result for [SEARCH_TERM]"),
        "many_results": _("[COUNT] results for [SEARCH_TERM]"),
    }


def display_policy(days: Sequence[int], _) -> str | None:
    """The display period of non-members' names (record field personal_data_display_days),
    as the public desk states it; None when no body on the page sets one. Bodies that differ
    are stated as a range (30 to 60, with an en dash)."""
    if not days:
        return None
    span = str(days[0]) if days[0] == days[-1] else f"{days[0]}\u2013{days[-1]}"
    return _(
        "Names of guests and experts heard stay in the public minutes for %(days)s days after "
        "the minutes are checked; after that they are named by their role."
    ) % {"days": span}
