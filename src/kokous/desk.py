"""The communications desk: index pages, Atom feeds and the search index, and the manifest
that lists them.

This is the publish stage. It runs after every render job and

1. gathers the render jobs' parts (the manifest entries of what the editions hold) and the
   check jobs' desk facts (headline, lead, publication time, embargo, minutes status, body
   names, publisher: see :func:`volume_facts`), so it never parses a record or reads a
   document again;
2. writes the index pages from the Jinja templates in ``templates/desk/``, one per language
   of the message catalogs (:data:`SITE_LANGUAGES`): ``{edition}/index.html`` and
   ``{edition}/{body}/index.html`` in Finnish, ``index.sv.html`` and ``index.en.html`` beside
   them. Each lists every publication newest first, grouped by body and kind, its headline
   linking to the HTML document and every format of every language as a labelled link;
3. in the public edition, writes Atom feeds of the press releases, one per language with the
   releases in that language, for the whole desk and per body (``public/feed.atom``,
   ``public/feed.sv.atom``, …, ``public/{body}/feed.atom``, …), with absolute addresses from
   the ``base_url`` setting, and Pagefind's full-text index of the public HTML documents in
   ``public/pagefind/`` (:func:`build_search_index`), which the public pages' search box uses;
4. writes ``manifest.json``.

Nothing here reads the clock: what is embargoed is decided by what the public edition holds,
and a feed's ``updated`` is the newest release's publication time.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from . import i18n, paths, plan, search, writer
from .errors import BuildFailed
from .manifest import UNCOMMITTED, desk_entry, manifest_json

HELSINKI = ZoneInfo("Europe/Helsinki")
EDITIONS = ("public", "internal")
DOCUMENT_KINDS = ("press-release", "agenda", "minutes", "annual-report", "invitation")
FORMAT_ORDER = ("html", "pdf", "docx", "odt", "txt", "eml", "ics")
FORMAT_TYPES = plan.MEDIA_TYPES
CSS = paths.ROOT / "templates" / "pandoc" / "kokous.css"
TEMPLATES = paths.ROOT / "templates" / "desk"
SITE_LANGUAGES = i18n.LANGUAGES
"""Every page and feed exists in each language of the message catalogs, Finnish first: the
Finnish one is ``index.html`` (``feed.atom``), the others ``index.sv.html`` (``feed.sv.atom``).
So the desk's files are known before the build (they are declared outputs), and the language
switch leads from any page to the same page in every other language."""
SEARCH_FOLDER = "public/pagefind"


def page_file(stem: str, lang: str, suffix: str) -> str:
    """``index.html`` for the first site language, ``index.sv.html`` for another."""
    return f"{stem}.{suffix}" if lang == SITE_LANGUAGES[0] else f"{stem}.{lang}.{suffix}"


# ---------------------------------------------------------------------------------------------
# Desk facts: what the meetings job knows and the manifest does not.


def _clean(text) -> dict[str, str]:
    """A record text per language as it should print: the documents' own cleaning (control
    and bidi-override characters dropped, whitespace collapsed), so a desk page or feed shows
    exactly what the document shows."""
    from .render import clean_text

    return {lang: clean_text(value) for lang, value in text.values.items()}


def volume_facts(volume) -> dict[str, object]:
    """The desk facts of one body's year, JSON-ready, written by its check job."""
    body = volume.body
    meetings = {}
    for m in volume.meetings:
        press = None
        if m.press:
            press = {
                "published": m.press.published.isoformat(timespec="minutes"),
                "embargo": m.press.embargo,
                "headline": _clean(m.press.headline),
                "lead": _clean(m.press.lead),
            }
        meetings[m.key] = {
            "date": m.date.isoformat(),
            "number": m.number,
            "status": m.status,
            "type": m.type,
            "minutes": m.minutes.status if m.minutes else None,
            "press": press,
        }
    return {"body": body_facts(body), "meetings": meetings}


def _clean_str(value: str | None) -> str | None:
    from .render import clean_text

    return clean_text(value) if value else value


def body_facts(body) -> dict[str, object]:
    host = body.organisations.get(body.host) if body.host else None
    return {
        "id": body.id,
        "name": _clean(body.name),
        "short_name": _clean_str(body.short_name),
        "languages": list(body.languages),
        "parent": body.parent,
        # The host ministry publishes the body's documents (record field ``host``).
        "publisher": _clean(host.name) if host else None,
        # How long guests' names stay in the public edition: the desk states the policy.
        "display_days": body.personal_data_display_days,
    }


