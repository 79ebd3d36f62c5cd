"""Ready-to-send e-mails: the press release as an e-mail, and the meeting invitation
(kokouskutsu) as an e-mail carrying the calendar event and the agenda PDF; and the invitation
as a calendar file (:mod:`kokous.meeting_calendar`).

They are assembled from documents the conversion has already written (the press release's
HTML and plain text, the agenda's PDF), through Python's :mod:`email` package, never by hand.
Every e-mail has ``From:`` (RFC 5322 3.6.2), its recipients and ``Reply-To:`` from the body's
``mail`` (body.yaml, else the config's ``mail``): a needed address that neither gives stops
the job with one line naming the field. Links in an e-mail are absolute under ``base_url`` or
gone (:mod:`kokous.mail_links`). An internal e-mail says so in its subject, before anything
else, since it may hold what the public one must not (a non-public phone number, the remote
link, the title of a secret item).

Their bytes depend only on the records, the config and those documents: the Message-ID and
the MIME boundaries are derived from the content, the dates from the record (the press
release's publication time, the day the invitation was sent). The e-mails carry
``X-Unsent: 1``: a mail client opens them as a draft to send.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import PurePosixPath
from typing import Any

from . import documents, i18n, mail_links, mail_records, meeting_calendar, plan
from .errors import KokousError
from .mail_header import MAIL_POLICY
from .model import Body, Mailbox, MailSettings, Meeting
from .render import clean_text
from .volume import Volume

HELSINKI = meeting_calendar.HELSINKI
MESSAGE_ID_DOMAIN = "kokous.invalid"
"""The domain of the Message-IDs: a reserved name (RFC 2606), since the build knows no mail
domain of its own; the mail client that sends a draft may replace the ID."""

Read = Callable[[PurePosixPath], bytes]
"""Reads a converted document's file by its path under ``build/``."""


@dataclass(frozen=True)
class MailConfig:
    """What the build's configuration says about the e-mails."""

    base_url: str | None = None
    """Where ``build/public/`` is served, ending in ``/``; None: links to documents dropped."""
    mail: Mapping[str, Any] | None = None
    """The config's ``mail`` (the addresses a body.yaml does not give)."""


