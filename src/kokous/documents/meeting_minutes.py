"""The minutes (pöytäkirja) or notes (muistio) of a held meeting, and the view their template
asks for the sentences that need logic."""

from __future__ import annotations

from .. import i18n
from ..convert import Document
from ..model import Meeting
from ..render import render
from ..volume import Volume
from .common import MINUTES_FORMATS, meeting_paper, page_marking
from .minutes_attendance import MeetingAttendance
from .minutes_legality import LegalityBlock
from .minutes_standard_items import StandardItemSentences
from .minutes_votes import VoteSentences
from .navigation import document_nav
from .redaction import redact_meeting


def minutes(
    volume: Volume, meeting: Meeting, edition: str, names_withdrawn: bool = False
) -> Document:
    """The minutes (pöytäkirja) or notes (muistio) of a held meeting, in its language (draft
    minutes are internal only: the plan's decision, :func:`meeting_documents`). With
    ``names_withdrawn`` (the display period has ended) the public edition names guests by
    their role only."""
    body = volume.body
    lang = meeting.language
    _ = i18n.gettext_for(lang)
    draft = meeting.minutes is None or meeting.minutes.status == "draft"
    public = edition == "public"
    shown = redact_meeting(meeting, lang, names_withdrawn) if public else meeting
    kind = _("Minutes") if meeting.type == "poytakirja" else _("Notes")
    title = f"{kind} {meeting.numbering}"
    view = MinutesView(volume, shown, lang, public)
    markdown = render(
        "minutes.md.j2",
        lang,
        title=title,
        body=body,
        meeting=shown,
        v=view,
        formal=meeting.type == "poytakirja",
        draft=draft,
        nav=document_nav(body, lang, "minutes", 2, formats=MINUTES_FORMATS),
    )
    return meeting_paper(
        volume,
        meeting,
        edition,
        "minutes",
        title,
        markdown,
        MINUTES_FORMATS,
        marking=page_marking(shown, edition, lang, draft),
        banner=_("Draft") if draft else "",
    )


class MinutesView(MeetingAttendance, StandardItemSentences, VoteSentences, LegalityBlock):
    """Sentences and lists of the minutes that need logic; the template lays them out.

    Its state is all the minutes are made from: the body, the meeting, and of the year's other
    meetings only their :class:`~kokous.documents.minutes_view.MeetingRef`.

    Each part lives in a module of its own: the header and attendance
    (:mod:`~kokous.documents.minutes_attendance`), the items
    (:mod:`~kokous.documents.minutes_items`, :mod:`~kokous.documents.minutes_standard_items`),
    motions and votes (:mod:`~kokous.documents.minutes_votes`) and the legality block
    (:mod:`~kokous.documents.minutes_legality`)."""
