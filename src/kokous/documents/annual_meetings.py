"""The annual report's meetings: one row per held meeting, and attendance per organisation
(the table and the chart's text alternative)."""

from __future__ import annotations

import dataclasses

from .. import i18n
from ..volume import Volume
from .annual_view import YearView


@dataclasses.dataclass(frozen=True)
class AttendanceRow:
    label: str
    attended: int
    possible: int
    organisation: str = ""
    """The organisation's id in the roster."""

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.possible) if self.possible else 0


class MeetingSections(YearView):
    """The meetings and attendance part of the annual report's view."""

    def meeting_rows(self, volume: Volume | None = None) -> list[dict[str, str]]:
        """One row per held meeting; a meeting without a quorum says so beside its count."""
        volume = volume or self.volume
        rows = []
        for m in volume.meetings:
            if m.status != "held":
                continue
            q = m.quorum
            attendance = f"{q.present}/{q.voting_members}" if q else ""
            if not m.quorate:
                attendance += f" ({self._('not quorate')})"
            rows.append(
                {
                    "number": m.numbering,
                    "date": i18n.format_date_numeric(m.date),
                    "place": m.place.get(self.lang) if m.place else "",
                    "attendance": attendance,
                }
            )
        return rows

    def attendance_rows(self) -> list[AttendanceRow]:
        """Filled voting seats per organisation over the year's held meetings (a seat is filled
        by its holder, or by the personal deputy standing in), sorted by rate, then name; the
        labels are the short ones the chart has room for."""
        counts: dict[str, list[int]] = {}
        for m in self.held:
            attending = {a.person for a in m.attendance if a.attends}
            deputised = {a.deputising_for for a in m.attendance if a.deputising_for}
            for seat in self.body.memberships_on(m.date):
                if not seat.votes or not seat.on_behalf_of:
                    continue
                c = counts.setdefault(seat.on_behalf_of, [0, 0])
                c[1] += 1
                if seat.person in attending or seat.person in deputised:
                    c[0] += 1
        rows = [
            AttendanceRow(self.body.organisations[o].label(self.lang), a, p, o)
            for o, (a, p) in counts.items()
        ]
        return sorted(rows, key=lambda r: (-r.attended / r.possible, r.label))

    def attendance(self) -> tuple[list[AttendanceRow], str | None]:
        """The attendance table's rows, organisations named as at their place in the report,
        and the chart's text alternative (kept for the chart drawn after rendering)."""
        rows = [
            dataclasses.replace(r, label=self.org(r.organisation)) for r in self.attendance_rows()
        ]
        if not rows:
            return [], None
        # The figures stand once, in the table under the chart (issue 21: not in a caption too).
        self.chart_alt = self._(
            "Bar chart of attendance by organisation in %(year)s. The figures are in the "
            "table below."
        ) % {"year": self.volume.year}
        return rows, self.chart_alt
