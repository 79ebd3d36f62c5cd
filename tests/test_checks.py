"""Mistakes a secretary makes that the schema cannot see (issue 13): dates, attendance, votes
and states that cannot be true, files that are not records, and messages that must say what to
do. Each case edits a copy of the sample records and states the exact lines ``kokous validate``
prints, which family-years the build must stop, and that every other body's and year's loaded
records stay exactly as they were."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from records_support import copy_records, edit

from kokous import cli, layout
from kokous import records as records_mod
from kokous.errors import RecordsInvalid

Setup = Callable[[Path], None]


def change(name: str, old: str, new: str) -> Setup:
    """Replace ``old`` by ``new`` (once) in ``records/<name>``."""
    return lambda root: edit(root / name, old, new)


def copy(source: str, dest: str, *replacements: tuple[str, str]) -> Setup:
    """A new record ``dest``: a copy of ``source`` with each ``(old, new)`` replaced once."""

    def apply(root: Path) -> None:
        text = (root / source).read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        (root / dest).write_text(text, encoding="utf-8")

    return apply


def replace_all(name: str, old: str, new: str) -> Setup:
    """Replace every ``old`` by ``new`` in ``records/<name>``."""

    def apply(root: Path) -> None:
        text = (root / name).read_text(encoding="utf-8")
        assert old in text
        (root / name).write_text(text.replace(old, new), encoding="utf-8")

    return apply


def write(name: str, content: bytes) -> Setup:
    def apply(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)

    return apply


def link_outside(name: str, content: str, folder: bool = False) -> Setup:
    """``records/<name>`` as a link to a file (or a folder holding ``body.yaml``) outside."""

    def apply(root: Path) -> None:
        outside = root.parent / "outside" / Path(name).name
        outside.parent.mkdir(exist_ok=True)
        if folder:
            outside.mkdir()
            (outside / "body.yaml").write_text(content, encoding="utf-8")
        else:
            outside.write_text(content, encoding="utf-8")
        (root / name).unlink(missing_ok=True)
        (root / name).symlink_to(outside)

    return apply


class Case(NamedTuple):
    id: str
    setup: list[Setup]
    expected: list[str]
    """Every error line of ``kokous validate``, in order."""
    stopped: set[tuple[str, int]]
    """The (body, year) volumes whose loading (each a build job's first step) must fail."""


M0312 = "tyonvk/meetings/2025-03-12.yaml"
M0611 = "tyonvk/meetings/2025-06-11.yaml"
M0924 = "tyonvk/meetings/2025-09-24.yaml"
SHOWN = "records/tyonvk/meetings"
#: The voters the sample's open vote at 16 § names; a case about the counts alone drops them.
NAMED_0611 = (
    "      named_for: [korhonen, kyynarainen, mallinen, oletus, roolihahmo, juonikas, asiakas]\n"
    "      named_against: [henkilo, malli]\n"
)
BODY_STOPS_FAMILY = {
    ("tyonvk", 2025),
    ("tietojaosto", 2025),
    ("kuntajaosto", 2025),
    ("yhdyspintajaosto", 2025),
}
"""A body.yaml mistake stops every year of the body and of its subcommittees."""

DATES = [
    Case(
        "minutes_checked_before_meeting",
        [change(M0312, "checked: 2025-03-19", "checked: 2025-03-10")],
        [
            (
                f"{SHOWN}/2025-03-12.yaml:109: K386 minutes.checked: the minutes are checked on 2025-03-10,"
                " before the meeting was held (2025-03-12); give the day they were checked"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "press_release_a_year_before_meeting",
        [change(M0312, "published: 2025-03-12T16:00", "published: 2024-03-12T16:00")],
        [
            (
                f"{SHOWN}/2025-03-12.yaml:112: K406 press.published: the press release is published on"
                " 2024-03-12, before the meeting (2025-03-12); check the year"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "held_meeting_after_term_and_in_future",
        [
            copy(
                M0924,
                "tyonvk/meetings/2052-09-24.yaml",
                ("date: 2025-09-24", "date: 2052-09-24"),
            )
        ],
        [
            (
                f"{SHOWN}/2052-09-24.yaml:6: K307 date: 2052-09-24 is after tyonvk's term ended"
                " (2027-06-30); check the year"
            ),
            (
                f"{SHOWN}/2052-09-24.yaml:7: K310 status: the meeting is marked held but its date"
                " 2052-09-24 is still to come; set status: planned, or check the date"
            ),
        ],
        {("tyonvk", 2052)},
    ),
    Case(
        "year_record_before_appointment",
        [write("tyonvk/years/2024.yaml", b"summary:\n  fi: Vuosi ennen asettamista.\n")],
        [
            (
                "records/tyonvk/years/2024.yaml:1: K501 2024 is before tyonvk was appointed (2025-01-30);"
                " a year record is for a year of the body's term: check the year in the file name"
            )
        ],
        {("tyonvk", 2024)},
    ),
    Case(
        "year_record_after_term",
        [write("tyonvk/years/2031.yaml", b"# a typo for 2026\nsummary: Vuosi.\n")],
        [
            (
                "records/tyonvk/years/2031.yaml:2: K502 2031 is after tyonvk's term ended (2027-06-30);"
                " a year record is for a year of the body's term: check the year in the file name"
            )
        ],
        {("tyonvk", 2031)},
    ),
]

DATES += [
    Case(
        "subcommittee_year_before_it_was_set_up",
        [write("tietojaosto/years/2024.yaml", b"summary: Jaoston vuosi.\n")],
        [
            (
                "records/tietojaosto/years/2024.yaml:1: K501 2024 is before tietojaosto was set up"
                " (2025-03-12); a year record is for a year of the body's term: check the year in the"
                " file name"
            )
        ],
        {("tietojaosto", 2024)},
    ),
]

ATTENDANCE_AND_VOTES = [
    Case(
        "left_before_arriving",
        [
            change(
                M0611,
                "arrived_at: work_plan_followup}",
                "arrived_at: work_plan_followup, left_after: subcommittee_members}",
            )
        ],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:33: K351 attendance[6].left_after: 'lainaus' leaves after"
                " subcommittee_members but arrives only at work_plan_followup, a later item;"
                " correct one of the two"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "absent_with_departure",
        [
            change(
                M0312,
                "{person: asiakas, status: present, left_after: situation_keha}",
                "{person: asiakas, status: absent, left_after: situation_keha}",
            )
        ],
        [
            (
                f"{SHOWN}/2025-03-12.yaml:29: K350 attendance[8].left_after: 'asiakas' is marked absent,"
                " so has no left_after; set status: present or remote, or remove left_after"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "deputy_for_themself",
        [change("tyonvk/body.yaml", "deputy_for: oletus,", "deputy_for: testi,")],
        [
            (
                "records/tyonvk/body.yaml:254: K206 memberships[7].deputy_for: 'testi' cannot be their own"
                " deputy; deputy_for names the member this deputy stands in for"
            )
        ],
        BODY_STOPS_FAMILY,
    ),
    Case(
        "deputy_while_principal_present",
        [change(M0924, "{person: lainaus, status: absent}", "{person: lainaus, status: present}")],
        [
            (
                f"{SHOWN}/2025-09-24.yaml:27: K343 attendance[6].person: 'perusarvo' is the personal deputy"
                " of 'lainaus', who is also present; a deputy attends only for an absent member"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "two_chairs",
        [change("tyonvk/body.yaml", "post: vice_chair,", "post: chair,")],
        [
            (
                "records/tyonvk/body.yaml:248: K211 memberships[1].post: two chairs at once: 'korhonen'"
                " (memberships[0]) and 'kyynarainen'; give the earlier one an end: date before the"
                " other starts"
            )
        ],
        BODY_STOPS_FAMILY,
    ),
    Case(
        "two_chairs_in_a_subcommittee",
        [
            change(
                "tietojaosto/body.yaml",
                "{person: juonikas, post: member,",
                "{person: juonikas, post: chair,",
            )
        ],
        [
            (
                "records/tietojaosto/body.yaml:41: K211 memberships[1].post: two chairs at once:"
                " 'roolihahmo' (memberships[0]) and 'juonikas'; give the earlier one an end: date"
                " before the other starts"
            )
        ],
        # The family's job loads the subcommittee for tyonvk's annual report too.
        {("tietojaosto", 2025), ("tyonvk", 2025)},
    ),
    Case(
        "dissent_by_absent_member",
        [change(M0611, "      - person: henkilo\n", "      - person: kuvitelma\n")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:84: K352 items[4].dissent[0].person: 'kuvitelma' is marked"
                " absent, so cannot be a dissenter; check the person or the attendance"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "dissent_before_arriving",
        [change(M0611, "      - person: henkilo\n", "      - person: lainaus\n")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:84: K352 items[4].dissent[0].person: 'lainaus' was not there at"
                " this item (arrived only at work_plan_followup), so cannot be a dissenter; check the"
                " person or the attendance"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "minutes_checker_absent",
        [change(M0312, "checkers: [oletus, lainaus]", "checkers: [oletus, juonikas]")],
        [
            (
                f"{SHOWN}/2025-03-12.yaml:108: K352 minutes.checkers[1]: 'juonikas' is marked absent, so"
                " cannot be a minutes checker; check the person or the attendance"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "more_votes_than_members_present",
        [change(M0611, "      for: 7\n", "      for: 8\n"), change(M0611, NAMED_0611, "")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:76: K377 items[4].votes.for: 10 votes in all (8 for, 2 against,"
                " 0 abstaining) but only 9 voting members were present at this item; check the counts"
                " and the attendance"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "votes_counted_before_arrival",
        # Lainaus arrives at a later item: with her 9 + 1 would vote at this one.
        [change(M0611, "      abstain: 0\n", "      abstain: 1\n")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:76: K377 items[4].votes.for: 10 votes in all (7 for, 2 against,"
                " 1 abstaining) but only 9 voting members were present at this item; check the counts"
                " and the attendance"
            )
        ],
        {("tyonvk", 2025)},
    ),
]

ATTENDANCE_AND_VOTES += [
    Case(
        "disqualified_member_moves_and_dissents",
        [
            change(
                M0611,
                "    decision: >-\n      Neuvottelukunta vahvisti",
                "    conflicts:\n      - person: henkilo\n    decision: >-\n"
                "      Neuvottelukunta vahvisti",
            )
        ],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:68: K352 items[4].motions[0].by: 'henkilo' is disqualified from"
                " this item (conflicts), so cannot be the mover; check the person or the conflict"
            ),
            (
                # Also true: the counts include his vote, but a disqualified member fills no seat
                # at the item (as in its quorum), so 8 voting members were there.
                f"{SHOWN}/2025-06-11.yaml:76: K377 items[4].votes.for: 9 votes in all (7 for, 2 against,"
                " 0 abstaining) but only 8 voting members were present at this item; check the counts"
                " and the attendance"
            ),
            (
                f"{SHOWN}/2025-06-11.yaml:80: K352 items[4].votes.named_against[0]: 'henkilo' is"
                " disqualified from this item (conflicts), so cannot be a voter; check the person"
                " or the conflict"
            ),
            (
                f"{SHOWN}/2025-06-11.yaml:86: K352 items[4].dissent[0].person: 'henkilo' is disqualified"
                " from this item (conflicts), so cannot be a dissenter; check the person or the"
                " conflict"
            ),
        ],
        {("tyonvk", 2025)},
    ),
]

STATES = [
    Case(
        "cancelled_with_minutes_and_press",
        [change(M0312, "status: held", "status: cancelled")],
        [
            (
                f"{SHOWN}/2025-03-12.yaml:20: K313 attendance: a cancelled meeting has no one present; mark"
                " everyone absent or remove attendance:, or set status: held if the meeting took place"
            ),
            (
                f"{SHOWN}/2025-03-12.yaml:106: K312 minutes: a cancelled meeting has no minutes; remove"
                " minutes:, or set status: held if the meeting took place"
            ),
            (
                f"{SHOWN}/2025-03-12.yaml:111: K312 press: a cancelled meeting has no press release; remove"
                " press:, or set status: held if the meeting took place"
            ),
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "minutes_approved_at_a_cancelled_meeting",
        [
            change(M0924, "status: held", "status: cancelled"),
            change(M0924, "minutes:\n  status: draft\n", ""),
            replace_all(M0924, "status: present}", "status: absent}"),
        ],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:134: K512 minutes.approved_at: 2025-09-24 was cancelled, so it"
                " approved no minutes; name the meeting that did"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "approved_at_but_not_approved",
        [change(M0611, "status: approved", "status: draft")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:133: K385 minutes.status: approved_at names 2025-09-24 but the"
                " minutes are draft; set status: approved, or remove approved_at"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "planned_meeting_with_approved_minutes",
        [change(M0611, "status: held", "status: planned")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:21: K316 invitation_sent: a planned meeting records what its"
                " invitation announced, so that a change of time or place reaches the calendars:"
                " write invitations: [{sent: 2025-06-02, start: ..., end: ..., place: ...}] instead"
            ),
            (
                f"{SHOWN}/2025-06-11.yaml:67: K327 items[4].motions: a planned meeting has no motion yet"
                " (and 7 more such fields); set status: held once the meeting has taken place, or"
                " remove motions:"
            ),
            (
                f"{SHOWN}/2025-06-11.yaml:133: K384 minutes.status: the minutes of a planned meeting cannot"
                " be approved; set the meeting's status: held once it has taken place"
            ),
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "two_meetings_overlap",
        [
            copy(
                M0924,
                "tyonvk/meetings/2025-09-24-2.yaml",
                ('start: "13:00"', 'start: "14:00"'),
                ('end: "14:45"', 'end: "15:00"'),
            )
        ],
        [
            (
                f"{SHOWN}/2025-09-24-2.yaml:8: K511 start: this meeting (14:00-15:00) overlaps 2025-09-24"
                " of tyonvk (13:00-14:45) on the same day; check the times or the date"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "two_meetings_overlap_earlier_start",
        [
            copy(
                M0924,
                "tyonvk/meetings/2025-09-24-2.yaml",
                ('start: "13:00"', 'start: "9:00"'),
                ('end: "14:45"', 'end: "13:30"'),
            )
        ],
        [
            (
                f"{SHOWN}/2025-09-24-2.yaml:8: K511 start: this meeting (09:00-13:30) overlaps 2025-09-24"
                " of tyonvk (13:00-14:45) on the same day; check the times or the date"
            )
        ],
        {("tyonvk", 2025)},
    ),
]

STATES += [
    Case(
        "minutes_approved_at_a_planned_meeting",
        [change(M0924, "status: held", "status: planned")],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:134: K513 minutes.approved_at: 2025-09-24 has not been held yet,"
                " so it cannot have approved these minutes; keep status: checked or draft until it has"
            ),
            (
                f"{SHOWN}/2025-09-24.yaml:17: K316 invitation_sent: a planned meeting records what its"
                " invitation announced, so that a change of time or place reaches the calendars:"
                " write invitations: [{sent: 2025-09-15, start: ..., end: ..., place: ...}] instead"
            ),
            (
                f"{SHOWN}/2025-09-24.yaml:47: K327 items[4].decision: a planned meeting has no decision yet"
                " (and 1 more such field); set status: held once the meeting has taken place, or"
                " remove decision:"
            ),
        ],
        {("tyonvk", 2025)},
    ),
]

FILES = [
    Case(
        "meeting_linked_from_outside",
        [link_outside("tyonvk/meetings/2025-10-01.yaml", "date: 2025-10-01\nsalaisuus: x\n")],
        [
            (
                f"{SHOWN}/2025-10-01.yaml: K108 a link to a file outside records/, which kokous does not"
                " read; copy the record into records/ instead of linking to it"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "body_linked_from_outside",
        [link_outside("vieras", "name: Vieras\nlanguages: [fi]\n", folder=True)],
        [
            (
                "records/vieras: K108 a link to a file outside records/, which kokous does not read; copy"
                " the record into records/ instead of linking to it"
            )
        ],
        set(),
    ),
    Case(
        "upper_case_extension",
        [copy(M0924, "tyonvk/meetings/2025-10-01.YAML", ("date: 2025-09-24", "date: 2025-10-01"))],
        [
            (
                f"{SHOWN}/2025-10-01.YAML: K107 only .yaml files (lower case) are read: rename it"
                " 2025-10-01.yaml"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "yml_year_and_body",
        [
            write("tyonvk/years/2026.yml", b"summary: x\n"),
            write("uusi/body.yml", b"name: Uusi\n"),
        ],
        [
            (
                "records/tyonvk/years/2026.yml: K107 only .yaml files (lower case) are read: rename it"
                " 2026.yaml"
            ),
            "records/uusi/body.yml: K104 the body's record must be named body.yaml (lower case)",
        ],
        {("tyonvk", 2026)},
    ),
    Case(
        "date_that_does_not_exist_in_the_name",
        [
            copy(
                M0924, "tyonvk/meetings/2025-02-30.yaml", ("date: 2025-09-24", "date: 2025-02-30")
            ),
            write("tyonvk/meetings/2025-13-01.yaml", b"date: 2025-13-01\n"),
        ],
        [
            (
                f"{SHOWN}/2025-02-30.yaml: K105 there is no such date as 2025-02-30 (check the day and month"
                " in the file name): name it YYYY-MM-DD.yaml (YYYY-MM-DD-2.yaml for a second meeting"
                " that day)"
            ),
            (
                f"{SHOWN}/2025-13-01.yaml: K105 there is no such date as 2025-13-01 (check the day and month"
                " in the file name): name it YYYY-MM-DD.yaml (YYYY-MM-DD-2.yaml for a second meeting"
                " that day)"
            ),
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "line_break_in_one_line_fields",
        [
            change(
                "tyonvk/body.yaml",
                "  fi: etunimi.sukunimi@gov.fi\n",
                "  fi: |\n    etunimi.sukunimi\n    @gov.fi\n",
            ),
            change(
                M0611,
                "    fi: Neuvottelukunta vahvisti jaostojensa kokoonpanon\n",
                '    fi: "Neuvottelukunta vahvisti\\njaostojensa kokoonpanon"\n',
            ),
        ],
        [
            (
                "records/tyonvk/body.yaml:111: K601 email_pattern.fi: must be one line but holds a line"
                " break; write it on one line (a '|' block keeps line breaks)"
            ),
            (
                f"{SHOWN}/2025-06-11.yaml:139: K601 press.headline.fi: must be one line but holds a line"
                " break; write it on one line (a '|' block keeps line breaks)"
            ),
        ],
        BODY_STOPS_FAMILY,
    ),
]

MESSAGES = [
    Case(
        "utf16_with_bom",
        [
            lambda root: (root / M0924).write_bytes(
                (root / M0924).read_text(encoding="utf-8").encode("utf-16")
            )
        ],
        [
            (
                f"{SHOWN}/2025-09-24.yaml: K001 the file is saved as UTF-16 LE; save it as UTF-8 (in VS"
                " Code: click 'UTF-16 LE' in the status bar, 'Save with Encoding', 'UTF-8'; in"
                " Notepad: 'Save as', Encoding 'UTF-8')"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "utf16_big_endian_without_bom",
        [
            lambda root: (root / M0924).write_bytes(
                (root / M0924).read_text(encoding="utf-8").encode("utf-16-be")
            )
        ],
        [
            (
                f"{SHOWN}/2025-09-24.yaml: K001 the file is saved as UTF-16 BE; save it as UTF-8 (in VS"
                " Code: click 'UTF-16 BE' in the status bar, 'Save with Encoding', 'UTF-8'; in"
                " Notepad: 'Save as', Encoding 'UTF-8')"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "merge_conflict_in_meeting",
        [
            change(
                M0611,
                "mode: remote\n",
                "<<<<<<< HEAD\nmode: remote\n=======\nmode: hybrid\n>>>>>>> sihteeri\n",
            )
        ],
        [
            (
                f"{SHOWN}/2025-06-11.yaml:19: K001 an unresolved git merge (conflict marker '<<<<<<<'):"
                " keep the lines you want between the markers, delete the marker lines (<<<<<<<,"
                " =======, >>>>>>>), then validate again"
            )
        ],
        {("tyonvk", 2025)},
    ),
    Case(
        "merge_conflict_in_body",
        [
            change(
                "tietojaosto/body.yaml",
                "minutes_type: muistio\n",
                "<<<<<<< HEAD\nminutes_type: muistio\n=======\nminutes_type: poytakirja\n"
                ">>>>>>> 1f2e3d4 (jaoston pöytäkirjat)\n",
            )
        ],
        [
            (
                "records/tietojaosto/body.yaml:35: K001 an unresolved git merge (conflict marker"
                " '<<<<<<<'): keep the lines you want between the markers, delete the marker lines"
                " (<<<<<<<, =======, >>>>>>>), then validate again"
            )
        ],
        {("tietojaosto", 2025), ("tyonvk", 2025)},
    ),
]

CASES = DATES + ATTENDANCE_AND_VOTES + STATES + FILES + MESSAGES


def _volumes(root: Path, extra: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Every (body, year) volume the build would load, as text: the error lines, or the loaded
    model (so a change anywhere in it shows)."""
    tree = layout.scan_records(root)
    wanted = set(extra)
    for body, files in tree.bodies.items():
        wanted |= {(body, y) for y in {2025, *files.meeting_years(), *files.years}}
    out = {}
    for body, year in sorted(wanted):
        try:
            out[body, year] = repr(records_mod.load_volume(root, body, year))
        except RecordsInvalid as exc:
            out[body, year] = "invalid: " + "\n".join(str(p) for p in exc.errors)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_mistake(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = copy_records(tmp_path / "clean")
    before = _volumes(clean, case.stopped)
    root = copy_records(tmp_path)
    for step in case.setup:
        step(root)

    # kokous validate: exactly these lines, exit 1, no traceback.
    assert cli.main(["validate", "--records", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    shown = [line.replace(str(root.parent) + "/", "") for line in err]
    assert shown == [*case.expected, f"kokous: {len(case.expected)} problem(s) in the records"]

    # The build's loading stops the family-years named, and no other changes at all.
    after = _volumes(root, case.stopped)
    failed = {k for k, v in after.items() if v.startswith("invalid: ")}
    assert failed == case.stopped
    for key in after.keys() - case.stopped:
        assert after[key] == before.get(key), key


def test_each_class_has_two_cases() -> None:
    for cases in (DATES, ATTENDANCE_AND_VOTES, STATES, FILES, MESSAGES):
        assert len(cases) >= 2


# ---------------------------------------------------------------------------------------------
# Which files are records: the one rule (kokous.layout.scan_records) that validate, every build
# job and the workflow share.


def test_editor_files_are_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = copy_records(tmp_path / "clean")
    root = copy_records(tmp_path)
    meetings = root / "tyonvk" / "meetings"
    for name in ("2025-09-24.yaml~", ".2025-09-24.yaml.swp", "#2025-09-24.yaml#", "x.yaml.bak"):
        (meetings / name).write_bytes(b"\xff\xfe garbage: [")
    # Emacs's lock file is a link to nowhere: ignored by its name, never followed.
    (meetings / ".#2025-09-24.yaml").symlink_to("sihteeri@kone.12345:1700000000")
    (root / "tyonvk" / "years" / "2025.yaml~").write_text("summary: vanha\n")

    assert cli.main(["validate", "--records", str(root)]) == 0
    assert capsys.readouterr().err == ""
    tree = layout.scan_records(root)
    assert tree.problems == ()
    assert tree.bodies["tyonvk"].meetings == ("2025-03-12", "2025-06-11", "2025-09-24")
    assert tree.bodies["tyonvk"].years == (2025,)
    assert _volumes(root, set()) == _volumes(clean, set())


def test_a_link_inside_records_is_read(tmp_path: Path) -> None:
    root = copy_records(tmp_path)
    years = root / "tyonvk" / "years"
    (root / "tyonvk" / "archive").mkdir()
    (years / "2025.yaml").rename(root / "tyonvk" / "archive" / "2025.yaml")
    (years / "2025.yaml").symlink_to(Path("..") / "archive" / "2025.yaml")
    assert layout.narrative_years(root, "tyonvk") == [2025]
    assert records_mod.load_volume(root, "tyonvk", 2025).narrative is not None


def test_a_body_file_linked_from_outside_is_never_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_records(tmp_path)
    secret = tmp_path / "salainen.yaml"
    secret.write_text("name: KANARIA-ULKOPUOLINEN\nlanguages: [fi]\n", encoding="utf-8")
    (root / "tyonvk" / "body.yaml").unlink()
    (root / "tyonvk" / "body.yaml").symlink_to(secret)

    assert cli.main(["validate", "--records", str(root)]) == 1
    out = capsys.readouterr()
    assert out.err.splitlines()[0] == (
        "records/tyonvk/body.yaml: K108 a link to a file outside records/, which kokous does not"
        " read; copy the record into records/ instead of linking to it"
    )
    assert "KANARIA" not in out.out + out.err
    assert "tyonvk" not in layout.body_ids(root)
    with pytest.raises(RecordsInvalid) as caught:
        records_mod.load_volume(root, "tyonvk", 2025)
    assert [str(p) for p in caught.value.errors] == [out.err.splitlines()[0]]


def test_scan_records_names_each_problem_with_its_body_and_year(tmp_path: Path) -> None:
    root = copy_records(tmp_path)
    (root / "tyonvk" / "meetings" / "2025-10-01.YAML").write_text("date: 2025-10-01\n")
    (root / "tyonvk" / "meetings" / "2026-1-15.yaml").write_text("date: 2026-01-15\n")
    (root / "tyonvk" / "meetings" / "2025-09-24-2.yaml").write_text("date: 2025-09-24\n")
    (root / "tyonvk" / "years" / "vuosi.yaml").write_text("summary: x\n")

    tree = layout.scan_records(root)
    assert list(tree.bodies) == ["kuntajaosto", "tietojaosto", "tyonvk", "yhdyspintajaosto"]
    tyonvk = tree.bodies["tyonvk"]
    assert tyonvk.body_file == root / "tyonvk" / "body.yaml"
    assert tyonvk.meetings == ("2025-03-12", "2025-06-11", "2025-09-24", "2025-09-24-2")
    assert tyonvk.years == (2025,)
    assert [(str(p), p.body, p.year) for p in tree.problems] == [
        (
            (
                "records/tyonvk/meetings/2025-10-01.YAML: K107 only .yaml files (lower case) are read:"
                " rename it 2025-10-01.yaml"
            ),
            "tyonvk",
            2025,
        ),
        (
            (
                "records/tyonvk/meetings/2026-1-15.yaml: K105 the file name is not a meeting date: name it"
                " YYYY-MM-DD.yaml (YYYY-MM-DD-2.yaml for a second meeting that day)"
            ),
            "tyonvk",
            2026,
        ),
        (
            "records/tyonvk/years/vuosi.yaml: K106 not a year record: name it YYYY.yaml",
            "tyonvk",
            None,
        ),
    ]
    assert [p.path for p in tree.problems_of(["tyonvk", "tietojaosto"], 2026)] == [
        "records/tyonvk/meetings/2026-1-15.yaml"
    ]
    # The functions the workflow calls agree with the scan.
    assert layout.body_ids(root) == list(tree.bodies)
    assert layout.meeting_keys(root, "tyonvk", 2025) == list(tyonvk.meetings)
    assert layout.meeting_keys(root, "tyonvk", 2026) == []
    assert layout.narrative_years(root, "tyonvk") == [2025]


# ---------------------------------------------------------------------------------------------
# Warnings: unusual but possible. Reported, and nothing stops.


def test_unusual_but_possible_is_a_warning(tmp_path: Path) -> None:
    root = copy_records(tmp_path)
    copy(
        M0924,
        "tyonvk/meetings/2025-09-28.yaml",
        ("date: 2025-09-24", "date: 2025-09-28"),
    )(root)
    change(M0611, "published: 2025-06-11T14:00", "published: 2025-08-11T14:00")(root)

    found = [str(p) for p in records_mod.validate_tree(root)]
    assert found == [
        (
            "records/tyonvk/meetings/2025-03-12.yaml:114: K403 press.headline.fi: warning: the headline is"
            " 103 characters; house style is about 60-70, at most 100"
        ),
        (
            "records/tyonvk/meetings/2025-06-11.yaml:137: K407 press.published: warning: the press release"
            " is published 61 days after the meeting (2025-06-11); check the date"
        ),
        (
            "records/tyonvk/meetings/2025-09-28.yaml:6: K311 date: warning: 2025-09-28 is a Sunday; check"
            " the date"
        ),
    ]
    assert records_mod.load_volume(root, "tyonvk", 2025).warnings
