"""The agenda (esityslista) of a meeting: its items as the invitation sent them."""

from __future__ import annotations

import dataclasses

from .. import i18n
from ..convert import Document
from ..model import Item, Meeting, Text, Volume
from ..render import render
from .common import AGENDA_FORMATS, meeting_paper, page_marking
from .meeting_minutes import MinutesView
from .minutes_items import STANDARD_TITLES
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
    markdown = render("agenda.md.j2", lang, title=title, body=body, meeting=shown, v=view)
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
    "closing": "The chair closes the meeting.",
}


def agenda_meeting(meeting: Meeting, lang: str) -> Meeting:
    """The meeting as its agenda shows it: the items that were on the agenda (not those added
    at the meeting), without anything the meeting itself did (discussion, motions, votes,
    decisions, outcomes), each standard item with its standard proposal."""
    _ = i18n.gettext_for(lang)
    items = []
    for item in meeting.items:
        if not item.on_agenda:
            continue
        proposal = item.proposal
        # Notes (muistio) elect no checkers: their checking item has no standard proposal.
        standard = (
            item.standard if item.standard != "checkers" or meeting.type != "muistio" else None
        )
        if proposal is None and standard in STANDARD_PROPOSALS:
            proposal = Text({lang: _(STANDARD_PROPOSALS[standard])}, lang)
        items.append(
            dataclasses.replace(
                item,
                proposal=proposal,
                discussion=None,
                motions=(),
                vote=None,
                decision=None,
                dissents=(),
                conflicts=(),
                outcome="decided" if item.kind == "decision" else "noted",
                quorum=None,
            )
        )
    return dataclasses.replace(
        meeting, items=tuple(items), attendance=(), guests=(), minutes=None, quorum=None
    )


class AgendaView(MinutesView):
    """The minutes' view of an agenda's meeting (:func:`agenda_meeting`): the item partial
    is shared, and what only the meeting says (standard sentences, quorum) is left out."""

    def title(self, item: Item) -> str:
        # An agenda proposes to elect checkers (the minutes title the item by what happened).
        own = self.body.item_titles.get(self.meeting.type, {})
        elects = self.meeting.type == "poytakirja" and "checkers" not in own
        if item.standard == "checkers" and not item.has_title and elects:
            return self._(STANDARD_TITLES["checkers"])
        return super().title(item)

    def standard_text(self, item: Item) -> str | None:
        return None

    def quorum_flag(self, item: Item) -> str | None:
        return None

    def agenda_note(self, item: Item) -> str | None:
        return None