@dataclass
class BodyFacts:
    id: str
    name: dict[str, str]
    short_name: str | None
    languages: list[str]
    parent: str | None
    publisher: dict[str, str] | None = None
    display_days: int | None = None
    """The body's display period of non-members' names in the public edition."""
    meetings: dict[str, dict] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.languages[0] if self.languages else "fi"

    def title(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get(self.lang) or self.id


def gather_facts(year_facts: Sequence[dict], artifacts: Sequence[Mapping]) -> dict[str, BodyFacts]:
    """Merge the body-years' desk facts: every body and meeting the artifacts name has some."""
    bodies: dict[str, BodyFacts] = {}

    def merge(facts: dict) -> None:
        b = facts["body"]
        target = bodies.setdefault(
            b["id"],
            BodyFacts(
                b["id"],
                b["name"],
                b["short_name"],
                b["languages"],
                b["parent"],
                b.get("publisher"),
                b.get("display_days"),
            ),
        )
        target.meetings.update(facts.get("meetings") or {})

    for facts in year_facts:
        merge(facts)
    missing = sorted(
        {
            f"{a['body']}/{a['year']}"
            for a in artifacts
            # The OParl export's entries name no body.
            if (a["body"] is not None and a["body"] not in bodies)
            or (a.get("meeting") and a["meeting"] not in bodies[a["body"]].meetings)
        }
    )
    if missing:
        raise BuildFailed(f"no desk facts for {', '.join(missing)}; run snakemake again")
    return bodies


# ---------------------------------------------------------------------------------------------
# Publications: the manifest's files grouped into what a reader looks for.


@dataclass
class Publication:
    edition: str
    body: str
    kind: str
    year: int
    meeting: str | None
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    """(lang, format) -> path relative to ``build/``."""

    @property
    def langs(self) -> list[str]:
        return sorted({lang for lang, _ in self.files}, key=_lang_order)

    def formats(self, lang: str) -> list[str]:
        """The formats of one language version, in the order readers expect them."""
        return sorted((f for lg, f in self.files if lg == lang), key=_format_order)

    def sort_key(self) -> tuple[str, str]:
        """Newest first: meetings by date and key, an annual report at its year's end."""
        return (self.meeting or f"{self.year}-12-31~", self.kind)


def _lang_order(lang: str) -> tuple[int, str]:
    return (SITE_LANGUAGES.index(lang) if lang in SITE_LANGUAGES else 9, lang)


def _format_order(fmt: str) -> tuple[int, str]:
    return (FORMAT_ORDER.index(fmt) if fmt in FORMAT_ORDER else 9, fmt)


def publications(artifacts: Iterable[Mapping], edition: str) -> list[Publication]:
    found: dict[tuple, Publication] = {}
    for a in artifacts:
        if a["edition"] != edition or a["kind"] not in DOCUMENT_KINDS:
            continue
        key = (a["body"], a["kind"], a["year"], a["meeting"])
        pub = found.setdefault(key, Publication(edition, *key))
        pub.files[(str(a["lang"]), str(a["format"]))] = str(a["path"])
    return sorted(found.values(), key=Publication.sort_key, reverse=True)


def _body_order(bodies: Mapping[str, BodyFacts], ids: Iterable[str]) -> list[str]:
    """Main bodies alphabetically, each followed by its subcommittees."""
    return sorted(ids, key=lambda b: (bodies[b].parent or b, bodies[b].parent is not None, b))


def _pick(values: Mapping[str, str], lang: str, fallback: str) -> tuple[str, str]:
    """(text, its language): the page language if given, else the body's primary."""
    if values.get(lang):
        return values[lang], lang
    if values.get(fallback):
        return values[fallback], fallback
    first = next(iter(values))
    return values[first], first


# ---------------------------------------------------------------------------------------------
# The site: its title and publisher, in every language


@dataclass(frozen=True)
class Site:
    title: dict[str, str]
    """Per language: the main body's name when the desk is one body's (with its
    subcommittees), else the catalogs' "Publications of advisory bodies"."""
    publisher: dict[str, str] | None
    """The host ministry, when every main body has the same one."""
    base_url: str | None
    """Where ``build/public/`` is served, ending in ``/``; feeds need it."""
    search: bool
    """Whether the public edition has a search index (it has HTML documents)."""


def site_facts(bodies: Mapping[str, BodyFacts], base_url: str | None, search: bool = False) -> Site:
    mains = [bodies[b] for b in sorted(bodies) if bodies[b].parent is None]
    if len(mains) == 1:
        title = {lang: mains[0].title(lang) for lang in SITE_LANGUAGES}
    else:
        title = {lang: _gettext(lang)("Publications of advisory bodies") for lang in SITE_LANGUAGES}
    publishers = [b.publisher for b in mains]
    publisher = (
        publishers[0] if publishers and publishers.count(publishers[0]) == len(mains) else None
    )
    return Site(title, publisher, base_url, search)


def normalised_base_url(value: str | None) -> str | None:
    """``base_url`` as the feeds use it: an http(s) address ending in ``/``, or None when not
    set. A malformed one stops the step with one line (the schema checks it first)."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BuildFailed(
            f"base_url {value!r}: not a web address such as https://www.example.fi/julkaisut/"
        )
    return value if value.endswith("/") else value + "/"


# ---------------------------------------------------------------------------------------------
# Index pages (templates/desk/*.html.j2)


@functools.cache
def _gettext(lang: str):
    return i18n.translations(lang).gettext


@functools.cache
def _environment(lang: str):
    """The desk's Jinja environment for one language: HTML autoescaping (every record text is
    escaped on output), the gettext catalog of ``lang``."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def _href(path: str, here: str) -> str:
    """A link from a page in folder ``here`` to ``path`` (both relative to ``build/``). Pages
    link mostly downwards into their own edition, so stripping the prefix is enough; relpath
    is the general case (and, per link, a third of the publish step's time)."""
    prefix = here.rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else posixpath.relpath(path, here)


