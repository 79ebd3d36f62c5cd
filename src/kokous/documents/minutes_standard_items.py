"""The automatic sentences of the standard items (opening, legality and quorum, checkers,
previous minutes, agenda, closing) and of the meeting's departures from its agenda."""

from __future__ import annotations

from .. import i18n
from ..model import Item
from .common import join_names
from .minutes_items import ItemSentences


class StandardItemSentences(ItemSentences):
    """The standard-item part of the minutes' view."""

    def standard_text(self, item: Item) -> str | None:
        """The automatic text of a standard item (opening, quorum, checkers, …), unless the
        record gives the item a decision of its own."""
        _, m, lang = self._, self.meeting, self.lang
        if item.decision:
            return None
        if item.below_quorum and item.standard in ("checkers", "previous_minutes", "agenda"):
            return None  # quorum_flag says that nothing was decided
        if item.standard == "opening" and m.start:
            return _("The chair opened the meeting at %(time)s.") % {
                "time": i18n.format_time(m.start, lang)
            }
        if item.standard == "closing" and m.end:
            return _("The chair closed the meeting at %(time)s.") % {
                "time": i18n.format_time(m.end, lang)
            }
        if item.standard == "legality":
            return self.quorum_sentence()
        if item.standard == "checkers":
            checkers = m.minutes.checkers if m.minutes else ()
            if checkers:
                names = join_names([self.body.persons[p].name for p in checkers], lang)
                return _("%(names)s were elected to check the minutes.") % {"names": names}
            return _("The minutes will be approved at the next meeting.")
        if item.standard == "previous_minutes":
            previous = [
                p for p in self.year_meetings if p.minutes_approved_at == m.key and p.key != m.key
            ]
            if previous:
                p = previous[-1]
                return _("The minutes of meeting %(number)s (%(date)s) were approved.") % {
                    "number": p.numbering,
                    "date": i18n.format_date_numeric(p.date),
                }
            return _("The minutes of the previous meeting were approved.")
        if item.standard == "agenda":
            changes = self.agenda_changes()
            if not changes:
                return _("The agenda was adopted as the order of business.")
            intro = _("The agenda was adopted as the order of business with these changes:")
            return " ".join([intro, *changes])
        return None

    def agenda_changes(self) -> list[str]:
        """Where the meeting departed from the agenda it was sent, one sentence each: items
        added at the meeting (lisäasia), withdrawn from the agenda and deferred."""
        _ = self._
        sentences = {
            "added": _("%(title)s (%(number)s §) was added to the agenda."),
            "withdrawn": _("%(title)s (%(number)s §) was withdrawn from the agenda."),
            "deferred": _("%(title)s (%(number)s §) was deferred to a later meeting."),
        }
        changes = []
        for item in self.meeting.items:
            change = "added" if item.added_at_meeting else item.outcome
            if change in sentences:
                title = self.title(item)
                changes.append(sentences[change] % {"title": title, "number": item.number})
        return changes

    def quorum_sentence(self) -> str | None:
        q = self.meeting.quorum
        if q is None:
            return None
        _, lang = self._, self.lang
        numbers = {"present": q.present, "total": q.voting_members}
        noun = self.body.noun.get(lang) if self.body.noun else None
        of_body = i18n.genitive(noun, lang) if noun else None
        if q.reached:
            if of_body:
                return _(
                    "The meeting was declared duly convened and quorate, with %(present)s of "
                    "%(body)s %(total)s voting members present."
                ) % {**numbers, "body": of_body}
            return (
                _(
                    "The meeting was declared duly convened and quorate, with %(present)s of the "
                    "%(total)s voting members present."
                )
                % numbers
            )
        if q.present >= q.required:
            return _(
                "The meeting was declared duly convened but not quorate: neither the chair "
                "nor the vice-chair was present."
            )
        return _(
            "The meeting was declared duly convened but not quorate: %(present)s of the "
            "%(total)s voting members were present and %(required)s were needed."
        ) % {**numbers, "required": q.required}
