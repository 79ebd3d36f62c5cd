"""One family's export: a main body with its subcommittees, every object a file under
``public/oparl/{head}/`` (see :mod:`kokous.oparl.urls`).

A family shares one roster (:mod:`kokous.records`), so persons, memberships and the
organisations members represent are the family's; its ``Body`` object links the family's
lists, and the system's list of bodies (:mod:`kokous.oparl.system`) is made from the
families' ``Body`` objects alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import plan
from ..build import annual_report_sources, meeting_sources
from ..model import Body
from ..volume import Volume
from . import lists, meetings, roster
from .urls import Urls
from .values import SCHEMA, as_datetime, dates, earliest, latest, parsed


def families(parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Each main body with its bodies: itself, then its subcommittees by id."""
    heads: dict[str, list[str]] = {}
    for body in sorted(parents):
        heads.setdefault(plan.family_head(body, parents), [])
    for head in heads:
        heads[head] = [head, *sorted(b for b in parents if b != head and parents[b] == head)]
    return heads


@dataclass
class Family:
    """What a family's objects are made from."""

    head: str
    volumes: list[Volume]
    urls: Urls
    license: str
    now: dt.datetime
    out_root: Path
    extra_formats: tuple[str, ...] = ()
    bodies: dict[str, Body] = field(init=False)
    members: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.volumes = sorted(self.volumes, key=lambda v: (v.body.id, v.year))
        # The roster is body.yaml's, the same in every year.
        self.bodies = {v.body.id: v.body for v in self.volumes}
        self.members = families({b: body.parent for b, body in self.bodies.items()})[self.head]

    @property
    def main(self) -> Body:
        return self.bodies[self.head]

    def member_bodies(self) -> list[Body]:
        return [self.bodies[b] for b in self.members]

    def statements(self) -> list:
        return [
            s
            for v in self.volumes
            if v.body.id == self.head and v.narrative
            for s in v.narrative.statements
        ]

    def first_day(self, body: Body) -> dt.date:
        """The first day of the body's first year in the records: its data's creation when
        the roster gives no earlier date."""
        return dt.date(min(v.year for v in self.volumes if v.body.id == body.id), 1, 1)

    def body_dates(self, body: Body) -> tuple[dt.datetime, dt.datetime]:
        starts = [m.start for m in body.memberships]
        created = earliest(body.appointed_on, body.term_start, *starts, self.first_day(body))
        return created, latest(created, *starts)

    def dates(self, meetings: Sequence[dict] = ()) -> tuple[dt.datetime, dt.datetime]:
        """When the family's data began (appointment, first membership) and last changed
        (the latest meeting's data, membership, statement)."""
        bodies = self.member_bodies()
        starts = [m.start for b in bodies for m in b.memberships]
        created = earliest(
            *(b.appointed_on for b in bodies), *starts, *(self.first_day(b) for b in bodies)
        )
        modified = [parsed(str(m["modified"])) for m in meetings]
        modified += [as_datetime(s) for s in starts]
        modified += [as_datetime(b.appointed_on) for b in bodies if b.appointed_on]
        modified += [as_datetime(s.date) for s in self.statements()]
        return created, latest(created, *modified)

    def sources(self) -> list[dict[str, str]]:
        """Every record file of the family (for the entries of its lists and roster)."""
        return annual_report_sources(self.volumes[0], self.volumes[1:])


@dataclass
class FamilyExport:
    """Every object of a family by its URL (a list page too), and its ``Body``."""

    body: dict[str, object]
    objects: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """The record files of a meeting's objects, by URL (others have the family's)."""

    def put(self, obj: dict) -> None:
        self.objects[str(obj["id"])] = obj

    def put_list(self, first: str, objects: Sequence[dict]) -> None:
        for url, listing in lists.pages(first, objects):
            self.objects[url] = listing


def export_family(family: Family) -> FamilyExport:
    """Every object of the family, each as fetched on its own, and its list pages."""
    urls = family.urls
    out = FamilyExport(body={})
    found = public_meetings(family)
    parts: list[dict] = []
    for volume, meeting, objects in found:
        for obj in (objects.meeting, *objects.parts):
            out.put(obj)
            out.sources[str(obj["id"])] = meeting_sources(volume, meeting, "minutes")
        parts += objects.parts
    meeting_list = [objects.meeting for _v, _m, objects in found]
    out.put_list(urls.listing("meetings"), meeting_list)
    organizations = [roster.organization(family, b) for b in family.member_bodies()]
    organizations += roster.represented(family)
    out.put_list(urls.listing("organizations"), organizations)
    people, memberships = roster.persons(family)
    out.put_list(urls.listing("persons"), people)
    papers, files = roster.papers(family)
    out.put_list(urls.listing("papers"), papers)
    for obj in (*organizations, *people, *memberships, *papers, *files):
        out.put(obj)
    # OParl 1.1's lists of the objects the others embed, as fetched on their own.
    out.put_list(urls.listing("memberships"), memberships)
    for name, kind in EMBEDDED_LISTS.items():
        chosen = [o for o in (*parts, *files) if o["type"] == SCHEMA + kind]
        out.put_list(urls.listing(name), chosen)
    out.body = body_object(family, meeting_list)
    out.put(out.body)
    return out


EMBEDDED_LISTS = {"agenda-items": "AgendaItem", "files": "File", "locations": "Location"}
"""A family's lists of the objects its meetings and papers embed, by list name."""


def public_meetings(family: Family) -> list[tuple[Volume, object, meetings.MeetingObjects]]:
    """The family's meetings with a public document, by date, with their objects."""
    found = []
    for volume in family.volumes:
        for meeting in volume.meetings:
            publications = meetings.public_publications(volume.body, meeting, family.now)
            if publications:
                found.append((volume, meeting, publications))
    found.sort(key=lambda t: (t[1].date, t[1].key, t[0].body.id))
    return [
        (volume, meeting, meetings.meeting_objects(family, volume, meeting, publications))
        for volume, meeting, publications in found
    ]


def body_object(family: Family, meeting_list: Sequence[dict]) -> dict[str, object]:
    """The family's ``Body``: its lists, its main organisation, its licence."""
    main = family.main
    urls = family.urls
    created, modified = family.dates(meeting_list)
    body: dict[str, object] = {
        "id": urls.body(),
        "type": SCHEMA + "Body",
        "system": urls.system(),
        "name": main.name.get(main.primary_language),
        "organization": urls.listing("organizations"),
        "person": urls.listing("persons"),
        "meeting": urls.listing("meetings"),
        "paper": urls.listing("papers"),
        "legislativeTerm": [],
        "membership": urls.listing("memberships"),
        "agendaItem": urls.listing("agenda-items"),
        "file": urls.listing("files"),
        "locationList": urls.listing("locations"),
        "mainOrganization": urls.organization(family.head),
        "classification": roster.MAIN_BODY_CLASSIFICATION,
        "license": family.license,
        "web": urls.base + f"{family.head}/index.html",
        **dates(created, modified),
    }
    if main.short_name:
        body["shortName"] = main.short_name
    if main.website_url:
        body["website"] = main.website_url.get(main.primary_language)
    return body
