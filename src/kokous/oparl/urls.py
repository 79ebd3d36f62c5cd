"""Where each OParl object lives: one static file per object, its URL its ``id``.

OParl 1.1 § 3 ("Grundsätzlich muss jedes Objekt unter seiner ID abrufbar sein") asks that
every object, an embedded one too, returns itself at its ``id``. A static host serves a file
per URL, so every object is a file ending in ``.json`` (which every static host serves as
``application/json``) under ``build/public/oparl/``, and its ``id`` is the address the public
edition is served from (the config's ``base_url``) plus ``oparl/`` and the file's path:

- ``system.json``, ``bodies.json`` (``bodies-2.json``, …): the entry point and its bodies;
- per family of bodies (a main body and its subcommittees), under ``{head}/``:
  ``body.json``; the lists ``organizations.json``, ``persons.json``, ``papers.json``,
  ``meetings.json`` and OParl 1.1's ``memberships.json``, ``agenda-items.json``,
  ``files.json``, ``locations.json`` (each paged ``-2.json``, … by :data:`PAGE_SIZE`);
  ``organization/{body}.json`` (the body and each subcommittee),
  ``represented/{organisation}.json`` (an organisation members sit on behalf of),
  ``person/{person}.json``, ``membership/{body}/{person}/{post}-{start}.json``,
  ``meeting/{body}/{key}.json`` with its ``meeting/{body}/{key}/location.json``,
  ``…/agenda-item/{number}.json`` and ``…/file/{kind}.{lang}.{format}.json``,
  ``paper/{reference}.json`` with ``paper/{reference}/main-file.json``.

Every path of a family lies under its ``{head}/`` folder, so the family's job owns the folder
(rules/oparl.smk) and an edit of one family rewrites nothing of another.
"""

from __future__ import annotations

import datetime as dt

FOLDER = "public/oparl"
"""Where the export lives, relative to ``build/``: no body may be named ``oparl``."""
PAGE_SIZE = 100
"""Objects per list page (the spec recommends pages for lists of over 100)."""


def page_name(name: str, number: int) -> str:
    """A list's page file: ``meetings.json``, then ``meetings-2.json``, …"""
    return name if number == 1 else name.removesuffix(".json") + f"-{number}.json"


class Urls:
    """The URLs of one family's objects (and the system's), from ``base_url``."""

    def __init__(self, base_url: str, head: str = ""):
        if not base_url.endswith("/"):
            base_url += "/"
        self.base = base_url
        self.root = f"{base_url}oparl/"
        self.head = head

    def url(self, relative: str) -> str:
        """The URL of an export file, from its path under ``public/oparl/``."""
        return self.root + relative

    def family(self, relative: str) -> str:
        return self.url(f"{self.head}/{relative}")

    def relative(self, url: str) -> str:
        """The file (relative to ``build/``) that returns ``url``."""
        if not url.startswith(self.root) or "#" in url:
            raise ValueError(f"{url} is no file of the export")
        return f"{FOLDER}/{url.removeprefix(self.root)}"

    def document(self, relative: str) -> str:
        """A public-edition file (``public/…`` under ``build/``) as the web serves it."""
        return self.base + relative.removeprefix("public/")

    # The system and its bodies ------------------------------------------------------------
    def system(self) -> str:
        return self.url("system.json")

    def bodies(self) -> str:
        return self.url("bodies.json")

    # One family's objects -----------------------------------------------------------------
    def body(self) -> str:
        return self.family("body.json")

    def listing(self, name: str) -> str:
        """A family's list (``organizations``, ``persons``, ``papers``, ``meetings``)."""
        return self.family(f"{name}.json")

    def organization(self, body: str) -> str:
        return self.family(f"organization/{body}.json")

    def represented(self, organisation: str) -> str:
        return self.family(f"represented/{organisation}.json")

    def person(self, person: str) -> str:
        return self.family(f"person/{person}.json")

    def membership(self, body: str, person: str, post: str, start: dt.date) -> str:
        return self.family(f"membership/{body}/{person}/{post}-{start.isoformat()}.json")

    def meeting(self, body: str, key: str) -> str:
        return self.family(f"meeting/{body}/{key}.json")

    def meeting_part(self, body: str, key: str, relative: str) -> str:
        """An object inside a meeting (location, agenda item, file): under its folder."""
        return self.family(f"meeting/{body}/{key}/{relative}")

    def paper(self, reference: str) -> str:
        return self.family(f"paper/{reference}.json")

    def paper_file(self, reference: str) -> str:
        return self.family(f"paper/{reference}/main-file.json")
