"""The communications desk: index pages and Atom feeds, and the manifest that lists them.

This is the publish stage. It runs after every document job and

1. gathers the job stamps' artifact lists (what the editions hold);
2. writes ``{edition}/index.html`` and ``{edition}/{body}/index.html`` listing every
   publication newest first, grouped by body and kind, with a link to every format and
   language; the public edition also gets Atom feeds of press releases, ``public/feed.atom``
   and ``public/{body}/feed.atom``;
3. removes edition files no stamp and no desk page lists, and writes ``manifest.json``.

Index and feeds are built from the manifest entries alone, plus a few *desk facts* per meeting
(headline, lead, publication time, embargo, minutes status, body names). Those facts are what
the build job already knew: it writes them into its stamp under ``"desk"`` (see
:func:`volume_facts`), so the publish job never parses or validates a record again, and data
flows one way: record → job → stamp → desk. Nothing here reads the clock: what is embargoed is decided by what the public edition
holds, and a feed's ``updated`` is the newest release's publication time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import marshal
import os
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from . import paths, writer
from .errors import BuildFailed

HELSINKI = ZoneInfo("Europe/Helsinki")
EDITIONS = ("public", "internal")
DOCUMENT_KINDS = ("press-release", "minutes", "annual-report")
FORMAT_ORDER = ("html", "pdf", "docx", "txt")
FORMAT_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
CSS = paths.ROOT / "templates" / "pandoc" / "kokous.css"

# Fixed labels of the desk pages. The pages are in the body's primary language (the combined
# index in Finnish); headlines in other languages carry their own ``lang``.
LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "title": "Julkaisut",
        "title_internal": "Julkaisut (sisäinen)",
        "press-release": "Tiedotteet",
        "minutes": "Pöytäkirjat ja muistiot",
        "annual-report": "Toimintakertomukset",
        "poytakirja": "Pöytäkirja",
        "muistio": "Muistio",
        "annual": "Toimintakertomus",
        "published": "Julkaistu",
        "meeting": "Kokous",
        "nav": "Sivuston osat",
        "all": "Kaikki toimielimet",
        "feed": "Tiedotteet Atom-syötteenä",
        "draft": "Luonnos",
        "embargo": "Embargo",
        "until": "asti",
        "embargoed": "ei vielä julkinen",
        "marking": "Sisäinen / Internal",
        "none": "Ei julkaisuja.",
        "at": "klo",
        "formats": "Tiedostot",
    },
    "sv": {
        "title": "Publikationer",
        "title_internal": "Publikationer (intern)",
        "press-release": "Pressmeddelanden",
        "minutes": "Protokoll och promemorior",
        "annual-report": "Verksamhetsberättelser",
        "poytakirja": "Protokoll",
        "muistio": "Promemoria",
        "annual": "Verksamhetsberättelse",
        "published": "Publicerad",
        "meeting": "Möte",
        "nav": "Webbplatsens delar",
        "all": "Alla organ",
        "feed": "Pressmeddelanden som Atom-flöde",
        "draft": "Utkast",
        "embargo": "Embargo",
        "until": "",
        "embargoed": "ännu inte offentligt",
        "marking": "Intern / Internal",
        "none": "Inga publikationer.",
        "at": "kl.",
        "formats": "Filer",
    },
    "en": {
        "title": "Publications",
        "title_internal": "Publications (internal)",
        "press-release": "Press releases",
        "minutes": "Minutes and notes",
        "annual-report": "Annual reports",
        "poytakirja": "Minutes",
        "muistio": "Notes",
        "annual": "Annual report",
        "published": "Published",
        "meeting": "Meeting",
        "nav": "Site sections",
        "all": "All bodies",
        "feed": "Press releases as an Atom feed",
        "draft": "Draft",
        "embargo": "Embargo",
        "until": "",
        "embargoed": "not yet public",
        "marking": "Internal",
        "none": "No publications.",
        "at": "at",
        "formats": "Files",
    },
}
LANGUAGE_NAMES = {
    "fi": {"fi": "suomi", "sv": "ruotsi", "en": "englanti"},
    "sv": {"fi": "finska", "sv": "svenska", "en": "engelska"},
    "en": {"fi": "Finnish", "sv": "Swedish", "en": "English"},
}


# ---------------------------------------------------------------------------------------------
# Desk facts: what the meetings job knows and the manifest does not.


def _clean(text) -> dict[str, str]:
    """A record text per language as it should print: the documents' own cleaning (control
    and bidi-override characters dropped, whitespace collapsed), so a desk page or feed shows
    exactly what the document shows."""
    from .render import clean_text

    return {lang: clean_text(value) for lang, value in text.values.items()}


def volume_facts(volume) -> dict[str, object]:
    """The desk facts of one body's year, JSON-ready, for the job's stamp (key ``"desk"``)."""
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
    return {
        "id": body.id,
        "name": _clean(body.name),
        "short_name": _clean_str(body.short_name),
        "languages": list(body.languages),
        "parent": body.parent,
    }


@dataclass
class BodyFacts:
    id: str
    name: dict[str, str]
    short_name: str | None
    languages: list[str]
    parent: str | None
    meetings: dict[str, dict] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.languages[0] if self.languages else "fi"

    def title(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get(self.lang) or self.id


def gather_facts(stamp_facts: Sequence[dict], artifacts: Sequence[Mapping]) -> dict[str, BodyFacts]:
    """Merge the stamps' desk facts: every body and meeting the artifacts name must have some."""
    bodies: dict[str, BodyFacts] = {}

    def merge(facts: dict) -> None:
        b = facts["body"]
        target = bodies.setdefault(
            b["id"], BodyFacts(b["id"], b["name"], b["short_name"], b["languages"], b["parent"])
        )
        target.meetings.update(facts.get("meetings") or {})

    for facts in stamp_facts:
        merge(facts)
    missing = sorted(
        {
            f"{a['body']}/{a['year']}"
            for a in artifacts
            if a["body"] not in bodies
            or (a.get("meeting") and a["meeting"] not in bodies[a["body"]].meetings)
        }
    )
    if missing:
        raise BuildFailed(
            f"no desk facts in the stamps of {', '.join(missing)}; run snakemake again"
        )
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

    def sort_key(self) -> tuple[str, str]:
        """Newest first: meetings by date and key, an annual report at its year's end."""
        return (self.meeting or f"{self.year}-12-31~", self.kind)


