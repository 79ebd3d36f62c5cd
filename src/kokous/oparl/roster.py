"""A family's organisations, persons, memberships and papers as OParl objects.

Each builder returns the object as fetched on its own (with its back-references); a parent
embeds it through :func:`kokous.oparl.values.embedded`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import i18n
from ..model import VOTING_POSTS, Body, Membership
from .values import SCHEMA, dates, embedded

if TYPE_CHECKING:
    from .family import Family

MAIN_BODY_CLASSIFICATION = "Beirat"
"""A main body is an advisory board (neuvottelukunta): the spec's "Beirat"."""
SUBCOMMITTEE_CLASSIFICATION = "Ausschuss"
"""A subcommittee (jaosto) prepares matters for its main body: the spec's "Ausschuss"."""
REPRESENTED_CLASSIFICATION = "entsendende Organisation"
"""An organisation members sit on behalf of (ministry, municipality, agency, association)."""


def organization(family: Family, body: Body) -> dict[str, object]:
    """A body of the family as an ``Organization`` of type ``Gremium``."""
    lang = body.primary_language
    created, modified = family.body_dates(body)
    org: dict[str, object] = {
        "id": family.urls.organization(body.id),
        "type": SCHEMA + "Organization",
        "body": family.urls.body(),
        "name": body.display_name(lang),
        "membership": [membership_url(family, body, m) for m in body.memberships],
        "organizationType": "Gremium",
        "classification": (
            SUBCOMMITTEE_CLASSIFICATION if body.parent else MAIN_BODY_CLASSIFICATION
        ),
        "post": sorted({i18n.post_label(m.post, lang) for m in body.memberships}),
        "web": family.urls.base + f"{body.id}/index.html",
        **dates(created, modified),
    }
    if body.noun:
        # The body's own word for what it is, in its language ("neuvottelukunta", "jaosto").
        org["keyword"] = [body.noun.get(lang)]
    if body.short_name:
        org["shortName"] = body.short_name
    if body.parent:
        org["subOrganizationOf"] = family.urls.organization(body.parent)
    if body.term_start:
        org["startDate"] = body.term_start.isoformat()
    if body.term_end:
        org["endDate"] = body.term_end.isoformat()
    return org


def represented(family: Family) -> list[dict[str, object]]:
    """The organisations the family's members represent (``onBehalfOf``), as ``Institution``."""
    bodies = family.member_bodies()
    used = sorted({m.on_behalf_of for b in bodies for m in b.memberships if m.on_behalf_of})
    lang = family.main.primary_language
    created, modified = family.dates()
    out = []
    for oid in used:
        organisation = next(b.organisations[oid] for b in bodies if oid in b.organisations)
        obj: dict[str, object] = {
            "id": family.urls.represented(oid),
            "type": SCHEMA + "Organization",
            "body": family.urls.body(),
            "name": organisation.name.get(lang),
            "organizationType": "Institution",
            "classification": REPRESENTED_CLASSIFICATION,
            **dates(created, modified),
        }
        if organisation.short_name:
            obj["shortName"] = organisation.short_name.get(lang)
        out.append(obj)
    return out


def membership_url(family: Family, body: Body, m: Membership) -> str:
    return family.urls.membership(body.id, m.person, m.post, m.start)


def membership(family: Family, body: Body, m: Membership) -> dict[str, object]:
    obj: dict[str, object] = {
        "id": membership_url(family, body, m),
        "type": SCHEMA + "Membership",
        "person": family.urls.person(m.person),
        "organization": family.urls.organization(body.id),
        "role": i18n.post_label(m.post, body.primary_language),
        # A deputy votes only while standing in for an absent member.
        "votingRight": m.post in VOTING_POSTS,
        "startDate": m.start.isoformat(),
        **dates(m.start, m.start),
    }
    if m.end:
        obj["endDate"] = m.end.isoformat()
    if m.on_behalf_of:
        obj["onBehalfOf"] = family.urls.represented(m.on_behalf_of)
    return obj


def given_name(name: str) -> dict[str, str]:
    """``givenName``: the name before the surname ("Tiina" of "Tiina Korhonen"), if any."""
    given = " ".join(name.split()[:-1])
    return {"givenName": given} if given else {}


def persons(family: Family) -> tuple[list[dict], list[dict]]:
    """Every person holding a membership in the family, with their memberships embedded
    (only the name: the roster's phone numbers and e-mail patterns are contact data, not
    theirs); and the memberships as fetched on their own."""
    held: dict[str, list[tuple[Body, Membership]]] = {}
    for body in family.member_bodies():
        for m in body.memberships:
            held.setdefault(m.person, []).append((body, m))
    people, memberships = [], []
    for pid in sorted(held):
        person = held[pid][0][0].persons[pid]
        own = [membership(family, b, m) for b, m in held[pid]]
        memberships += own
        starts = [m.start for _b, m in held[pid]]
        people.append(
            {
                "id": family.urls.person(pid),
                "type": SCHEMA + "Person",
                "body": family.urls.body(),
                "name": person.name,
                "familyName": person.surname,
                # Clients file a person under given and family name (meine-stadt-transparent
                # stores "Unknown" for a missing one): both, split as the surname is.
                **given_name(person.name),
                "membership": [embedded(m) for m in own],
                **dates(min(starts), max(starts)),
            }
        )
    return people, memberships


def papers(family: Family) -> tuple[list[dict], list[dict]]:
    """The statements (lausunnot) the main body's annual reports list, and their files as
    fetched on their own."""
    lang = family.main.primary_language
    out, files = [], []
    numbers: dict[int, int] = {}
    for s in sorted(family.statements(), key=lambda s: s.date):
        numbers[s.date.year] = numbers.get(s.date.year, 0) + 1
        reference = f"{s.date.year}-{numbers[s.date.year]}"
        url = family.urls.paper(reference)
        paper: dict[str, object] = {
            "id": url,
            "type": SCHEMA + "Paper",
            "body": family.urls.body(),
            "name": s.title.get(lang),
            "reference": reference,
            "date": s.date.isoformat(),
            "paperType": "statement",
            "keyword": ["lausunto"],
            "originatorOrganization": [family.urls.organization(family.head)],
            **dates(s.date, s.date),
        }
        if s.url:
            main_file = {
                "id": family.urls.paper_file(reference),
                "type": SCHEMA + "File",
                "name": s.title.get(lang),
                "accessUrl": s.url,
                "paper": [url],
                # The statement itself is published elsewhere: only this record's licence.
                "license": family.license,
                **dates(s.date, s.date),
            }
            files.append(main_file)
            paper["mainFile"] = embedded(main_file)
        out.append(paper)
    return out, files
