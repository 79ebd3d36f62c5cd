"""The public edition as OParl 1.1 data: static JSON files under ``build/public/oparl/``.

OParl (https://oparl.org, the spec: github.com/OParl/spec) is the open standard for council
information systems. The export holds only what the public edition shows: the meetings that
have a public document (press release or minutes), their items as the public minutes show
them, the published documents as ``File`` objects, the rosters' members and their
memberships, and the statements (lausunnot) the annual report lists. Nothing the public
edition leaves out (a non-public item's content, an embargoed press release, draft minutes,
guests, absence reasons, phone numbers) is put in it.

Every object is a file of its own whose URL is its ``id`` (:mod:`.urls`); lists embed their
objects and parents embed their children without back-references, as the spec shows
(:mod:`.values`). One job per family of bodies writes the family's folder
(:mod:`.family`, :mod:`.job`), and the final step writes ``system.json`` from the families'
``Body`` objects (:mod:`.system`).

Where the spec and a static site part ways: a ``File`` has ``accessUrl`` but no
``downloadUrl`` (the spec requires the server to send ``Content-Disposition: attachment``
there, which no static host promises); its checksum is ``sha512Checksum`` (the spec has no
SHA-256 property, and calls SHA-1 outdated).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import plan
from .family import Family, FamilyExport, export_family, families
from .job import (
    DEFAULT_LICENSE,
    OParlError,
    family_files,
    remove_other_families,
    write_family,
    write_system,
)
from .meetings import public_publications
from .system import export_system
from .urls import FOLDER, PAGE_SIZE, Urls
from .values import (
    BACK_REFERENCES,
    HELSINKI,
    OPARL_VERSION,
    ORGANIZATION_TYPES,
    SCHEMA,
    embedded,
    encode,
)

__all__ = [
    "BACK_REFERENCES",
    "DEFAULT_LICENSE",
    "FOLDER",
    "HELSINKI",
    "OPARL_VERSION",
    "ORGANIZATION_TYPES",
    "PAGE_SIZE",
    "SCHEMA",
    "Family",
    "FamilyExport",
    "OParlError",
    "Urls",
    "embedded",
    "encode",
    "export_family",
    "export_system",
    "families",
    "family_files",
    "family_years",
    "public_publications",
    "remove_other_families",
    "system_files",
    "write_family",
    "write_system",
]


def family_years(the_plan: plan.Plan) -> dict[str, list[plan.BodyYear]]:
    """The families the plan exports (a main body with a checked year, or a subcommittee's
    year under it), each with its checked body-years: one export job each."""
    if "oparl" in the_plan.bodies:
        raise OParlError(
            "records/oparl: a body may not be named 'oparl': build/public/oparl/ holds the"
            " OParl export; rename the folder"
        )
    # A subcommittee whose main body has no checked year is a family of its own.
    checked = {by.body for by in the_plan.years}
    parents = {b: p for b, p in the_plan.bodies.items() if b in checked}
    out: dict[str, list[plan.BodyYear]] = {}
    for by in the_plan.years:
        out.setdefault(plan.family_head(by.body, parents), []).append(by)
    return {head: out[head] for head in sorted(out)}


def system_files(heads: Sequence[str]) -> list[str]:
    """The files of the system's part of the export (relative to ``build/``): ``system.json``
    and the pages of the list of bodies, one body per family."""
    from .lists import page_count
    from .urls import page_name

    pages = page_count(len(heads))
    return [f"{FOLDER}/system.json"] + [
        f"{FOLDER}/{page_name('bodies.json', n)}" for n in range(1, pages + 1)
    ]