def _lang_order(lang: str) -> tuple[int, str]:
    return (("fi", "sv", "en").index(lang) if lang in ("fi", "sv", "en") else 9, lang)


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


# ---------------------------------------------------------------------------------------------
# HTML


def _href(path: str, here: str) -> str:
    """A link from a page in folder ``here`` to ``path`` (both relative to ``build/``). Pages
    link only downwards into their own edition, so stripping the prefix is enough; relpath is
    the general case (and, per link, a third of the publish step's time)."""
    prefix = here.rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else posixpath.relpath(path, here)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _date_text(day: dt.date, lang: str) -> str:
    """12.3.2025 in every language (the numeric form valtioneuvosto.fi uses in listings)."""
    return f"{day.day}.{day.month}.{day.year}"


def _moment_text(moment: dt.datetime, lang: str) -> str:
    at = LABELS[lang]["at"]
    return f"{_date_text(moment.date(), lang)} {at} {moment.hour}.{moment.minute:02d}"


def _lang_attr(text_lang: str, page_lang: str) -> str:
    return "" if text_lang == page_lang else f' lang="{_e(text_lang)}"'


def _pick(values: Mapping[str, str], lang: str, fallback: str) -> tuple[str, str]:
    """(text, its language): the page language if given, else the body's primary."""
    if values.get(lang):
        return values[lang], lang
    if values.get(fallback):
        return values[fallback], fallback
    first = next(iter(values))
    return values[first], first


