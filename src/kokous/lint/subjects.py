"""What each rule is run over: the built model, with the record's own data beside it.

A rule judges the model (:mod:`kokous.model`); the record's data is there for what the model
does not keep (whether a field was given at all, which spelling of a text the secretary used),
so that the message points at the line the secretary wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Body, Meeting
from ..volume import Volume, YearNarrative


@dataclass(frozen=True)
class BodySubject:
    """One body, built from ``records/<id>/body.yaml``."""

    body: Body
    data: dict[str, Any]
    """The record as read (schema-checked)."""
    parent: Body | None
    """The parent body, built; None for a main body, or when the parent could not be built."""
    records: Path
    kind: str = "body"


@dataclass(frozen=True)
class MeetingSubject:
    """One meeting, built from ``records/<body>/meetings/<key>.yaml``, § numbers, meeting
    number and quorum derived."""

    meeting: Meeting
    body: Body
    data: dict[str, Any]
    records: Path
    volume: Volume
    """The body's year as loaded so far: the earlier meetings, the subcommittees."""
    next_number: int
    """The meeting number this meeting gets unless its record gives one."""
    next_section: int
    """The first § number this meeting gets unless its record gives first_section."""
    kind: str = "meeting"


@dataclass(frozen=True)
class YearSubject:
    """A year's narrative, built from ``records/<body>/years/<year>.yaml``."""

    body: Body
    year: int
    narrative: YearNarrative
    data: dict[str, Any]
    kind: str = "year"


@dataclass(frozen=True)
class VolumeSubject:
    """A body's whole year of meetings. A volume rule yields paths that start with the key of
    the meeting whose record it reports in (``("2025-03-12", "start")``)."""

    volume: Volume
    status_of: Callable[[str], str | None]
    """The status of a meeting of this body by key, read from its record when it lies outside
    the volume (early next year); None when that record cannot be read (it reports itself)."""
