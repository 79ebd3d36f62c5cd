"""The state every part of the minutes' view shares: the body, the meeting as the edition shows
it, the language, and of the year's other meetings only what the minutes may say of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .. import i18n
from ..model import Meeting
from ..volume import Volume
from .common import join_names


@dataclasses.dataclass(frozen=True)
class MeetingRef:
    """What the minutes of one meeting may say about another of its year: whose minutes it
    approved, or which approved its own, by number and date."""

    key: str
    numbering: str
    date: dt.date
    minutes_approved_at: str | None  # the key of the meeting that approved its minutes

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingRef:
        approved_at = meeting.minutes.approved_at if meeting.minutes else None
        return cls(meeting.key, meeting.numbering, meeting.date, approved_at)


class MinutesViewBase:
    """What the parts of :class:`kokous.documents.meeting_minutes.MinutesView` read: the
    body, the meeting, the language and edition, item numbers by id, and the year's meetings
    as :class:`MeetingRef`."""

    def __init__(self, volume: Volume, meeting: Meeting, lang: str, public: bool):
        self.year_meetings = tuple(MeetingRef.of(m) for m in volume.meetings)
        self.body = volume.body
        self.meeting = meeting
        self.lang = lang
        self.public = public
        self._ = i18n.gettext_for(lang)
        self.numbers = {item.id: item.number for item in meeting.items}

    def __getstate__(self) -> dict[str, Any]:
        # gettext comes from lang.
        return {k: v for k, v in self.__dict__.items() if k != "_"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _=i18n.gettext_for(state["lang"]))

    def _genitive(self, person) -> str:
        """The name as "sijaisena" needs it: the Finnish genitive, else the name (sv, en)."""
        if self.lang == "fi":
            return i18n.finnish_genitive(person.name, person.genitive) or person.name
        return person.name

    def _names(self, ids: tuple[str, ...]) -> str:
        return join_names([self.body.persons[p].name for p in ids], self.lang)
