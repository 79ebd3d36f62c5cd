"""K34x: who attended: memberships on the day, personal deputies, arrivals and departures,
and that those who act at an item were there."""

from __future__ import annotations

from collections.abc import Iterator

from .. import i18n
from ..model import Meeting
from .registry import FieldPath, Finding, rule
from .subjects import MeetingSubject


def person_references(meeting: Meeting) -> Iterator[tuple[FieldPath, str, bool]]:
    """Every person id a meeting names: ``(field path, id, whether they must hold a
    membership of the body on the day)``. A presenter need not (an official presents)."""
    for i, item in enumerate(meeting.items):
        where = ("items", i)
        if item.presenter:
            yield (*where, "presenter"), item.presenter, False
        if item.vote:
            for side in ("for", "against", "abstain"):
                for k, pid in enumerate(getattr(item.vote, f"named_{side}")):
                    yield (*where, "votes", f"named_{side}", k), pid, True
        for j, m in enumerate(item.motions):
            yield (*where, "motions", j, "by"), m.by, True
            for k, s in enumerate(m.seconded_by):
                yield (*where, "motions", j, "seconded_by", k), s, True
        for j, x in enumerate(item.dissents):
            yield (*where, "dissent", j, "person"), x.person, True
        for j, x in enumerate(item.conflicts):
            yield (*where, "conflicts", j, "person"), x.person, True
    for i, a in enumerate(meeting.attendance):
        yield ("attendance", i, "person"), a.person, True
    for j, c in enumerate(meeting.minutes.checkers if meeting.minutes else ()):
        yield ("minutes", "checkers", j), c, True
    for i, b in enumerate(meeting.press.blocks if meeting.press else ()):
        if b.quote:
            yield ("press", "body", i, "quote", "person"), b.quote.person, True


@rule("K341", "no-membership-on-date", scope="meeting", field="(a person id)")
def members_on_the_day(subject: MeetingSubject) -> Iterator[Finding]:
    """Someone who takes part in a meeting holds no membership of the body on its date.

    Who takes part: attends, moves, seconds, votes by name, dissents, is disqualified, checks
    the minutes or is quoted in the press release.

    Why: only the body's members, deputies and staff of that day take part; a membership that
    ended (or had not begun) is usually a wrong date in the roster or the meeting.
    Example: a member whose membership ended on 31.5. named at the meeting of 11.6.
    Fix: check the person, the meeting's date, or the membership's start and end in body.yaml.
    """
    body, meeting = subject.body, subject.meeting
    for where, pid, needs_membership in person_references(meeting):
        if needs_membership and pid in body.persons and not body.membership_of(pid, meeting.date):
            yield where, f"'{pid}' holds no membership in {body.id} on {subject.data['date']}"


def _deputies(subject: MeetingSubject) -> Iterator[tuple[int, str, str | None, str]]:
    """Attending deputies: ``(attendance index, person, principal, principal's status)``."""
    body, meeting = subject.body, subject.meeting
    listed = {a.person: i for i, a in enumerate(meeting.attendance)}
    for i, a in enumerate(meeting.attendance):
        membership = a.membership
        if membership and membership.post == "deputy" and a.status != "absent":
            principal = body.principal_of(membership, meeting.date)
            index = listed.get(principal) if principal else None
            status = meeting.attendance[index].status if index is not None else "absent"
            yield i, a.person, principal, status


@rule("K342", "deputy-seat-empty", scope="meeting", field="attendance[].person")
def deputy_has_principal_on_date(subject: MeetingSubject) -> Iterator[Finding]:
    """An attending deputy whose seat no member holds on the meeting's date.

    Why: a personal deputy stands in for the seat's member; with no member there is no one
    to stand in for, and the quorum cannot count the deputy.
    Example: the seat's member left on 31.10. and no successor is in the roster.
    Fix: add the seat's new member to the roster, or check the date.
    """
    for i, pid, principal, _ in _deputies(subject):
        if principal is None:
            yield (
                ("attendance", i, "person"),
                f"'{pid}' is a deputy for a seat no member holds on {subject.data['date']}",
            )


@rule("K343", "deputy-with-principal-present", scope="meeting", field="attendance[].person")
def deputy_only_for_absent(subject: MeetingSubject) -> Iterator[Finding]:
    """A personal deputy attends while their member is present too.

    Why: a deputy attends only for an absent member; both present would count one seat twice.
    Example: ``{person: mallinen, status: present}`` and ``{person: kuvitelma, status: present}``.
    Fix: mark the member absent, or the deputy absent (or remove the deputy).
    """
    for i, pid, principal, status in _deputies(subject):
        if principal is not None and status != "absent":
            yield (
                ("attendance", i, "person"),
                (
                    f"'{pid}' is the personal deputy of '{principal}', who is also present; "
                    "a deputy attends only for an absent member"
                ),
            )


