"""A body's year, the unit the pipeline builds in one job: the year's own record
(``years/<YYYY>.yaml``: :class:`YearNarrative`) and the :class:`Volume` that gathers the body,
its meetings of the year and its subcommittees, as :mod:`kokous.records` loads them. The parts
are the model's (:mod:`kokous.model`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import RecordProblem
from .model import Body, Meeting, Text


@dataclass(frozen=True)
class Statement:
    date: dt.date
    title: Text
    url: str | None


@dataclass(frozen=True)
class YearNarrative:
    """What the annual report cannot derive from the year's records."""

    summary: Text | None
    statements: tuple[Statement, ...]
    priorities: Text | None
    approved: dt.date | None = None
    """The date the body approved its annual report (toimintakertomus hyväksytty); None while
    the report is a draft."""


@dataclass
class Volume:
    """One body's calendar year: the unit the pipeline builds in one job."""

    body: Body
    year: int
    meetings: list[Meeting] = field(default_factory=list)
    """Ordered by date and key; § numbers run through them."""
    narrative: YearNarrative | None = None
    subcommittees: dict[str, Body] = field(default_factory=dict)
    """The body's subcommittees, by id (for press release lists and the annual report)."""
    warnings: list[RecordProblem] = field(default_factory=list)
    """Problems that do not stop publishing (e.g. a headline over 100 characters), to print."""
    # Provenance, not content: two copies of the same records load as equal volumes.
    records_folder: str = field(default="records", repr=False, compare=False)
    """The records folder it was loaded from, as the build names it (config ``records``)."""
    sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Provenance: the sha256 of each record file the volume's documents are made from (its
    body's, parent's and subcommittees' ``body.yaml``, its meetings, its narrative), by path
    under ``records_folder`` (``tyonvk/meetings/2025-03-12.yaml``), of the bytes the loader
    parsed."""
