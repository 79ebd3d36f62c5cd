"""Before the meeting (issue 15): the lifecycle planned → held in the record, the agenda
(esityslista) and the invitation (kokouskutsu: e-mail with the agenda PDF, iCalendar event)
from a planned record; the minutes of the held meeting with the agenda's items and numbers and
where they departed from it. And the press release as an e-mail (issue 14)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import snakemake
from records_support import copy_records, edit, errors

KEY = "2025-11-05"
MEETING = Path("tyonvk") / "meetings" / f"{KEY}.yaml"
PLACE = "Eteläesplanadi 4, Helsinki"
LINK = "https://teams.example/l/meetup-join/123"
SECRET_BACKGROUND = "SALAINEN-TAUSTA-KANARIA"
HEADING = re.compile(r"<h2[^>]*>(\d+)\s*§\s*(.*?)</h2>", re.DOTALL)

OWN_ITEMS = f"""\
  - id: work_plan
    title: Työsuunnitelma 2026
    kind: decision
    presenter: wessman
    background: Työsuunnitelma laaditaan vuodeksi kerrallaan.
    proposal: Neuvottelukunta hyväksyy työsuunnitelman.
    attachments:
      - title: Työsuunnitelman luonnos
  - id: budget_talks
    title: Talousarvioneuvottelut
    kind: information
    visibility: confidential
    legal_basis: JulkL 24 § 1 mom. 7 k
    background: {SECRET_BACKGROUND}
    proposal: Merkitään tiedoksi.
  - standard: closing
"""


def kokous(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kokous", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )


def write_planned(records: Path) -> Path:
    """The record `kokous new-meeting` starts, with its blanks filled as a secretary would
    before sending the invitation."""
    from kokous.newmeeting import new_meeting

    path = new_meeting(records, "tyonvk", dt.date.fromisoformat(KEY))
    fill_planned(path)
    return path


def fill_planned(path: Path) -> None:
    edit(path, '# start: "13:00"  # TODO', 'start: "13:00"')
    edit(path, '# end: "15:00"  # TODO', 'end: "15:00"')
    edit(
        path, "# location:\n#   place:\n#     fi: TODO\n", f"location:\n  place:\n    fi: {PLACE}\n"
    )
    edit(
        path,
        "#   remote_link: https://…  # TODO for a remote or hybrid meeting",
        f"  remote_link: {LINK}",
    )
    edit(path, "mode: in_person", "mode: hybrid")
    edit(path, "  - standard: closing\n", OWN_ITEMS)


def hold(path: Path, *, changes: bool = False) -> None:
    """The same record after the meeting: held, with decisions and checkers; with ``changes``,
    an item added at the meeting and the confidential item deferred."""
    edit(path, "status: planned", "status: held")
    edit(
        path,
        "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n",
        "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n"
        "    decision: Neuvottelukunta hyväksyi työsuunnitelman.\n",
    )
    if changes:
        edit(
            path,
            "    proposal: Merkitään tiedoksi.\n",
            "    proposal: Merkitään tiedoksi.\n    outcome: deferred\n",
        )
        edit(
            path,
            "  - standard: closing\n",
            "  - id: extra\n    title: Lausuntopyyntö\n    kind: decision\n"
            "    added_at_meeting: true\n    decision: Päätettiin antaa lausunto.\n"
            "  - standard: closing\n",
        )
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "minutes:\n  status: draft\n  checkers: [kyynarainen, oletus]\n", encoding="utf-8"
    )


def set_agenda_publication(records: Path, value: str) -> None:
    body = records / "tyonvk" / "body.yaml"
    text = body.read_text(encoding="utf-8")
    body.write_text(text.rstrip("\n") + f"\nagenda_publication: {value}\n", encoding="utf-8")


def unescaped(markdown: str) -> str:
    """The Markdown the templates write, without the escapes that keep record text literal."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def headings(html: str) -> list[tuple[int, str]]:
    return [(int(n), re.sub(r"<[^>]+>", "", t).strip()) for n, t in HEADING.findall(html)]


def manifest(build: Path) -> list[dict]:
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))["artifacts"]


def seed_meetings_before(records: Path) -> int:
    return len([p for p in (records / "tyonvk" / "meetings").glob("2025-*.yaml") if p.stem < KEY])


# ------------------------------------------------------------------------------ the workflow


