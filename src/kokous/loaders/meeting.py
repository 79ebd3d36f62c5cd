"""A meeting's record (``records/<body>/meetings/<key>.yaml``) as the model's
:class:`~kokous.model.Meeting`: items with § numbers running through the year, attendance
with each person's membership and the deputies' principals, votes with their winner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..layout import meeting_order
from ..lint import reading
from ..lint.attendance import person_references
from ..lint.invitations import planned_clock
from ..mail_records import first_sent, sent_invitations
from ..model import (
    Attachment,
    Attendance,
    Body,
    Conflict,
    Dissent,
    Guest,
    Item,
    Meeting,
    Minutes,
    Motion,
    Text,
    Vote,
)
from ..schema import suggest
from ..volume import Volume
from .press import build_press
from .record import Record, date, text, time

Texts = Callable[[Any], Text | None]


def build_meeting(
    rec: Record,
    records: Path,
    key: str,
    body: Body,
    volume: Volume,
    first_section: int,
    number: int,
) -> Meeting:
    """The model of one meeting record; ``first_section`` and ``number`` are what the year's
    earlier meetings leave free (the record may skip ahead)."""
    d, primary = rec.data, body.primary_language
    t: Texts = lambda v: text(v, primary)
    meeting_date = date(d["date"])
    assert meeting_date is not None  # required by the schema
    status = d.get("status", "held")
    first = d["first_section"] if d.get("first_section") is not None else first_section
    items: list[Item] = []
    attachments = 0  # numbered through the meeting (liite 1, 2, …)
    for i, raw in enumerate(d.get("items") or ()):
        items.append(_item(raw, i, first, attachments, t, body, meeting_date))
        attachments += len(items[-1].attachments)
    meeting = Meeting(
        key=key,
        path=rec.display,
        body=body.id,
        date=meeting_date,
        number=d["number"] if d.get("number") is not None else number,
        status=status,
        type=d.get("type", body.minutes_type),
        start=time(d.get("start")),
        end=time(d.get("end")),
        place=t((d.get("location") or {}).get("place")),
        mode=d.get("mode", "in_person"),
        remote_link=(d.get("location") or {}).get("remote_link"),
        language=d.get("language", primary),
        invitation_sent=date(d.get("invitation_sent")) or first_sent(d),
        invitations=sent_invitations(d, meeting_date, primary),
        attendance=_attendance(d, body, meeting_date),
        guests=_guests(d, t),
        items=tuple(items),
        minutes=_minutes(rec, records, key, body, status),
        press=build_press(rec, records, d["press"], body, meeting_date, volume)
        if d.get("press")
        else None,
        quorum=None,
    )
    meeting.planned_start, meeting.planned_end = _planned_times(d, meeting)
    _check_references(rec, meeting, body)
    return meeting


def _planned_times(d: dict[str, Any], meeting: Meeting) -> tuple[Any, Any]:
    """The times the invitation gave (``planned_start``, ``planned_end``), known before the
    meeting: the agenda shows them. A planned meeting's ``start`` and ``end`` are its planned
    times."""
    start, end = planned_clock(d.get("planned_start")), planned_clock(d.get("planned_end"))
    if meeting.status == "planned":
        start, end = start or meeting.start, end or meeting.end
    return start, end


def _item(
    raw: dict[str, Any], i: int, first: int, attachments: int, t: Texts, body: Body, day: Any
) -> Item:
    return Item(
        id=raw.get("id") or raw.get("standard") or f"item{i + 1}",
        number=first + i,
        standard=raw.get("standard"),
        title=t(raw.get("title")) or Text({body.primary_language: ""}, body.primary_language),
        has_title=bool(raw.get("title")),
        theme=t(raw.get("theme")),
        kind=raw.get("kind", "decision"),
        visibility=raw.get("visibility", "public"),
        legal_basis=t(raw.get("legal_basis")),
        public_title=raw.get("public_title", True),
        presenter=raw.get("presenter"),
        background=t(raw.get("background")),
        proposal=t(raw.get("proposal")),
        discussion=t(raw.get("discussion")),
        motions=tuple(
            Motion(m["by"], tuple(m.get("seconded_by") or ()), t(m["text"]))
            for m in raw.get("motions") or ()
        ),
        vote=build_vote(raw["votes"], t, body, day) if raw.get("votes") else None,
        decision=t(raw.get("decision")),
        dissents=tuple(Dissent(x["person"], t(x.get("text"))) for x in raw.get("dissent") or ()),
        conflicts=tuple(
            Conflict(x["person"], t(x.get("ground") or x.get("note")))
            for x in raw.get("conflicts") or ()
        ),
        attachments=tuple(
            Attachment(
                attachments + j + 1,
                t(a["title"]),
                a.get("visibility", "public"),
                t(a.get("legal_basis")),
            )
            for j, a in enumerate(raw.get("attachments") or ())
        ),
        outcome=raw.get("outcome")
        or ("decided" if raw.get("kind", "decision") == "decision" else "noted"),
        added_at_meeting=bool(raw.get("added_at_meeting")),
    )


def build_vote(v: dict[str, Any], t: Texts, body: Body, day: Any) -> Vote:
    """A vote with its winner: JAA/EI by the counts, a tie by the lot (arpa) or, in a named
    vote, by the side of the presiding chair; None when a tie has nothing to decide it."""
    votes_for = v.get("for", len(v.get("named_for") or ()))
    votes_against = v.get("against", len(v.get("named_against") or ()))
    winner: str | None = None
    broken_by: str | None = None
    lot = v.get("lot")
    if votes_for != votes_against:
        winner = "jaa" if votes_for > votes_against else "ei"
    elif lot:
        winner, broken_by = lot, "lot"
    else:
        for post in ("chair", "vice_chair"):
            pid = body.holder(post, day)
            if pid and pid in (v.get("named_for") or ()):
                winner, broken_by = "jaa", "chair"
            elif pid and pid in (v.get("named_against") or ()):
                winner, broken_by = "ei", "chair"
            if winner:
                break
    return Vote(
        v.get("method", "open"),
        t(v.get("question")),
        votes_for,
        votes_against,
        v.get("abstain", len(v.get("named_abstain") or ())),
        tuple(v.get("named_for") or ()),
        tuple(v.get("named_against") or ()),
        tuple(v.get("named_abstain") or ()),
        t(v.get("jaa")),
        t(v.get("ei")),
        lot,
        winner,
        broken_by,
    )


def _attendance(d: dict[str, Any], body: Body, day: Any) -> tuple[Attendance, ...]:
    """Each person with their membership that day, and the principal an attending deputy
    stands in for (only for an absent principal: K342 and K343 judge the rest)."""
    raw = d.get("attendance") or ()
    listed = {a["person"]: i for i, a in enumerate(raw)}
    found = []
    for a in raw:
        pid = a["person"]
        membership = body.membership_of(pid, day) if pid in body.persons else None
        deputising = None
        if membership and membership.post == "deputy" and a["status"] != "absent":
            principal = body.principal_of(membership, day)
            index = listed.get(principal) if principal else None
            status = raw[index]["status"] if index is not None else "absent"
            if principal is not None and status == "absent":
                deputising = principal
        found.append(
            Attendance(
                pid,
                a["status"],
                a.get("reason"),
                a.get("arrived_at"),
                a.get("left_after"),
                membership,
                deputising,
            )
        )
    return tuple(found)


def _guests(d: dict[str, Any], t: Texts) -> tuple[Guest, ...]:
    return tuple(
        Guest(
            g["name"].strip(),
            t(g.get("organisation")),
            t(g.get("role")),
            tuple(g.get("items") or ()),
            bool(g.get("consent", False)),
        )
        for g in d.get("guests") or ()
    )


def _minutes(rec: Record, records: Path, key: str, body: Body, status: str) -> Minutes | None:
    m = rec.data.get("minutes")
    if not m:
        return Minutes("draft", (), None, None) if status == "held" else None
    approved = m.get("approved_at")
    later = approved and meeting_order(approved) > meeting_order(key)
    if later and not (records / body.id / "meetings" / f"{approved}.yaml").is_file():
        message = f"no meeting record {approved}.yaml of {body.id}"
        rec.problem(("minutes", "approved_at"), message, code=reading.UNKNOWN_MEETING)
    return Minutes(
        m.get("status", "draft"), tuple(m.get("checkers") or ()), date(m.get("checked")), approved
    )


def _check_references(rec: Record, meeting: Meeting, body: Body) -> None:
    """Every person and item the meeting names exists (K003, K005)."""
    for where, pid, _ in person_references(meeting):
        if pid not in body.persons:
            message = f"no person '{pid}' in the roster of {body.id}" + suggest(pid, body.persons)
            rec.problem(where, message, code=reading.UNKNOWN_PERSON)
    ids = {item.id for item in meeting.items}
    for i, a in enumerate(meeting.attendance):
        for field in ("arrived_at", "left_after"):
            if getattr(a, field) and getattr(a, field) not in ids:
                message = f"no item '{getattr(a, field)}' in this meeting"
                rec.problem(("attendance", i, field), message, code=reading.UNKNOWN_ITEM)
    for i, g in enumerate(meeting.guests):
        for j, item in enumerate(g.items):
            if item not in ids:
                message = f"no item '{item}' in this meeting"
                rec.problem(("guests", i, "items", j), message, code=reading.UNKNOWN_ITEM)
