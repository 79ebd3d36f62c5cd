"""The minutes' sentences of one item: its title, presenter, visibility, decision, the quorum
flag, dissents, conflicts of interest and attachments; and the titles of the standard items."""

from __future__ import annotations

from .. import i18n
from ..model import Attachment, Body, Item, Meeting
from .minutes_view import MinutesViewBase


class ItemSentences(MinutesViewBase):
    """The per-item part of the minutes' view."""

    # Items -------------------------------------------------------------------------------
    def title(self, item: Item) -> str:
        if item.standard and not item.has_title:
            return standard_title(self.body, self.meeting, item.standard, self.lang)
        return item.title.get(self.lang)

    def presenter(self, item: Item) -> str | None:
        if not item.presenter:
            return None
        person = self.body.persons[item.presenter]
        membership = self.body.membership_of(item.presenter, self.meeting.date)
        if membership:
            return f"{i18n.post_label(membership.post, self.lang)} {person.name}"
        title = person.title_on(self.meeting.date)
        return f"{title.title.get(self.lang)} {person.name}" if title else person.name

    def visibility_note(self, item: Item | Attachment) -> str | None:
        if item.visibility == "public":
            return None
        confidential = item.visibility == "confidential"
        label = self._("Confidential") if confidential else self._("Not public")
        basis = item.legal_basis.get(self.lang) if item.legal_basis else None
        return f"{label} ({basis})" if basis else label

    def boxed(self, item: Item) -> bool:
        """A non-public item shown in full (internal edition) is set in a marked box."""
        return not item.is_public and not self.public

    def decision_label(self, item: Item) -> str:
        """ "Päätös" for what the body decided or noted; "Käsittely" for an item handled
        without a quorum, where nothing could be decided."""
        return self._("Proceedings") if item.below_quorum else self._("Decision")

    def decision(self, item: Item) -> str | None:
        if item.below_quorum and not item.standard:
            # Nothing is decided without a quorum: the outcome, never a decision text.
            outcome = item.outcome if item.outcome in NOT_DECIDED else "deferred"
            return self._(OUTCOMES[outcome])
        if item.decision:
            return item.decision.get(self.lang)
        if item.outcome not in ("decided", "noted"):
            return self._(OUTCOMES[item.outcome])
        return None

    def quorum_flag(self, item: Item) -> str | None:
        """Said of an item handled while the meeting lacked a quorum (after the legality
        item, which states the quorum itself)."""
        q = item.quorum
        if q is None or q.reached or item.standard in ("opening", "legality", "closing"):
            return None
        if q.present >= q.required:  # enough members, but neither chair nor vice-chair
            return self._(
                "The meeting was not quorate while this item was handled: neither the chair "
                "nor the vice-chair was present. No decision was made."
            )
        return self._(
            "The meeting was not quorate while this item was handled: %(present)s of the "
            "%(total)s voting members were present and %(required)s were needed. No decision "
            "was made."
        ) % {"present": q.present, "total": q.voting_members, "required": q.required}

    def agenda_note(self, item: Item) -> str | None:
        """Said under an item the meeting added to its agenda."""
        return self._("Added to the agenda at the meeting.") if item.added_at_meeting else None

    def dissents(self, item: Item) -> list[str]:
        lines = []
        for d in item.dissents:
            name = self.body.persons[d.person].name
            if d.text:
                lines.append(
                    self._("%(name)s left a dissenting opinion: %(text)s")
                    % {"name": name, "text": i18n.quote(d.text.get(self.lang), self.lang)}
                )
            else:
                lines.append(self._("%(name)s left a dissenting opinion.") % {"name": name})
        return lines

    def conflicts(self, item: Item) -> list[str]:
        """One sentence per disqualification, with its ground; the minutes put it before the
        item is handled, since the member left before it was."""
        lines = []
        for c in item.conflicts:
            name = self.body.persons[c.person].name
            if c.note:
                text = self._(
                    "%(name)s declared a conflict of interest (%(ground)s) and left the "
                    "meeting while the item was handled."
                ) % {"name": name, "ground": c.note.get(self.lang).rstrip(".")}
            else:
                text = self._(
                    "%(name)s declared a conflict of interest and left the meeting while the "
                    "item was handled."
                ) % {"name": name}
            lines.append(text)
        return lines

    def attachments(self, item: Item) -> list[str]:
        lines = []
        for a in item.attachments:
            note = self.visibility_note(a)
            # A redacted attachment shows only its provision; its title is not published.
            title = note if self.public and note else a.title.get(self.lang)
            line = self._("Attachment %(number)s: %(title)s") % {
                "number": a.number,
                "title": title,
            }
            lines.append(f"{line} \u2013 {note}" if note and not self.public else line)
        return lines


def standard_title(body: Body, meeting: Meeting, standard: str, lang: str) -> str:
    """A standard item's title: the body's own for its minutes type, else the built-in one.
    The checking item is "Pöytäkirjan tarkastaminen" (notes: "Muistion tarkastaminen")
    whether the meeting elects checkers or leaves the minutes to the next meeting: a title is
    known before the meeting, so the agenda and the minutes carry the same one (issue 21)."""
    own = body.item_titles.get(meeting.type, {}).get(standard)
    if own is not None:
        return own.get(lang)
    _ = i18n.gettext_for(lang)
    if standard == "checkers":
        if meeting.type == "muistio":
            return _("Checking of the notes")
        return _("Checking of the minutes item")
    return _(STANDARD_TITLES[standard])


#: What became of an item that was not decided (it carries no decision text).
NOT_DECIDED = ("deferred", "returned", "withdrawn")

OUTCOMES = {
    "decided": "The proposal was adopted.",
    "noted": "Noted for information.",
    "deferred": "The item was deferred.",
    "returned": "The item was returned for further preparation.",
    "withdrawn": "The item was withdrawn from the agenda.",
}


STANDARD_TITLES = {
    "opening": "Opening of the meeting",
    "legality": "Legality and quorum",
    "checkers": "Election of minute checkers",
    "previous_minutes": "Approval of the minutes of the previous meeting",
    "agenda": "Adoption of the agenda",
    "next_meeting": "Next meeting",
    "closing": "Closing of the meeting",
}
