"""E-mails and invitations by the standards (issue 21): every ``.eml`` parses without a defect
and has ``From:`` and its recipients from the records or the config; its links are absolute
under ``base_url``; an internal e-mail says so in its subject; the invitation carries its
calendar event, which two independent libraries read, with ORGANIZER, and whose SEQUENCE and
DTSTAMP rise when the meeting moves, the documented way, and the build runs again."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import shutil
import subprocess
import sys
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path, PurePosixPath

import pytest
import yaml
from conftest import REPO, snakemake
from records_support import copy_records, edit, errors
from test_agenda import KEY, MEETING, PLACE, fill_planned

CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
BASE_URL = CONFIG["base_url"]
BODY = yaml.safe_load((REPO / "records" / "tyonvk" / "body.yaml").read_text(encoding="utf-8"))
SENDER = BODY["mail"]["from"]["address"]
MEMBERS = BODY["mail"]["members"]["address"]
PRIVATE_PHONE = "+358 50 555 0199"  # sihteeri's, phone_public unset (2025-06-11's contacts)
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
FIRST = """\
invitations:
  - sent: 2025-10-27
    start: "13:00"
    end: "15:00"
    place: {place}
"""


def parsed(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def defects(message: EmailMessage) -> list[str]:
    """Every defect Python's parser found: in the message, in each part, in each header."""
    found = [f"{part.get_content_type()}: {d!r}" for part in message.walk() for d in part.defects]
    for name, value in message.items():
        found += [f"{name}: {d!r}" for d in getattr(value, "defects", ())]
    return found


def plain(message: EmailMessage) -> str:
    """The plain text part, its no-break spaces ("+358 50") as spaces."""
    return message.get_body(("plain",)).get_content().replace("\xa0", " ")


def mails(build: Path) -> list[Path]:
    return sorted(build.glob("*/*/*/*/*.eml"))


def rfc2047(raw_header: str) -> str:
    """A header as an RFC 2047 decoder reads it (adjacent encoded words joined)."""
    return str(make_header(decode_header(raw_header)))


def raw_headers(path: Path) -> dict[str, str]:
    return raw_headers_of(path.read_bytes())


# ------------------------------------------------------------------------------ the sample


def test_every_e_mail_parses_cleanly_with_its_sender_and_recipient(built_sample: Path) -> None:
    found = mails(built_sample)
    assert {p.parts[-5] for p in found} == {"public", "internal"}
    for path in found:
        message = parsed(path)
        assert defects(message) == [], path
        lang = path.suffixes[0].lstrip(".")
        [sender] = message["From"].addresses
        assert sender.addr_spec == SENDER, path
        assert sender.display_name == BODY["mail"]["from"]["name"][lang]
        [to] = message["To"].addresses
        assert to.addr_spec == BODY["mail"]["newsroom"]["address"]
        assert message["Reply-To"].addresses[0].addr_spec == BODY["mail"]["reply_to"]["address"]
        assert message["Content-Language"] == lang and message["Date"] and message["Message-ID"]
        # Python's parser and an RFC 2047 decoder read the same names and subject.
        raw = raw_headers(path)
        decoded = rfc2047(raw["From"]).replace('"', "")
        assert decoded == f"{sender.display_name} <{sender.addr_spec}>", path
        assert rfc2047(raw["Subject"]) == message["Subject"], path
        assert all("MIME-Version" not in part for part in list(message.walk())[1:])


def test_links_in_e_mails_are_absolute_and_lead_to_public_files(built_sample: Path) -> None:
    checked = 0
    for path in mails(built_sample):
        message = parsed(path)
        # The plain text names no page by a relative address either.
        for word in plain(message).split():
            assert ".html" not in word or re.match(r"\(?https?://", word), (path, word)
        html = message.get_body(("html",)).get_content()
        for url in LINK.findall(html):
            assert re.match(r"(https?|mailto):", url), (path, url)
            if url.startswith(BASE_URL):
                target = built_sample / "public" / url.removeprefix(BASE_URL).split("#")[0]
                assert target.is_file(), (path, url)
                checked += 1
    assert checked >= 12  # every release links its other languages and the body's page


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_only_the_internal_e_mail_holds_the_private_phone_and_its_subject_says_so(
    built_sample: Path, lang: str
) -> None:
    from kokous.mail import internal_marking

    name = f"tyonvk/2025/2025-06-11/press-release.{lang}.eml"
    public, internal = (parsed(built_sample / e / name) for e in ("public", "internal"))
    assert PRIVATE_PHONE not in plain(public)
    assert PRIVATE_PHONE in plain(internal)
    assert internal["Subject"] == f"[{internal_marking(lang)}] {public['Subject']}"
    assert internal["Sensitivity"] == "Company-Confidential" and public["Sensitivity"] is None
    assert "Internal" not in public["Subject"]


