"""OParl's value types from the records' own dates, and the spec's vocabularies.

``created`` and ``modified`` come from the records' dates (never the wall clock), so the
same records give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"
HELSINKI = ZoneInfo("Europe/Helsinki")

ORGANIZATION_TYPES = (
    "Gremium",
    "Partei",
    "Fraktion",
    "Verwaltungsbereich",
    "externes Gremium",
    "Institution",
    "Sonstiges",
)
"""``Organization.organizationType``: the spec's values (schema/strings.yml of OParl/spec)."""

BACK_REFERENCES = {
    "AgendaItem": ("meeting",),
    "File": ("meeting", "agendaItem", "paper", "person"),
    "Membership": ("person",),
    "Location": ("bodies", "organizations", "persons", "meetings", "papers"),
    "LegislativeTerm": ("body",),
    "Consultation": ("paper", "agendaItem", "meeting"),
}
"""The properties an object gives only when fetched on its own, never embedded in its
parent (OParl 1.1 § 3, "Bei der internen Ausgabe wird beim internen Objekt auf die
Rückreferenz auf das Elternobjekt verzichtet", and the properties' descriptions)."""


def type_of(obj: dict) -> str:
    return str(obj["type"]).removeprefix(SCHEMA)


def embedded(obj: dict) -> dict:
    """``obj`` as its parent embeds it: without its back-references."""
    drop = BACK_REFERENCES.get(type_of(obj), ())
    return {k: v for k, v in obj.items() if k not in drop}


def datetime_at(day: dt.date, time: dt.time | None = None) -> str:
    """ISO 8601 with Helsinki's offset on that day (the records hold naive local times)."""
    moment = dt.datetime.combine(day, time or dt.time(0, 0)).replace(tzinfo=HELSINKI)
    return moment.isoformat(timespec="seconds")


def stamp(moment: dt.date | dt.datetime) -> str:
    if isinstance(moment, dt.datetime):
        return datetime_at(moment.date(), moment.time())
    return datetime_at(moment)


def dates(created: dt.date | dt.datetime, modified: dt.date | dt.datetime) -> dict[str, str]:
    return {"created": stamp(created), "modified": stamp(modified)}


def as_datetime(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime.combine(moment, dt.time(0, 0))


def parsed(text: str) -> dt.datetime:
    """A ``created``/``modified`` value back as a naive local time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=None)


def latest(*moments: dt.date | dt.datetime | None) -> dt.datetime:
    return max(as_datetime(m) for m in moments if m is not None)


def earliest(*moments: dt.date | dt.datetime | None) -> dt.datetime:
    return min(as_datetime(m) for m in moments if m is not None)


def encode(obj: object) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, one line and a newline. Compact, so json's C
    encoder writes it: an indented dump runs in Python and was half of a family's job (1.3 s
    of 2.8 s for 2,777 files, N = 300)."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")
