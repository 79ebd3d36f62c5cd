"""What the plan reads of the records: the fields of a meeting that decide which documents it
yields, and the few fields of a body that the plan and the desk's navigation need.

The plan reads every record at every Snakemake start. A full YAML parse of a rich meeting
record costs about 8-15 ms (PyYAML builds its objects in Python even with the C parser):
8-15 s at 1,000 meetings, most of a no-op. So the fields the plan needs of a record (plain
JSON values: :func:`deciding_fields`, :func:`body_fields`) are remembered by the record's
content digest in ``build/.kokous/cache/plan-facts.json`` (:class:`FieldsMemo`). The memo is
a pure function's table, keyed by the bytes it was computed from and by that function's own
source: it decides nothing, a stale entry cannot be found, and deleting it only costs the
parse again. What the fields mean for a body (its language, its display period, its agenda
setting) is worked out each time by :func:`meeting_facts`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import writer


@dataclass(frozen=True)
class MeetingFacts:
    """The facts of a meeting that decide which documents it yields."""

    key: str
    status: str
    """held, cancelled or planned."""
    language: str
    """The meeting's (and its minutes') language."""
    has_press: bool
    embargo_until: dt.datetime | None
    """The release time of an embargoed press release, else None."""
    minutes_final: bool
    """Minutes checked or approved (draft minutes are internal only)."""
    names_shown_until: dt.datetime | None = None
    """When the display period of its guests' names in the public edition ends, if it has
    guests whose names are published and its body sets a period."""
    has_items: bool = False
    """The record lists items: a meeting without them has no agenda to send."""
    agenda_publication: str = "never"
    """The body's setting: the public edition holds the agenda ``before_meeting`` (from the
    invitation on), ``after_meeting`` (once held) or ``never``."""


def display_period_end(
    days: int | None, checked: dt.date | None, meeting_day: dt.date
) -> dt.datetime | None:
    """The moment (naive Helsinki time) non-members' names leave the public edition: ``days``
    after the minutes were checked, or after the meeting when they carry no check date;
    None without a period. One function for the plan and the documents, so they agree."""
    if days is None:
        return None
    start = checked or meeting_day
    return dt.datetime.combine(start + dt.timedelta(days=days), dt.time())


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def deciding_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a raw meeting record that :func:`meeting_facts` needs, as JSON values;
    raises on a malformed record (the check job then reports it as ``file:line``)."""
    press = data.get("press")
    minutes = data.get("minutes")
    published = None
    if press and press.get("embargo") is True:
        published = _text(press["published"])
    consent = any(g.get("consent") is True for g in data.get("guests") or ())
    checked = (minutes or {}).get("checked") if consent else None
    return {
        "status": str(data.get("status", "held")),
        "language": str(data["language"]) if "language" in data else None,
        "has_press": bool(press),
        "embargo_published": published,
        "minutes_final": bool(minutes) and minutes.get("status", "draft") != "draft",
        "guest_consent": consent,
        "checked": _text(checked) if checked else None,
        "has_items": bool(data.get("items")),
    }


def meeting_facts(
    key: str,
    fields: Mapping[str, Any],
    primary: str,
    display_days: int | None = None,
    agenda_publication: str = "never",
) -> MeetingFacts:
    """A meeting's facts from its :func:`deciding_fields` (``primary``: its body's first
    language; ``display_days`` and ``agenda_publication``: its body's settings); raises on a
    malformed date."""
    published = fields["embargo_published"]
    names_shown_until = None
    if fields["guest_consent"]:
        checked = fields["checked"]
        names_shown_until = display_period_end(
            display_days,
            dt.date.fromisoformat(checked) if checked else None,
            dt.date.fromisoformat(key[:10]),
        )
    return MeetingFacts(
        key=key,
        status=fields["status"],
        language=fields["language"] or primary,
        has_press=fields["has_press"],
        embargo_until=dt.datetime.fromisoformat(published) if published else None,
        minutes_final=fields["minutes_final"],
        names_shown_until=names_shown_until,
        has_items=fields["has_items"],
        agenda_publication=agenda_publication,
    )


BODY_FIELDS = (
    "parent",
    "languages",
    "personal_data_display_days",
    "agenda_publication",
    "name",
    "short_name",
    "host",
)
"""The top-level fields of ``body.yaml`` that the plan (:mod:`kokous.plan`) and every body's
publish job (:func:`kokous.publish.site_facts`) read, besides its organisations' names."""


def body_fields(data: Any) -> Any:
    """What the plan keeps of a raw ``body.yaml``: :data:`BODY_FIELDS` and each organisation's
    name; anything that is no mapping as it is (the check job reports it)."""
    if not isinstance(data, dict):
        return data
    kept = {k: data[k] for k in BODY_FIELDS if k in data}
    if "organisations" in data:
        organisations = data["organisations"]
        if isinstance(organisations, dict):
            organisations = {
                k: {n: v[n] for n in ("name",) if n in v} if isinstance(v, dict) else v
                for k, v in organisations.items()
            }
        kept["organisations"] = organisations
    return kept


EXTRACTORS = {"meeting": deciding_fields, "body": body_fields}
"""What is read of each kind of record file."""

MEMO = ".kokous/cache/plan-facts.json"
"""The memo of what the plan reads, relative to ``build/``."""


class FieldsMemo:
    """The :data:`EXTRACTORS`' results for record files, remembered by the file's kind and its
    content's digest.

    ``read`` returns what is read of a file (parsing it only when its bytes are new); ``save``
    writes the memo back when something was added, keeping only what this run read (so it
    holds one entry per record file, not every version ever seen). A result that is not plain
    JSON (a date where a name belongs, say) is returned but not remembered, so what ``read``
    returns is the same with the memo or without it. Without a ``path`` it remembers nothing
    between runs; with ``save_changes`` False it reads the memo but never writes it (a job
    beside others)."""

    def __init__(self, path: Path | None, save_changes: bool = True) -> None:
        self.path = path
        self.save_changes = save_changes
        self.version = _memo_version()
        self.known: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        if path is not None:
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
                if stored.get("version") == self.version:
                    self.known = dict(stored["fields"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.known = {}

    def read(self, path: Path, kind: str = "meeting") -> Any:
        data = path.read_bytes()
        key = f"{kind}:{hashlib.blake2b(data, digest_size=16).hexdigest()}"
        if key in self.known:
            fields = self.known[key]
        else:
            fields = EXTRACTORS[kind](yaml.load(data, Loader=_LOADER))
            if json.loads(json.dumps(fields, default=_unstorable)) != fields:
                return fields
        self.used[key] = fields
        return fields

    def save(self) -> None:
        if self.path is None or not self.save_changes or self.used == self.known:
            return
        text = json.dumps({"version": self.version, "fields": self.used}, sort_keys=True)
        writer.write_file(self.path.parent, self.path.name, text.encode("utf-8"))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _unstorable(value: Any) -> str:
    """Stands in for a value JSON cannot hold, so the round trip differs and it is not kept."""
    return f"<{type(value).__name__}>"


def _memo_version() -> str:
    """The memo's version: the digest of the code that computes an entry, so a change to what
    is read invalidates every entry without anyone remembering to bump a number."""
    functions = (deciding_fields, body_fields, _text)
    source = "".join(inspect.getsource(f) for f in functions) + repr(BODY_FIELDS)
    return hashlib.sha256((source + yaml.__version__).encode()).hexdigest()[:16]
