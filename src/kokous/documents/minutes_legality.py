"""The legality block of the minutes: signatures, the note of checking, the checkers and the
appeal statement."""

from __future__ import annotations

from .. import i18n
from .minutes_view import MinutesViewBase


class LegalityBlock(MinutesViewBase):
    """The legality part of the minutes' view."""

    # Legality block ----------------------------------------------------------------------
    def signatures(self) -> list[tuple[str, str]]:
        """(name, post) of the chair (or the vice-chair presiding) and the secretary; none for
        a draft, which no one has signed."""
        if self.meeting.minutes is None or self.meeting.minutes.status == "draft":
            return []
        attending = {a.person for a in self.meeting.attendance if a.attends}
        signers = []
        for posts in (("chair", "vice_chair"), ("secretary", "secretary_general")):
            for post in posts:
                holder = self.body.holder(post, self.meeting.date)
                if holder and holder in attending:
                    signers.append(
                        (self.body.persons[holder].name, i18n.post_label(post, self.lang))
                    )
                    break
        return signers

    def signing_place(self) -> str:
        """Where the minutes are signed: the town of the meeting's place (its last part,
        "…, Aleksanterinkatu 4, Helsinki"); "" for a remote meeting, whose place is no town."""
        m = self.meeting
        if m.place is None or m.mode == "remote":
            return ""
        return m.place.get(self.lang).rsplit(",", 1)[-1].strip()

    def signing_line(self) -> str:
        """The place and date line above the chair's and the secretary's signatures."""
        day = i18n.format_date_numeric(self.meeting.date)
        place = self.signing_place()
        return f"{place} {day}" if place else day

    def checking_line(self) -> str:
        """The place and date line above the checkers' signatures: the day they checked."""
        minutes = self.meeting.minutes
        day = minutes.checked_on if minutes and minutes.checked_on else None
        if day is None:
            return ""
        place = self.signing_place()
        text = i18n.format_date_numeric(day)
        return f"{place} {text}" if place else text

    def checker_signatures(self) -> list[tuple[str, str]]:
        """(name, role) of the checkers who signed the checked minutes."""
        role = self._("minute checker")
        return [(name, role) for name in self.checkers()]

    def attachment_list(self) -> list[str]:
        """Every attachment of the minutes with the item it belongs to ("Liite 1: … (16 §)")."""
        return [
            f"{line} ({item.number} \u00a7)"
            for item in self.meeting.items
            for line in self.attachments(item)
        ]

    def checking_note(self) -> str:
        _, m = self._, self.meeting
        status = m.minutes.status if m.minutes else "draft"
        if status == "checked":
            if m.minutes.checked_on:
                return _("The minutes were checked on %(date)s.") % {
                    "date": i18n.format_date_numeric(m.minutes.checked_on)
                }
            return _("The minutes have been checked.")
        if status == "approved":
            approver = next((p for p in self.year_meetings if p.key == m.minutes.approved_at), None)
            if approver:
                return _("The minutes were approved at meeting %(number)s (%(date)s).") % {
                    "number": approver.numbering,
                    "date": i18n.format_date_numeric(approver.date),
                }
            return _("The minutes were approved at the next meeting.")
        return _("The minutes have not yet been checked.")

    def checkers(self) -> list[str]:
        m = self.meeting
        if not m.minutes or m.minutes.status != "checked":
            return []
        return [self.body.persons[p].name for p in m.minutes.checkers]

    def appeal(self) -> str:
        """The appeal statement. Its wording follows from what the body's decisions allow
        (``appeal.kind``); the record gives only the provision, period and authority, so the
        sentence and the provision it cites say the same thing."""
        _, appeal, lang = self._, self.body.appeal, self.lang
        values = {
            "provision": appeal.provision.get(lang) if appeal.provision else "",
            "days": appeal.period_days,
            "authority": appeal.authority.get(lang) if appeal.authority else "",
        }
        if appeal.kind == "rectification":
            text = _(
                "A written claim for rectification of a decision in these minutes may be made "
                "within %(days)s days of notification. Claims are addressed to: %(authority)s."
            )
        elif appeal.kind == "appeal":
            text = _(
                "A decision in these minutes may be appealed within %(days)s days of "
                "notification. Appeals are addressed to: %(authority)s."
            )
        else:
            text = _(
                "The matters in these minutes are advisory or concern only the preparation of "
                "a matter, so no appeal lies against them."
            )
        text = text % values
        if appeal.provision:
            text += " " + _("Provision: %(provision)s.") % values
        return text
