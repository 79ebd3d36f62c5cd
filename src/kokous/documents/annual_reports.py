"""The annual report (toimintakertomus) of a body's year, covering its subcommittees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import chart, i18n
from ..convert import Document
from ..render import clean_text, render
from ..volume import Volume
from .annual_links import DocumentLinks
from .annual_meetings import MeetingSections
from .annual_roster import RosterSections
from .annual_summary import SummarySections
from .common import ANNUAL_FORMATS, edition_marking, issuer, stem
from .navigation import document_nav


def annual_report(
    volume: Volume, subvolumes: list[Volume], lang: str, edition: str, now: dt.datetime
) -> Document:
    body = volume.body
    _ = i18n.gettext_for(lang)
    public = edition == "public"
    view = AnnualView(volume, subvolumes, lang, public, now)
    title = _("Annual report %(year)s") % {"year": volume.year}
    # The template asks the view in reading order (abbreviations are spelt out at their first
    # use), so the chart, whose description the template printed, is drawn afterwards.
    markdown = render(
        "annual-report.md.j2",
        lang,
        title=title,
        body=body,
        volume=volume,
        v=view,
        nav=document_nav(body, lang, "annual-report", 1, formats=ANNUAL_FORMATS),
    )
    resources = {}
    rows = view.attendance_rows()
    if rows and view.chart_alt:
        resources["attendance.svg"] = chart.bar_chart(
            [(r.label, r.attended, r.possible) for r in rows],
            title=_("Attendance by organisation"),
            description=view.chart_alt,
            lang=lang,
        )
    name = clean_text(body.display_name(lang))
    return Document(
        stem=stem(edition, body, volume.year, None, f"annual-report.{lang}"),
        markdown=markdown,
        lang=lang,
        title=f"{name}: {title}",
        formats=ANNUAL_FORMATS,
        header=f"{name} · {title}",
        marking=edition_marking(edition, lang),
        resources=resources,
        **issuer(body, lang),
        date=_report_date(volume, subvolumes),
    )


def _report_date(volume: Volume, subvolumes: list[Volume]) -> dt.date:
    """The annual report's date: its year's last meeting (of the body or a subcommittee),
    else the year's last day; never before a meeting it reports."""
    days = [m.date for v in (volume, *subvolumes) for m in v.meetings]
    return max(days, default=dt.date(volume.year, 12, 31))


class AnnualView(SummarySections, MeetingSections, RosterSections, DocumentLinks):
    """The derived contents of an annual report.

    The view is stateful in one respect: organisations are named in full with their
    abbreviation at their first use in the report ("työ- ja elinkeinoministeriö (TEM)"), then
    by the abbreviation, so the template asks for each part once, in reading order.

    Each part lives in a module of its own: names (:mod:`~kokous.documents.annual_view`),
    composition (:mod:`~kokous.documents.annual_roster`), meetings and attendance
    (:mod:`~kokous.documents.annual_meetings`), matters
    (:mod:`~kokous.documents.annual_matters`) and the summaries (:mod:`~kokous.documents.annual_summary`); the subcommittees draw on
    all of them."""

    # Subcommittees -----------------------------------------------------------------------
    def subcommittees(self) -> list[dict[str, Any]]:
        subs = []
        by_id = {v.body.id: v for v in self.subvolumes}
        for sid, sub in sorted(self.volume.subcommittees.items()):
            established = None
            if sub.established:
                meeting = next(
                    (m for m in self.volume.meetings if m.key == sub.established.meeting), None
                )
                item = (
                    next((i for i in meeting.items if i.id == sub.established.item), None)
                    if meeting
                    else None
                )
                if meeting and item:
                    established = (
                        f"{self.body.short_name or self.body.name.get(self.lang)} "
                        f"{i18n.format_date_numeric(meeting.date)}, {item.number} §"
                    )
            subvolume = by_id.get(sid)
            # Its members come from its own record, which the parent's report covers.
            roster = subvolume.body if subvolume else sub
            subs.append(
                {
                    "name": sub.name.get(self.lang),
                    "mandate": sub.mandate.get(self.lang) if sub.mandate else None,
                    "established": established,
                    "members": self.composition(roster),
                    "secretariat": self.staff(("secretary_general", "secretary"), roster),
                    "experts": self.staff(("permanent_expert",), roster),
                    "meetings": self.meeting_rows(subvolume) if subvolume else [],
                    "items": self.matters(subvolume) if subvolume else [],
                    "unquorate": self.matters(subvolume, quorate=False) if subvolume else [],
                }
            )
        return subs