def _publication_html(
    pub: Publication,
    facts: BodyFacts,
    lang: str,
    here: str,
    embargoed_now: set[tuple[str, str]],
    level: int,
) -> str:
    """One publication: heading, date, lead, and the format links per language. ``here`` is
    the folder (relative to ``build/``) the page lives in, for relative links; ``level`` the
    heading level, so headings never skip one."""
    t = LABELS[lang]
    h = f"h{level}"
    meeting = facts.meetings.get(pub.meeting or "", {})
    parts: list[str] = []
    marks: list[str] = []
    lead_html = ""
    if pub.kind == "press-release":
        press = meeting.get("press") or {}
        headline, h_lang = _pick(press.get("headline") or {lang: pub.meeting}, lang, facts.lang)
        heading = f"<{h}{_lang_attr(h_lang, lang)}>{_e(headline)}</{h}>"
        if press.get("published"):
            published = dt.datetime.fromisoformat(press["published"])
            meta = f"{t['published']} {_moment_text(published, lang)}"
            if press.get("embargo") and pub.edition == "internal":
                until = f" {t['until']}" if t["until"] else ""
                mark = f"{t['embargo']} {_moment_text(published, lang)}{until}"
                if (pub.body, str(pub.meeting)) in embargoed_now:
                    mark += f" ({t['embargoed']})"
                marks.append(mark)
        else:
            meta = ""
        if press.get("lead"):
            lead, l_lang = _pick(press["lead"], h_lang, facts.lang)
            lead_html = f'<p class="lead"{_lang_attr(l_lang, lang)}>{_e(lead)}</p>'
    elif pub.kind == "minutes":
        day = dt.date.fromisoformat(meeting.get("date") or str(pub.meeting)[:10])
        label = t["muistio"] if meeting.get("type") == "muistio" else t["poytakirja"]
        number = f" {meeting['number']}/{day.year}" if meeting.get("number") else ""
        heading = f"<{h}>{_e(label + number)}</{h}>"
        meta = f"{t['meeting']} {_date_text(day, lang)}"
        if meeting.get("minutes") == "draft" and pub.edition == "internal":
            marks.append(t["draft"])
    else:
        heading = f"<{h}>{_e(t['annual'])} {pub.year}</{h}>"
        meta = ""
    parts.append(heading)
    if marks:
        parts.append(
            "".join(f'<p class="banner" role="note"><strong>{_e(m)}</strong></p>' for m in marks)
        )
    if meta:
        parts.append(f'<p class="meta">{_e(meta)}</p>')
    parts.append(lead_html)
    rows = []
    names = LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"])
    for file_lang in pub.langs:
        links = []
        for fmt in sorted(
            {f for lg, f in pub.files if lg == file_lang},
            key=lambda f: (FORMAT_ORDER.index(f) if f in FORMAT_ORDER else 9, f),
        ):
            href = _href(pub.files[(file_lang, fmt)], here)
            links.append(
                f'<a href="{_e(href)}" hreflang="{_e(file_lang)}"'
                f' type="{_e(FORMAT_TYPES.get(fmt, "application/octet-stream"))}">'
                f"{_e(fmt.upper())}</a>"
            )
        rows.append(f"<li>{_e(names.get(file_lang, file_lang))}: {' · '.join(links)}</li>")
    parts.append(f'<ul class="formats" aria-label="{_e(t["formats"])}">{"".join(rows)}</ul>')
    return f'<li class="publication">{"".join(p for p in parts if p)}</li>'


