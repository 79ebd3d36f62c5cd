"""The desk's words for what it lists, in a page's language (``_``: that language's gettext):
the formats of a document, its language versions, the kinds of document, the internal
edition's marking. The index pages
(:mod:`kokous.desk`) and the feeds (:mod:`kokous.feeds`) label their links with the same words.
"""

from __future__ import annotations


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
