"""The documents of a body-year: press releases, minutes and annual reports, per edition.

This is the API the build calls. It decides which documents exist (editions, embargo, draft
minutes), removes from the public edition what must not be published (by redacting the model
before any template sees it, so no template can leak it), composes the sentences that need
logic, and renders the templates into :class:`kokous.convert.Document` objects.

Each document kind has a module of its own (:mod:`.press_releases`, :mod:`.meeting_minutes`,
:mod:`.agendas`, :mod:`.annual_reports`), the public edition's omissions are
:mod:`.redaction`'s, which documents an edition holds is :mod:`.editions`', and what the kinds
share is :mod:`.common`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ..convert import Document
from ..volume import Volume
from .agendas import STANDARD_PROPOSALS, AgendaView, agenda, agenda_meeting
from .annual_matters import GENERIC_DECISIONS, is_generic_decision
from .annual_meetings import AttendanceRow
from .annual_reports import AnnualView, annual_report
from .common import (
    AGENDA_FORMATS,
    ANNUAL_FORMATS,
    MINUTES_FORMATS,
    POST_ORDER,
    PRESS_FORMATS,
    secrecy_marking,
)
from .editions import (
    EDITIONS,
    check_edition,
    is_embargoed,
    meeting_facts,
    naive,
    names_shown_until,
    publications,
)
from .meeting_minutes import MinutesView, minutes
from .minutes_items import OUTCOMES, STANDARD_TITLES, standard_title
from .minutes_view import MeetingRef
from .minutes_votes import vote_outcome
from .press_releases import press_release
from .redaction import redact_meeting

__all__ = [
    "AGENDA_FORMATS",
    "ANNUAL_FORMATS",
    "EDITIONS",
    "GENERIC_DECISIONS",
    "MINUTES_FORMATS",
    "OUTCOMES",
    "POST_ORDER",
    "PRESS_FORMATS",
    "STANDARD_PROPOSALS",
    "STANDARD_TITLES",
    "AgendaView",
    "AnnualView",
    "AttendanceRow",
    "MeetingRef",
    "MinutesView",
    "agenda",
    "agenda_meeting",
    "annual_report",
    "annual_report_documents",
    "is_embargoed",
    "is_generic_decision",
    "meeting_documents",
    "meeting_facts",
    "minutes",
    "names_shown_until",
    "press_release",
    "publications",
    "redact_meeting",
    "secrecy_marking",
    "standard_title",
    "vote_outcome",
]


def meeting_documents(
    volume: Volume, edition: str, now: dt.datetime, keys: Collection[str] | None = None
) -> list[Document]:
    """Every meeting document of ``volume`` in ``edition`` (of the meetings ``keys`` only, when
    given) that pandoc and typst convert: press releases (one per publication language),
    agendas, and minutes (in the meeting's language) for held meetings. The invitations and
    e-mails made from them are :func:`kokous.mail.meeting_mails`'.

    Which documents exist is decided by :func:`kokous.plan.meeting_publications`, the same
    function the workflow's plan uses, so a job writes exactly the files it declares. The
    public edition leaves out draft minutes, press releases still under embargo at ``now``
    (naive Europe/Helsinki time, the build clock) and redacts non-public content.
    """
    check_edition(edition)
    docs: list[Document] = []
    for meeting in volume.meetings:
        if keys is not None and meeting.key not in keys:
            continue
        shown_until = names_shown_until(volume.body, meeting)
        withdrawn = shown_until is not None and shown_until <= naive(now)
        for kind, lang in publications(volume.body, meeting, edition, now):
            if kind == "press-release":
                docs.append(press_release(volume, meeting, lang, edition, now))
            elif kind == "agenda":
                docs.append(agenda(volume, meeting, edition))
            elif kind == "minutes":
                docs.append(minutes(volume, meeting, edition, names_withdrawn=withdrawn))
    return docs


def annual_report_documents(
    volume: Volume, subvolumes: list[Volume], edition: str, now: dt.datetime
) -> list[Document]:
    """The annual report of a body's year, covering its subcommittees (``subvolumes``), in the
    body's primary language."""
    check_edition(edition)
    return [annual_report(volume, subvolumes, volume.body.primary_language, edition, now)]