def _page(
    *,
    lang: str,
    title: str,
    nav: list[tuple[str, str]],
    body_html: str,
    internal: bool,
    feed: str | None,
    css: str,
) -> bytes:
    t = LABELS[lang]
    feed_link = (
        f'<link rel="alternate" type="application/atom+xml" href="{_e(feed)}"'
        f' title="{_e(t["feed"])}">\n'
        if feed
        else ""
    )
    marking = f'<div class="marking" role="note">{_e(t["marking"])}</div>\n' if internal else ""
    nav_items = "".join(f'<li><a href="{_e(href)}">{_e(text)}</a></li>' for href, text in nav)
    nav_html = f'<nav aria-label="{_e(t["nav"])}"><ul>{nav_items}</ul></nav>\n' if nav else ""
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="kokous">\n'
        f"<title>{_e(title)}</title>\n{feed_link}<style>\n{css}</style>\n</head>\n<body>\n"
        f'{marking}<header class="site-header">\n{nav_html}</header>\n'
        f"<main>\n<h1>{_e(title)}</h1>\n{body_html}</main>\n"
        f'<footer class="site-footer">\n<p>{_e(title)}</p>\n'
        + (f'<p class="footer-marking">{_e(t["marking"])}</p>\n' if internal else "")
        + "</footer>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _body_section(
    body: BodyFacts,
    pubs: list[Publication],
    lang: str,
    here: str,
    embargoed_now: set[tuple[str, str]],
    *,
    heading: bool,
) -> str:
    t = LABELS[lang]
    out = []
    if heading:
        out.append(f'<section aria-labelledby="body-{_e(body.id)}">')
        out.append(f'<h2 id="body-{_e(body.id)}">{_e(body.title(lang))}</h2>')
    level = "h3" if heading else "h2"
    for kind in DOCUMENT_KINDS:
        of_kind = [p for p in pubs if p.kind == kind]
        if not of_kind:
            continue
        # Headings must not skip a level: under a body's h2 the kinds are h3 and the
        # publications h4; on a body's own page the kinds are h2 and the publications h3.
        items = "".join(
            _publication_html(p, body, lang, here, embargoed_now, 4 if heading else 3)
            for p in of_kind
        )
        out.append(f"<{level}>{_e(t[kind])}</{level}>")
        out.append(f'<ul class="publications">{items}</ul>')
    if heading:
        out.append("</section>")
    return "\n".join(out) + "\n"


class DeskCache:
    """Index-page sections and feeds rendered by the last publish step, by a key naming all
    they show: this module's source, the digests of the stamps they are made from (a body's
    publications and facts come from its own stamps only), and the page's language, folder
    and marks. An edit changes one body's stamp, so the publish step renders that body's
    sections and feeds and reuses the rest: its cost stays flat as the corpus grows.

    One file per entry, named by its key's digest: a run reads the entries it uses as they
    are (one JSON file of them all was 10 MB to parse and write back at N = 1000), writes only
    new ones and removes those it no longer uses."""

    def __init__(self, folder: Path):
        self.folder = folder
        try:
            self.previous = {p.name for p in os.scandir(folder) if p.is_file()}
        except FileNotFoundError:
            self.previous = set()
        self.used: set[str] = set()
        self.new: dict[str, bytes] = {}

    def get(self, key: Sequence[str], make: Callable[[], str]) -> str:
        """The text cached under ``key``, or ``make()`` when the last run had none."""
        name = hashlib.sha256("\x00".join((_SOURCE_DIGEST, *key)).encode()).hexdigest()
        self.used.add(name)
        if name in self.previous:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                return (self.folder / name).read_text(encoding="utf-8")
        text = make()
        self.new[name] = text.encode("utf-8")
        return text

    def save(self) -> None:
        """Write the new entries and remove the ones this run did not use."""
        writer.write_files(self.folder, self.new)
        for name in self.previous - self.used:
            (self.folder / name).unlink(missing_ok=True)


_SOURCE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _cached_section(
    cache: DeskCache,
    body_digest: str,
    body: BodyFacts,
    pubs: list[Publication],
    lang: str,
    here: str,
    embargoed_now: set[tuple[str, str]],
    heading: bool,
) -> str:
    """A body's section of an index page, from the cache when its stamps are unchanged."""
    marks = ",".join(sorted(m for b, m in embargoed_now if b == body.id))
    return cache.get(
        ("section", body_digest, lang, here, marks, str(heading)),
        lambda: _body_section(body, pubs, lang, here, embargoed_now, heading=heading),
    )


