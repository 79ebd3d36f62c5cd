"""The communications desk: index pages and Atom feeds, and the manifest that lists them.

This is the publish stage. It runs after every render job and

1. gathers the render jobs' parts (the manifest entries of what the editions hold) and the
   check jobs' desk facts (headline, lead, publication time, embargo, minutes status, body
   names: see :func:`volume_facts`), so it never parses a record or reads a document again;
2. writes ``{edition}/index.html`` and ``{edition}/{body}/index.html`` listing every
   publication newest first, grouped by body and kind, with a link to every format and
   language; the public edition also gets Atom feeds of press releases, ``public/feed.atom``
   and ``public/{body}/feed.atom``;
3. writes ``manifest.json``.

Nothing here reads the clock: what is embargoed is decided by what the public edition holds,
and a feed's ``updated`` is the newest release's publication time.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from . import paths, writer
from .errors import BuildFailed
from .manifest import UNCOMMITTED, desk_entry, manifest_json

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


def gather_facts(year_facts: Sequence[dict], artifacts: Sequence[Mapping]) -> dict[str, BodyFacts]:
    """Merge the body-years' desk facts: every body and meeting the artifacts name has some."""
    bodies: dict[str, BodyFacts] = {}

    def merge(facts: dict) -> None:
        b = facts["body"]
        target = bodies.setdefault(
            b["id"], BodyFacts(b["id"], b["name"], b["short_name"], b["languages"], b["parent"])
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


def render_indexes(
    pubs_by_edition: Mapping[str, list[Publication]],
    bodies: Mapping[str, BodyFacts],
    css: str,
) -> dict[str, tuple[bytes, str, str | None, str]]:
    """Every index page of the editions given: path -> (bytes, kind, body or None, lang).
    Every body of ``bodies`` has its page, publications or not, so the pages are known
    before the build (they are declared outputs)."""
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
        ordered = _body_order(bodies, bodies)
        feeds = edition == "public"
        lang = "fi"
        t = LABELS[lang]
        title = t["title_internal"] if internal else t["title"]
        nav = [(f"{b}/index.html", bodies[b].short_name or bodies[b].title(lang)) for b in ordered]
        if feeds:
            nav.append(("feed.atom", t["feed"]))
        section_html = (
            "".join(
                _body_section(bodies[b], by_body[b], lang, edition, embargoed_now, heading=True)
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
            if body.parent and body.parent in bodies:
                parent = bodies[body.parent]
                nav.append((f"../{parent.id}/index.html", parent.short_name or parent.title(blang)))
            nav += [
                (f"../{s}/index.html", bodies[s].short_name or bodies[s].title(blang))
                for s in ordered
                if bodies[s].parent == b
            ]
            has_feed = feeds
            if has_feed:
                nav.append(("feed.atom", bt["feed"]))
            pages[f"{here}/index.html"] = (
                _page(
                    lang=blang,
                    title=body.title(blang),
                    nav=nav,
                    body_html=_body_section(
                        body, by_body[b], blang, here, embargoed_now, heading=False
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
) -> dict[str, tuple[bytes, str, str | None, str]]:
    """The combined feed and one per body (empty until it has public press releases)."""
    releases = [p for p in public if p.kind == "press-release"]
    feeds: dict[str, tuple[bytes, str, str | None, str]] = {}

    def feed(rel: str, entries: list[FeedEntry], body: str | None, **meta: str) -> None:
        feeds[rel] = (render_feed(entries, **meta), "feed", body, meta["lang"])

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
    for body_id in sorted(bodies):
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
# The publish step: desk facts and parts → desk pages and feeds → manifest


def desk_pages(editions: Sequence[str], bodies: Iterable[str]) -> list[str]:
    """Every page and feed the publish step writes, relative to ``build/``: an index per
    edition and per body, and in the public edition a feed for all and one per body."""
    pages = []
    for edition in (e for e in EDITIONS if e in editions):
        pages.append(f"{edition}/index.html")
        pages += [f"{edition}/{b}/index.html" for b in bodies]
        if edition == "public":
            pages.append("public/feed.atom")
            pages += [f"public/{b}/feed.atom" for b in bodies]
    return sorted(pages)


def _orphans(edition_root: Path, body_years: Sequence[str]) -> list[Path]:
    """Folders of an edition whose body or year is not among ``body_years``."""
    bodies: dict[str, set[str]] = defaultdict(set)
    for by in body_years:
        body, year = by.split("/")
        bodies[body].add(year)
    found = []
    for entry in sorted(edition_root.iterdir()) if edition_root.is_dir() else ():
        if not entry.is_dir() or entry.is_symlink() or entry.name == "oparl":
            continue  # oparl/: the OParl export, its own job's (rules/oparl.smk)
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
) -> None:
    """Write the desk pages and feeds of ``editions`` from the checked body-years' desk facts
    and the render jobs' parts, then ``manifest.json`` listing every file of the editions,
    each document's entry with the records' commit (:func:`kokous.manifest.records_commit`).

    ``body_years`` (``body/year``) are every body-year of the build: the folders of bodies and
    years the records no longer hold are owned by no job any more, so this step removes them.
    """
    artifacts: list[dict] = []
    for part in parts:
        artifacts.extend(json.loads(part.read_bytes())["artifacts"])
    # Added here, not by the render jobs: a new commit of the records reruns this step alone.
    for entry in artifacts:
        entry["records_commit"] = records_commit
    bodies = gather_facts([json.loads(f.read_bytes()) for f in facts_files], artifacts)
    css = CSS.read_text(encoding="utf-8")
    pubs_by_edition = {e: publications(artifacts, e) for e in EDITIONS if e in editions}
    pages = render_indexes(pubs_by_edition, bodies, css)
    if "public" in pubs_by_edition:
        pages.update(render_feeds(pubs_by_edition["public"], bodies))
    if body_years is not None:
        for edition in pubs_by_edition:
            for folder in _orphans(out_root / edition, body_years):
                shutil.rmtree(folder)
    writer.write_files(out_root, {rel: data for rel, (data, *_) in pages.items()})
    artifacts += [
        desk_entry(rel, data, kind, body, lang) for rel, (data, kind, body, lang) in pages.items()
    ]
    writer.write_file(manifest.parent, manifest.name, manifest_json(artifacts))