@rule("K344", "genitive-unknown", scope="meeting", field="attendance[].person")
def principal_genitive(subject: MeetingSubject) -> Iterator[Finding]:
    """The Finnish minutes need the genitive of a name the spelling does not tell.

    Why: the minutes say "varajäsen (Anna Asiakkaan sijaisena)"; a genitive the spelling does
    not tell must come from the record, not a guess.
    Example: a deputy for a member named "Ngozi Okafor".
    Fix: give persons.<id>.genitive in body.yaml.
    """
    body = subject.body
    if subject.meeting.language != "fi":
        return
    for i, pid, principal, status in _deputies(subject):
        person = body.persons.get(principal) if principal else None
        if (
            status == "absent"
            and person
            and not i18n.finnish_genitive(person.name, person.genitive)
        ):
            yield (
                ("attendance", i, "person"),
                (
                    f"the minutes name '{pid}' as deputy for {person.name}, whose Finnish "
                    f"genitive the spelling does not tell: give persons.{principal}.genitive "
                    "in body.yaml"
                ),
            )


@rule("K345", "reason-without-absence", scope="meeting", field="attendance[].reason")
def reason_only_for_absence(subject: MeetingSubject) -> Iterator[Finding]:
    """A reason given for someone who attended.

    Why: a reason explains an absence (and is never published).
    Example: ``{person: x, status: present, reason: sairaus}``.
    Fix: remove reason, or set status: absent.
    """
    for i, a in enumerate(subject.meeting.attendance):
        if a.status != "absent" and a.reason:
            yield ("attendance", i, "reason"), "a reason is given only for an absence"


@rule("K346", "listed-twice", scope="meeting", field="attendance[].person")
def listed_once(subject: MeetingSubject) -> Iterator[Finding]:
    """A person is listed twice in the attendance.

    Why: each person attends once, with one status.
    Example: two entries ``{person: kuvitelma, …}``.
    Fix: remove one (use arrived_at / left_after for someone who came or left mid-meeting).
    """
    attendance = subject.meeting.attendance
    last = {a.person: i for i, a in enumerate(attendance)}
    for i, a in enumerate(attendance):
        if last[a.person] != i:
            yield ("attendance", i, "person"), f"'{a.person}' is listed twice in attendance"


@rule("K347", "presenter-absent", scope="meeting", field="items[].presenter")
def presenter_attends(subject: MeetingSubject) -> Iterator[Finding]:
    """An item's presenter is marked absent.

    Why: the presenter (esittelijä) presents the item at the meeting.
    Example: ``presenter: sihteeri`` with ``{person: sihteeri, status: absent}``.
    Fix: name who presented, or correct the attendance.
    """
    meeting = subject.meeting
    if meeting.status == "cancelled":
        return  # everyone is absent at a cancelled meeting, presenters too
    last = {a.person: a for a in meeting.attendance}
    for i, item in enumerate(meeting.items):
        if item.presenter in last and last[item.presenter].status == "absent":
            yield ("items", i, "presenter"), f"'{item.presenter}' is absent from this meeting"


@rule("K348", "member-missing-from-attendance", scope="meeting", field="attendance")
def roster_accounted(subject: MeetingSubject) -> Iterator[Finding]:
    """A voting member of the day is not in a held meeting's attendance.

    Why: a member left out would vanish from the minutes while still counting in the quorum's
    denominator; list every voting member: present, remote, or absent.
    Example: a member who was away, simply not listed.
    Fix: add ``{person: <id>, status: absent}``.
    """
    body, meeting = subject.body, subject.meeting
    if meeting.status != "held":
        return
    listed = {a.person for a in meeting.attendance}
    for m in body.memberships_on(meeting.date):
        if m.votes and m.person not in listed:
            name = body.persons[m.person].name if m.person in body.persons else m.person
            yield (
                ("attendance",),
                (
                    f"voting member {name} ('{m.person}') is not in the attendance; list every "
                    f"voting member, e.g. {{person: {m.person}, status: absent}}"
                ),
            )


@rule("K349", "held-without-attendance", scope="meeting", field="attendance")
def held_lists_attendance(subject: MeetingSubject) -> Iterator[Finding]:
    """A held meeting without attendance.

    Why: the minutes state who was present, and the quorum is counted from it.
    Example: ``status: held`` and no ``attendance:``.
    Fix: add the attendance (``kokous new-meeting`` prefills it from the roster).
    """
    if subject.meeting.status == "held" and not subject.meeting.attendance:
        yield ("attendance",), "a held meeting lists its attendance"


def _item_index(meeting: Meeting) -> dict[str, int]:
    return {it.id: i for i, it in enumerate(meeting.items)}