def render_indexes(
    pubs_by_edition: Mapping[str, list[Publication]],
    bodies: Mapping[str, BodyFacts],
    css: str,
    cache: DeskCache,
    body_digests: Mapping[str, str],
) -> dict[str, tuple[bytes, str, str | None, str]]:
    """Every index page of the editions given: path -> (bytes, kind, body or None, lang).
    ``body_digests`` names each body's stamps, for the cache keys of its sections."""
    pages: dict[str, tuple[bytes, str, str | None, str]] = {}
    public_meetings = {
        (p.body, str(p.meeting))
        for p in pubs_by_edition.get("public", [])
        if p.kind == "press-release"
    }
    for edition, pubs in pubs_by_edition.items():
        internal = edition == "internal"
        by_body: dict[str, list[Publication]] = defaultdict(list)
        for p in pubs:
            by_body[p.body].append(p)
        embargoed_now = (
            {(p.body, str(p.meeting)) for p in pubs if p.kind == "press-release"} - public_meetings
            if internal and "public" in pubs_by_edition
            else set()
        )
        ordered = _body_order(bodies, by_body)
        feeds = edition == "public"
        lang = "fi"
        t = LABELS[lang]
        title = t["title_internal"] if internal else t["title"]
        nav = [(f"{b}/index.html", bodies[b].short_name or bodies[b].title(lang)) for b in ordered]
        if feeds:
            nav.append(("feed.atom", t["feed"]))
        section_html = (
            "".join(
                _cached_section(
                    cache,
                    body_digests[b],
                    bodies[b],
                    by_body[b],
                    lang,
                    edition,
                    embargoed_now,
                    True,
                )
                for b in ordered
            )
            or f"<p>{_e(t['none'])}</p>\n"
        )
        pages[f"{edition}/index.html"] = (
            _page(
                lang=lang,
                title=title,
                nav=nav,
                body_html=section_html,
                internal=internal,
                feed="feed.atom" if feeds else None,
                css=css,
            ),
            "index",
            None,
            lang,
        )
        for b in ordered:
            body = bodies[b]
            blang = body.lang if body.lang in LABELS else "fi"
            bt = LABELS[blang]
            here = f"{edition}/{b}"
            nav = [("../index.html", bt["all"])]
            if body.parent and body.parent in by_body:
                parent = bodies[body.parent]
                nav.append((f"../{parent.id}/index.html", parent.short_name or parent.title(blang)))
            nav += [
                (f"../{s}/index.html", bodies[s].short_name or bodies[s].title(blang))
                for s in ordered
                if bodies[s].parent == b
            ]
            has_feed = feeds and any(p.kind == "press-release" for p in by_body[b])
            if has_feed:
                nav.append(("feed.atom", bt["feed"]))
            pages[f"{here}/index.html"] = (
                _page(
                    lang=blang,
                    title=body.title(blang),
                    nav=nav,
                    body_html=_cached_section(
                        cache, body_digests[b], body, by_body[b], blang, here, embargoed_now, False
                    ),
                    internal=internal,
                    feed="feed.atom" if has_feed else None,
                    css=css,
                ),
                "index",
                b,
                blang,
            )
    return pages


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
    releases: Sequence[Publication], bodies: Mapping[str, BodyFacts]
) -> list[FeedEntry]:
    """The releases a feed carries: the newest FEED_ENTRIES, newest first."""
    entries = []
    for pub in releases:
        facts = bodies[pub.body]
        press = facts.meetings.get(str(pub.meeting), {}).get("press") or {}
        published = _aware(press["published"]) if press.get("published") else FEED_FLOOR
        entries.append((published, pub, facts, press))
    entries.sort(key=lambda e: (e[0], e[1].body, str(e[1].meeting)), reverse=True)
    return entries[:FEED_ENTRIES]


