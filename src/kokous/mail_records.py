"""The records' e-mail fields: the addresses of a body's e-mails (``mail:`` in body.yaml, with
the config's ``mail`` as the fallback) and a meeting's sent invitations (``invitations:``),
read into the model. Their checks are rules of the registry (:mod:`kokous.lint.invitations`).

Why ``invitations`` lists what each invitation announced: a calendar replaces an event it holds
only when the new one has a higher SEQUENCE (RFC 5545 3.8.7.4), so a moved meeting needs a
new invitation that the record counts. A secretary who edits the time and forgets that would
send the old SEQUENCE, and calendars would keep the old time: rule K317 refuses
a planned meeting whose time or place is not what its last invitation announced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .model import Mailbox, MailSettings, Meeting, SentInvitation, Text

MAIL_KEYS = {"from": "sender", "reply_to": "reply_to", "newsroom": "newsroom", "members": "members"}
"""The record's keys of ``mail`` and the :class:`MailSettings` fields they fill."""

INHERITED = ("sender", "reply_to", "newsroom")
"""What a subcommittee takes from its parent: not ``members``, its own members' list."""


# ---------------------------------------------------------------------------------------------
# Loading


def _text(value: Any, primary: str) -> Text | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Text({primary: value.strip()}, primary)
    values = {k: str(v).strip() for k, v in value.items() if v}
    return Text(values, primary if primary in values else next(iter(values))) if values else None


def mailbox(value: Any, primary: str) -> Mailbox | None:
    """A schema-checked mailbox: ``tyonvk@example.fi`` or ``{address: …, name: …}``."""
    if value is None:
        return None
    if isinstance(value, str):
        return Mailbox(value, None)
    return Mailbox(str(value["address"]), _text(value.get("name"), primary))


def mail_settings(
    data: Mapping[str, Any] | None, primary: str, parent: MailSettings | None = None
) -> MailSettings:
    """The ``mail`` of a body record, over its parent's (all but ``members``)."""
    data = data or {}
    own = {field: mailbox(data.get(key), primary) for key, field in MAIL_KEYS.items()}
    if parent is not None:
        for field in INHERITED:
            own[field] = own[field] or getattr(parent, field)
    return MailSettings(**own)


def with_fallback(settings: MailSettings, config: Mapping[str, Any] | None, primary: str):
    """``settings`` with what they leave unset taken from the config's ``mail``."""
    fallback = mail_settings(config, primary)
    return MailSettings(
        **{
            field: getattr(settings, field) or getattr(fallback, field)
            for field in MAIL_KEYS.values()
        }
    )


def sent_moment(value: str) -> dt.datetime | None:
    """A schema-checked date or ``YYYY-MM-DDTHH:MM`` (a date alone is its midnight); None
    for one the calendar has not (2025-02-30), which rule K314 reports."""
    try:
        if "T" in value:
            return dt.datetime.fromisoformat(value)
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
    except ValueError:
        return None


def _time(value: str | None) -> dt.time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def sent_invitations(
    data: Mapping[str, Any], date: dt.date, primary: str
) -> tuple[SentInvitation, ...]:
    """A meeting record's ``invitations``, oldest first as written; an entry without ``date``
    announced the meeting's date."""
    return tuple(
        SentInvitation(
            sent=sent,
            date=dt.date.fromisoformat(entry["date"]) if entry.get("date") else date,
            start=_time(entry.get("start")),
            end=_time(entry.get("end")),
            place=_text(entry.get("place"), primary),
        )
        for entry in data.get("invitations") or ()
        if (sent := sent_moment(str(entry["sent"]))) is not None
    )


def first_sent(data: Mapping[str, Any]) -> dt.date | None:
    """The day the first of ``invitations`` was sent (``invitation_sent`` when it is alone)."""
    entries = data.get("invitations") or ()
    first = sent_moment(str(entries[0]["sent"])) if entries else None
    return first.date() if first else None


# ---------------------------------------------------------------------------------------------
# Checks


def _clock(moment: dt.time | None) -> str:
    return f"{moment.hour}:{moment.minute:02d}" if moment else "none"


def announced_changes(meeting: Meeting, sent: SentInvitation) -> list[tuple[tuple, str, str, str]]:
    """``(field path, name, now, announced)`` of each of date, start, end and place that
    differ between the record and the invitation ``sent``."""
    lang = meeting.language
    place = meeting.place.get(lang) if meeting.place else None
    said = sent.place.get(lang) if sent.place else None
    pairs = [
        (("date",), "date", meeting.date.isoformat(), sent.date.isoformat()),
        (("start",), "start", _clock(meeting.start), _clock(sent.start)),
        (("end",), "end", _clock(meeting.end), _clock(sent.end)),
        (("location", "place"), "place", place or "none", said or "none"),
    ]
    return [pair for pair in pairs if pair[2] != pair[3]]