def _marking(lang: str) -> str:
    """ "Sisäinen / Internal", as the documents mark the internal edition."""
    local = _gettext(lang)("Internal")
    return local if local == "Internal" else f"{local} / Internal"


def _format_label(fmt: str, _) -> str:
    """The text of a format's link (``_`` the page language's gettext)."""
    labels = {
        "html": _("Web page"),
        "pdf": _("PDF"),
        "docx": _("Word (DOCX)"),
        "odt": _("OpenDocument (ODT)"),
        "txt": _("Plain text"),
        "eml": _("E-mail (EML)"),
        "ics": _("Calendar (ICS)"),
    }
    return labels.get(fmt, fmt.upper())


def _version_label(lang: str, _) -> str:
    """The label of a language version, in the page's language: "Ruotsiksi", "In Swedish"."""
    labels = {"fi": _("In Finnish"), "sv": _("In Swedish"), "en": _("In English")}
    return labels.get(lang, lang)


def _kind_heading(kind: str, _) -> str:
    labels = {
        "press-release": _("Press releases"),
        "agenda": _("Agendas"),
        "minutes": _("Minutes and notes"),
        "annual-report": _("Annual reports"),
        "invitation": _("Meeting invitations"),
    }
    return labels[kind]


def _publication_view(
    pub: Publication,
    facts: BodyFacts,
    lang: str,
    here: str,
    embargoed_now: set[tuple[str, str]],
) -> dict[str, object]:
    """What the template shows of one publication, in the page language ``lang``."""
    _ = _gettext(lang)
    meeting = facts.meetings.get(pub.meeting or "", {})
    marks: list[str] = []
    meta = ""
    lead = lead_lang = None
    heading_lang = lang
    if pub.kind == "press-release":
        press = meeting.get("press") or {}
        heading, heading_lang = _pick(
            press.get("headline") or {lang: str(pub.meeting)}, lang, facts.lang
        )
        if press.get("published"):
            when = i18n.format_datetime(dt.datetime.fromisoformat(press["published"]), lang)
            meta = _("Published %(when)s") % {"when": when}
            if press.get("embargo") and pub.edition == "internal":
                mark = _("Embargo until %(when)s") % {"when": when}
                if (pub.body, str(pub.meeting)) in embargoed_now:
                    mark += f" ({_('not yet public')})"
                marks.append(mark)
        if press.get("lead"):
            lead, lead_lang = _pick(press["lead"], heading_lang, facts.lang)
    elif pub.kind in ("minutes", "agenda", "invitation"):
        day = dt.date.fromisoformat(meeting.get("date") or str(pub.meeting)[:10])
        if pub.kind == "agenda":
            heading = _("Agenda")
        elif pub.kind == "invitation":
            heading = _("Invitation")
        else:
            heading = _("Notes") if meeting.get("type") == "muistio" else _("Minutes")
        if meeting.get("number"):
            heading += f" {meeting['number']}/{day.year}"
        # One date style per page language (issue 21): "11 June 2025" beside "Published 11
        # June 2025" on the English desk, "11.6.2025" on the Finnish one.
        meta = _("Meeting %(date)s") % {"date": i18n.format_date_label(day, lang)}
        # Only minutes are drafts: an agenda carries no such marking.
        if (
            pub.kind == "minutes"
            and meeting.get("minutes") == "draft"
            and pub.edition == "internal"
        ):
            marks.append(_("Draft"))
    else:
        heading = _("Annual report %(year)s") % {"year": pub.year}
    # The headline leads to the HTML document in the page's language, else in the language
    # the headline is in, else in the first language there is.
    html_lang = next(
        (lg for lg in (lang, heading_lang, *pub.langs) if (lg, "html") in pub.files), None
    )
    versions = [
        {
            "lang": file_lang,
            "label": _version_label(file_lang, _),
            "links": [
                {
                    "href": _href(pub.files[(file_lang, fmt)], here),
                    "type": FORMAT_TYPES.get(fmt, "application/octet-stream"),
                    "label": _format_label(fmt, _),
                    "format": fmt,
                }
                for fmt in pub.formats(file_lang)
            ],
        }
        # The page's own language first (issue 21), then the others in their order.
        for file_lang in sorted(pub.langs, key=lambda file_lang: file_lang != lang)
    ]
    return {
        "kind": pub.kind,
        "id": f"{pub.body}-{pub.kind}-{pub.meeting or pub.year}",
        "heading": heading,
        "heading_lang": heading_lang,
        "href": _href(pub.files[(html_lang, "html")], here) if html_lang else None,
        "href_lang": html_lang,
        "meta": meta,
        "lead": lead,
        "lead_lang": lead_lang,
        "marks": marks,
        "versions": versions,
    }