@rule("K350", "absent-with-arrival", scope="meeting", field="attendance[].arrived_at")
def absent_has_no_times(subject: MeetingSubject) -> Iterator[Finding]:
    """Someone marked absent has arrived_at or left_after.

    Why: arrival and departure are for those who attended part of the meeting.
    Example: ``{person: x, status: absent, arrived_at: talous}``.
    Fix: set status: present or remote, or remove arrived_at / left_after.
    """
    meeting = subject.meeting
    if meeting.status != "held":
        return
    for i, a in enumerate(meeting.attendance):
        for field in ("arrived_at", "left_after") if not a.attends else ():
            if getattr(a, field):
                yield (
                    ("attendance", i, field),
                    (
                        f"'{a.person}' is marked absent, so has no {field}; set status: present "
                        f"or remote, or remove {field}"
                    ),
                )


@rule("K351", "leaves-before-arriving", scope="meeting", field="attendance[].left_after")
def arrives_before_leaving(subject: MeetingSubject) -> Iterator[Finding]:
    """Someone leaves after an item earlier than the one they arrive at.

    Why: the minutes say who was present at each item; the two fields contradict each other.
    Example: ``arrived_at: talous, left_after: opening``.
    Fix: correct one of the two.
    """
    meeting = subject.meeting
    if meeting.status != "held":
        return
    index = _item_index(meeting)
    for i, a in enumerate(meeting.attendance):
        arrived, left = index.get(a.arrived_at or ""), index.get(a.left_after or "")
        if a.attends and arrived is not None and left is not None and left < arrived:
            yield (
                ("attendance", i, "left_after"),
                (
                    f"'{a.person}' leaves after {a.left_after} but arrives only at {a.arrived_at}, "
                    "a later item; correct one of the two"
                ),
            )


def presence_at(meeting: Meeting, item: int) -> dict[str, str]:
    """Who attended item ``item`` (index in ``meeting.items``): person id → "present" or, for
    someone who came later or left earlier, the reason they were not there ("" if absent)."""
    index = _item_index(meeting)
    out: dict[str, str] = {}
    for a in meeting.attendance:
        arrived = index.get(a.arrived_at or "", 0)
        left = index.get(a.left_after or "", len(meeting.items))
        if not a.attends:
            out[a.person] = "absent"
        elif item < arrived:
            out[a.person] = f"arrived only at {a.arrived_at}"
        elif item > left:
            out[a.person] = f"left after {a.left_after}"
        else:
            out[a.person] = "present"
    return out


def _absence(state: str | None) -> str:
    if state is None:
        return "is not in this meeting's attendance"
    if state == "absent":
        return "is marked absent"
    return f"was not there at this item ({state})"


def _actors(meeting: Meeting) -> Iterator[tuple[FieldPath, str, str, dict[str, str], set[str]]]:
    """``(field, person, role, who was there, who is disqualified)`` for each act at a
    meeting: moving, seconding, dissenting, voting by name, checking the minutes."""
    for i, item in enumerate(meeting.items):
        at, where = presence_at(meeting, i), ("items", i)
        disqualified = {c.person for c in item.conflicts}
        for j, m in enumerate(item.motions):
            yield (*where, "motions", j, "by"), m.by, "the mover", at, disqualified
            for k, s in enumerate(m.seconded_by):
                path = (*where, "motions", j, "seconded_by", k)
                yield path, s, "a seconder", at, disqualified
        for j, d in enumerate(item.dissents):
            yield (*where, "dissent", j, "person"), d.person, "a dissenter", at, disqualified
        for side in ("for", "against", "abstain") if item.vote else ():
            for k, pid in enumerate(getattr(item.vote, f"named_{side}")):
                path = (*where, "votes", f"named_{side}", k)
                yield path, pid, "a voter", at, disqualified
    if meeting.minutes:
        whole = {a.person: ("present" if a.attends else "absent") for a in meeting.attendance}
        for j, c in enumerate(meeting.minutes.checkers):
            yield ("minutes", "checkers", j), c, "a minutes checker", whole, set()


@rule("K352", "acts-without-being-there", scope="meeting", field="items[]")
def actors_were_there(subject: MeetingSubject) -> Iterator[Finding]:
    """Someone acts at an item without being there, or while disqualified from it.

    Acts: moves, seconds, dissents, votes by name, or checks the minutes.

    Why: only those present at an item act on it, and a disqualified member (esteellinen,
    ``conflicts:``) takes no part in it.
    Example: ``seconded_by: [x]`` where x is marked absent, or arrived only at a later item.
    Fix: check the person, the attendance (arrived_at, left_after), or the conflict.
    """
    meeting, known = subject.meeting, subject.body.persons
    if meeting.status != "held" or not meeting.attendance:
        return
    for where, pid, whom, at, disqualified in _actors(meeting):
        state = at.get(pid)
        if pid not in known:
            continue  # an unknown person is reported by the reader (K003)
        if state == "present" and pid in disqualified:
            yield (
                where,
                (
                    f"'{pid}' is disqualified from this item (conflicts), so cannot be {whom}; "
                    "check the person or the conflict"
                ),
            )
        elif state != "present":
            yield (
                where,
                (
                    f"'{pid}' {_absence(state)}, so cannot be {whom}; check the person or the "
                    "attendance"
                ),
            )
