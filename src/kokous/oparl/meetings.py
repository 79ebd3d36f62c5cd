"""A public meeting as OParl objects: the ``Meeting`` with its ``Location``, ``AgendaItem``
and ``File`` objects embedded (without their back-references), and each of these as fetched
on its own.

The export holds only what the public edition shows: items reach it through the public
minutes' redaction (:func:`kokous.documents.redact_meeting` and the minutes' own sentences
from :class:`kokous.documents.MinutesView`), documents through the plan's decision of what is
public (:func:`kokous.documents.publications`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import i18n, plan
from ..model import Body, Meeting
from ..volume import Volume
from .values import SCHEMA, dates, datetime_at, embedded, latest, parsed

if TYPE_CHECKING:
    from .family import Family

MIME_TYPES = plan.MEDIA_TYPES


@dataclass
class MeetingObjects:
    """A meeting as fetched on its own, and the objects inside it as fetched on their own."""

    meeting: dict[str, object]
    parts: list[dict[str, object]] = field(default_factory=list)


def public_publications(body: Body, meeting: Meeting, now: dt.datetime) -> list[tuple[str, str]]:
    """``(kind, lang)`` of the meeting's documents in the public edition, as the render jobs
    decide it."""
    from ..documents import publications

    return publications(body, meeting, "public", now)


def meeting_objects(
    family: Family, volume: Volume, meeting: Meeting, publications: list[tuple[str, str]]
) -> MeetingObjects:
    """A meeting with a public document, as the public edition shows it."""
    body = volume.body
    lang = meeting.language
    url = family.urls.meeting(body.id, meeting.key)
    files = [
        file(family, volume, meeting, kind, doc_lang, fmt)
        for kind, doc_lang in publications
        for fmt in plan.formats_of(kind, family.extra_formats)
    ]
    modified = latest(
        dt.datetime.combine(meeting.date, meeting.end or dt.time(0, 0)),
        *(parsed(str(f["modified"])) for f in files),
    )
    obj: dict[str, object] = {
        "id": url,
        "type": SCHEMA + "Meeting",
        "name": f"{body.display_name(lang)} {meeting.numbering}",
        "meetingState": meeting.status,
        "cancelled": meeting.status == "cancelled",
        "start": datetime_at(meeting.date, meeting.start),
        "organization": [family.urls.organization(body.id)],
        **dates(meeting.date, modified),
    }
    out = MeetingObjects(obj, list(files))
    if meeting.end:
        obj["end"] = datetime_at(meeting.date, meeting.end)
    if meeting.place:
        place = location(family, body.id, meeting)
        out.parts.append(place)
        obj["location"] = embedded(place)
    if ("minutes", lang) in publications:
        obj["participant"] = participants(family, meeting)
        items = minutes_content(family, volume, meeting)
        out.parts += items
        obj["agendaItem"] = [embedded(i) for i in items]
    attach_files(obj, files, publications, lang)
    obj["web"] = family.urls.document(
        plan.document_stem("public", body.id, meeting.year, meeting.key, ".".join(publications[-1]))
        + ".html"
    )
    return out


def minutes_content(family: Family, volume: Volume, meeting: Meeting) -> list[dict[str, object]]:
    """The agenda items public minutes add to a meeting, as fetched on their own."""
    from ..documents import MinutesView, redact_meeting

    lang = meeting.language
    shown = redact_meeting(meeting, lang)
    view = MinutesView(volume, shown, lang, public=True)
    return [
        agenda_item(family, volume.body, view, item, order, meeting)
        for order, item in enumerate(shown.items, start=1)
    ]


def attach_files(
    obj: dict[str, object], files: list[dict], publications: list[tuple[str, str]], lang: str
) -> None:
    """The minutes PDF is the results protocol, the agenda PDF the invitation (Einladung),
    every other format and document an auxiliary file: all embedded. Who attended is in the
    public minutes (absence reasons are not read)."""
    by_name = {f["fileName"]: f for f in files}
    if ("minutes", lang) in publications:
        obj["resultsProtocol"] = embedded(by_name[f"minutes.{lang}.pdf"])
    if ("agenda", lang) in publications:
        obj["invitation"] = embedded(by_name[f"agenda.{lang}.pdf"])
    taken = {obj[key]["fileName"] for key in ("resultsProtocol", "invitation") if key in obj}  # type: ignore[index]
    aux = [embedded(f) for f in files if f["fileName"] not in taken]
    if aux:
        obj["auxiliaryFile"] = aux


def participants(family: Family, meeting: Meeting) -> list[str]:
    return sorted({family.urls.person(a.person) for a in meeting.attendance if a.attends})


def location(family: Family, body: str, meeting: Meeting) -> dict[str, object]:
    assert meeting.place is not None
    return {
        "id": family.urls.meeting_part(body, meeting.key, "location.json"),
        "type": SCHEMA + "Location",
        "description": meeting.place.get(meeting.language),
        "meetings": [family.urls.meeting(body, meeting.key)],
        **dates(meeting.date, meeting.date),
    }


def agenda_item(family: Family, body: Body, view, item, order: int, meeting: Meeting) -> dict:
    """An item as the public minutes show it: a non-public item arrives redacted (its title
    or "Non-public item", no decision)."""
    obj: dict[str, object] = {
        "id": family.urls.meeting_part(body.id, meeting.key, f"agenda-item/{item.number}.json"),
        "type": SCHEMA + "AgendaItem",
        "meeting": family.urls.meeting(body.id, meeting.key),
        "number": str(item.number),
        "order": order,
        "name": view.title(item),
        "public": item.is_public,
        **dates(meeting.date, meeting.date),
    }
    text = view.decision(item) or view.standard_text(item)
    # A non-public item's place in the public minutes holds its marking and provision.
    note = view.visibility_note(item)
    if note:
        text = f"{note}\n{text}" if text else note
    if text:
        obj["resolutionText"] = text
    if item.is_public and not item.standard:
        obj["result"] = result(item)
    return obj


def file(
    family: Family, volume: Volume, meeting: Meeting, kind: str, lang: str, fmt: str
) -> dict[str, object]:
    """A published document of the meeting: its size and SHA-512 read from the file."""
    stem = plan.document_stem("public", volume.body.id, volume.year, meeting.key, f"{kind}.{lang}")
    relative = f"{stem}.{fmt}"
    data = (family.out_root / relative).read_bytes()
    when, name = file_date_and_name(volume, meeting, kind, lang)
    day = when.date() if isinstance(when, dt.datetime) else when
    body = volume.body.id
    return {
        "id": family.urls.meeting_part(body, meeting.key, f"file/{kind}.{lang}.{fmt}.json"),
        "type": SCHEMA + "File",
        "name": f"{name} ({fmt.upper()})",
        "fileName": f"{kind}.{lang}.{fmt}",
        "mimeType": MIME_TYPES[fmt],
        "date": day.isoformat(),
        "size": len(data),
        "sha512Checksum": hashlib.sha512(data).hexdigest(),
        "accessUrl": family.urls.document(relative),
        "meeting": [family.urls.meeting(body, meeting.key)],
        "license": family.license,
        "fileLicense": family.license,
        **dates(when, when),
    }


def file_date_and_name(
    volume: Volume, meeting: Meeting, kind: str, lang: str
) -> tuple[dt.date | dt.datetime, str]:
    """When a document was published and what it is called."""
    if kind == "press-release":
        assert meeting.press is not None
        return meeting.press.published, meeting.press.headline.get(lang)
    if kind == "agenda":
        agenda = i18n.gettext_for(lang)("Agenda")
        name = f"{volume.body.display_name(lang)}: {agenda} {meeting.numbering}"
        return meeting.invitation_sent or meeting.date, name
    checked = meeting.minutes.checked_on if meeting.minutes else None
    return checked or meeting.date, f"{volume.body.display_name(lang)} {meeting.numbering}"


def result(item) -> str:
    """What happened to the item, as the record's terms say: decided, noted, deferred,
    returned, withdrawn, or not quorate (nothing could be decided)."""
    if item.below_quorum:
        return "not quorate"
    if item.outcome in ("deferred", "returned", "withdrawn", "noted"):
        return item.outcome
    return "noted" if item.kind == "information" else "decided"
