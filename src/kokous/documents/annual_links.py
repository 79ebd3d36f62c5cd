"""The annual report's links to the documents of every meeting it describes (issue 21): each
meeting's minutes and press release, the body's and its subcommittees', as the edition holds
them (the plan's decision). HTML only: a relative link leads nowhere in a PDF or DOCX."""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..model import Body, Meeting
from .annual_view import YearView
from .editions import publications
from .navigation import in_language


class DocumentLinks(YearView):
    """The meetings' documents part of the annual report's view."""

    def meeting_documents(self) -> list[dict[str, Any]]:
        """One entry per held meeting of the body and then of its subcommittees: its number,
        date and links to its minutes and press release (the report's language where there
        is one, else the document's own, said in words)."""
        rows = []
        for volume in (self.volume, *self.subvolumes):
            prefix = "" if volume is self.volume else f"../../{volume.body.id}/{volume.year}/"
            for m in volume.meetings:
                if m.status != "held":
                    continue
                links = self._links(volume.body, m, prefix)
                if links:
                    name = "" if volume is self.volume else f"{volume.body.name.get(self.lang)} "
                    rows.append(
                        {
                            "meeting": f"{name}{m.numbering} ({i18n.format_date_numeric(m.date)})",
                            "links": links,
                        }
                    )
        return rows

    def _links(self, body: Body, meeting: Meeting, prefix: str) -> list[dict[str, str]]:
        _ = self._
        edition = "public" if self.public else "internal"
        held = publications(body, meeting, edition, self.now)
        links = []
        for kind, label in (
            ("minutes", _("Notes") if meeting.type == "muistio" else _("Minutes")),
            ("press-release", _("Press release")),
        ):
            langs = [lang for k, lang in held if k == kind]
            if not langs:
                continue
            lang = self.lang if self.lang in langs else langs[0]
            if lang != self.lang:
                label += f" ({in_language(lang, self.lang)})"
            links.append({"label": label, "href": f"{prefix}{meeting.key}/{kind}.{lang}.html"})
        return links