def test_a_planned_meeting_yields_its_agenda_and_an_invitation_that_parse(
    workflow_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icalendar import Calendar
    from test_pdf_structure import pdf_problems

    records = workflow_copy / "records"
    # The README's way: `kokous new-meeting`, fill in the items, build.
    result = kokous(workflow_copy, "new-meeting", "--body", "tyonvk", "--date", KEY)
    assert result.returncode == 0, result.stderr
    fill_planned(records / MEETING)
    snakemake(workflow_copy)
    build = workflow_copy / "build"
    folder = build / "internal" / "tyonvk" / "2025" / KEY
    number = f"{seed_meetings_before(records) + 1}/2025"

    # The agenda in three formats, in the internal edition only (the body's default: never).
    for fmt in ("html", "pdf", "docx"):
        assert (folder / f"agenda.fi.{fmt}").is_file()
    assert not (build / "public" / "tyonvk" / "2025" / KEY).exists()
    html = (folder / "agenda.fi.html").read_text(encoding="utf-8")
    assert f"Esityslista {number}" in html
    for shown in (
        PLACE,
        LINK,
        "Jenni Wessman",
        "Työsuunnitelma laaditaan vuodeksi kerrallaan.",
        "Neuvottelukunta hyväksyy työsuunnitelman.",
        "Työsuunnitelman luonnos",
        SECRET_BACKGROUND,
    ):
        assert shown in html, shown
    # Numbered as the § will be: on from the last § of the year's previous meeting.
    previous = (
        build / "internal" / "tyonvk" / "2025" / "2025-09-24" / "minutes.fi.html"
    ).read_text(encoding="utf-8")
    numbers = [n for n, _title in headings(html)]
    assert numbers == list(
        range(headings(previous)[-1][0] + 1, headings(previous)[-1][0] + 1 + len(numbers))
    )
    assert pdf_problems(folder / "agenda.fi.pdf") == []

    # The invitation: an e-mail with the agenda PDF attached...
    message = email.message_from_bytes(
        (folder / "invitation.fi.eml").read_bytes(), policy=email.policy.default
    )
    assert number in message["Subject"] and "Kokouskutsu" in message["Subject"]
    assert message["Message-ID"]
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_content() == (folder / "agenda.fi.pdf").read_bytes()
    text = message.get_body(("plain",)).get_content()
    assert LINK in text and "jäsenet ja varajäsenet" in message["To"]
    assert "varajäsen Ville Varamies" in text  # the deputies are invited too

    # ...and an iCalendar event in Helsinki time with the place and the link.
    calendar = Calendar.from_ical((folder / "invitation.fi.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    helsinki = ZoneInfo("Europe/Helsinki")
    assert event.decoded("dtstart") == dt.datetime(2025, 11, 5, 13, 0, tzinfo=helsinki)
    assert event.decoded("dtend") == dt.datetime(2025, 11, 5, 15, 0, tzinfo=helsinki)
    assert event["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert str(event["location"]) == PLACE and str(event["url"]) == LINK

    # The manifest lists them by kind, with their meeting.
    entries = [a for a in manifest(build) if a["meeting"] == KEY]
    formats = {(a["edition"], a["kind"]): set() for a in entries}
    for a in entries:
        formats[(a["edition"], a["kind"])].add(a["format"])
    assert formats == {
        ("internal", "agenda"): {"html", "pdf", "docx"},
        ("internal", "invitation"): {"eml", "ics"},
    }

    # The preview makes the same bytes through the same functions.
    from kokous.preview import Preview

    # Started where snakemake runs, with the records folder as the workflow names it (the
    # documents' provenance names the record files so).
    monkeypatch.chdir(workflow_copy)
    session = Preview(Path("records"), Path("build"), "internal")
    try:
        session.load_all()
        for name in ("invitation.fi.eml", "invitation.fi.ics", "agenda.fi.html"):
            status, data, _kind = session.page(f"/tyonvk/2025/{KEY}/{name}")
            assert status == 200 and data.startswith((folder / name).read_bytes()[:100]), name
            if not name.endswith(".html"):  # the preview adds its reload script to HTML
                assert data == (folder / name).read_bytes(), name
    finally:
        session.stop()

    # Snakemake knows every one of them: --delete-all-output removes them, and a rebuild
    # gives the same bytes (nothing in them comes from the wall clock).
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    snakemake(workflow_copy, "--delete-all-output")
    assert not folder.exists() or not any(folder.iterdir())
    snakemake(workflow_copy)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_the_minutes_of_the_held_meeting_have_the_agendas_items_and_numbers(
    workflow_copy: Path, tmp_path: Path
) -> None:
    from test_workflow import same_as_clean

    records = workflow_copy / "records"
    snakemake(workflow_copy)
    path = write_planned(records)
    snakemake(workflow_copy)
    same_as_clean(workflow_copy, tmp_path / "clean")  # a meeting planned in a built year
    folder = workflow_copy / "build" / "internal" / "tyonvk" / "2025" / KEY
    agenda = headings((folder / "agenda.fi.html").read_text(encoding="utf-8"))
    assert agenda

    hold(path)
    snakemake(workflow_copy)
    minutes = headings((folder / "minutes.fi.html").read_text(encoding="utf-8"))
    assert minutes == agenda
    # The agenda stays, the invitation is gone with the planned state.
    assert headings((folder / "agenda.fi.html").read_text(encoding="utf-8")) == agenda
    assert not (folder / "invitation.fi.eml").exists()
    assert not (folder / "invitation.fi.ics").exists()
    same_as_clean(workflow_copy, tmp_path / "clean")  # the invitation removed once held


# ------------------------------------------------------------------------------ the model


def volume_of(records: Path):
    from kokous.records import load_volume

    return load_volume(records, "tyonvk", 2025)


def meeting_of(volume):
    return next(m for m in volume.meetings if m.key == KEY)


def test_the_minutes_say_where_the_meeting_departed_from_the_agenda(tmp_path: Path) -> None:
    from kokous import documents

    records = copy_records(tmp_path)
    path = write_planned(records)
    hold(path, changes=True)
    volume = volume_of(records)
    meeting = meeting_of(volume)
    minutes = unescaped(documents.minutes(volume, meeting, "internal").markdown)
    shown = {t: int(n) for n, t in re.findall(r"^## (\d+) § (.+)$", minutes, re.MULTILINE)}
    assert "seuraavin muutoksin" in minutes
    assert f"Esityslistaan lisättiin asia Lausuntopyyntö ({shown['Lausuntopyyntö']} §)" in minutes
    assert (
        f"Talousarvioneuvottelut ({shown['Talousarvioneuvottelut']} §) käsittely siirrettiin"
        in minutes
    )
    assert "Kokouksessa esityslistaan lisätty asia" in minutes
    # The agenda is what was sent: without the added item, the deferred one still on it.
    agenda = unescaped(documents.agenda(volume, meeting, "internal").markdown)
    assert "Lausuntopyyntö" not in agenda and "Talousarvioneuvottelut" in agenda
    assert "siirrettiin" not in agenda


@pytest.mark.parametrize(
    ("setting", "planned", "held"),
    [("before_meeting", True, True), ("after_meeting", False, True), ("never", False, False)],
)
def test_the_public_agenda_follows_the_bodys_setting(
    tmp_path: Path, setting: str, planned: bool, held: bool
) -> None:
    from kokous import documents, plan

    records = copy_records(tmp_path)
    set_agenda_publication(records, setting)
    path = write_planned(records)
    now = dt.datetime(2026, 1, 1)
    for state, expected in (("planned", planned), ("held", held)):
        if state == "held":
            hold(path)
        volume = volume_of(records)
        stems = {
            str(d.stem)
            for e in ("public", "internal")
            for d in documents.meeting_documents(volume, e, now, {KEY})
        }
        assert f"internal/tyonvk/2025/{KEY}/agenda.fi" in stems
        assert (f"public/tyonvk/2025/{KEY}/agenda.fi" in stems) == expected, state
        # The plan declares the same files the render job writes.
        by = plan.plan_body_year(records, "tyonvk", 2025, plan.EDITIONS, (), now)
        assert (f"public/tyonvk/2025/{KEY}/agenda.fi.pdf" in by.files) == expected, state
        assert (f"internal/tyonvk/2025/{KEY}/invitation.fi.ics" in by.files) == (state == "planned")
        assert not any(f.startswith(f"public/tyonvk/2025/{KEY}/invitation") for f in by.files)


def test_the_public_agenda_reduces_non_public_items_and_hides_the_link(tmp_path: Path) -> None:
    from kokous import documents

    records = copy_records(tmp_path)
    set_agenda_publication(records, "before_meeting")
    write_planned(records)
    volume = volume_of(records)
    meeting = meeting_of(volume)
    public = unescaped(documents.agenda(volume, meeting, "public").markdown)
    internal = unescaped(documents.agenda(volume, meeting, "internal").markdown)
    assert "Talousarvioneuvottelut" in public and "JulkL 24 § 1 mom. 7 k" in public
    assert "KANARIA" not in public and "teams" not in public
    assert "KANARIA" in internal and "teams" in internal


# ------------------------------------------------------------------------------ misfits


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "field"),
    [
        (
            "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n",
            "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n    decision: Hyväksyttiin.\n",
            "    decision: Hyväksyttiin.",
            "decision",
        ),
        (
            "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n",
            "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n    added_at_meeting: true\n",
            "    added_at_meeting: true",
            "added_at_meeting",
        ),
        (
            "    proposal: Neuvottelukunta hyväksyy työsuunnitelman.\n",
            "",
            "  - id: work_plan",
            "proposal",
        ),
    ],
)
def test_a_planned_meeting_that_holds_what_only_a_meeting_does_is_a_file_line_error(
    tmp_path: Path, old: str, new: str, needle: str, field: str
) -> None:
    records = copy_records(tmp_path)
    path = write_planned(records)
    edit(path, old, new)
    found = errors(records)
    prefix = f"records/{MEETING.as_posix()}:"
    mine = [e for e in found if e.startswith(prefix)]
    assert len(mine) == 1, found
    match = re.match(rf"{re.escape(prefix)}(\d+): K\d{{3}} items\[\d+\]\.{field}: (.+)$", mine[0])
    assert match, mine
    assert "\n" not in mine[0]
    assert int(match[1]) == line_of(path, needle)  # a missing field: the line of its item


def test_an_invitation_without_items_is_a_file_line_error(tmp_path: Path) -> None:
    records = copy_records(tmp_path)
    path = write_planned(records)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("items:\n")] + "items: []\n", encoding="utf-8")
    found = [e for e in errors(records) if e.startswith(f"records/{MEETING.as_posix()}:")]
    assert len(found) == 1 and re.match(r"^records/\S+:\d+: K326 items: .*agenda", found[0]), found