# ------------------------------------------------------------------------------ links, units


def test_a_link_the_public_edition_lacks_goes_and_its_text_stays() -> None:
    from kokous.mail_links import absolute_links, public_resolver

    page = PurePosixPath("internal/tyonvk/2025/2025-09-24/press-release.fi.html")
    html = (
        '<p><a href="minutes.fi.html">Pöytäkirja</a> <a href="../../index.html">Kaikki</a>'
        ' <a href="https://tem.fi/">TEM</a> <a href="#top">Alkuun</a></p>\n'
    )
    held = public_resolver(page, "https://x.example/", lambda p: "minutes" not in p)
    assert absolute_links(html, held) == (
        '<p><a>Pöytäkirja</a> <a href="https://x.example/tyonvk/index.html">Kaikki</a>'
        ' <a href="https://tem.fi/">TEM</a> <a href="#top">Alkuun</a></p>\n'
    )
    # No base_url: every link to a document goes; the web and the page's own anchors stay.
    unset = public_resolver(page, None, lambda p: True)
    assert LINK.findall(absolute_links(html, unset)) == ["https://tem.fi/", "#top"]


def test_rewriting_links_leaves_the_rest_of_a_page_byte_for_byte(built_sample: Path) -> None:
    from kokous.mail_links import absolute_links

    for page in sorted(built_sample.glob("*/tyonvk/2025/*/*.html")):
        text = page.read_text(encoding="utf-8")
        assert absolute_links(text, lambda url: url) == text, page


# ------------------------------------------------------------------------------ addresses


def _render(records: Path, out: Path, config) -> None:
    from kokous import build

    checked = out / "checked.pickle"
    build.check_year(records, "tyonvk", 2025, checked, out / "facts.json")
    build.render_meetings(
        checked, ["2025-03-12"], out, out / "part.json", dt.datetime(2026, 1, 1), ["public"],
        mail_config=config,
    )  # fmt: skip


def test_a_missing_sender_is_one_line_naming_the_field(tmp_path: Path) -> None:
    from kokous.errors import KokousError
    from kokous.mail import MailConfig

    records = copy_records(tmp_path)
    body = records / "tyonvk" / "body.yaml"
    text = body.read_text(encoding="utf-8")
    body.write_text(re.sub(r"\nmail:\n(  .*\n)+", "\n", text), encoding="utf-8")
    assert errors(records) == []
    with pytest.raises(KokousError) as raised:
        _render(records, tmp_path / "build", MailConfig(BASE_URL, None))
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("records/tyonvk/body.yaml: mail.from: ")
    assert "config/config.yaml" in message
    # The config's mail fills in what body.yaml leaves out.
    _render(records, tmp_path / "build", MailConfig(BASE_URL, CONFIG["mail"]))
    eml = tmp_path / "build" / "public" / "tyonvk" / "2025" / "2025-03-12" / "press-release.fi.eml"
    assert parsed(eml)["From"].addresses[0].addr_spec == CONFIG["mail"]["from"]["address"]


def test_a_name_with_a_line_break_is_a_file_line_error(tmp_path: Path) -> None:
    records = copy_records(tmp_path)
    old = "    address: jenni.wessman@tyonvk.example.fi\n    name: Jenni Wessman\n"
    new = "    address: jenni.wessman@tyonvk.example.fi\n    name: |\n      Jenni\n      W\n"
    edit(records / "tyonvk" / "body.yaml", old, new)
    found = errors(records)
    assert len(found) == 1 and re.match(
        r"records/tyonvk/body.yaml:\d+: K601 mail.reply_to.name: must be one line", found[0]
    ), found


