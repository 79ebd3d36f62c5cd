"""What the document kinds share: their formats, where their files go, how their pages are
marked and who issues them, the paper a meeting's minutes and agenda are printed on, and how
a list of names or a heading is written."""

from __future__ import annotations

from pathlib import PurePosixPath

from .. import i18n, plan
from ..convert import Document
from ..model import Body, Meeting
from ..render import clean_text
from ..volume import Volume


def _converted(kind: str) -> tuple[str, ...]:
    """The formats of ``kind`` that pandoc and typst write (:mod:`kokous.mail` assembles the
    e-mail and calendar formats from them afterwards)."""
    return tuple(f for f in plan.KIND_FORMATS[kind] if f not in plan.MAIL_FORMATS)


PRESS_FORMATS = _converted("press-release")
MINUTES_FORMATS = _converted("minutes")
AGENDA_FORMATS = _converted("agenda")
ANNUAL_FORMATS = _converted("annual-report")

# The order posts are listed in, everywhere.
POST_ORDER = (
    "chair",
    "vice_chair",
    "member",
    "deputy",
    "secretary_general",
    "secretary",
    "permanent_expert",
)


def issuer(body: Body, lang: str) -> dict[str, str]:
    """A document's author (the body) and publisher (its host ministry) for its metadata."""
    host = body.organisations.get(body.host) if body.host else None
    return {
        "author": clean_text(body.display_name(lang)),
        "publisher": clean_text(host.name.get(lang)) if host else "",
    }


def stem(edition: str, body: Body, year: int, key: str | None, name: str) -> PurePosixPath:
    """``{edition}/{body}/{year}/[{meeting}/]{name}``: the layout build.artifact_entry reads."""
    return PurePosixPath(edition, body.id, str(year), *([key] if key else []), name)


def edition_marking(edition: str, lang: str) -> str:
    """ "Sisäinen / Internal": the local word and the English one, so a reader of any language
    sees the marking; English alone in English documents."""
    if edition != "internal":
        return ""
    local = i18n.gettext_for(lang)("Internal")
    return local if local == "Internal" else f"{local} / Internal"


def join_names(names: list[str], lang: str) -> str:
    """ "A, B ja C" / "A, B och C" / "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    conjunction = i18n.gettext_for(lang)("and")
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def capitalised(text: str) -> str:
    """ "työ- ja elinkeinoministeriö" as a line of its own: "Työ- ja elinkeinoministeriö"."""
    return text[:1].upper() + text[1:]


def secrecy_marking(meeting: Meeting, lang: str) -> str:
    """ "SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k)" for a document that holds confidential
    items or attachments, with exactly their cited grounds: an item that is only internal
    ("Ei julkinen") is not secret, and its ground is not a ground of secrecy (issue 21); ""
    for none."""
    bases: list[str] = []
    for item in meeting.items:
        for thing in (item, *item.attachments):
            if thing.visibility == "confidential" and thing.legal_basis:
                basis = clean_text(thing.legal_basis.get(lang))
                if basis not in bases:
                    bases.append(basis)
    if not bases:
        return ""
    word = i18n.gettext_for(lang)("SECRET")
    return f"{word} ({'; '.join(bases)})"


def page_marking(meeting: Meeting, edition: str, lang: str, draft: bool = False) -> str:
    """What every page of a meeting's minutes or agenda carries in its running header:
    LUONNOS for a draft, SALASSA PIDETTÄVÄ with the cited bases when non-public content is
    shown, and the edition's marking."""
    _ = i18n.gettext_for(lang)
    parts = []
    if draft:
        parts.append(_("DRAFT"))
    if edition == "internal":
        parts.append(secrecy_marking(meeting, lang))
    parts.append(edition_marking(edition, lang))
    return " · ".join(p for p in parts if p)


def meeting_paper(
    volume: Volume,
    meeting: Meeting,
    edition: str,
    kind: str,
    title: str,
    markdown: str,
    formats: tuple[str, ...],
    marking: str,
    banner: str = "",
) -> Document:
    """A meeting's minutes or agenda as a document: in the meeting's language, titled and
    headed with the body's name, issued by the body and dated by the meeting (the paper of
    the meeting, whenever it was written)."""
    body = volume.body
    lang = meeting.language
    name = clean_text(body.display_name(lang))
    return Document(
        stem=stem(edition, body, volume.year, meeting.key, f"{kind}.{lang}"),
        markdown=markdown,
        lang=lang,
        title=f"{name}: {title}",
        formats=formats,
        header=f"{name} · {title}",
        marking=marking,
        banner=banner,
        **issuer(body, lang),
        date=meeting.date,
    )
