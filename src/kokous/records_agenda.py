"""What a meeting record says was known before the meeting (issue 21): the times the
invitation gave. The agenda is written from these; the minutes from what happened (``start``,
``end``). Called from one line of :mod:`kokous.records` (to move into the rule registry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .checks import Reporter
from .model import Meeting


def _time(value: str | None) -> dt.time | None:
    if not value:
        return None
    hours, minutes = value.replace(".", ":").split(":")
    return dt.time(int(hours), int(minutes))


def read_agenda_facts(rec: Reporter, data: dict[str, Any], meeting: Meeting) -> None:
    """Set the meeting's planned times from ``planned_start`` and ``planned_end``; a planned
    meeting's ``start`` and ``end`` are its planned times."""
    start, end = _time(data.get("planned_start")), _time(data.get("planned_end"))
    if meeting.status == "planned":
        start, end = start or meeting.start, end or meeting.end
    meeting.planned_start, meeting.planned_end = start, end
    if start and end and end <= start:
        rec.problem(("planned_end",), f"the planned end {end:%H:%M} is not after its start")
    if end and not start:
        rec.problem(("planned_start",), "a planned end needs a planned start")
