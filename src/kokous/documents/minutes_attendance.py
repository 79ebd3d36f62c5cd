"""The minutes' header sentences and attendance lists: when and how the meeting was held,
who attended in which capacity, who was absent, and the guests heard."""

from __future__ import annotations

from .. import i18n
from ..model import Attendance
from .common import POST_ORDER
from .minutes_view import MinutesViewBase


class MeetingAttendance(MinutesViewBase):
    """The header and attendance part of the minutes' view."""

    # Header ------------------------------------------------------------------------------
    def when(self) -> str:
        m = self.meeting
        text = i18n.format_date_numeric(m.date)
        if m.start:
            text += " " + i18n.format_time_range(m.start, m.end, self.lang)
        return text

    def mode(self) -> str:
        # One gettext call per literal, so that message extraction sees each one.
        _ = self._
        return {
            "in_person": _("in person"),
            "remote": _("remote meeting"),
            "hybrid": _("hybrid meeting"),
        }[self.meeting.mode]

    # Attendance --------------------------------------------------------------------------
    def _person_line(self, a: Attendance, with_status: bool = True) -> str:
        _ = self._
        person = self.body.persons[a.person]
        membership = a.membership
        parts = [person.name]
        if membership:
            principal = a.deputising_for or (
                self.body.principal_of(membership, self.meeting.date)
                if membership.post == "deputy"
                else None
            )
            if membership.post == "deputy" and principal:
                parts.append(
                    _("deputy member (deputy for %(name)s)")
                    % {"name": self._genitive(self.body.persons[principal])}
                )
            else:
                parts.append(i18n.post_label(membership.post, self.lang))
            if membership.on_behalf_of:
                parts.append(self.body.organisations[membership.on_behalf_of].label(self.lang))
        line = ", ".join(parts)
        notes = []
        if with_status and a.status == "remote":
            notes.append(_("remotely"))
        if a.arrived_at:
            notes.append(
                _("present from section %(number)s") % {"number": self.numbers[a.arrived_at]}
            )
        if a.left_after:
            notes.append(
                _("present until section %(number)s") % {"number": self.numbers[a.left_after]}
            )
        if a.status == "absent" and a.reason and not self.public:
            notes.append(a.reason)
        if notes:
            line += f" ({'; '.join(notes)})"
        return line

    def _sorted(self, entries: list[Attendance]) -> list[Attendance]:
        order = {m.person: i for i, m in enumerate(self.body.memberships)}

        def key(a: Attendance) -> tuple[int, int]:
            post = a.membership.post if a.membership else "member"
            if post == "deputy" and a.deputising_for:
                # A deputy is listed where the member they stand in for would be.
                return (POST_ORDER.index("member"), order.get(a.deputising_for, 999))
            return (POST_ORDER.index(post), order.get(a.person, 999))

        return sorted(entries, key=key)

    def _group(self, posts: set[str], attending: bool) -> list[str]:
        entries = [
            a
            for a in self.meeting.attendance
            if a.attends == attending and a.membership and a.membership.post in posts
        ]
        return [self._person_line(a) for a in self._sorted(entries)]

    def members(self) -> list[str]:
        return self._group({"chair", "vice_chair", "member", "deputy"}, attending=True)

    def secretariat(self) -> list[str]:
        return self._group({"secretary_general", "secretary"}, attending=True)

    def experts(self) -> list[str]:
        return self._group({"permanent_expert"}, attending=True)

    def absent(self) -> list[str]:
        entries = [
            a
            for a in self.meeting.attendance
            if not a.attends and (a.membership is None or a.membership.post != "deputy")
        ]
        return [self._person_line(a) for a in self._sorted(entries)]

    def guests(self) -> list[str]:
        lines = []
        for g in self.meeting.guests:
            parts = [g.name]
            if g.role:
                parts.append(g.role.get(self.lang))
            if g.organisation:
                parts.append(g.organisation.get(self.lang))
            sections = ", ".join(f"{self.numbers[i]} §" for i in g.items if i in self.numbers)
            line = ", ".join(parts)
            lines.append(f"{line} ({sections})" if sections else line)
        return lines
