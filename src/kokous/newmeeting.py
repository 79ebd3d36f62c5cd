"""The secretary's helper: start a meeting record prefilled from the roster.

``kokous new-meeting --body tyonvk --date 2025-11-05`` writes
``records/tyonvk/meetings/2025-11-05.yaml`` (``--same-day`` for ``-2``, ``-3``… when the day
already has a meeting) and never overwrites a file. The record starts as ``status: planned``,
which is valid and builds as written: a planned meeting may list its expected attendance, and
yields its agenda and invitation (issue 15), nothing a held meeting's minutes would say. Every member, the chair and vice-chair and
the secretariat on that date are listed as ``present`` with a ``TODO`` comment; personal
deputies, tied to a member (``deputy_for``) or to a seat (``seat``: then under whoever holds
the seat on that date), are listed in comments under their member, since a deputy attends only
when the member is absent (listing both would be an error). The standard opening and closing
items are in place; the meeting number and first § it will get are shown in a comment (both
are computed by the build, never typed). After the meeting, the secretary sets ``status: held``,
corrects attendance, fills times and items, and the record validates and builds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import writer
from .errors import KokousError, RecordsInvalid
from .layout import meeting_keys, meeting_order
from .model import Body, Membership

#: The order in which posts are listed, as in the minutes.
POST_ORDER = ("chair", "vice_chair", "member", "secretary_general", "secretary", "permanent_expert")
POST_NAMES = {
    "chair": "puheenjohtaja",
    "vice_chair": "varapuheenjohtaja",
    "member": "jäsen",
    "deputy": "varajäsen",
    "secretary_general": "pääsihteeri",
    "secretary": "sihteeri",
    "permanent_expert": "pysyvä asiantuntija",
}


INVITATIONS_TEMPLATE = (
    "# When you send the invitation, record it with the time and place it announces; to move",
    "# the meeting later, change them above and add the changed invitation below this one",
    "# (docs/records.md, Moving a meeting): the calendars then replace the event.",
    "# invitations:",
    "#   - sent: YYYY-MM-DD  # TODO the day you send it",
    '#     start: "13:00"',
    '#     end: "15:00"',
    "#     place: TODO",
)
"""The commented ``invitations`` of a new record (kokous checks that a planned meeting is
where and when its last invitation said)."""


def meeting_file_key(records: Path, body: str, date: dt.date, same_day: bool) -> str:
    """The new record's file stem, refusing to reuse one."""
    folder = records / body / "meetings"
    base = date.isoformat()
    if not same_day:
        if (folder / f"{base}.yaml").exists():
            raise KokousError(
                f"{folder / (base + '.yaml')} already exists; it is not overwritten"
                " (for a further meeting that day, add --same-day)"
            )
        return base
    if not (folder / f"{base}.yaml").exists():
        raise KokousError(f"no meeting on {base} yet: leave out --same-day")
    for seq in range(2, 10):
        if not (folder / f"{base}-{seq}.yaml").exists():
            return f"{base}-{seq}"
    raise KokousError(f"{base} already has nine meetings")


def _numbers(records: Path, body: str, key: str, year: int) -> tuple[int, int] | None:
    """(meeting number, first §) the new meeting will get, from the year's earlier records;
    None when those do not validate (the comment then says so)."""
    from .records import load_volume

    try:
        volume = load_volume(records, body, year)
    except RecordsInvalid:
        return None
    number, section = 1, 1
    for meeting in volume.meetings:
        if meeting_order(meeting.key) >= meeting_order(key):
            break
        if meeting.status != "cancelled":
            number = meeting.number + 1
        if meeting.items:
            section = meeting.items[-1].number + 1
    return number, section


def render_meeting(records: Path, body_id: str, date: dt.date, key: str) -> str:
    """The text of the new record."""
    from .records import load_body

    body = load_body(records, body_id)
    numbering = _numbering_comment(records, body_id, date, key)
    memberships = body.memberships_on(date)
    if not memberships:
        raise KokousError(f"{body_id} has no members on {date.isoformat()}: check body.yaml")
    lines = [
        *_header_lines(body, date, numbering),
        *_attendance_lines(body, date, memberships),
        *_item_lines(body),
    ]
    return "\n".join(lines)


def _numbering_comment(records: Path, body_id: str, date: dt.date, key: str) -> str:
    """The comment that tells the secretary the meeting's number and first §."""
    later = [k for k in meeting_keys(records, body_id, date.year) if k > key]
    numbers = _numbers(records, body_id, key, date.year)
    if numbers is None:
        return "# Meeting number and § numbers: computed once the year's records validate."
    number, section = numbers
    return f"# This will be meeting {number}/{date.year}; its items start at {section} §." + (
        " (Later meetings this year are renumbered.)" if later else ""
    )


