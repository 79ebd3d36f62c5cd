"""The state every part of the annual report's view shares, and how the report names the body
and organisations (in full with the abbreviation at first use, then by the abbreviation)."""

from __future__ import annotations

import datetime as dt

from .. import i18n
from ..model import Body
from ..volume import Volume


class YearView:
    """What the parts of :class:`kokous.documents.annual_reports.AnnualView` read (the year,
    its held meetings, the language and edition, the build clock), and how the report names.

    The view is stateful in one respect: organisations are named in full with their
    abbreviation at their first use in the report ("työ- ja elinkeinoministeriö (TEM)"), then
    by the abbreviation, so the template asks for each part once, in reading order."""

    def __init__(
        self, volume: Volume, subvolumes: list[Volume], lang: str, public: bool, now: dt.datetime
    ):
        self.volume = volume
        self.body = volume.body
        self.subvolumes = subvolumes
        self.lang = lang
        self.public = public
        self.now = now
        self._ = i18n.gettext_for(lang)
        self.held = [m for m in volume.meetings if m.status == "held"]
        self._introduced: set[str] = set()
        self.chart_alt: str | None = None

    def year_start(self) -> dt.date:
        return dt.date(self.volume.year, 1, 1)

    def year_end(self) -> dt.date:
        return dt.date(self.volume.year, 12, 31)

    def roster_day(self) -> dt.date:
        """The day the composition is shown for: the year's last meeting, else its end."""
        return self.held[-1].date if self.held else self.year_end()

    # Names -------------------------------------------------------------------------------
    def body_name(self) -> str:
        """The body's full name with its abbreviation, as the report first names it
        ("Työllisyyden edistämisen valtakunnallinen neuvottelukunta (TyöNVK)"); a
        subcommittee's name with its parent's."""
        name = self.body.display_name(self.lang)
        short = self.body.short_name
        if short and short not in name.split():
            return f"{name} ({short})"
        return name

    def org(self, org_id: str | None, body: Body | None = None) -> str:
        """An organisation as the report names it: at its first use the full name with the
        abbreviation the roster gives ("työ- ja elinkeinoministeriö (TEM)"), afterwards the
        abbreviation ("TEM"); the full name when there is no abbreviation, or when the name
        already holds it ("SOSTE Suomen sosiaali ja terveys ry")."""
        if not org_id:
            return ""
        o = (body or self.body).organisations[org_id]
        name = o.name.get(self.lang)
        if o.short_name is None:
            return name
        short = o.short_name.get(self.lang)
        if org_id in self._introduced:
            return short
        self._introduced.add(org_id)
        if short == name or short in name.split():
            return name
        return f"{name} ({short})"

    def appointment(self) -> str | None:
        b = self.body
        if not (b.appointed_on and b.appointed_by):
            return None
        text = self._("Appointed by %(by)s on %(date)s") % {
            "by": b.appointed_by.get(self.lang),
            "date": i18n.format_date_numeric(b.appointed_on),
        }
        if b.term_description:
            text += " " + b.term_description.get(self.lang)
        elif b.term_start and b.term_end:
            text += " " + self._("for %(start)s–%(end)s") % {  # noqa: RUF001
                "start": i18n.format_date_numeric(b.term_start),
                "end": i18n.format_date_numeric(b.term_end),
            }
        return text + "."

    # Composition -------------------------------------------------------------------------
