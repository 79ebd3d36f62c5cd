"""Ready-to-send e-mails and calendar files: the press release as an e-mail, and the meeting
invitation (kokouskutsu) as an e-mail with the agenda PDF attached and as an iCalendar event.

They are assembled from documents the conversion has already written (the press release's
HTML and plain text, the agenda's PDF), through Python's :mod:`email` package and the
``icalendar`` library, never by hand. Their bytes depend only on the record and those
documents: the Message-ID, the MIME boundaries and the calendar's DTSTAMP are derived from the
content, and the dates from the record (the press release's publication time, the day the
invitation was sent), so a rebuild of the same records gives the same bytes. The e-mails carry
``X-Unsent: 1``: a mail client opens them as a draft to send, with the recipients to fill in
(the roster holds no addresses).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Sequence
from email import policy
from email.headerregistry import Group
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from . import documents, i18n
from .model import Body, Meeting, Volume
from .render import clean_text

HELSINKI = ZoneInfo("Europe/Helsinki")
MESSAGE_ID_DOMAIN = "kokous.invalid"
"""The domain of the Message-IDs: a reserved name (RFC 2606), since the build knows no mail
domain of its own; the mail client that sends a draft may replace the ID."""

Read = Callable[[PurePosixPath], bytes]
"""Reads a converted document's file by its path under ``build/``."""


# ---------------------------------------------------------------------------------------------
# The e-mail itself


