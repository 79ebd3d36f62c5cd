"""A year's narrative (``records/<body>/years/<YYYY>.yaml``) as the model's
:class:`~kokous.volume.YearNarrative`."""

from __future__ import annotations

from ..model import Body
from ..volume import Statement, YearNarrative
from .record import Record, date, text


def build_year(rec: Record, body: Body) -> YearNarrative:
    """The model of one year record."""
    d, primary = rec.data, body.primary_language
    return YearNarrative(
        summary=text(d.get("summary"), primary),
        statements=tuple(
            Statement(date(s["date"]), text(s["title"], primary), s.get("url"))
            for s in d.get("statements") or ()
        ),
        priorities=text(d.get("priorities"), primary),
        approved=date(d.get("approved")),
    )
