"""Which documents an edition holds: the plan's decision (:mod:`kokous.plan`) read from the
validated model, the embargo of a press release, and the build clock's time zone."""

from __future__ import annotations

import datetime as dt

from .. import plan
from ..model import Body, Meeting
from ..plan_facts import MeetingFacts, display_period_end

EDITIONS = ("public", "internal")


def check_edition(edition: str) -> None:
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {list(EDITIONS)}, got {edition!r}")


def naive(moment: dt.datetime) -> dt.datetime:
    """Records hold naive Europe/Helsinki times; an aware ``now`` is converted to that."""
    if moment.tzinfo is None:
        return moment
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Helsinki")).replace(tzinfo=None)


def meeting_facts(body: Body, meeting: Meeting) -> MeetingFacts:
    """The facts the plan decides a meeting's documents by, from the validated model."""
    return MeetingFacts(
        key=meeting.key,
        status=meeting.status,
        language=meeting.language,
        has_press=meeting.press is not None,
        embargo_until=meeting.press.published if meeting.press and meeting.press.embargo else None,
        minutes_final=meeting.minutes is not None and meeting.minutes.status != "draft",
        names_shown_until=names_shown_until(body, meeting),
        has_items=bool(meeting.items),
        agenda_publication=body.agenda_publication,
    )


def publications(
    body: Body, meeting: Meeting, edition: str, now: dt.datetime
) -> list[tuple[str, str]]:
    """``(kind, lang)`` of the documents ``meeting`` yields in ``edition``: the plan's decision
    (:func:`kokous.plan.meeting_publications`) on the validated model."""
    return plan.meeting_publications(
        meeting_facts(body, meeting), body.languages, edition, naive(now)
    )


def names_shown_until(body: Body, meeting: Meeting) -> dt.datetime | None:
    """When the meeting's published guest names leave the public edition (the body's display
    period), or None when it publishes none or sets no period."""
    if not any(g.consent for g in meeting.guests):
        return None
    checked = meeting.minutes.checked_on if meeting.minutes else None
    return display_period_end(body.personal_data_display_days, checked, meeting.date)


def is_embargoed(meeting: Meeting, now: dt.datetime) -> bool:
    """True while the release must not be public: embargoed and not yet published at ``now``."""
    press = meeting.press
    return bool(press and press.embargo and press.published > naive(now))
