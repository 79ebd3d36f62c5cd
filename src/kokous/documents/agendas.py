"""The agenda (esityslista) of a meeting: its items as the invitation sent them."""

from __future__ import annotations

import dataclasses

from .. import i18n
from ..convert import Document
from ..model import Item, Meeting, Text
from ..render import render
from ..volume import Volume
from .common import AGENDA_FORMATS, meeting_paper, page_marking
from .meeting_minutes import MinutesView
from .navigation import document_nav
from .redaction import redact_meeting


def agenda(volume: Volume, meeting: Meeting, edition: str) -> Document:
    """The agenda (esityslista) of a planned or held meeting, in its language: the items as
    the invitation sent them, numbered as their § will be, each with presenter, background,
    proposal and attachments. The public edition (when the body publishes agendas: the plan's
    decision) shows non-public items as the public minutes do, and no remote link."""
    body = volume.body
    lang = meeting.language
    _ = i18n.gettext_for(lang)
    public = edition == "public"
    shown = agenda_meeting(redact_meeting(meeting, lang) if public else meeting, lang)
    title = f"{_('Agenda')} {meeting.numbering}"
    view = AgendaView(volume, shown, lang, public)
    nav = document_nav(body, lang, "agenda", 2, formats=AGENDA_FORMATS)
    markdown = render("agenda.md.j2", lang, title=title, body=body, meeting=shown, v=view, nav=nav)
    return meeting_paper(
        volume,
        meeting,
        edition,
        "agenda",
        title,
        markdown,
        AGENDA_FORMATS,
        marking=page_marking(shown, edition, lang),
    )


#: The proposal a standard item carries on an agenda when the record gives none.
STANDARD_PROPOSALS = {
    "opening": "The chair opens the meeting.",
    "legality": "The meeting is declared lawfully convened and quorate.",
    "checkers": "Two minute checkers are elected.",
    "previous_minutes": "The minutes of the previous meeting are approved.",
    "agenda": "The agenda is adopted as the order of business.",
    "next_meeting": "The time and place of the next meeting are decided.",
    "closing": "The chair closes the meeting.",
}


def agenda_proposal(meeting: Meeting, item: Item, lang: str) -> Text | None:
    """The proposal an agenda gives an item: the record's, else the standard item's, else for
    an information item "Merkitään tiedoksi" (every item on an agenda proposes something)."""
    _ = i18n.gettext_for(lang)
    if item.proposal is not None:
        return item.proposal
    standard = item.standard
    if standard == "checkers" and meeting.type == "muistio":
        return None  # notes (muistio) elect no checkers
    if standard in STANDARD_PROPOSALS:
        return Text({lang: _(STANDARD_PROPOSALS[standard])}, lang)
    if item.kind == "information":
        return Text({lang: _("To be noted for information.")}, lang)
    return None


def agenda_meeting(meeting: Meeting, lang: str) -> Meeting:
    """The meeting as its agenda shows it: what was known before the meeting (the items that
    were on the agenda, their titles, preparation, proposals and presenters, the planned
    times), nothing the meeting itself did (discussion, motions, votes, decisions, outcomes,
    actual times), each item with a proposal."""
    items = tuple(
        item.without_proceedings(
            proposal=agenda_proposal(meeting, item, lang),
            outcome="decided" if item.kind == "decision" else "noted",
            quorum=None,
        )
        for item in meeting.items
        if item.on_agenda
    )
    start = meeting.planned_start or meeting.start
    return dataclasses.replace(
        meeting,
        items=items,
        attendance=(),
        guests=(),
        quorum=None,
        start=start,
        end=meeting.planned_end if meeting.planned_start or meeting.status == "planned" else None,
    )


class AgendaView(MinutesView):
    """The minutes' view of an agenda's meeting (:func:`agenda_meeting`): the item partial
    and the standard items' titles are shared (an item is titled the same in the agenda and
    the minutes), and what only the meeting says (standard sentences, quorum) is left out."""

    def standard_text(self, item: Item) -> str | None:
        return None

    def quorum_flag(self, item: Item) -> str | None:
        return None

    def agenda_note(self, item: Item) -> str | None:
        return None