def _sections(
    body: BodyFacts,
    pubs: list[Publication],
    lang: str,
    here: str,
    embargoed_now: set[tuple[str, str]],
) -> list[dict[str, object]]:
    """One body's publications by kind: ``[{kind, heading, publications}]``."""
    _ = _gettext(lang)
    return [
        {
            "kind": kind,
            "heading": _kind_heading(kind, _),
            "publications": [
                _publication_view(p, body, lang, here, embargoed_now)
                for p in pubs
                if p.kind == kind
            ],
        }
        for kind in DOCUMENT_KINDS
        if any(p.kind == kind for p in pubs)
    ]


def _text(values: Mapping[str, str] | None, lang: str, fallback: str = "fi") -> dict | None:
    """``{text, lang}`` for the template: the text in ``lang`` if there is one."""
    if not values:
        return None
    text, text_lang = _pick(values, lang, fallback)
    return {"text": text, "lang": text_lang}


def _render_page(lang: str, **context: object) -> bytes:
    template = _environment(lang).get_template("index.html.j2")
    return template.render(lang=lang, **context).encode("utf-8")


def _search_translations(lang: str) -> dict[str, str]:
    """Pagefind UI's labels from our catalogs (it has its own, but every label of the desk
    comes from locale/): the keys are Pagefind UI's, the placeholders its own."""
    _ = _gettext(lang)
    return {
        "placeholder": _("Search the publications"),
        "search_label": _("Search the publications"),
        "clear_search": _("Clear"),
        "load_more": _("Show more results"),
        "searching": _("Searching for [SEARCH_TERM]…"),
        "zero_results": _("No results for [SEARCH_TERM]"),
        "one_result": _("[COUNT] result for [SEARCH_TERM]"),
        "many_results": _("[COUNT] results for [SEARCH_TERM]"),
    }


def _nav(
    bodies: Mapping[str, BodyFacts], ordered: list[str], current: str | None, lang: str, root: str
) -> list[dict[str, object]]:
    """The bodies' navigation: the desk's page, then each body's (subcommittees after their
    parent), the page shown marked current. ``root`` leads from the page to the edition."""
    _ = _gettext(lang)
    index = page_file("index", lang, "html")
    nav: list[dict[str, object]] = [
        {
            "href": root + index,
            "text": _("All publications"),
            "text_lang": None,
            "current": current is None,
            "sub": False,
        }
    ]
    for b in ordered:
        body = bodies[b]
        name, name_lang = _pick(body.name, lang, body.lang)
        nav.append(
            {
                "href": f"{root}{b}/{index}",
                # A short name ("TyöNVK") is the same in every language.
                "text": body.short_name or name,
                "text_lang": None if body.short_name else name_lang,
                "current": b == current,
                "sub": body.parent is not None,
            }
        )
    return nav


def _language_switch(lang: str) -> list[dict[str, object]]:
    """The same page in every site language, each named in its own language."""
    return [
        {
            "lang": other,
            "href": page_file("index", other, "html"),
            "name": i18n.translations(other).pgettext("language switch", "In English"),
            "current": other == lang,
        }
        for other in SITE_LANGUAGES
    ]