def render_feed(
    entries: Sequence[FeedEntry],
    *,
    feed_id: str,
    title: str,
    lang: str,
    here: str,
) -> bytes:
    """An Atom feed of public press releases (see :func:`newest_releases`). Links are relative
    to the feed's folder ``here`` (Atom resolves them against the feed's own address), so the
    edition can be served from any URL."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(title)
    fg.language(lang)
    fg.generator("kokous")
    fg.register_extension("kokous_links", _Links.feed_class(), _Links.entry_class(), rss=False)
    fg.link(href="index.html", rel="alternate", type="text/html")
    fg.updated(max((e[0] for e in entries), default=FEED_FLOOR))
    authors = sorted({e[2].title(e[2].lang) for e in entries}) or [title]
    for name in authors:
        fg.author(name=name)
    for published, pub, facts, press in entries:
        headline_map = press.get("headline") or {facts.lang: str(pub.meeting)}
        lead_map = press.get("lead") or {}
        headline, h_lang = _pick(headline_map, facts.lang, facts.lang)
        fe = fg.add_entry(order="append")
        fe.id(f"urn:kokous:{pub.body}:{pub.meeting}:press-release")
        fe.title(headline)
        fe.updated(published)
        fe.published(published)
        if lead_map:
            fe.summary(_pick(lead_map, h_lang, facts.lang)[0])
        content = []
        for file_lang in pub.langs:
            h = headline_map.get(file_lang)
            lead = lead_map.get(file_lang)
            links = " · ".join(
                f'<a href="{_e(_href(pub.files[(file_lang, f)], here))}">{_e(f.upper())}</a>'
                for f in FORMAT_ORDER
                if (file_lang, f) in pub.files
            )
            block = f'<div lang="{_e(file_lang)}">'
            if h:
                block += f"<h2>{_e(h)}</h2>"
            if lead:
                block += f"<p>{_e(lead)}</p>"
            content.append(block + f"<p>{links}</p></div>")
        fe.content("".join(content), type="html")
        for file_lang in pub.langs:
            for fmt in FORMAT_ORDER:
                if (file_lang, fmt) in pub.files:
                    fe.kokous_links.links.append(
                        {
                            "href": _href(pub.files[(file_lang, fmt)], here),
                            "rel": "alternate",
                            "type": FORMAT_TYPES[fmt],
                            "hreflang": file_lang,
                        }
                    )
    return fg.atom_str(pretty=True)


def render_feeds(
    public: Sequence[Publication],
    bodies: Mapping[str, BodyFacts],
    cache: DeskCache,
    body_digests: Mapping[str, str],
) -> dict[str, tuple[bytes, str, str | None, str]]:
    """The combined feed and one per body with public press releases. A feed is rebuilt only
    when a stamp of a body it shows has changed (see :class:`DeskCache`)."""
    releases = [p for p in public if p.kind == "press-release"]
    feeds: dict[str, tuple[bytes, str, str | None, str]] = {}

    def feed(rel: str, entries: list[FeedEntry], body: str | None, **meta: str) -> None:
        shown = sorted({e[1].body for e in entries})
        key = (
            "feed",
            rel,
            *meta.values(),
            *(body_digests[b] for b in shown),
            *(f"{e[1].body}/{e[1].meeting}" for e in entries),
        )
        text = cache.get(key, lambda: render_feed(entries, **meta).decode("utf-8"))
        feeds[rel] = (text.encode("utf-8"), "feed", body, meta["lang"])

    feed(
        "public/feed.atom",
        newest_releases(releases, bodies),
        None,
        feed_id="urn:kokous:feed",
        title=LABELS["fi"]["press-release"],
        lang="fi",
        here="public",
    )
    by_body: dict[str, list[Publication]] = defaultdict(list)
    for p in releases:
        by_body[p.body].append(p)
    for body_id in sorted(by_body):
        body = bodies[body_id]
        blang = body.lang if body.lang in LABELS else "fi"
        feed(
            f"public/{body_id}/feed.atom",
            newest_releases(by_body[body_id], bodies),
            body_id,
            feed_id=f"urn:kokous:{body_id}:feed",
            title=f"{body.title(blang)}: {LABELS[blang]['press-release']}",
            lang=blang,
            here=f"public/{body_id}",
        )
    return feeds


# ---------------------------------------------------------------------------------------------
# The publish step: stamps → desk pages → prune → manifest


def desk_entry(
    rel: str, data: bytes, kind: str, body: str | None, lang: str | None
) -> dict[str, object]:
    """A manifest entry for an index page or feed, in the same schema as the documents':
    year and meeting are null, body is null for the edition-wide page and feed."""
    return {
        "path": rel,
        "edition": rel.split("/", 1)[0],
        "kind": kind,
        "body": body,
        "year": None,
        "meeting": None,
        "lang": lang,
        "format": rel.rsplit(".", 1)[1],
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


class StampLedger:
    """What the last publish step read: each stamp's digest, the files it listed, and the desk
    pages it wrote. With it the step checks and prunes only what changed: the files of a
    changed or vanished stamp that no stamp lists any more. Without it (a first run, or the
    cache folder removed) the step checks every listed file and sweeps the whole edition
    tree, stray files included.

    ``ledger.json`` maps each stamp to its digest; the files a stamp listed are kept in a file
    of their own, named after the stamp and its digest, written once and removed only after
    a newer ledger no longer names it, so an interrupted step never loses what to prune."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.previous: dict[str, str] | None = None
        self.current: dict[str, str] = {}
        self.new_lists: dict[str, bytes] = {}
        try:
            data = json.loads((folder / "ledger.json").read_text(encoding="utf-8"))
            self.previous = data if isinstance(data, dict) else None
        except (OSError, ValueError):
            self.previous = None

    @staticmethod
    def _list_name(key: str, digest: str) -> str:
        return hashlib.sha256(f"{key}\x00{digest}".encode()).hexdigest()[:32] + ".json"

    def _record(self, key: str, digest: str, listed: list[str]) -> bool:
        """Note what ``key`` lists now; True when that differs from the last run."""
        self.current[key] = digest
        changed = self.previous is None or self.previous.get(key) != digest
        if changed:
            self.new_lists[self._list_name(key, digest)] = json.dumps(listed).encode()
        return changed

    def read(self, stamp: Path) -> tuple[dict, str, bool]:
        """The stamp's payload, its digest, and whether it differs from the last run's."""
        data = stamp.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        payload = json.loads(data)
        changed = self._record(stamp.as_posix(), digest, [a["path"] for a in payload["artifacts"]])
        return payload, digest, changed

    def listed_desk_pages(self, pages: Iterable[str]) -> None:
        listed = sorted(pages)
        digest = hashlib.sha256("\n".join(listed).encode()).hexdigest()
        self._record(DESK_PAGES, digest, listed)

    def prune_candidates(self) -> set[str] | None:
        """Files the last run listed under a stamp (or as desk pages) that has since changed
        or gone; None when there is no last run to compare with (sweep everything)."""
        if self.previous is None:
            return None
        candidates: set[str] = set()
        for key, digest in self.previous.items():
            if self.current.get(key) == digest:
                continue
            try:
                listed = json.loads((self.folder / self._list_name(key, digest)).read_bytes())
            except (OSError, ValueError):
                return None  # the list is gone: sweep the whole tree instead
            candidates.update(listed)
        return candidates

    def save(self) -> None:
        """The new lists, then the ledger naming them, then remove the lists it does not."""
        writer.write_files(self.folder, self.new_lists)
        data = json.dumps(self.current, sort_keys=True).encode()
        writer.write_file(self.folder, "ledger.json", data)
        keep = {self._list_name(k, d) for k, d in self.current.items()} | {"ledger.json"}
        for entry in os.scandir(self.folder):
            if entry.name not in keep:
                Path(entry.path).unlink(missing_ok=True)