def test_a_new_meeting_builds_as_it_is(tmp_path: Path) -> None:
    from icalendar import Calendar

    from kokous import build
    from kokous.newmeeting import new_meeting

    records = copy_records(tmp_path)
    new_meeting(records, "tyonvk", dt.date.fromisoformat(KEY))
    assert errors(records) == []
    out = tmp_path / "build"
    checked, part = out / "checked.pickle", out / "part.json"
    build.check_year(records, "tyonvk", 2025, checked, out / "facts.json")
    build.render_meetings(checked, [KEY], out, part, now=dt.datetime(2026, 1, 1))
    folder = out / "internal" / "tyonvk" / "2025" / KEY
    written = sorted(p.name for p in folder.iterdir())
    assert written == [
        "agenda.fi.docx",
        "agenda.fi.html",
        "agenda.fi.pdf",
        "invitation.fi.eml",
        "invitation.fi.ics",
    ]
    assert not (out / "public" / "tyonvk" / "2025" / KEY).exists()
    # No start time yet: an all-day event on the meeting's day.
    [event] = Calendar.from_ical((folder / "invitation.fi.ics").read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date.fromisoformat(KEY)


# ------------------------------------------------------------------------------ e-mail


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_press_release_e_mail_parses_with_the_headline_as_subject(
    built_sample: Path, lang: str
) -> None:
    record = yaml.safe_load(
        (
            Path(__file__).parents[1] / "records" / "tyonvk" / "meetings" / "2025-03-12.yaml"
        ).read_text(encoding="utf-8")
    )
    folder = built_sample / "public" / "tyonvk" / "2025" / "2025-03-12"
    message = email.message_from_bytes(
        (folder / f"press-release.{lang}.eml").read_bytes(), policy=email.policy.default
    )
    assert message["Subject"] == record["press"]["headline"][lang]
    assert message.get_content_type() == "multipart/alternative"
    # MIME text parts end their lines with CRLF (RFC 2046); the files with LF. The HTML
    # part is the page with its links made absolute (tests/test_mail.py checks them).
    unlinked = re.compile(r' href="[^"]*"')
    for subtype, fmt in (("plain", "txt"), ("html", "html")):
        part = message.get_body((subtype,)).get_content().replace("\r\n", "\n")
        page = (folder / f"press-release.{lang}.{fmt}").read_text(encoding="utf-8")
        assert unlinked.sub("", part) == unlinked.sub("", page)
    assert message["X-Embargo"] is None  # the sample's release has no embargo
    entry = next(
        a
        for a in manifest(built_sample)
        if a["path"] == f"public/tyonvk/2025/2025-03-12/press-release.{lang}.eml"
    )
    assert entry["format"] == "eml" and entry["kind"] == "press-release"


def test_an_embargoed_press_release_e_mail_carries_the_embargo() -> None:
    import dataclasses

    from kokous import mail
    from kokous.records import load_volume

    volume = load_volume(Path(__file__).parents[1] / "records", "tyonvk", 2025)
    meeting = next(m for m in volume.meetings if m.press)
    meeting = dataclasses.replace(meeting, press=dataclasses.replace(meeting.press, embargo=True))
    envelope = mail.Envelope(
        volume.body.mail.sender, volume.body.mail.newsroom, None, meeting.press.published
    )

    def release() -> bytes:
        return mail.press_release_email(
            meeting, "fi", b"<p>x</p>", b"x\n", edition="public", envelope=envelope
        )

    data = release()
    message = email.message_from_bytes(data, policy=email.policy.default)
    embargo = email.utils.parsedate_to_datetime(message["X-Embargo"])
    assert embargo == meeting.press.published.replace(tzinfo=ZoneInfo("Europe/Helsinki"))
    assert data == release()
