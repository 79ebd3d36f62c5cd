"""The new-meeting helper: prefilled from the roster, valid as written, valid and buildable once
the secretary fills the blanks, and it never overwrites a record."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import snakemake

KOKOUS = [sys.executable, "-m", "kokous"]


def kokous(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KOKOUS, *args], cwd=workdir, capture_output=True, text=True, check=False
    )


def test_new_meeting_record_validates_when_filled_and_builds(workflow_copy: Path) -> None:
    from kokous.records import load_volume

    records = workflow_copy / "records"
    result = kokous(workflow_copy, "new-meeting", "--body", "tyonvk", "--date", "2025-11-05")
    assert result.returncode == 0, result.stderr
    path = records / "tyonvk" / "meetings" / "2025-11-05.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/meeting.schema.json")
    assert "status: planned" in text
    assert "This will be meeting 4/2025" in text  # three meetings before it in 2025
    for person in ("korhonen", "kyynarainen", "malli", "wessman", "sihteeri", "mallikas"):
        assert f"{{person: {person}, status: present}}" in text
    assert "  # - {person: varamies, status: present}" in text  # deputy: commented out
    for standard in ("opening", "legality", "checkers", "agenda", "closing"):
        assert f"  - standard: {standard}\n" in text

    # Valid as written (a planned meeting)...
    volume = load_volume(records, "tyonvk", 2025)
    assert volume.meetings[-1].key == "2025-11-05" and volume.meetings[-1].number == 4

    # ...and once the secretary fills the blanks after the meeting.
    filled = (
        text.replace("status: planned", "status: held")
        .replace('# start: "13:00"  # TODO', 'start: "13:00"')
        .replace('# end: "15:00"  # TODO', 'end: "15:00"')
        .replace("{person: malli, status: present}", "{person: malli, status: absent}")
        .replace(
            "  # - {person: varamies, status: present}", "  - {person: varamies, status: present}"
        )
        .replace(
            "  - standard: closing",
            "  - id: work_plan\n    title: Työsuunnitelma 2026\n    kind: decision\n"
            "    presenter: wessman\n    proposal: Hyväksytään.\n"
            "    decision: Hyväksyttiin.\n  - standard: closing",
        )
    )
    path.write_text(filled, encoding="utf-8")
    volume = load_volume(records, "tyonvk", 2025)
    meeting = volume.meetings[-1]
    assert meeting.status == "held" and meeting.quorum.reached
    assert meeting.items[0].number == volume.meetings[-2].items[-1].number + 1
    assert kokous(workflow_copy, "validate").returncode == 0

    snakemake(workflow_copy, "--config", "bodies=[tyonvk]")
    built = workflow_copy / "build" / "internal" / "tyonvk" / "2025" / "2025-11-05"
    assert (built / "minutes.fi.html").is_file()  # a draft: internal edition only
    assert "Työsuunnitelma 2026" in (built / "minutes.fi.html").read_text(encoding="utf-8")


def test_new_meeting_refuses_to_overwrite_and_numbers_a_second_meeting(
    workflow_copy: Path,
) -> None:
    meetings = workflow_copy / "records" / "tyonvk" / "meetings"
    before = (meetings / "2025-06-11.yaml").read_bytes()
    result = kokous(workflow_copy, "new-meeting", "--body", "tyonvk", "--date", "2025-06-11")
    assert result.returncode == 1
    assert "already exists" in result.stderr and "--same-day" in result.stderr
    assert (meetings / "2025-06-11.yaml").read_bytes() == before
    args = ("new-meeting", "--body", "tyonvk", "--date", "2025-06-11", "--same-day")
    assert kokous(workflow_copy, *args).returncode == 0
    assert (meetings / "2025-06-11-2.yaml").is_file()
    assert kokous(workflow_copy, *args).returncode == 0
    assert (meetings / "2025-06-11-3.yaml").is_file()
    lone = kokous(
        workflow_copy, "new-meeting", "--body", "tyonvk", "--date", "2025-12-01", "--same-day"
    )
    assert lone.returncode == 1 and "leave out --same-day" in lone.stderr
    unknown = kokous(workflow_copy, "new-meeting", "--body", "nobody", "--date", "2025-12-01")
    assert unknown.returncode == 1 and "no body 'nobody'" in unknown.stderr


def test_deputies_tied_to_seats_are_listed_and_the_record_stays_valid(tmp_path: Path) -> None:
    """A personal deputy tied to a seat (``seat:``) is listed under whoever holds the seat on
    the meeting date, across a change of member; the record is valid as written and once the
    deputy attends for the absent member. (No workflow run: records only.)"""
    import datetime as dt

    from records_support import copy_records, errors, seat_the_vm_deputy

    from kokous.newmeeting import new_meeting
    from kokous.records import load_volume

    root = copy_records(tmp_path)
    body = root / "tyonvk" / "body.yaml"
    # VM's seat changes hands on 1.11.2025; its deputy follows the seat, not a person.
    seat_the_vm_deputy(body)
    assert errors(root) == []
    path = new_meeting(root, "tyonvk", dt.date(2025, 11, 5))
    text = path.read_text(encoding="utf-8")
    member = "  - {person: uusi, status: present}  # TODO Ulla Uusinen, jäsen, VM\n"
    deputy = "  # - {person: mallinen, status: present}  # Mikko Mallinen, varajäsen, VM\n"
    assert member + deputy in text  # the seat's deputy right under the seat's holder
    assert "{person: kuvitelma" not in text  # her membership ended with October
    # The deputy tied to a person is listed as before.
    assert "  # - {person: varamies, status: present}  # Ville Varamies, varajäsen, STM\n" in text

    assert errors(root) == []  # valid as written
    filled = (
        text.replace("status: planned", "status: held")
        .replace("{person: uusi, status: present}", "{person: uusi, status: absent}")
        .replace(
            "  # - {person: mallinen, status: present}", "  - {person: mallinen, status: present}"
        )
    )
    path.write_text(filled, encoding="utf-8")
    assert errors(root) == []
    meeting = load_volume(root, "tyonvk", 2025).meetings[-1]
    (mallinen,) = [a for a in meeting.attendance if a.person == "mallinen"]
    assert mallinen.deputising_for == "uusi"
    assert meeting.quorum.present == meeting.quorum.voting_members  # the seat is filled
