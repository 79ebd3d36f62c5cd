"""The entry point of the export: ``system.json`` and its list of bodies (``bodies.json``,
paged), made from the families' ``Body`` objects alone, so the final step of the build reads
one small part per family, never a record."""

from __future__ import annotations

from collections.abc import Sequence

from . import lists
from .urls import Urls
from .values import OPARL_VERSION, SCHEMA, encode, parsed, stamp


def system_object(bodies: Sequence[dict], urls: Urls, license: str) -> dict[str, object]:
    system: dict[str, object] = {
        "id": urls.system(),
        "type": SCHEMA + "System",
        "oparlVersion": OPARL_VERSION,
        "body": urls.bodies(),
        "name": "kokous",
        "website": urls.base,
    }
    if license:
        system["license"] = license
    if bodies:
        system["created"] = stamp(min(parsed(str(b["created"])) for b in bodies))
        system["modified"] = stamp(max(parsed(str(b["modified"])) for b in bodies))
    return system


def export_system(bodies: list[dict], base_url: str, license: str = "") -> dict[str, bytes]:
    """``public/oparl/system.json`` and the pages of its list of bodies (keys relative to
    ``build/``), from the families' ``Body`` objects (their parts' ``body``), sorted by id.
    Without a ``license`` the System names the one its Bodies name (each family's job has the
    config's)."""
    if not license:
        named = {str(b.get("license", "")) for b in bodies}
        license = named.pop() if len(named) == 1 else ""
    urls = Urls(base_url)
    ordered = sorted(bodies, key=lambda b: str(b["id"]))
    files = {urls.relative(urls.system()): encode(system_object(ordered, urls, license))}
    for url, listing in lists.pages(urls.bodies(), ordered):
        files[urls.relative(url)] = encode(listing)
    return files
