"""A meeting's press release block (``press:``) as the model's :class:`~kokous.model.Press`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..layout import subcommittee_ids
from ..lint import reading
from ..lint.press import next_meeting_days
from ..model import Body, Press, PressBlock, Quote
from ..volume import Volume
from .body import contacts
from .record import Record, text


def build_press(
    rec: Record, records: Path, p: dict[str, Any], body: Body, day: dt.date, volume: Volume
) -> Press:
    """The press release of the meeting on ``day`` (its quotes' persons are checked with the
    meeting's other person references)."""
    primary = body.primary_language
    published = rec.datetime(("press", "published"), p["published"])
    next_meeting = None
    if p.get("next_meeting"):
        parts = [int(x) for x in p["next_meeting"].split("-")]
        next_meeting = (parts[0], parts[1], parts[2] if len(parts) > 2 else None)
        if next_meeting_days(p["next_meeting"]) is None:
            rec.problem(
                ("press", "next_meeting"),
                f"there is no such date as {p['next_meeting']} (check the day and month)",
                code=reading.NO_SUCH_DATE,
            )
    found_contacts = contacts(rec, ("press", "contacts"), p.get("contacts"), primary, body.persons)
    return Press(
        published=published or dt.datetime.combine(day, dt.time()),
        embargo=bool(p.get("embargo", False)),
        headline=text(p["headline"], primary),
        lead=text(p["lead"], primary),
        blocks=tuple(
            _block(rec, records, b, i, body, volume) for i, b in enumerate(p.get("body") or ())
        ),
        next_meeting=next_meeting,
        contacts=found_contacts or body.contacts,
    )


def _block(
    rec: Record, records: Path, b: dict[str, Any], i: int, body: Body, volume: Volume
) -> PressBlock:
    primary = body.primary_language
    quote = None
    if b.get("quote"):
        q = b["quote"]
        quote = Quote(
            q["person"], text(q["intro"], primary), text(q["text"], primary), q.get("end", "")
        )
    subs: tuple[str, ...] = ()
    listed = b.get("list") or {}
    if b.get("subcommittees"):
        s = b["subcommittees"]
        subs = tuple(s["bodies"])
        listed = {"intro": s.get("intro")}
        # A subcommittee whose own record is broken is still one (its record reports why):
        # ask the layout, not the subcommittees that loaded.
        for j, sid in enumerate(subs):
            if sid not in volume.subcommittees and sid not in subcommittee_ids(records, body.id):
                rec.problem(
                    ("press", "body", i, "subcommittees", "bodies", j),
                    f"no subcommittee '{sid}' with parent: {body.id} under records/",
                    code=reading.UNKNOWN_BODY,
                )
    return PressBlock(
        text(b.get("text"), primary),
        quote,
        text(listed.get("intro"), primary),
        tuple(text(x, primary) for x in listed.get("items") or ()),
        subs,
    )