def render_indexes(
    pubs_by_edition: Mapping[str, list[Publication]],
    bodies: Mapping[str, BodyFacts],
    css: str,
    site: Site,
) -> dict[str, tuple[bytes, str, str | None, str]]:
    """Every index page of the editions given: path -> (bytes, kind, body or None, lang).
    Every body of ``bodies`` has its pages, publications or not, in every site language, so
    the pages are known before the build (they are declared outputs)."""
    pages: dict[str, tuple[bytes, str, str | None, str]] = {}
    public_meetings = {
        (p.body, str(p.meeting))
        for p in pubs_by_edition.get("public", [])
        if p.kind == "press-release"
    }
    ordered = _body_order(bodies, bodies)
    for edition, pubs in pubs_by_edition.items():
        internal = edition == "internal"
        public = edition == "public"
        by_body: dict[str, list[Publication]] = defaultdict(list)
        for p in pubs:
            by_body[p.body].append(p)
        embargoed_now = (
            {(p.body, str(p.meeting)) for p in pubs if p.kind == "press-release"} - public_meetings
            if internal and "public" in pubs_by_edition
            else set()
        )
        for lang in SITE_LANGUAGES:
            _ = _gettext(lang)
            index = page_file("index", lang, "html")
            # (folder relative to the edition, body or None) of every page of the edition
            for folder, current in [("", None), *((f"{b}/", b) for b in ordered)]:
                here = f"{edition}/{folder}".rstrip("/")
                root = "../" if current else ""
                body = bodies[current] if current else None
                nav = _nav(bodies, ordered, current, lang, root)
                if body is None:
                    heading = {"text": _("Publications"), "lang": lang}
                    page_title = heading["text"]
                    groups = [
                        {
                            "id": b,
                            "heading": _text(bodies[b].name, lang, bodies[b].lang),
                            "sections": _sections(bodies[b], by_body[b], lang, here, embargoed_now),
                        }
                        for b in ordered
                    ]
                    publisher = site.publisher
                else:
                    heading = _text(body.name, lang, body.lang)
                    page_title = f"{body.short_name or heading['text']} \u2013 {_('Publications')}"
                    groups = [
                        {
                            "id": None,
                            "heading": None,
                            "sections": _sections(
                                body, by_body[current], lang, here, embargoed_now
                            ),
                        }
                    ]
                    publisher = body.publisher or site.publisher
                feed = page_file("feed", lang, "atom") if public else None
                shown = [body] if body else [bodies[b] for b in ordered]
                days = sorted({b.display_days for b in shown if b.display_days})
                pages[f"{here}/{index}"] = (
                    _render_page(
                        lang,
                        site_title=_text(site.title, lang),
                        publisher=_text(publisher, lang),
                        page_title=page_title,
                        heading=heading,
                        nav=nav,
                        groups=groups,
                        switch=_language_switch(lang),
                        root=root,
                        css=css,
                        internal=internal,
                        marking=_marking(lang) if internal else None,
                        feed=feed,
                        search=public and site.search,
                        search_translations=_search_translations(lang),
                        display_policy=_display_policy(days, lang) if public else None,
                        open_data=f"{root}oparl/system.json" if public and site.base_url else None,
                    ),
                    "index",
                    current,
                    lang,
                )
    return pages


def _display_policy(days: Sequence[int], lang: str) -> str | None:
    """The display period of non-members' names (record field personal_data_display_days),
    as the public desk states it; None when no body on the page sets one. Bodies that differ
    are stated as a range (30 to 60, with an en dash)."""
    if not days:
        return None
    _ = _gettext(lang)
    span = str(days[0]) if days[0] == days[-1] else f"{days[0]}\u2013{days[-1]}"
    return _(
        "Names of guests and experts heard stay in the public minutes for %(days)s days after "
        "the minutes are checked; after that they are named by their role."
    ) % {"days": span}


# ---------------------------------------------------------------------------------------------
# Atom feeds (public edition only)

FEED_ENTRIES = 50
"""A feed carries the newest releases only, as feeds do (a reader polls for what is new; the
index pages list everything): its cost then stays flat however many years the body has."""
FEED_FLOOR = dt.datetime(2000, 1, 1, tzinfo=HELSINKI)
"""``updated`` of a feed with no entries: any fixed moment, so the bytes never follow the clock."""


def _aware(local: str) -> dt.datetime:
    return dt.datetime.fromisoformat(local).replace(tzinfo=HELSINKI)


