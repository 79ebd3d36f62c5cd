"""The public edition as OParl 1.1 data: static JSON files under ``build/public/oparl/``.

OParl (https://oparl.org, the spec: github.com/OParl/spec) is the open standard for council
information systems. The export holds only what the public edition shows: the meetings that
have a public document (press release or minutes), their items as the public minutes show
them (:func:`kokous.documents.redact_meeting` and the minutes' own sentences, from
:class:`kokous.documents.MinutesView`), the published documents as ``File`` objects, the
rosters' members and their memberships, and the statements (lausunnot) the annual report
lists. Nothing the public edition leaves out (a non-public item's content, an embargoed press
release, draft minutes, guests, absence reasons, phone numbers) is put in it: items reach it
only through the redaction, documents only through the plan's decision of what is public.

Where the spec and a static site part ways: a ``File`` has ``accessUrl`` but no
``downloadUrl`` (the spec requires the server to send ``Content-Disposition: attachment``
there, which no static host promises); its checksum is ``sha512Checksum`` (the spec has no
SHA-256 property, and calls SHA-1 outdated); a meeting has no ``invitation`` (kokous
publishes no invitation document).

One OParl ``Body`` per main body: its family (the body and its subcommittees) share one roster
(:mod:`kokous.records`). The files, relative to ``build/public/oparl/``:

- ``system.json`` (the entry point) and ``bodies.json`` (its list of bodies);
- per main body ``{head}/body.json``, ``{head}/organization/{body}.json`` for the body and each
  subcommittee, and the lists ``{head}/organizations.json``, ``{head}/persons.json``,
  ``{head}/papers.json`` and ``{head}/meetings.json`` (then ``meetings-2.json``, … by
  :data:`PAGE_SIZE`);
- per public meeting ``{head}/meeting/{body}/{key}.json``, its agenda items and files inside.

Every file name follows from the workflow's plan (bodies, meetings and their public
documents: :func:`planned_files`), so Snakemake declares each one. The objects whose number
only the loaded records know (persons and their memberships, the organisations members
represent, statements) live inside their list file, which is a single page: their ``id`` is
the list's URL with a fragment, as are the ids of the items and files inside a meeting. The
spec's ``created`` and ``modified`` come from the records' own dates (never the wall clock),
so the same records give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from . import i18n, plan, writer
from .build import annual_report_sources, load_checked, meeting_sources
from .manifest import desk_entry
from .model import VOTING_POSTS, Body, Meeting, Membership, Volume

FOLDER = "public/oparl"
"""Where the export lives, relative to ``build/``: no body may be named ``oparl``."""
SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"
PAGE_SIZE = 100
"""Meetings per list page (the spec recommends pages for lists of over 100)."""
HELSINKI = ZoneInfo("Europe/Helsinki")
MIME_TYPES = plan.MEDIA_TYPES


class OParlError(Exception):
    """The export cannot be made as planned (one line)."""


# ------------------------------------------------------------------------------ file names


def meeting_list_pages(count: int) -> list[str]:
    """The file names of a body's meeting list: ``meetings.json``, ``meetings-2.json``, …"""
    pages = max(1, math.ceil(count / PAGE_SIZE))
    return ["meetings.json", *(f"meetings-{n}.json" for n in range(2, pages + 1))]


def export_files(
    heads: Mapping[str, Sequence[str]], meetings: Iterable[tuple[str, str]]
) -> list[str]:
    """Every file of the export, relative to ``build/``, from the families (main body to its
    bodies, itself first) and the public meetings (``(body, key)``)."""
    head_of = {b: head for head, bodies in heads.items() for b in bodies}
    per_head: dict[str, list[tuple[str, str]]] = {head: [] for head in heads}
    for body, key in meetings:
        per_head[head_of[body]].append((body, key))
    files = ["system.json", "bodies.json"]
    for head, bodies in heads.items():
        files += [f"{head}/{name}" for name in ("body.json", "organizations.json")]
        files += [f"{head}/{name}" for name in ("persons.json", "papers.json")]
        files += [f"{head}/organization/{b}.json" for b in bodies]
        files += [f"{head}/{page}" for page in meeting_list_pages(len(per_head[head]))]
        files += [f"{head}/meeting/{b}/{k}.json" for b, k in per_head[head]]
    return sorted(f"{FOLDER}/{f}" for f in files)