# ------------------------------------------------------------------------------ the invitation


def _ics_facts(data: bytes) -> dict[str, object]:
    """What both libraries read from a calendar file, checked to agree."""
    import icalendar
    import vobject

    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    other = vobject.readOne(data.decode("utf-8")).vevent
    facts = {
        "uid": str(event["uid"]),
        "sequence": int(event["sequence"]),
        "dtstamp": event.decoded("dtstamp"),
        "dtstart": event.decoded("dtstart"),
        "organizer": str(event["organizer"]),
        "attendee": str(event["attendee"]),
    }
    assert facts == {
        "uid": other.uid.value,
        "sequence": int(other.sequence.value),
        "dtstamp": other.dtstamp.value,
        "dtstart": other.dtstart.value,
        "organizer": other.organizer.value,
        "attendee": other.attendee.value,
    }
    assert str(icalendar.Calendar.from_ical(data)["method"]) == "REQUEST"
    assert other.attendee.params["CUTYPE"] == ["GROUP"]
    return facts


def _invitation(folder: Path) -> tuple[EmailMessage, bytes]:
    message = parsed(folder / "invitation.fi.eml")
    ics = (folder / "invitation.fi.ics").read_bytes()
    assert defects(message) == []
    [calendar] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_payload(decode=True) == ics  # the same event, byte for byte
    return message, ics


def test_the_invitation_carries_its_event_which_moves_with_the_meeting(workflow_copy: Path) -> None:
    from kokous.newmeeting import new_meeting

    records = workflow_copy / "records"
    path = new_meeting(records, "tyonvk", dt.date.fromisoformat(KEY))
    fill_planned(path)
    path.write_text(path.read_text(encoding="utf-8") + FIRST.format(place=PLACE), "utf-8")
    snakemake(workflow_copy)
    folder = workflow_copy / "build" / "internal" / "tyonvk" / "2025" / KEY
    message, ics = _invitation(folder)
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["To"].addresses[0].addr_spec == MEMBERS
    # The agenda holds a confidential item: the subject names its ground, then the edition.
    assert message["Subject"].startswith("[SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k) · Sisäinen")
    assert "] Kokouskutsu: " in message["Subject"]
    assert email.utils.parsedate_to_datetime(message["Date"]).date() == dt.date(2025, 10, 27)
    first = _ics_facts(ics)
    assert first["organizer"] == f"mailto:{SENDER}" and first["attendee"] == f"mailto:{MEMBERS}"
    assert first["sequence"] == 0 and first["dtstamp"].date() == dt.date(2025, 10, 26)  # UTC

    # The secretary moves the meeting an hour later, the documented way: the new time, and
    # the changed invitation added to invitations. A rebuild gives the event that replaces
    # the old one.
    edit(path, '\nstart: "13:00"\n', '\nstart: "14:00"\n')
    edit(path, '\nend: "15:00"\n', '\nend: "16:00"\n')
    failed = snakemake(workflow_copy, check=False)
    assert failed.returncode != 0 and f"{MEETING.as_posix()}:" in failed.stdout + failed.stderr
    second = '  - sent: 2025-10-30T09:15\n    start: "14:00"\n    end: "16:00"\n'
    path.write_text(path.read_text("utf-8") + second + f"    place: {PLACE}\n", "utf-8")
    snakemake(workflow_copy)
    changed, ics = _invitation(folder)
    moved = _ics_facts(ics)
    assert "] Muutettu kokouskutsu: " in changed["Subject"]
    assert "Tämä kutsu korvaa aiemman." in plain(changed)
    assert moved["uid"] == first["uid"]
    assert moved["sequence"] == 1 and moved["dtstamp"] > first["dtstamp"]
    assert moved["dtstart"].hour == 14 and moved["dtstamp"].date() == dt.date(2025, 10, 30)

    # The same records give the same bytes: remove the meeting's folder (the declared output),
    # and its job runs again.
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    shutil.rmtree(folder)
    snakemake(workflow_copy)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_planned_meeting_moved_without_a_new_invitation_is_a_file_line_error(
    tmp_path: Path,
) -> None:
    from kokous.newmeeting import new_meeting

    records = copy_records(tmp_path)
    path = new_meeting(records, "tyonvk", dt.date.fromisoformat(KEY))
    fill_planned(path)
    path.write_text(path.read_text(encoding="utf-8") + FIRST.format(place=PLACE), "utf-8")
    assert errors(records) == []
    edit(path, "    fi: Eteläesplanadi 4, Helsinki\n", "    fi: Hakaniemenranta 6, Helsinki\n")
    found = errors(records)
    shown = f"records/{MEETING.as_posix()}"
    line = path.read_text("utf-8").splitlines().index("  place:") + 1
    assert found == [
        (
            f"{shown}:{line}: K317 location.place: the meeting has moved since the invitation of "
            "invitations[0] was sent: place Hakaniemenranta 6, Helsinki (announced: "
            f"{PLACE}). Send a changed invitation and add it to invitations (sent: the day, "
            "with the new time and place), so calendars replace the old event; or undo the change"
        )
    ]
    # A plain invitation_sent on a planned meeting records nothing to compare with.
    text = path.read_text("utf-8")
    path.write_text(
        text[: text.rindex("\ninvitations:")] + "\ninvitation_sent: 2025-10-27\n", "utf-8"
    )
    [problem] = errors(records)
    assert re.match(
        rf"{re.escape(shown)}:\d+: K316 invitation_sent: a planned meeting records", problem
    )