class _Links:
    """feedgen 1.0 drops a link's ``rel``, ``type`` and ``hreflang`` in entries (its
    ``FeedEntry._create_atom`` shadows the link's dict with the new element), and Atom needs
    them to tell the formats and languages apart (RFC 4287 4.2.7.2). So the entry's links are
    written by this small feedgen extension instead of ``FeedEntry.link``."""

    @staticmethod
    def feed_class():
        from feedgen.ext.base import BaseExtension

        return BaseExtension

    @staticmethod
    def entry_class():
        from feedgen.ext.base import BaseEntryExtension
        from lxml import etree

        class FormatLinks(BaseEntryExtension):
            def __init__(self) -> None:
                self.links: list[dict[str, str]] = []

            def extend_atom(self, entry):
                # feedgen builds un-prefixed elements under the Atom default namespace.
                for attrs in self.links:
                    etree.SubElement(entry, "link", attrs)
                return entry

        return FormatLinks


FeedEntry = tuple[dt.datetime, Publication, BodyFacts, dict]
"""(publication time, the release, its body's facts, its press facts)."""


def newest_releases(
    releases: Sequence[Publication], bodies: Mapping[str, BodyFacts], lang: str
) -> list[FeedEntry]:
    """The releases a feed in ``lang`` carries: those with a version in that language, the
    newest FEED_ENTRIES, newest first."""
    entries = []
    for pub in releases:
        if lang not in pub.langs:
            continue
        facts = bodies[pub.body]
        press = facts.meetings.get(str(pub.meeting), {}).get("press") or {}
        published = _aware(press["published"]) if press.get("published") else FEED_FLOOR
        entries.append((published, pub, facts, press))
    entries.sort(key=lambda e: (e[0], e[1].body, str(e[1].meeting)), reverse=True)
    return entries[:FEED_ENTRIES]


def render_feed(
    entries: Sequence[FeedEntry],
    *,
    title: str,
    author: str,
    lang: str,
    here: str,
    name: str,
    base_url: str,
) -> bytes:
    """An Atom feed of public press releases in ``lang`` (see :func:`newest_releases`), at
    ``{base_url}{here}/{name}`` less the edition folder. Every address is absolute: feed
    readers resolve relative ones inconsistently. The feed's id is its own address and an
    entry's the address of its HTML document, so both are unique and stay the same from one
    build to the next."""
    from feedgen.feed import FeedGenerator

    def url(path: str) -> str:
        """The address of a file of the public edition (``path`` relative to ``build/``)."""
        return urljoin(base_url, path.removeprefix("public/").removeprefix("public"))

    _ = _gettext(lang)
    self_url = url(f"{here}/{name}")
    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(title)
    fg.language(lang)
    fg.generator("kokous")
    fg.register_extension("kokous_links", _Links.feed_class(), _Links.entry_class(), rss=False)
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(
        href=url(f"{here}/{page_file('index', lang, 'html')}"), rel="alternate", type="text/html"
    )
    fg.updated(max((e[0] for e in entries), default=FEED_FLOOR))
    fg.author(name=author)
    for published, pub, facts, press in entries:
        headline = (press.get("headline") or {}).get(lang) or str(pub.meeting)
        lead = (press.get("lead") or {}).get(lang)
        fmts = pub.formats(lang)
        document = pub.files[(lang, "html" if "html" in fmts else fmts[0])]
        fe = fg.add_entry(order="append")
        fe.id(url(document))
        fe.title(headline)
        fe.updated(published)
        fe.published(published)
        fe.author(name=facts.title(lang))
        if lead:
            fe.summary(lead)
        links = " · ".join(
            f'<a href="{_attr(url(pub.files[(lang, f)]))}">{_attr(_format_label(f, _))}</a>'
            for f in fmts
        )
        fe.content((f"<p>{_attr(lead)}</p>" if lead else "") + f"<p>{links}</p>", type="html")
        for fmt in fmts:
            fe.kokous_links.links.append(
                {
                    "href": url(pub.files[(lang, fmt)]),
                    "rel": "alternate",
                    "type": FORMAT_TYPES.get(fmt, "application/octet-stream"),
                    "hreflang": lang,
                }
            )
    return fg.atom_str(pretty=True)


def _attr(text: object) -> str:
    return html.escape(str(text), quote=True)


def feed_files(bodies: Iterable[str | None]) -> list[str]:
    """The feeds of the public edition, relative to ``build/``: per language, the desk's and
    each body's."""
    return [
        f"public/{body + '/' if body else ''}{page_file('feed', lang, 'atom')}"
        for body in bodies
        for lang in SITE_LANGUAGES
    ]