def families(parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Each main body with its bodies: itself, then its subcommittees by id."""
    heads: dict[str, list[str]] = {}
    for body in sorted(parents):
        heads.setdefault(plan.family_head(body, parents), [])
    for head in heads:
        heads[head] = [head, *sorted(b for b in parents if b != head and parents[b] == head)]
    return heads


def planned_files(the_plan: plan.Plan) -> list[str]:
    """The export's files as the workflow's plan knows them: a meeting is exported when the
    plan gives it a public document (the same decision the job makes from the model)."""
    if "oparl" in the_plan.bodies:
        raise OParlError(
            "records/oparl: a body may not be named 'oparl': build/public/oparl/ holds the"
            " OParl export; rename the folder"
        )
    # The bodies with a checked year: a body without meetings or narratives has none.
    checked = {by.body for by in the_plan.years}
    if not checked:
        return []
    meetings = {
        (job.body, path.split("/")[3])
        for by in the_plan.years
        for job in by.render
        for path in job.files
        if path.startswith("public/")
    }
    parents = {b: p for b, p in the_plan.bodies.items() if b in checked}
    return export_files(families(parents), meetings)


# ------------------------------------------------------------------------------ values


def _datetime(day: dt.date, time: dt.time | None = None) -> str:
    """ISO 8601 with Helsinki's offset on that day (the records hold naive local times)."""
    moment = dt.datetime.combine(day, time or dt.time(0, 0)).replace(tzinfo=HELSINKI)
    return moment.isoformat(timespec="seconds")


def _stamp(moment: dt.date | dt.datetime) -> str:
    if isinstance(moment, dt.datetime):
        return _datetime(moment.date(), moment.time())
    return _datetime(moment)


def _dates(created: dt.date | dt.datetime, modified: dt.date | dt.datetime) -> dict[str, str]:
    return {"created": _stamp(created), "modified": _stamp(modified)}


def _as_datetime(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime.combine(moment, dt.time(0, 0))


def _latest(*moments: dt.date | dt.datetime | None) -> dt.datetime:
    return max(_as_datetime(m) for m in moments if m is not None)


def _earliest(*moments: dt.date | dt.datetime | None) -> dt.datetime:
    return min(_as_datetime(m) for m in moments if m is not None)


def public_publications(body: Body, meeting: Meeting, now: dt.datetime) -> list[tuple[str, str]]:
    """``(kind, lang)`` of the meeting's documents in the public edition: the plan's own
    decision (:func:`kokous.plan.meeting_publications`), as the render jobs make it."""
    from .documents import publications

    return publications(body, meeting, "public", now)


# ------------------------------------------------------------------------------ the export


class Export:
    """The export of a set of checked body-years, as ``relative path -> object``."""

    def __init__(
        self,
        volumes: Sequence[Volume],
        base_url: str,
        out_root: Path,
        now: dt.datetime,
        extra_formats: Sequence[str] = (),
    ):
        if not base_url.endswith("/"):
            base_url += "/"
        self.base = base_url
        self.out_root = out_root
        self.now = now
        self.extra_formats = tuple(extra_formats)
        self.volumes = sorted(volumes, key=lambda v: (v.body.id, v.year))
        # The roster is body.yaml's, the same in every year: the latest year's model holds it.
        self.bodies: dict[str, Body] = {v.body.id: v.body for v in self.volumes}
        self.heads = families({b: body.parent for b, body in self.bodies.items()})
        self.files: dict[str, object] = {}
        self.meeting_sources: dict[str, list[dict[str, str]]] = {}

    # URLs -------------------------------------------------------------------------------
    def url(self, relative: str) -> str:
        return f"{self.base}oparl/{relative}"

    def document_url(self, relative: str) -> str:
        """A public-edition file (``public/…`` under ``build/``) as the web serves it."""
        return self.base + relative.removeprefix("public/")

    def org_url(self, head: str, body: str) -> str:
        return self.url(f"{head}/organization/{body}.json")

    def represented_url(self, head: str, organisation: str) -> str:
        return self.url(f"{head}/organizations.json") + f"#organisation-{organisation}"

    def person_url(self, head: str, person: str) -> str:
        return self.url(f"{head}/persons.json") + f"#person-{person}"

    def membership_url(self, head: str, body: str, m: Membership) -> str:
        return (
            self.url(f"{head}/persons.json")
            + f"#membership-{body}-{m.person}-{m.post}-{m.start.isoformat()}"
        )

    def meeting_url(self, head: str, body: str, key: str) -> str:
        return self.url(f"{head}/meeting/{body}/{key}.json")

    # The whole export --------------------------------------------------------------------
    def build(self) -> dict[str, object]:
        """Every file of the export, relative to ``build/``."""
        bodies = [self.body(head) for head in self.heads]
        newest = _latest(*(dt.datetime.fromisoformat(b["modified"]) for b in bodies))
        oldest = _earliest(*(dt.datetime.fromisoformat(b["created"]) for b in bodies))
        system = {
            "id": self.url("system.json"),
            "type": SCHEMA + "System",
            "oparlVersion": OPARL_VERSION,
            "body": self.url("bodies.json"),
            "name": "kokous",
            "website": self.base,
            "created": _stamp(oldest.replace(tzinfo=None)),
            "modified": _stamp(newest.replace(tzinfo=None)),
        }
        self.put("system.json", system)
        self.put("bodies.json", self.page(self.url("bodies.json"), bodies))
        return {f"{FOLDER}/{rel}": obj for rel, obj in sorted(self.files.items())}

    def sources(self, path: str) -> list[dict[str, str]]:
        """The record files an export file (relative to ``build/``) is made from, for its
        manifest entry: a meeting's own, else its family's, else every record."""
        if path in self.meeting_sources:
            return self.meeting_sources[path]
        head = path.removeprefix(f"{FOLDER}/").split("/")[0]
        volumes = [
            v for v in self.volumes if head not in self.heads or v.body.id in self.heads[head]
        ]
        return annual_report_sources(volumes[0], volumes[1:])

    def put(self, relative: str, obj: object) -> None:
        self.files[relative] = obj

    def page(
        self, url: str, data: list, number: int = 1, pages: int = 1, total: int | None = None
    ) -> dict[str, object]:
        """One page of an external object list (the spec's ``data``/``pagination``/``links``)."""

        def page_url(n: int) -> str:
            return url if n == 1 else url.removesuffix(".json") + f"-{n}.json"

        links = {"first": page_url(1), "self": page_url(number), "last": page_url(pages)}
        if number > 1:
            links["prev"] = page_url(number - 1)
        if number < pages:
            links["next"] = page_url(number + 1)
        return {
            "data": data,
            "pagination": {
                "totalElements": len(data) if total is None else total,
                "elementsPerPage": PAGE_SIZE if pages > 1 else len(data),
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }

    # Body and organisations ------------------------------------------------------------
    def body(self, head: str) -> dict[str, object]:
        """The main body's family: its Body object, written with its lists."""
        main = self.bodies[head]
        lang = main.primary_language
        members = self.heads[head]
        meetings = [
            (self.bodies[b], v, m)
            for b in members
            for v in self.volumes
            if v.body.id == b
            for m in v.meetings
            if public_publications(self.bodies[b], m, self.now)
        ]
        meetings.sort(key=lambda t: (t[2].date, t[2].key, t[0].id))
        meeting_objects = [self.meeting(head, body, v, m) for body, v, m in meetings]
        organizations = [self.organization(head, self.bodies[b]) for b in members]
        for b, organization in zip(members, organizations, strict=True):
            self.put(f"{head}/organization/{b}.json", organization)
        represented = self.represented(head)
        self.put(
            f"{head}/organizations.json",
            self.page(self.url(f"{head}/organizations.json"), organizations + represented),
        )
        persons = self.persons(head)
        self.put(f"{head}/persons.json", self.page(self.url(f"{head}/persons.json"), persons))
        papers = self.papers(head)
        self.put(f"{head}/papers.json", self.page(self.url(f"{head}/papers.json"), papers))
        pages = meeting_list_pages(len(meeting_objects))
        for number, name in enumerate(pages, start=1):
            chunk = meeting_objects[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            listing = self.page(
                self.url(f"{head}/meetings.json"), chunk, number, len(pages), len(meeting_objects)
            )
            self.put(f"{head}/{name}", listing)
        created, modified = self.family_dates(head, meeting_objects)
        body = {
            "id": self.url(f"{head}/body.json"),
            "type": SCHEMA + "Body",
            "system": self.url("system.json"),
            "name": main.name.get(lang),
            "organization": self.url(f"{head}/organizations.json"),
            "person": self.url(f"{head}/persons.json"),
            "meeting": self.url(f"{head}/meetings.json"),
            "paper": self.url(f"{head}/papers.json"),
            "legislativeTerm": [],
            "mainOrganization": self.org_url(head, head),
            "web": self.base + f"{head}/index.html",
            **_dates(created, modified),
        }
        if main.short_name:
            body["shortName"] = main.short_name
        if main.website_url:
            body["website"] = main.website_url.get(main.primary_language)
        self.put(f"{head}/body.json", body)
        return body

    def family_dates(self, head: str, meetings: list[dict]) -> tuple[dt.datetime, dt.datetime]:
        """When the family's data began (appointment, first membership) and last changed
        (the latest meeting's data, membership, statement)."""
        bodies = [self.bodies[b] for b in self.heads[head]]
        starts = [m.start for b in bodies for m in b.memberships]
        created = _earliest(
            *(b.appointed_on for b in bodies), *starts, *(self.first_day(b) for b in bodies)
        )
        modified = [dt.datetime.fromisoformat(m["modified"]).replace(tzinfo=None) for m in meetings]
        modified += [_as_datetime(s) for s in starts]
        modified += [_as_datetime(b.appointed_on) for b in bodies if b.appointed_on]
        modified += [_as_datetime(s.date) for s in self.statements(head)]
        return created, _latest(created, *modified)

    def organization(self, head: str, body: Body) -> dict[str, object]:
        lang = body.primary_language
        created, modified = self.body_dates(body)
        org: dict[str, object] = {
            "id": self.org_url(head, body.id),
            "type": SCHEMA + "Organization",
            "body": self.url(f"{head}/body.json"),
            "name": body.display_name(lang),
            "membership": [self.membership_url(head, body.id, m) for m in body.memberships],
            "organizationType": "gremium",
            "post": sorted({i18n.post_label(m.post, lang) for m in body.memberships}),
            "web": self.base + f"{body.id}/index.html",
            **_dates(created, modified),
        }
        if body.short_name:
            org["shortName"] = body.short_name
        if body.parent:
            org["subOrganizationOf"] = self.org_url(head, body.parent)
        if body.term_start:
            org["startDate"] = body.term_start.isoformat()
        if body.term_end:
            org["endDate"] = body.term_end.isoformat()
        if body.noun:
            org["classification"] = body.noun.get(lang)
        return org

    def first_day(self, body: Body) -> dt.date:
        """The first day of the body's first year in the records: its data's creation when
        the roster gives no earlier date."""
        return dt.date(min(v.year for v in self.volumes if v.body.id == body.id), 1, 1)

    def body_dates(self, body: Body) -> tuple[dt.datetime, dt.datetime]:
        starts = [m.start for m in body.memberships]
        created = _earliest(body.appointed_on, body.term_start, *starts, self.first_day(body))
        return created, _latest(created, *starts)

    def represented(self, head: str) -> list[dict[str, object]]:
        """The organisations the family's members represent (``onBehalfOf``)."""
        bodies = [self.bodies[b] for b in self.heads[head]]
        used = sorted({m.on_behalf_of for b in bodies for m in b.memberships if m.on_behalf_of})
        main = self.bodies[head]
        lang = main.primary_language
        created, modified = self.family_dates(head, [])
        out = []
        for oid in used:
            organisation = next(b.organisations[oid] for b in bodies if oid in b.organisations)
            obj: dict[str, object] = {
                "id": self.represented_url(head, oid),
                "type": SCHEMA + "Organization",
                "body": self.url(f"{head}/body.json"),
                "name": organisation.name.get(lang),
                "organizationType": "organisation",
                **_dates(created, modified),
            }
            if organisation.short_name:
                obj["shortName"] = organisation.short_name.get(lang)
            out.append(obj)
        return out

    # Persons and memberships -------------------------------------------------------------
    def persons(self, head: str) -> list[dict[str, object]]:
        """Every person holding a membership in the family, with their memberships (only the
        name: the roster's phone numbers and e-mail patterns are contact data, not theirs)."""
        held: dict[str, list[tuple[Body, Membership]]] = {}
        for b in self.heads[head]:
            body = self.bodies[b]
            for m in body.memberships:
                held.setdefault(m.person, []).append((body, m))
        out = []
        for pid in sorted(held):
            body = held[pid][0][0]
            person = body.persons[pid]
            memberships = [self.membership(head, b, m) for b, m in held[pid]]
            starts = [m.start for _b, m in held[pid]]
            out.append(
                {
                    "id": self.person_url(head, pid),
                    "type": SCHEMA + "Person",
                    "body": self.url(f"{head}/body.json"),
                    "name": person.name,
                    "familyName": person.surname,
                    "membership": memberships,
                    **_dates(min(starts), max(starts)),
                }
            )
        return out

    def membership(self, head: str, body: Body, m: Membership) -> dict[str, object]:
        obj: dict[str, object] = {
            "id": self.membership_url(head, body.id, m),
            "type": SCHEMA + "Membership",
            "person": self.person_url(head, m.person),
            "organization": self.org_url(head, body.id),
            "role": i18n.post_label(m.post, body.primary_language),
            # A deputy votes only while standing in for an absent member.
            "votingRight": m.post in VOTING_POSTS,
            "startDate": m.start.isoformat(),
            **_dates(m.start, m.start),
        }
        if m.end:
            obj["endDate"] = m.end.isoformat()
        if m.on_behalf_of:
            obj["onBehalfOf"] = self.represented_url(head, m.on_behalf_of)
        return obj

    # Papers ----------------------------------------------------------------------------
    def statements(self, head: str):
        return [
            s
            for v in self.volumes
            if v.body.id == head and v.narrative
            for s in v.narrative.statements
        ]

    def papers(self, head: str) -> list[dict[str, object]]:
        """The statements (lausunnot) the main body's annual reports list."""
        main = self.bodies[head]
        lang = main.primary_language
        out = []
        numbers: dict[int, int] = {}
        for s in sorted(self.statements(head), key=lambda s: s.date):
            numbers[s.date.year] = numbers.get(s.date.year, 0) + 1
            paper_id = f"{s.date.year}-{numbers[s.date.year]}"
            url = self.url(f"{head}/papers.json") + f"#paper-{paper_id}"
            paper: dict[str, object] = {
                "id": url,
                "type": SCHEMA + "Paper",
                "body": self.url(f"{head}/body.json"),
                "name": s.title.get(lang),
                "reference": paper_id,
                "date": s.date.isoformat(),
                "paperType": "statement",
                "keyword": ["lausunto"],
                "originatorOrganization": [self.org_url(head, head)],
                **_dates(s.date, s.date),
            }
            if s.url:
                paper["mainFile"] = {
                    "id": url + "-file",
                    "type": SCHEMA + "File",
                    "name": s.title.get(lang),
                    "accessUrl": s.url,
                    "paper": [url],
                    **_dates(s.date, s.date),
                }
            out.append(paper)
        return out

    # Meetings --------------------------------------------------------------------------
    def meeting(self, head: str, body: Body, volume: Volume, meeting: Meeting) -> dict:
        """A meeting with a public document, as the public edition shows it; written to its
        own file and returned for the list."""
        from .documents import MinutesView, redact_meeting

        lang = meeting.language
        url = self.meeting_url(head, body.id, meeting.key)
        publications = public_publications(body, meeting, self.now)
        files = [
            self.file(url, volume, meeting, kind, doc_lang, fmt)
            for kind, doc_lang in publications
            for fmt in plan.formats_of(kind, self.extra_formats)
        ]
        modified = _latest(
            dt.datetime.combine(meeting.date, meeting.end or dt.time(0, 0)),
            *(dt.datetime.fromisoformat(f["modified"]).replace(tzinfo=None) for f in files),
        )
        obj: dict[str, object] = {
            "id": url,
            "type": SCHEMA + "Meeting",
            "name": f"{body.display_name(lang)} {meeting.numbering}",
            "meetingState": meeting.status,
            "cancelled": meeting.status == "cancelled",
            "start": _datetime(meeting.date, meeting.start),
            "organization": [self.org_url(head, body.id)],
            **_dates(meeting.date, modified),
        }
        if meeting.end:
            obj["end"] = _datetime(meeting.date, meeting.end)
        if meeting.place:
            obj["location"] = {
                "id": url + "#location",
                "type": SCHEMA + "Location",
                "description": meeting.place.get(lang),
                **_dates(meeting.date, meeting.date),
            }
        minutes_public = ("minutes", lang) in publications
        if minutes_public:
            # Who attended is in the public minutes; absence reasons are not read.
            obj["participant"] = sorted(
                {self.person_url(head, a.person) for a in meeting.attendance if a.attends}
            )
            protocol = next(f for f in files if f["fileName"] == f"minutes.{lang}.pdf")
            obj["resultsProtocol"] = protocol
            shown = redact_meeting(meeting, lang)
            view = MinutesView(volume, shown, lang, public=True)
            obj["agendaItem"] = [
                self.agenda_item(url, view, item, order, meeting)
                for order, item in enumerate(shown.items, start=1)
            ]
        if ("agenda", lang) in publications:
            # The agenda (esityslista) is what OParl calls the invitation (Einladung).
            obj["invitation"] = next(f for f in files if f["fileName"] == f"agenda.{lang}.pdf")
        aux = [
            f
            for f in files
            if f is not obj.get("resultsProtocol") and f is not obj.get("invitation")
        ]
        if aux:
            obj["auxiliaryFile"] = aux
        obj["web"] = self.document_url(
            plan.document_stem(
                "public", body.id, meeting.year, meeting.key, ".".join(publications[-1])
            )
            + ".html"
        )
        self.put(f"{head}/meeting/{body.id}/{meeting.key}.json", obj)
        # What its minutes are made from (the minutes' § numbers also come from the year's
        # earlier meetings; the manifest's records_commit pins those).
        self.meeting_sources[f"{FOLDER}/{head}/meeting/{body.id}/{meeting.key}.json"] = (
            meeting_sources(volume, meeting, "minutes")
        )
        return obj

    def agenda_item(self, meeting_url: str, view, item, order: int, meeting: Meeting) -> dict:
        """An item as the public minutes show it: a non-public item arrives redacted (its title
        or "Non-public item", no decision)."""
        obj: dict[str, object] = {
            "id": f"{meeting_url}#item-{item.number}",
            "type": SCHEMA + "AgendaItem",
            "meeting": meeting_url,
            "number": str(item.number),
            "order": order,
            "name": view.title(item),
            "public": item.is_public,
            **_dates(meeting.date, meeting.date),
        }
        text = view.decision(item) or view.standard_text(item)
        # A non-public item's place in the public minutes holds its marking and provision.
        note = view.visibility_note(item)
        if note:
            text = f"{note}\n{text}" if text else note
        if text:
            obj["resolutionText"] = text
        if item.is_public and not item.standard:
            obj["result"] = _result(item)
        return obj

    def file(
        self, meeting_url: str, volume: Volume, meeting: Meeting, kind: str, lang: str, fmt: str
    ) -> dict:
        """A published document of the meeting: its size and SHA-512 read from the file."""
        stem = plan.document_stem(
            "public", volume.body.id, volume.year, meeting.key, f"{kind}.{lang}"
        )
        relative = f"{stem}.{fmt}"
        data = (self.out_root / relative).read_bytes()
        if kind == "press-release":
            assert meeting.press is not None
            when: dt.date | dt.datetime = meeting.press.published
            name = meeting.press.headline.get(lang)
        elif kind == "agenda":
            when = meeting.invitation_sent or meeting.date
            agenda = i18n.gettext_for(lang)("Agenda")
            name = f"{volume.body.display_name(lang)}: {agenda} {meeting.numbering}"
        else:
            when = (
                meeting.minutes.checked_on
                if meeting.minutes and meeting.minutes.checked_on
                else meeting.date
            )
            name = f"{volume.body.display_name(lang)} {meeting.numbering}"
        day = when.date() if isinstance(when, dt.datetime) else when
        return {
            "id": f"{meeting_url}#file-{kind}.{lang}.{fmt}",
            "type": SCHEMA + "File",
            "name": f"{name} ({fmt.upper()})",
            "fileName": f"{kind}.{lang}.{fmt}",
            "mimeType": MIME_TYPES[fmt],
            "date": day.isoformat(),
            "size": len(data),
            "sha512Checksum": hashlib.sha512(data).hexdigest(),
            "accessUrl": self.document_url(relative),
            "meeting": [meeting_url],
            **_dates(when, when),
        }


def _result(item) -> str:
    """What happened to the item, as the record's terms say: decided, noted, deferred,
    returned, withdrawn, or not quorate (nothing could be decided)."""
    if item.below_quorum:
        return "not quorate"
    if item.outcome in ("deferred", "returned", "withdrawn", "noted"):
        return item.outcome
    return "noted" if item.kind == "information" else "decided"


# ------------------------------------------------------------------------------ the job


def encode(obj: object) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, one trailing newline."""
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def write_export(
    checked: Sequence[Path],
    out_root: Path,
    part: Path,
    base_url: str,
    now: dt.datetime | None = None,
    extra_formats: Sequence[str] = (),
) -> list[str]:
    """Write the export of the checked body-years under ``out_root/public/oparl/`` and remove
    the files there it no longer holds (a deleted meeting, minutes back to draft); ``part``
    lists their manifest entries for the publish step, each with the record files it was
    made from."""
    now = now or plan.build_clock()
    volumes = [load_checked(p) for p in checked]
    export = Export(volumes, base_url, out_root, now, extra_formats)
    files = {rel: encode(obj) for rel, obj in export.build().items()}
    writer.write_files(out_root, files)
    entries = [
        {**desk_entry(rel, data, "oparl", None, None), "sources": export.sources(rel)}
        for rel, data in files.items()
    ]
    part_json = json.dumps({"artifacts": entries}, ensure_ascii=False, sort_keys=True) + "\n"
    writer.write_file(part.parent, part.name, part_json.encode("utf-8"))
    folder = out_root / FOLDER
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(out_root).as_posix()
        if path.is_file() and rel not in files and not path.name.startswith(writer.TEMP_PREFIX):
            path.unlink()
            writer.remove_empty_folders(out_root, path.parent)
    return sorted(files)