def _digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def email_bytes(
    *,
    subject: str,
    lang: str,
    text: str,
    html: str | None = None,
    to: str | None = None,
    date: dt.datetime | None = None,
    headers: Sequence[tuple[str, str]] = (),
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> bytes:
    """An RFC 5322 message with CRLF line ends: ``text`` (with ``html`` as its alternative),
    ``attachments`` as ``(file name, MIME type, data)``; ``to`` names a group without
    addresses ("Jäsenet ja varajäsenet:;"), ``date`` is a Helsinki local time. The Message-ID
    and the MIME boundaries are derived from the content."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = subject
    if to:
        msg["To"] = Group(to)
    if date is not None:
        msg["Date"] = format_datetime(date.replace(tzinfo=HELSINKI))
    msg["Content-Language"] = lang
    msg["X-Unsent"] = "1"
    for name, value in headers:
        msg[name] = value
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html is not None:
        msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for filename, mime, data in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    seed = _digest(subject, text, html or "", *(name for name, _mime, _data in attachments))
    seed = _digest(seed, *(data for _name, _mime, data in attachments))
    msg["Message-ID"] = f"<{seed[:32]}@{MESSAGE_ID_DOMAIN}>"
    # Boundaries fixed from the content ("=_" cannot occur in quoted-printable or base64).
    for index, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_kokous_{seed[:24]}_{index}")
    return msg.as_bytes()


# ---------------------------------------------------------------------------------------------
# Press release


def press_release_email(meeting: Meeting, lang: str, html: bytes, text: bytes) -> bytes:
    """The press release as an e-mail: the headline as subject, its plain text and HTML as
    alternatives, dated at its publication time, with ``X-Embargo`` (the time before which it
    must not be published) when it has an embargo."""
    press = meeting.press
    assert press is not None
    headers = []
    if press.embargo:
        headers.append(("X-Embargo", format_datetime(press.published.replace(tzinfo=HELSINKI))))
    return email_bytes(
        subject=clean_text(press.headline.get(lang)),
        lang=lang,
        text=text.decode("utf-8"),
        html=html.decode("utf-8"),
        date=press.published,
        headers=headers,
    )


# ---------------------------------------------------------------------------------------------
# Invitation


INVITED_POSTS = ("chair", "vice_chair", "member", "deputy")
"""Who the invitation is sent to: the members with the chair and vice-chair, and the deputies."""


def invited(body: Body, meeting: Meeting, lang: str) -> list[str]:
    """ "puheenjohtaja Tiina Korhonen, TEM" for every member and deputy on the meeting date,
    in the order the minutes list posts."""
    lines = []
    for post in INVITED_POSTS:
        for m in body.memberships_on(meeting.date):
            if m.post != post:
                continue
            line = f"{i18n.post_label(m.post, lang)} {body.persons[m.person].name}"
            if m.on_behalf_of and m.on_behalf_of in body.organisations:
                line += f", {body.organisations[m.on_behalf_of].label(lang)}"
            lines.append(line)
    return lines


def _agenda_items(volume: Volume, meeting: Meeting, lang: str) -> list[str]:
    shown = documents.agenda_meeting(meeting, lang)
    view = documents.AgendaView(volume, shown, lang, public=False)
    return [f"{item.number} § {view.title(item)}" for item in shown.items]


def _sent_on(meeting: Meeting) -> dt.date:
    """The day the invitation is dated: the record's ``invitation_sent``, else the meeting's
    date (never the wall clock)."""
    return meeting.invitation_sent or meeting.date


def invitation_email(volume: Volume, meeting: Meeting, agenda_pdf: bytes) -> bytes:
    """The invitation (kokouskutsu) to the members and deputies, in the meeting's language,
    with the agenda PDF attached."""
    body, lang = volume.body, meeting.language
    _ = i18n.gettext_for(lang)
    name = clean_text(body.display_name(lang))
    view = documents.AgendaView(volume, meeting, lang, public=False)
    subject = _("Invitation: %(body)s, meeting %(number)s on %(date)s") % {
        "body": name,
        "number": meeting.numbering,
        "date": i18n.format_date_numeric(meeting.date),
    }
    lines = [name, "", _("Invitation to meeting %(number)s") % {"number": meeting.numbering}, ""]
    lines.append(f"{_('Time')}: {view.when()}")
    if meeting.place:
        lines.append(f"{_('Place')}: {clean_text(meeting.place.get(lang))}")
    lines.append(f"{_('Meeting mode')}: {view.mode()}")
    if meeting.remote_link:
        lines.append(f"{_('Remote link')}: {meeting.remote_link}")
    lines += ["", f"{_('Agenda')}:", *_agenda_items(volume, meeting, lang), ""]
    lines += [_("The agenda is attached."), "", f"{_('Distribution')}:"]
    lines += invited(body, meeting, lang)
    filename = f"{body.id}-{meeting.key}-{_('agenda')}.pdf"
    return email_bytes(
        subject=subject,
        lang=lang,
        text="\n".join(lines) + "\n",
        to=_("Members and deputies"),
        date=dt.datetime.combine(_sent_on(meeting), dt.time()),
        attachments=[(filename, "application/pdf", agenda_pdf)],
    )


def invitation_calendar(volume: Volume, meeting: Meeting) -> bytes:
    """The meeting as an iCalendar event (RFC 5545) in Europe/Helsinki time, with its place
    and remote link; a meeting without a start time is an all-day event, one without an end
    time ends as it starts (RFC 5545: no length is guessed)."""
    from icalendar import Calendar, Event, Timezone

    body, lang = volume.body, meeting.language
    _ = i18n.gettext_for(lang)
    name = clean_text(body.display_name(lang))
    cal = Calendar()
    cal.add("prodid", "-//kokous//meeting invitation//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{meeting.key}.{body.id}@{MESSAGE_ID_DOMAIN}")
    sent = dt.datetime.combine(_sent_on(meeting), dt.time(), HELSINKI)
    event.add("dtstamp", sent.astimezone(dt.UTC))
    if meeting.start:
        event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start, HELSINKI))
        if meeting.end:
            event.add("dtend", dt.datetime.combine(meeting.date, meeting.end, HELSINKI))
        # The zone's rules for the meeting's year only: 1970-2038 would be 140 entries.
        year = dt.date(meeting.date.year, 1, 1)
        cal.add_component(
            Timezone.from_tzinfo(
                HELSINKI, "Europe/Helsinki", year, dt.date(meeting.date.year + 1, 1, 1)
            )
        )
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    event.add("summary", f"{name}: {_('Meeting')} {meeting.numbering}")
    if meeting.place:
        event.add("location", clean_text(meeting.place.get(lang)))
    elif meeting.remote_link:
        event.add("location", meeting.remote_link)
    if meeting.remote_link:
        event.add("url", meeting.remote_link)
    description = [f"{_('Agenda')}:", *_agenda_items(volume, meeting, lang)]
    if meeting.remote_link:
        description += ["", f"{_('Remote link')}: {meeting.remote_link}"]
    event.add("description", "\n".join(description))
    event.add("sequence", 0)
    cal.add_component(event)
    return cal.to_ical()


# ---------------------------------------------------------------------------------------------
# The files of a body-year


def meeting_mails(
    volume: Volume,
    edition: str,
    now: dt.datetime,
    read: Read,
    keys: Collection[str] | None = None,
) -> dict[PurePosixPath, bytes]:
    """The e-mail and calendar files of ``volume``'s meetings (``keys`` only, when given) in
    ``edition``, by path under ``build/``: ``press-release.<lang>.eml`` beside each press
    release, ``invitation.<lang>.eml`` and ``.ics`` for a planned meeting (internal edition).
    ``read`` gives the converted documents they are made from, which the same job has
    written (which exist is the plan's decision: :func:`kokous.documents.publications`)."""
    files: dict[PurePosixPath, bytes] = {}
    for meeting in volume.meetings:
        if keys is not None and meeting.key not in keys:
            continue
        folder = PurePosixPath(edition, volume.body.id, str(volume.year), meeting.key)
        for kind, lang in documents.publications(volume.body, meeting, edition, now):
            if kind == "press-release":
                html = read(folder / f"press-release.{lang}.html")
                text = read(folder / f"press-release.{lang}.txt")
                files[folder / f"press-release.{lang}.eml"] = press_release_email(
                    meeting, lang, html, text
                )
            elif kind == "invitation":
                pdf = read(folder / f"agenda.{lang}.pdf")
                files[folder / f"invitation.{lang}.eml"] = invitation_email(volume, meeting, pdf)
                files[folder / f"invitation.{lang}.ics"] = invitation_calendar(volume, meeting)
    return files