def workflow_mail_config() -> MailConfig:
    """``base_url`` and ``mail`` of the workflow's ``config/config.yaml``, for the preview
    (a Snakemake job is given them, with any ``--config`` override)."""
    import yaml

    from . import paths

    try:
        config = yaml.safe_load((paths.ROOT / "config" / "config.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return MailConfig()
    config = config if isinstance(config, dict) else {}
    base_url = config.get("base_url") or None
    mail = config.get("mail") if isinstance(config.get("mail"), dict) else None
    return MailConfig(base_url.rstrip("/") + "/" if isinstance(base_url, str) else None, mail)


# ---------------------------------------------------------------------------------------------
# The e-mail itself


def _digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def address(box: Mailbox, lang: str) -> Address:
    """``box`` as a header's mailbox, its name in ``lang`` (encoded by :mod:`email`)."""
    name = clean_text(box.name.get(lang)) if box.name else ""
    username, _, domain = box.address.partition("@")
    return Address(display_name=name, username=username, domain=domain)


@dataclass(frozen=True)
class Envelope:
    """Who an e-mail is from and to, and when it is dated (a Helsinki local time)."""

    sender: Mailbox
    to: Mailbox
    reply_to: Mailbox | None
    date: dt.datetime


def _headers(msg: EmailMessage, envelope: Envelope, subject: str, lang: str) -> None:
    msg["From"] = address(envelope.sender, lang)
    msg["To"] = address(envelope.to, lang)
    if envelope.reply_to and envelope.reply_to != envelope.sender:
        msg["Reply-To"] = address(envelope.reply_to, lang)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(envelope.date.replace(tzinfo=HELSINKI))
    msg["X-Unsent"] = "1"


def email_bytes(
    *,
    subject: str,
    lang: str,
    envelope: Envelope,
    text: str,
    html: str | None = None,
    calendar: bytes | None = None,
    headers: Sequence[tuple[str, str]] = (),
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> bytes:
    """An RFC 5322 message with CRLF line ends: ``text``, with ``html`` or ``calendar`` (an
    iMIP ``text/calendar`` part, RFC 6047) as its alternative, and ``attachments`` as
    ``(file name, MIME type, data)``. The Message-ID and the MIME boundaries are derived from
    the content."""
    msg = EmailMessage(policy=MAIL_POLICY)
    _headers(msg, envelope, subject, lang)
    for name, value in headers:
        msg[name] = value
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html is not None:
        msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if calendar is not None:
        method = {"method": meeting_calendar.METHOD, "charset": "utf-8"}
        msg.add_alternative(calendar, maintype="text", subtype="calendar", params=method)
    for filename, mime, data in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    # set_content and the add_ methods move Content-* headers into the parts: set it last.
    msg["Content-Language"] = lang
    seed = _digest(subject, text, html or "", calendar or b"", *(n for n, _m, _d in attachments))
    seed = _digest(seed, *(data for _name, _mime, data in attachments))
    msg["Message-ID"] = f"<{seed[:32]}@{MESSAGE_ID_DOMAIN}>"
    for index, part in enumerate(msg.walk()):
        if index:
            del part["MIME-Version"]  # the message's own header (RFC 2045 4), not a part's
        if part.is_multipart():
            # Fixed from the content ("=_" cannot occur in quoted-printable or base64).
            part.set_boundary(f"=_kokous_{seed[:24]}_{index}")
    return msg.as_bytes()


# ---------------------------------------------------------------------------------------------
# Addresses and markings


def mail_settings(body: Body, config: MailConfig) -> MailSettings:
    """The body's addresses, with the config's where the records give none."""
    return mail_records.with_fallback(body.mail, config.mail, body.primary_language)


def required(body: Body, settings: MailSettings, field: str, needed_for: str) -> Mailbox:
    """The mailbox ``field`` of ``settings``, or a one-line error naming body.yaml's field."""
    box = getattr(settings, field)
    if box is None:
        key = next(k for k, f in mail_records.MAIL_KEYS.items() if f == field)
        raise KokousError(
            f"{body.path}: mail.{key}: {needed_for} needs an e-mail address here (e.g. "
            f"mail: {{{key}: {{address: ..., name: ...}}}}), or mail.{key} in "
            "config/config.yaml"
        )
    return box


def internal_marking(lang: str) -> str:
    """ "Sisäinen / Internal", as the internal documents are marked."""
    local = i18n.gettext_for(lang)("Internal")
    return local if local == "Internal" else f"{local} / Internal"


def marked(subject: str, markings: Sequence[str]) -> str:
    """ "[SALASSA PIDETTÄVÄ (…) · Sisäinen / Internal] subject": the markings first, where
    a mail client's list shows them."""
    shown = [m for m in markings if m]
    return f"[{' · '.join(shown)}] {subject}" if shown else subject


# ---------------------------------------------------------------------------------------------
# Press release


def press_release_email(
    meeting: Meeting, lang: str, html: bytes, text: bytes, *, edition: str, envelope: Envelope
) -> bytes:
    """The press release as an e-mail: the headline as subject (after the internal marking
    in the internal edition), its plain text and HTML (links already absolute) as
    alternatives, with ``X-Embargo`` (the time before which it must not be published) when
    it has an embargo."""
    press = meeting.press
    assert press is not None
    headers = []
    if press.embargo:
        headers.append(("X-Embargo", format_datetime(press.published.replace(tzinfo=HELSINKI))))
    internal = edition == "internal"
    if internal:
        headers.append(("Sensitivity", "Company-Confidential"))  # RFC 2156; Outlook shows it
    subject = clean_text(press.headline.get(lang))
    return email_bytes(
        subject=marked(subject, [internal_marking(lang) if internal else ""]),
        lang=lang,
        envelope=envelope,
        text=text.decode("utf-8"),
        html=html.decode("utf-8"),
        headers=headers,
    )


def public_paths(volume: Volume, meeting: Meeting, now: dt.datetime) -> Callable[[str], bool]:
    """Whether the public edition holds a path (``tyonvk/2025/2025-03-12/minutes.fi.html``):
    in the meeting's own folder, the documents the plan puts there at the build clock
    ``now``; elsewhere the desk's pages, which both editions have."""
    body = volume.body
    folder = f"{body.id}/{volume.year}/{meeting.key}/"
    held = {
        f"{folder}{kind}.{lang}.{fmt}"
        for kind, lang in documents.publications(body, meeting, "public", now)
        for fmt in plan.KIND_FORMATS[kind]
    }
    return lambda path: path in held if path.startswith(folder) else True


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


def _invitation_text(volume: Volume, meeting: Meeting, lang: str) -> str:
    _ = i18n.gettext_for(lang)
    body = volume.body
    view = documents.AgendaView(volume, meeting, lang, public=False)
    changed = meeting_calendar.sequence(meeting) > 0
    heading = (
        _("Changed invitation to meeting %(number)s")
        if changed
        else _("Invitation to meeting %(number)s")
    ) % {"number": meeting.numbering}
    lines = [clean_text(body.display_name(lang)), "", heading, ""]
    if changed:
        lines += [
            _(
                "The time or place of the meeting has changed."
                " This invitation replaces the earlier one."
            ),
            "",
        ]
    lines.append(f"{_('Time')}: {view.when()}")
    if meeting.place:
        lines.append(f"{_('Place')}: {clean_text(meeting.place.get(lang))}")
    lines.append(f"{_('Meeting mode')}: {view.mode()}")
    if meeting.remote_link:
        lines.append(f"{_('Remote link')}: {meeting.remote_link}")
    lines += ["", f"{_('Agenda')}:", *meeting_calendar.agenda_lines(volume, meeting, lang), ""]
    lines += [_("The agenda is attached."), "", f"{_('Distribution')}:"]
    lines += invited(body, meeting, lang)
    return "\n".join(lines) + "\n"


def invitation_email(
    volume: Volume, meeting: Meeting, agenda_pdf: bytes, calendar: bytes, settings: MailSettings
) -> bytes:
    """The invitation (kokouskutsu) to the members' and deputies' list, in the meeting's
    language, with the calendar event (iMIP) and the agenda PDF; marked internal (and
    secret, with the grounds, when the agenda holds secret items) in its subject."""
    body, lang = volume.body, meeting.language
    _ = i18n.gettext_for(lang)
    subject = (
        _("Changed invitation: %(body)s, meeting %(number)s on %(date)s")
        if meeting_calendar.sequence(meeting) > 0
        else _("Invitation: %(body)s, meeting %(number)s on %(date)s")
    ) % {
        "body": clean_text(body.display_name(lang)),
        "number": meeting.numbering,
        "date": i18n.format_date_label(meeting.date, lang),  # en: "5 November 2025"
    }
    secret = documents.secrecy_marking(documents.agenda_meeting(meeting, lang), lang)
    envelope = Envelope(
        sender=required(body, settings, "sender", "the invitation"),
        to=required(body, settings, "members", "the invitation"),
        reply_to=settings.reply_to,
        date=meeting_calendar.sent_at(meeting).replace(tzinfo=None),
    )
    return email_bytes(
        subject=marked(subject, [secret, internal_marking(lang)]),
        lang=lang,
        envelope=envelope,
        text=_invitation_text(volume, meeting, lang),
        calendar=calendar,
        headers=[("Sensitivity", "Company-Confidential")],
        attachments=[(f"{body.id}-{meeting.key}-{_('agenda')}.pdf", "application/pdf", agenda_pdf)],
    )


@dataclass(frozen=True)
class _Job:
    """The e-mails of one body-year in one edition, at the build clock ``now``."""

    volume: Volume
    edition: str
    now: dt.datetime
    read: Read
    config: MailConfig

    def folder(self, meeting: Meeting) -> PurePosixPath:
        body = self.volume.body
        return PurePosixPath(self.edition, body.id, str(self.volume.year), meeting.key)

    def press_release(self, meeting: Meeting, lang: str) -> dict[PurePosixPath, bytes]:
        body = self.volume.body
        settings = mail_settings(body, self.config)
        assert meeting.press is not None
        envelope = Envelope(
            sender=required(body, settings, "sender", "the press release e-mail"),
            to=required(body, settings, "newsroom", "the press release e-mail"),
            reply_to=settings.reply_to,
            date=meeting.press.published,
        )
        page = self.folder(meeting) / f"press-release.{lang}.html"
        public = public_paths(self.volume, meeting, self.now)
        resolve = mail_links.public_resolver(page, self.config.base_url, public)
        html = mail_links.absolute_links(self.read(page).decode("utf-8"), resolve)
        text = self.read(page.with_suffix(".txt"))
        data = press_release_email(
            meeting, lang, html.encode("utf-8"), text, edition=self.edition, envelope=envelope
        )
        return {page.with_suffix(".eml"): data}

    def invitation(self, meeting: Meeting, lang: str) -> dict[PurePosixPath, bytes]:
        body = self.volume.body
        settings = mail_settings(body, self.config)
        required(body, settings, "sender", "the invitation's calendar event (its ORGANIZER)")
        required(body, settings, "members", "the invitation")
        calendar = meeting_calendar.invitation_calendar(self.volume, meeting, settings)
        folder = self.folder(meeting)
        pdf = self.read(folder / f"agenda.{lang}.pdf")
        eml = invitation_email(self.volume, meeting, pdf, calendar, settings)
        return {folder / f"invitation.{lang}.eml": eml, folder / f"invitation.{lang}.ics": calendar}


# ---------------------------------------------------------------------------------------------
# The files of a body-year


def meeting_mails(
    volume: Volume,
    edition: str,
    now: dt.datetime,
    read: Read,
    keys: Collection[str] | None = None,
    config: MailConfig | None = None,
) -> dict[PurePosixPath, bytes]:
    """The e-mail and calendar files of ``volume``'s meetings (``keys`` only, when given) in
    ``edition``, by path under ``build/``: ``press-release.<lang>.eml`` beside each press
    release, ``invitation.<lang>.eml`` and ``.ics`` for a planned meeting (internal edition).
    ``read`` gives the converted documents they are made from, which the same job has
    written (which exist is the plan's decision: :func:`kokous.documents.publications`);
    ``config`` the base_url and the fallback addresses."""
    job = _Job(volume, edition, now, read, config or MailConfig())
    files: dict[PurePosixPath, bytes] = {}
    for meeting in volume.meetings:
        if keys is not None and meeting.key not in keys:
            continue
        for kind, lang in documents.publications(volume.body, meeting, edition, now):
            if kind == "press-release":
                files.update(job.press_release(meeting, lang))
            elif kind == "invitation":
                files.update(job.invitation(meeting, lang))
    return files