def test_the_render_command_reads_the_mail_settings(tmp_path: Path) -> None:
    """A bad --mail is one line from argparse, never a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "kokous", "render", "--checked", "x", "--part", "y",
         "--mail", "[1]", "2025-03-12"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "expected a JSON object" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_meeting_offers_the_invitations_to_fill_in(tmp_path: Path) -> None:
    from kokous.newmeeting import new_meeting

    records = copy_records(tmp_path)
    path = new_meeting(records, "tyonvk", dt.date.fromisoformat(KEY))
    fill_planned(path)
    edit(path, "# invitations:\n", "invitations:\n")
    edit(path, "#   - sent: YYYY-MM-DD  # TODO the day you send it\n", "  - sent: 2025-10-27\n")
    edit(path, '#     start: "13:00"\n', '    start: "13:00"\n')
    edit(path, '#     end: "15:00"\n', '    end: "15:00"\n')
    edit(path, "#     place: TODO\n", f"    place: {PLACE}\n")
    assert errors(records) == []
    edit(path, '\nstart: "13:00"\n', '\nstart: "13:30"\n')
    [problem] = errors(records)
    assert "start 13:30 (announced: 13:00)" in problem


TRICKY = [
    "Työllisyyden edistämisen valtakunnallinen neuvottelukunta, sihteeristö",
    "Riksomfattande delegationen för främjande av sysselsättning, sekretariatet",
    "[SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k) · Sisäinen / Internal] Kokouskutsu: x",
    "(Korjattu) Advisory board confirms the membership of its subcommittees, again",
    'a "quoted" \\ back <not@address> =?utf-8?q?not-encoded?= ,;:',
    "Pitkäsana" + "ä" * 90,
]


@pytest.mark.parametrize("text", TRICKY)
def test_headers_read_the_same_in_python_and_by_rfc_2047(text: str) -> None:
    from email.headerregistry import Address

    from kokous.mail_header import MAIL_POLICY

    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = Address(text, "sihteeristo", "example.fi")
    message["Subject"] = text
    message.set_content("x")
    data = message.as_bytes()
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert all(len(w) <= 75 for w in re.findall(r"=\?[^ ]*\?=", head))  # RFC 2047 2
    back = email.message_from_bytes(data, policy=email.policy.default)
    assert defects(back) == []
    name = back["From"].addresses[0].display_name
    if not text.startswith("Pitkäsana"):
        assert name == text
    else:  # Python reads a space between adjacent encoded words (mail_header's docstring)
        assert name.replace(" ", "") == text.replace(" ", "")
    assert back["Subject"] == text == rfc2047(raw_headers_of(data)["Subject"])


def raw_headers_of(data: bytes) -> dict[str, str]:
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    unfolded = re.sub(r"\r\n[ \t]", " ", head)
    return dict(line.split(": ", 1) for line in unfolded.split("\r\n"))


def test_a_meeting_moved_to_another_day_keeps_its_event(tmp_path: Path) -> None:
    """The record is renamed for the new day; the event keeps its UID (from the day the
    first invitation announced), and a second invitation sent the same day as the first
    still gets a later DTSTAMP."""
    from kokous import build
    from kokous.newmeeting import new_meeting

    records = copy_records(tmp_path)
    path = new_meeting(records, "tyonvk", dt.date(2025, 11, 6))
    fill_planned(path)
    text = path.read_text(encoding="utf-8") + FIRST.format(place=PLACE)
    text = text.replace("  - sent: 2025-10-27\n", "  - sent: 2025-10-27\n    date: 2025-11-05\n")
    second = '  - sent: 2025-10-27\n    start: "13:00"\n    end: "15:00"\n'
    path.write_text(text + second + f"    place: {PLACE}\n", encoding="utf-8")
    assert errors(records) == []
    out = tmp_path / "build"
    checked = out / "checked.pickle"
    build.check_year(records, "tyonvk", 2025, checked, out / "facts.json")
    build.render_meetings(
        checked, ["2025-11-06"], out, out / "part.json", dt.datetime(2025, 10, 28)
    )
    ics = (out / "internal" / "tyonvk" / "2025" / "2025-11-06" / "invitation.fi.ics").read_bytes()
    facts = _ics_facts(ics)
    assert facts["uid"].startswith("2025-11-05.tyonvk@") and facts["sequence"] == 1
    assert facts["dtstamp"] == dt.datetime(2025, 10, 26, 22, 1, tzinfo=dt.UTC)
    assert facts["dtstart"].date() == dt.date(2025, 11, 6)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "invitations:\n  - sent: 27.10.2025\n",
            (
                r"invitations\[0\]\.sent: expected a date, or a date and time like 2025-10-27 "
                r"or 2025-10-27T09:15, got '27\.10\.2025'"
            ),
        ),
        (
            "invitations:\n  - sent: 2025-02-30\n",
            r"invitations\[0\]\.sent: there is no such date as 2025-02-30",
        ),
        (
            'invitations:\n  - {sent: 2025-10-27, start: "13:00", plase: x}\n',
            r"invitations\[0\]\.plase: unknown field 'plase' \(did you mean 'place'\?\)",
        ),
        (
            (
                'invitations:\n  - {sent: 2025-10-28, start: "13:00", end: "15:00", place: X}\n'
                '  - {sent: 2025-10-27, start: "13:00", end: "15:00", place: X}\n'
            ),
            r"invitations\[1\]\.sent: sent before the invitation above it",
        ),
    ],
)
def test_a_wrong_invitation_entry_is_one_file_line_error(
    tmp_path: Path, extra: str, expected: str
) -> None:
    from kokous.newmeeting import new_meeting

    records = copy_records(tmp_path)
    path = new_meeting(records, "tyonvk", dt.date.fromisoformat(KEY))
    fill_planned(path)
    edit(path, f"    fi: {PLACE}\n", "    fi: X\n")
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    found = errors(records)
    assert len(found) == 1, found
    assert re.match(rf"records/{re.escape(MEETING.as_posix())}:\d+: K\d{{3}} {expected}", found[0])


def test_a_wrong_address_is_one_file_line_error(tmp_path: Path) -> None:
    records = copy_records(tmp_path)
    body = records / "tyonvk" / "body.yaml"
    edit(body, "address: tiedotteet@tyonvk.example.fi", "address: tiedotteet at tyonvk")
    edit(body, "  reply_to:\n    address: jenni.wessman@tyonvk.example.fi\n    name: Jenni Wessman\n",
         "  reply_to: jenni.wessman(at)example.fi\n")  # fmt: skip
    found = errors(records)
    expected = "expected an e-mail address like tyonvk@example.fi, got"
    assert [re.sub(r":\d+:", ":N:", f) for f in found] == [
        f"records/tyonvk/body.yaml:N: K002 mail.reply_to: {expected} 'jenni.wessman(at)example.fi'",
        f"records/tyonvk/body.yaml:N: K002 mail.newsroom.address: {expected} 'tiedotteet at tyonvk'",
    ]