def _header_lines(body: Body, date: dt.date, numbering: str) -> list[str]:
    """The record's opening comments and the meeting's own fields, to be filled in."""
    lang = body.primary_language
    return [
        "# yaml-language-server: $schema=../../../schemas/meeting.schema.json",
        "#",
        f"# {body.name.get(lang)}: meeting of {date.day}.{date.month}.{date.year}.",
        "# Started by `kokous new-meeting` from the roster; fill in the lines marked TODO.",
        numbering,
        "# Before the meeting: fill in the items with their proposals; the build writes the",
        "# agenda (esityslista) and the invitation (kokouskutsu) from them.",
        "# After the meeting: set status: held, correct attendance, fill times and decisions,",
        "# mark an item added at the meeting with added_at_meeting: true, then run",
        "# `kokous validate`.",
        f"date: {date.isoformat()}",
        "status: planned",
        "# The times the invitation gives (the agenda shows them). After the meeting add",
        "# planned_start and planned_end with these, and set start and end to what happened.",
        '# start: "13:00"  # TODO',
        '# end: "15:00"  # TODO',
        "# location:",
        "#   place:",
        f"#     {lang}: TODO",
        "#   remote_link: https://…  # TODO for a remote or hybrid meeting",
        "mode: in_person  # TODO: in_person, remote or hybrid",
        f"language: {lang}",
        *INVITATIONS_TEMPLATE,
        "",
    ]


def _attendance_lines(body: Body, date: dt.date, memberships: list[Membership]) -> list[str]:
    """Everyone expected on ``date``, in post order, each personal deputy commented out under
    the member they stand in for."""
    lang = body.primary_language
    # Each personal deputy under the member they stand in for on this date: the member named
    # by deputy_for, or whoever holds the deputy's seat then.
    deputies: dict[str, list[Membership]] = {}
    for m in memberships:
        if m.post == "deputy":
            principal = body.principal_of(m, date)
            if principal:
                deputies.setdefault(principal, []).append(m)
    lines = [
        "# Everyone expected on this date. After the meeting set each status: present, remote",
        "# or absent. A personal deputy attends only for an absent member: then uncomment",
        "# the deputy's line.",
        "attendance:",
    ]
    for post in POST_ORDER:
        for m in memberships:
            if m.post != post:
                continue
            org = f", {body.organisations[m.on_behalf_of].label(lang)}" if m.on_behalf_of else ""
            lines.append(
                f"  - {{person: {m.person}, status: present}}"
                f"  # TODO {body.persons[m.person].name}, {POST_NAMES[post]}{org}"
            )
            for deputy in deputies.get(m.person, ()):
                d_org = (
                    f", {body.organisations[deputy.on_behalf_of].label(lang)}"
                    if deputy.on_behalf_of
                    else ""
                )
                lines.append(
                    f"  # - {{person: {deputy.person}, status: present}}"
                    f"  # {body.persons[deputy.person].name}, {POST_NAMES['deputy']}{d_org}"
                )
    return lines


def _item_lines(body: Body) -> list[str]:
    """The standard items, and an example of the meeting's own, commented out."""
    lines = [
        "",
        "items:",
        "  - standard: opening",
        "  - standard: legality",
    ]
    if body.minutes_type == "poytakirja":
        lines += [
            "  - standard: checkers",
            "  # or, when this meeting approves the previous minutes: - standard: previous_minutes",
        ]
    lines += [
        "  - standard: agenda",
        "  # TODO: the meeting's own items, e.g. The agenda is written from what is known",
        "  # before the meeting: title, presenter, background (selostus, in the present",
        "  # tense) and proposal (an information item's is 'Merkitään tiedoksi.' unless you",
        "  # give one). After the meeting add what happened: discussion:, motions:, votes:,",
        "  # decision: (in the past tense), or outcome: deferred, returned or withdrawn.",
        "  # - id: work_plan",
        "  #   title: Työsuunnitelma",
        "  #   kind: decision",
        "  #   presenter: <person id>",
        "  #   background: …",
        "  #   proposal: …",
        "  # - standard: next_meeting",
        "  - standard: closing",
        "",
    ]
    return lines


def new_meeting(records: Path, body: str, date: dt.date, *, same_day: bool = False) -> Path:
    """Write the new meeting record and return its path."""
    if not (records / body / "body.yaml").is_file():
        raise KokousError(f"no body '{body}' under {records}/ (no {body}/body.yaml)")
    key = meeting_file_key(records, body, date, same_day)
    text = render_meeting(records, body, date, key)
    folder = records / body / "meetings"
    # Written through the one writer (atomic); the existence check above is what refuses to
    # overwrite, and the key was chosen free.
    return writer.write_file(folder, f"{key}.yaml", text.encode("utf-8"))