DESK_PAGES = "(desk pages)"


class ManifestParts:
    """``manifest.json`` assembled from entries encoded once per stamp digest: encoding and
    sorting every entry again cost 0.1 s of each run at N = 1000 (22 000 entries), whatever
    changed. The bytes are :func:`kokous.build.manifest_json`'s.

    A stamp's entries are kept in groups by path prefix ``{edition}/{body}/{year}/``. No such
    prefix is a prefix of another, or of a desk page's path, so sorting the groups by prefix
    (and each desk entry by its path) and joining them sorts every entry by path. Kept in one
    ``marshal`` file in the build's cache, holding the current stamps' groups only."""

    def __init__(self, path: Path):
        self.path = path
        self.previous: dict[str, list[tuple[str, str]]] = writer.read_kept(path)
        self.current: dict[str, list[tuple[str, str]]] = {}
        self.singles: list[tuple[str, str]] = []

    @staticmethod
    def _encode(entries: Iterable[Mapping]) -> str:
        return ", ".join(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries)

    @staticmethod
    def _prefix(path: str) -> str:
        parts = path.split("/", 3)
        return "/".join(parts[:3]) + "/" if len(parts) == 4 else path

    def add_stamp(self, digest: str, artifacts: Sequence[Mapping]) -> None:
        groups = self.previous.get(digest)
        if groups is None:
            by_prefix: dict[str, list[Mapping]] = defaultdict(list)
            for entry in artifacts:
                by_prefix[self._prefix(str(entry["path"]))].append(entry)
            groups = [
                (prefix, self._encode(sorted(entries, key=lambda e: str(e["path"]))))
                for prefix, entries in by_prefix.items()
            ]
        self.current[digest] = groups

    def add_entries(self, entries: Iterable[Mapping]) -> None:
        """Entries outside any stamp (the desk pages), each sorted by its own path."""
        self.singles += [(str(e["path"]), self._encode([e])) for e in entries]

    def manifest(self) -> bytes | None:
        """The manifest's bytes; None when two groups share a prefix (then only a full sort
        orders their entries)."""
        parts = [*self.singles, *(g for groups in self.current.values() for g in groups)]
        if len({key for key, _ in parts}) != len(parts):
            return None
        parts.sort(key=lambda part: part[0])
        return ('{"artifacts": [' + ", ".join(text for _, text in parts) + "]}\n").encode()

    def save(self) -> None:
        if self.current != self.previous:
            writer.write_file(self.path.parent, self.path.name, marshal.dumps(self.current))


