"""The annual report's composition: members with their personal deputies by organisation,
the secretariat and experts, and the year's changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import i18n
from ..model import Body, Membership
from .annual_view import YearView
from .common import capitalised


class RosterSections(YearView):
    """The composition part of the annual report's view."""

    def composition(self, body: Body | None = None) -> list[dict[str, Any]]:
        """The seats of the members with their personal deputies, grouped by the member's
        organisation (in the order the organisations first appear, chair first; members on
        no organisation's behalf last): ``group`` names the organisation in its first seat's
        row only. A deputy is paired with the member they stand in for on the roster day: the
        one named by ``deputy_for``, or the holder of the deputy's seat; the deputy's
        organisation is named when it is not the member's."""
        body = body or self.body
        day = self.roster_day()
        active = body.memberships_on(day) or list(body.memberships)
        deputies: dict[str, Membership] = {}
        for m in active:
            if m.post == "deputy":
                principal = body.principal_of(m, day)
                if principal:
                    deputies[principal] = m
        groups: dict[str | None, list[Membership]] = {}
        for m in active:
            if m.post in ("chair", "vice_chair", "member"):
                groups.setdefault(m.on_behalf_of, []).append(m)
        rows = []
        # sorted() is stable: the organisations keep their order, no organisation goes last.
        for org_id, seats in sorted(groups.items(), key=lambda group: group[0] is None):
            heading = capitalised(self.org(org_id, body)) if org_id else self._("Other members")
            for m in seats:
                member = self._person(body, m, day)
                if m.post != "member":
                    member = f"{i18n.post_label(m.post, self.lang)}: {member}"
                deputy = deputies.get(m.person)
                deputy_text = self._person(body, deputy, day) if deputy else ""
                if deputy and deputy.on_behalf_of and deputy.on_behalf_of != org_id:
                    deputy_text += f", {self.org(deputy.on_behalf_of, body)}"
                rows.append(
                    {
                        "group": heading if m is seats[0] else "",
                        "member": member,
                        "deputy": deputy_text,
                    }
                )
        return rows

    def staff(
        self, posts: tuple[str, ...], body: Body | None = None, with_post: bool = True
    ) -> list[str]:
        """ "pääsihteeri: Jenni Wessman, erityisasiantuntija, TEM"."""
        body = body or self.body
        day = self.roster_day()
        lines = []
        for m in body.memberships_on(day) or body.memberships:
            if m.post not in posts:
                continue
            line = (f"{i18n.post_label(m.post, self.lang)}: " if with_post else "") + (
                self._person(body, m, day)
            )
            if m.on_behalf_of:
                line += f", {self.org(m.on_behalf_of, body)}"
            lines.append(line)
        return lines

    def changes(self) -> list[str]:
        """Memberships that started or ended during the year (after the appointment)."""
        lines = []
        first = max(self.year_start(), self.body.appointed_on or self.year_start())
        for m in self.body.memberships:
            name = self.body.persons[m.person].name
            post = i18n.post_label(m.post, self.lang)
            if first < m.start <= self.year_end():
                lines.append(
                    self._("%(name)s (%(post)s) from %(date)s")
                    % {"name": name, "post": post, "date": i18n.format_date_numeric(m.start)}
                )
            if m.end and self.year_start() <= m.end <= self.year_end():
                lines.append(
                    self._("%(name)s (%(post)s) until %(date)s")
                    % {"name": name, "post": post, "date": i18n.format_date_numeric(m.end)}
                )
        return lines

    def _person(self, body: Body, m: Membership, day: dt.date) -> str:
        person = body.persons[m.person]
        title = person.title_on(day)
        return f"{person.name}, {title.title.get(self.lang)}" if title else person.name

    # Meetings ----------------------------------------------------------------------------