def render_feeds(
    public: Sequence[Publication],
    bodies: Mapping[str, BodyFacts],
    site: Site,
) -> dict[str, tuple[bytes, str, str | None, str]]:
    """The desk's feed and one per body, in every site language (a feed is empty until there
    are public press releases in its language)."""
    if not site.base_url:
        raise BuildFailed(
            "kokous publish: the feeds need absolute addresses: set base_url in"
            " config/config.yaml to the address build/public/ is served from"
            " (e.g. base_url: https://www.example.fi/julkaisut/)"
        )
    releases = [p for p in public if p.kind == "press-release"]
    by_body: dict[str, list[Publication]] = defaultdict(list)
    for p in releases:
        by_body[p.body].append(p)
    feeds: dict[str, tuple[bytes, str, str | None, str]] = {}
    for lang in SITE_LANGUAGES:
        _ = _gettext(lang)
        site_title = site.title[lang]
        publisher = _pick(site.publisher, lang, "fi")[0] if site.publisher else site_title
        name = page_file("feed", lang, "atom")
        feeds[f"public/{name}"] = (
            render_feed(
                newest_releases(releases, bodies, lang),
                title=f"{site_title}: {_('Press releases')}",
                author=publisher,
                lang=lang,
                here="public",
                name=name,
                base_url=site.base_url,
            ),
            "feed",
            None,
            lang,
        )
        for body_id in sorted(bodies):
            body = bodies[body_id]
            feeds[f"public/{body_id}/{name}"] = (
                render_feed(
                    newest_releases(by_body[body_id], bodies, lang),
                    title=f"{body.title(lang)}: {_('Press releases')}",
                    author=_pick(body.publisher, lang, body.lang)[0]
                    if body.publisher
                    else body.title(lang),
                    lang=lang,
                    here=f"public/{body_id}",
                    name=name,
                    base_url=site.base_url,
                ),
                "feed",
                body_id,
                lang,
            )
    return feeds


# ---------------------------------------------------------------------------------------------
# Search: Pagefind's static index of the public edition's HTML documents

SEARCH_GLOB = "**/{press-release,minutes,annual-report}.*.html"
"""The documents Pagefind indexes (the site root is ``build/public``): never the index pages,
whose text repeats the documents', and nothing of the internal edition, which is outside the
site."""


def pagefind_binary() -> str:
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise BuildFailed(
            "kokous publish: Pagefind's program is missing: install kokous with its"
            " dependencies (pip install 'pagefind[bin]')"
        )
    return str(binary)


