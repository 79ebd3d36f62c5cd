"""The press release of a meeting, one per publication language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale

from .. import i18n
from ..convert import Document
from ..model import Body, Contact, Meeting
from ..render import clean_text, render
from ..volume import Volume
from .common import PRESS_FORMATS, capitalised, edition_marking, issuer, stem
from .editions import is_embargoed, publications
from .navigation import desk_page, document_nav, in_language


def press_release(
    volume: Volume, meeting: Meeting, lang: str, edition: str, now: dt.datetime
) -> Document:
    """The press release of ``meeting`` in ``lang`` (whether the edition holds it is the
    plan's decision: :func:`meeting_documents`)."""
    press = meeting.press
    assert press is not None
    body = volume.body
    _ = i18n.gettext_for(lang)
    embargoed = is_embargoed(meeting, now)
    public = edition == "public"
    contacts = [_contact_line(c, body, meeting.date, lang, public) for c in press.contacts]
    next_meeting = (
        i18n.month_phrase(*press.next_meeting, lang, this_year=meeting.year)
        if press.next_meeting
        else None
    )
    host = body.organisations.get(body.host) if body.host else None
    markdown = render(
        "press-release.md.j2",
        lang,
        body=body,
        meeting=meeting,
        press=press,
        subcommittees=volume.subcommittees,
        contacts=contacts,
        next_meeting=next_meeting,
        publisher=capitalised(host.name.get(lang)) if host else None,
        languages=_language_versions(body, lang),
        nav=document_nav(body, lang, "press-release", 2, formats=PRESS_FORMATS),
        related=_press_release_links(volume, meeting, lang, edition, now),
    )
    notices = []
    if embargoed:
        notices.append(
            _("Embargo until %(when)s") % {"when": i18n.format_datetime(press.published, lang)}
        )
    if not meeting.quorate:
        # The release is the record's own text; a meeting without a quorum decided nothing,
        # and the reader is told so whatever the text says.
        notices.append(_("The meeting was not quorate; no decisions were made."))
    banner = " · ".join(notices)
    return Document(
        stem=stem(edition, body, volume.year, meeting.key, f"press-release.{lang}"),
        markdown=markdown,
        lang=lang,
        title=clean_text(press.headline.get(lang)),
        formats=PRESS_FORMATS,
        # A subcommittee's release names its parent too ("… neuvottelukunnan tietojaosto").
        header=f"{clean_text(body.display_name(lang))} · {_('Press release')} "
        f"{i18n.format_date_label(press.published.date(), lang)}",
        marking=edition_marking(edition, lang),
        banner=banner,
        **issuer(body, lang),
        # A release published before its meeting (an announcement) is dated by the meeting.
        date=max(press.published.date(), meeting.date),
    )


def _language_versions(body: Body, lang: str) -> list[dict[str, Any]]:
    """The language switch of a press release: every publication language by its own name
    ("suomi", "svenska", "English"), the current one unlinked. The files sit side by side, so
    each link is a bare file name (Markdown-escaped like every printed value: pandoc reads the
    escapes back)."""
    return [
        {
            "lang": other,
            "name": Locale.parse(other).get_display_name(other),
            "href": f"press-release.{other}.html" if other != lang else None,
        }
        for other in body.languages
    ]


def _press_release_links(
    volume: Volume, meeting: Meeting, lang: str, edition: str, now: dt.datetime
) -> list[dict[str, Any]]:
    """Links from a press release's HTML to the meeting's minutes (when the edition holds
    them: the plan decides, as for every document) and to the body's desk page."""
    _ = i18n.gettext_for(lang)
    links = []
    kinds = publications(volume.body, meeting, edition, now)
    for kind, minutes_lang in kinds:
        if kind == "minutes":
            label = _("Notes") if meeting.type == "muistio" else _("Minutes")
            if minutes_lang != lang:  # "Protokoll (på finska)": the reader is told the language
                label += f" ({in_language(minutes_lang, lang)})"
            links.append({"label": label, "href": f"minutes.{minutes_lang}.html", "lang": None})
    # {edition}/{body}/index.html, two folders up from {edition}/{body}/{year}/{meeting}/, in
    # the page's language.
    links.append(
        {
            "label": _("All publications of the body"),
            "href": "../../" + desk_page(lang),
            "lang": None,
        }
    )
    return links


def _contact_line(contact: Contact, body: Body, day: dt.date, lang: str, public: bool) -> str:
    """ "neuvottelukunnan pääsihteeri, erityisasiantuntija Jenni Wessman, TEM,
    etunimi.sukunimi@gov.fi" (role, job title on the day, name, organisation, phone when it
    may be published, e-mail pattern)."""
    _ = i18n.gettext_for(lang)
    person = body.persons[contact.person]
    title = person.title_on(day)
    parts = []
    if contact.role:
        parts.append(contact.role.get(lang))
    parts.append(f"{title.title.get(lang)} {person.name}" if title else person.name)
    org = title.organisation if title and title.organisation else None
    if org is None:
        membership = body.membership_of(person.id, day)
        org = membership.on_behalf_of if membership else None
    if org and org in body.organisations:
        parts.append(body.organisations[org].label(lang))
    if contact.phone and (contact.phone_public or not public):
        parts.append(f"{_('tel.')} {contact.phone}")
    if body.email_pattern:
        parts.append(body.email_pattern.get(lang))
    return ", ".join(parts)
