"""The meeting invitation as an iCalendar object (RFC 5545) for iTIP/iMIP (RFC 5546, 6047).

``METHOD:REQUEST``: the invitation asks named attendees (the members' and deputies' list, one
``ATTENDEE`` with ``CUTYPE=GROUP``) to a meeting the secretariat organises (``ORGANIZER``, the
body's sender address). RFC 5546 3.2.2 makes a REQUEST with a higher ``SEQUENCE`` the way to
reschedule an event the attendees hold; PUBLISH (3.2.1) is for posting an event to no one in
particular. The same bytes are the standalone ``.ics`` and the e-mail's ``text/calendar``
part.

``SEQUENCE`` counts the changed invitations the record lists (``invitations``: 0 for the
first) and ``DTSTAMP`` is when the last of them was sent, so a moved meeting's event replaces
the one the calendars hold, and the same records give the same bytes. The ``UID`` stays with
the meeting when it moves to another day (its record is renamed): it is made from the date
the first invitation announced.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from . import documents, i18n
from .model import Mailbox, MailSettings, Meeting
from .render import clean_text
from .volume import Volume

HELSINKI = ZoneInfo("Europe/Helsinki")
UID_DOMAIN = "kokous.invalid"
METHOD = "REQUEST"


def sequence(meeting: Meeting) -> int:
    """0 for the first invitation, one more for each changed one the record lists."""
    return max(len(meeting.invitations) - 1, 0)


def sent_at(meeting: Meeting) -> dt.datetime:
    """When the current invitation was sent (aware, Helsinki): the last of ``invitations``,
    each at least a minute after the one before (two sent the same day stay in order); with
    none, ``invitation_sent`` or else the meeting's date, at midnight (never the clock)."""
    moment = None
    for invitation in meeting.invitations:
        this = invitation.sent.replace(tzinfo=HELSINKI)
        if moment is not None and this <= moment:
            this = moment + dt.timedelta(minutes=1)
        moment = this
    if moment is None:
        moment = dt.datetime.combine(meeting.invitation_sent or meeting.date, dt.time(), HELSINKI)
    return moment


def uid(volume: Volume, meeting: Meeting) -> str:
    first = meeting.invitations[0].date if meeting.invitations else meeting.date
    key = meeting.key if first == meeting.date else first.isoformat()
    return f"{key}.{volume.body.id}@{UID_DOMAIN}"


def agenda_lines(volume: Volume, meeting: Meeting, lang: str) -> list[str]:
    """ "5 § Työsuunnitelma 2026" for each item of the agenda as sent."""
    shown = documents.agenda_meeting(meeting, lang)
    view = documents.AgendaView(volume, shown, lang, public=False)
    return [f"{item.number} § {view.title(item)}" for item in shown.items]


def _calendar_address(box: Mailbox, lang: str, **params: str):
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{box.address}")
    if box.name:
        address.params["CN"] = clean_text(box.name.get(lang))
    address.params.update(params)
    return address


def _add_time(cal, event, meeting: Meeting) -> None:
    """DTSTART and DTEND in Europe/Helsinki with the zone's rules for the meeting's year; a
    meeting without a start time is an all-day event, one without an end time ends as it
    starts (RFC 5545: no length is guessed)."""
    from icalendar import Timezone

    if not meeting.start:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
        return
    event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start, HELSINKI))
    if meeting.end:
        event.add("dtend", dt.datetime.combine(meeting.date, meeting.end, HELSINKI))
    # The zone's rules for the meeting's year only: 1970-2038 would be 140 entries.
    year = meeting.date.year
    cal.add_component(
        Timezone.from_tzinfo(
            HELSINKI, "Europe/Helsinki", dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        )
    )


def invitation_calendar(volume: Volume, meeting: Meeting, mail: MailSettings) -> bytes:
    """The meeting as an iCalendar REQUEST from ``mail.sender`` to ``mail.members`` (both
    checked by the caller), with its place, remote link and agenda."""
    from icalendar import Calendar, Event

    lang = meeting.language
    _ = i18n.gettext_for(lang)
    assert mail.sender is not None and mail.members is not None
    cal = Calendar()
    cal.add("prodid", "-//kokous//meeting invitation//EN")
    cal.add("version", "2.0")
    cal.add("method", METHOD)
    event = Event()
    event.add("uid", uid(volume, meeting))
    event.add("dtstamp", sent_at(meeting).astimezone(dt.UTC))
    event.add("sequence", sequence(meeting))
    _add_time(cal, event, meeting)
    name = clean_text(volume.body.display_name(lang))
    event.add("summary", f"{name}: {_('Meeting')} {meeting.numbering}")
    if meeting.place:
        event.add("location", clean_text(meeting.place.get(lang)))
    elif meeting.remote_link:
        event.add("location", meeting.remote_link)
    if meeting.remote_link:
        event.add("url", meeting.remote_link)
    description = [f"{_('Agenda')}:", *agenda_lines(volume, meeting, lang)]
    if meeting.remote_link:
        description += ["", f"{_('Remote link')}: {meeting.remote_link}"]
    event.add("description", "\n".join(description))
    event.add("status", "CONFIRMED")
    if documents.secrecy_marking(documents.agenda_meeting(meeting, lang), lang):
        event.add("class", "CONFIDENTIAL")
    event.add("organizer", _calendar_address(mail.sender, lang))
    group = {"CUTYPE": "GROUP", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION"}
    event.add("attendee", _calendar_address(mail.members, lang, RSVP="TRUE", **group))
    cal.add_component(event)
    return cal.to_ical()