def publish(
    out_root: Path,
    stamps: Sequence[Path],
    manifest: Path,
    editions: Sequence[str] = EDITIONS,
) -> None:
    """Write the desk pages and ``manifest.json``; remove edition files nothing lists.

    The manifest is the one list of what the editions hold: a file left from a meeting that
    was deleted, minutes turned back into a draft, or a release put under embargo disappears
    here, so the public edition never keeps what it may no longer show. Its cost follows what
    changed since the last run (:class:`StampLedger`, :class:`DeskCache`), not the corpus.
    """
    from .build import manifest_json, prune_editions

    cache_dir = out_root / ".kokous" / "cache"
    ledger = StampLedger(cache_dir / "published")
    artifacts: list[dict] = []
    stamp_facts: list[dict] = []
    stamp_digests: dict[str, list[str]] = defaultdict(list)
    root = str(out_root)
    parts = ManifestParts(cache_dir / "manifest-parts.marshal")
    for stamp in stamps:
        if not stamp.is_file():
            continue
        payload, digest, changed = ledger.read(stamp)
        artifacts.extend(payload["artifacts"])
        parts.add_stamp(digest, payload["artifacts"])
        # A family's stamp holds one set of facts per body it published.
        for facts in payload.get("desk") or ():
            stamp_facts.append(facts)
            stamp_digests[facts["body"]["id"]].append(digest)
        if not changed:
            continue
        for entry in payload["artifacts"]:
            # os.path on strings: pathlib objects for 50 000 entries cost half a second.
            if not os.path.isfile(f"{root}/{entry['path']}"):  # noqa: PTH113
                raise BuildFailed(
                    f"{entry['path']}: listed in a stamp but missing; run snakemake again"
                )
    bodies = gather_facts(stamp_facts, artifacts)
    body_digests = {
        b: hashlib.sha256(" ".join(digests).encode()).hexdigest()
        for b, digests in stamp_digests.items()
    }
    css = CSS.read_text(encoding="utf-8")
    pubs_by_edition = {e: publications(artifacts, e) for e in EDITIONS if e in editions}
    cache = DeskCache(cache_dir / "desk")
    pages = render_indexes(pubs_by_edition, bodies, css, cache, body_digests)
    if "public" in pubs_by_edition:
        pages.update(render_feeds(pubs_by_edition["public"], bodies, cache, body_digests))
    writer.write_files(out_root, {rel: data for rel, (data, *_) in pages.items()})
    ledger.listed_desk_pages(pages)
    desk_entries = [
        desk_entry(rel, data, kind, body, lang) for rel, (data, kind, body, lang) in pages.items()
    ]
    artifacts += desk_entries
    parts.add_entries(desk_entries)
    prune_editions(out_root, {str(a["path"]) for a in artifacts}, ledger.prune_candidates())
    encoded = parts.manifest()
    if encoded is None:
        encoded = manifest_json(sorted(artifacts, key=lambda a: str(a["path"])))
    writer.write_file(manifest.parent, manifest.name, encoded)
    # Last: until the new ledger is saved, the old one still names every file to prune.
    cache.save()
    parts.save()
    ledger.save()