def build_search_index(out_root: Path, pages: Sequence[str]) -> dict[str, bytes]:
    """Index the public edition's HTML documents with Pagefind into ``public/pagefind/`` and
    return its files (path relative to ``out_root`` -> bytes) for the manifest.

    Pagefind stems each document by its ``<html lang>`` (Finnish, Swedish and English get an
    index each), and writes into a folder beside the target that replaces the old index only
    when it is complete, so a failed run leaves the old one. It runs as a child process that
    this step waits for (a stopped job stops it too: the SIGTERM handler of kokous.cli ends
    the wait by an exception, and ``subprocess.run`` then kills the child). ``pages`` are
    the public HTML documents the manifest lists (relative to ``out_root``): the index must
    hold exactly those. Pagefind reads them from a staged copy, the Finnish ones annotated
    with their words' lemmas (kokous.search), and the bundle gets the lemma lookup."""
    documents = len(pages)
    target = out_root / SEARCH_FOLDER
    staging = Path(tempfile.mkdtemp(prefix=writer.TEMP_PREFIX + "pagefind-", dir=out_root))
    try:
        site, tables = search.stage_for_pagefind(out_root, pages, staging)
        bundle = staging / "pagefind"
        result = subprocess.run(
            [
                pagefind_binary(),
                "--site",
                str(site),
                "--glob",
                SEARCH_GLOB,
                # Only the document itself: not the site header and footer every page repeats.
                "--root-selector",
                "main",
                "--output-path",
                str(bundle),
                "--silent",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            message = " ".join((result.stderr or result.stdout).split())
            raise BuildFailed(f"kokous publish: Pagefind failed: {message}")
        search.write_lemma_tables(bundle, tables)
        entry = bundle / "pagefind-entry.json"
        meta = json.loads(entry.read_text(encoding="utf-8"))
        indexed = sum(language["page_count"] for language in meta["languages"].values())
        if indexed != documents:
            raise BuildFailed(
                f"kokous publish: the search index holds {indexed} documents, the public"
                f" edition {documents}; run snakemake again"
            )
        # Pagefind lists the languages in hash-map order, which differs from run to run; the
        # same documents must give the same bytes.
        entry.write_text(
            json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            encoding="utf-8",
        )
        files = {
            f"{SEARCH_FOLDER}/{p.relative_to(bundle).as_posix()}": p.read_bytes()
            for p in sorted(bundle.rglob("*"))
            if p.is_file()
        }
        if target.exists():
            target.rename(staging / "old")
        bundle.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def empty_search_folder(out_root: Path) -> None:
    """No public HTML document, so no index: Pagefind refuses an empty site, and the pages
    show no search box. The folder stays (it is the job's declared output), empty."""
    target = out_root / SEARCH_FOLDER
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)


# ---------------------------------------------------------------------------------------------
# The publish step: desk facts and parts → desk pages, feeds and search → manifest


def desk_pages(editions: Sequence[str], bodies: Iterable[str]) -> list[str]:
    """Every page and feed the publish step writes, relative to ``build/``: an index per
    edition and per body, and in the public edition a feed for all and one per body, each in
    every site language. (The search index, ``public/pagefind/``, is a folder apart.)"""
    bodies = list(bodies)
    pages = []
    for edition in (e for e in EDITIONS if e in editions):
        for lang in SITE_LANGUAGES:
            index = page_file("index", lang, "html")
            pages.append(f"{edition}/{index}")
            pages += [f"{edition}/{b}/{index}" for b in bodies]
        if edition == "public":
            pages += feed_files([None, *bodies])
    return sorted(pages)


def _orphans(edition_root: Path, body_years: Sequence[str]) -> list[Path]:
    """Folders of an edition whose body or year is not among ``body_years``."""
    bodies: dict[str, set[str]] = defaultdict(set)
    for by in body_years:
        body, year = by.split("/")
        bodies[body].add(year)
    found = []
    for entry in sorted(edition_root.iterdir()) if edition_root.is_dir() else ():
        # pagefind/: the search index (below); oparl/: the OParl export (rules/oparl.smk).
        if not entry.is_dir() or entry.is_symlink() or entry.name in ("pagefind", "oparl"):
            continue
        if entry.name not in bodies:
            found.append(entry)
            continue
        found += [
            y for y in sorted(entry.iterdir()) if y.is_dir() and y.name not in bodies[entry.name]
        ]
    return found


def publish(
    out_root: Path,
    facts_files: Sequence[Path],
    parts: Sequence[Path],
    manifest: Path,
    editions: Sequence[str] = EDITIONS,
    body_years: Sequence[str] | None = None,
    records_commit: str = UNCOMMITTED,
    base_url: str | None = None,
) -> None:
    """Write the desk pages, feeds and search index of ``editions`` from the checked
    body-years' desk facts and the render jobs' parts, then ``manifest.json`` listing every
    file of the editions, each document's entry with the records' commit
    (:func:`kokous.manifest.records_commit`).

    ``body_years`` (``body/year``) are every body-year of the build: the folders of bodies and
    years the records no longer hold are owned by no job any more, so this step removes them.
    The public edition's feeds need ``base_url`` (:func:`normalised_base_url`).
    """
    artifacts: list[dict] = []
    for part in parts:
        artifacts.extend(json.loads(part.read_bytes())["artifacts"])
    # A document's entry has its own (the render job's: the commit of its records); the
    # others get the records' commit here, so a new commit of the records reruns this step.
    for entry in artifacts:
        entry.setdefault("records_commit", records_commit)
    bodies = gather_facts([json.loads(f.read_bytes()) for f in facts_files], artifacts)
    css = CSS.read_text(encoding="utf-8")
    pubs_by_edition = {e: publications(artifacts, e) for e in EDITIONS if e in editions}
    searchable = sorted(
        a["path"]
        for a in artifacts
        if a["edition"] == "public" and a["kind"] in DOCUMENT_KINDS and a["format"] == "html"
    )
    site = site_facts(bodies, normalised_base_url(base_url), search=bool(searchable))
    pages: dict[str, tuple[bytes, str, str | None, str]] = {}
    if "public" in pubs_by_edition:
        pages.update(render_feeds(pubs_by_edition["public"], bodies, site))
    pages.update(render_indexes(pubs_by_edition, bodies, css, site))
    if body_years is not None:
        for edition in pubs_by_edition:
            for folder in _orphans(out_root / edition, body_years):
                shutil.rmtree(folder)
    writer.write_files(out_root, {rel: data for rel, (data, *_) in pages.items()})
    artifacts += [
        desk_entry(rel, data, kind, body, lang) for rel, (data, kind, body, lang) in pages.items()
    ]
    if "public" in pubs_by_edition:
        if searchable:
            search_files = build_search_index(out_root, searchable)
        else:
            empty_search_folder(out_root)
            search_files = {}
        artifacts += [
            desk_entry(rel, data, "search", None, None) for rel, data in search_files.items()
        ]
    writer.write_file(manifest.parent, manifest.name, manifest_json(artifacts))
