"""The communications desk's index pages: one per edition (the desk's) and per body, in
every language of the message catalogs (:data:`SITE_LANGUAGES`): ``{edition}/index.html`` and
``{edition}/{body}/index.html`` in Finnish, ``index.sv.html`` and ``index.en.html`` beside
them. Each lists every publication newest first, grouped by body and kind, with every format
of every language as a labelled link.

The pages are made from the manifest entries of what the editions hold (the render jobs'
parts) and the check jobs' desk facts (:mod:`kokous.deskfacts`), never from a record or a
document. The publish steps (:mod:`kokous.publish`) make a body's pages in that body's job
(:func:`body_index_pages`) and the desk's in the final step from the bodies' sections
(:func:`body_sections`, :func:`desk_index_pages`); the preview makes them all at once
(:func:`render_indexes`), with the same bytes. Feeds: :mod:`kokous.feeds`; search:
:mod:`kokous.searchindex`.

Nothing here reads the clock: what is embargoed is decided by what the public edition holds.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import i18n, paths, plan
from .deskfacts import BodyFacts, body_facts, gather_facts, volume_facts
from .desklabels import (
    display_policy,
    format_label,
    internal_marking,
    kind_heading,
    search_translations,
    version_label,
)
from .errors import BuildFailed

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
__all__ = ["BodyFacts", "body_facts", "gather_facts", "volume_facts"]
"""The desk facts (:mod:`kokous.deskfacts`) are part of this module's interface too."""


def page_file(stem: str, lang: str, suffix: str) -> str:
    """``index.html`` for the first site language, ``index.sv.html`` for another."""
    return f"{stem}.{suffix}" if lang == SITE_LANGUAGES[0] else f"{stem}.{lang}.{suffix}"


# Publications: the manifest's files grouped into what a reader looks for ------------------


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
    search: frozenset[str] = frozenset()
    """The bodies whose public documents have a search index (Pagefind's, one per body:
    ``public/pagefind/{body}/``; the desk's search box merges them)."""


def site_facts(
    bodies: Mapping[str, BodyFacts], base_url: str | None, search: Iterable[str] = ()
) -> Site:
    mains = [bodies[b] for b in sorted(bodies) if bodies[b].parent is None]
    if len(mains) == 1:
        title = {lang: mains[0].title(lang) for lang in SITE_LANGUAGES}
    else:
        title = {lang: _gettext(lang)("Publications of advisory bodies") for lang in SITE_LANGUAGES}
    publishers = [b.publisher for b in mains]
    publisher = (
        publishers[0] if publishers and publishers.count(publishers[0]) == len(mains) else None
    )
    return Site(title, publisher, base_url, frozenset(search))


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


def _publication_view(
    pub: Publication,
    facts: BodyFacts,
    lang: str,
    here: str,
    embargoed_now: set[tuple[str, str]],
) -> dict[str, object]:
    """What the template shows of one publication, in the page language ``lang``: its
    heading and what stands under it (by kind), a link to it, and its language versions."""
    _ = _gettext(lang)
    meeting = facts.meetings.get(pub.meeting or "", {})
    if pub.kind == "press-release":
        text = _press_release_text(pub, meeting, facts, lang, embargoed_now)
    elif pub.kind in ("minutes", "agenda", "invitation"):
        text = _meeting_document_text(pub, meeting, lang)
    else:
        heading = _("Annual report %(year)s") % {"year": pub.year}
        text = _EntryText(heading, lang)
    # The headline leads to the HTML document in the page's language, else in the language
    # the headline is in, else in the first language there is.
    html_lang = next(
        (lg for lg in (lang, text.heading_lang, *pub.langs) if (lg, "html") in pub.files), None
    )
    return {
        "kind": pub.kind,
        "id": f"{pub.body}-{pub.kind}-{pub.meeting or pub.year}",
        "heading": text.heading,
        "heading_lang": text.heading_lang,
        "href": _href(pub.files[(html_lang, "html")], here) if html_lang else None,
        "href_lang": html_lang,
        "meta": text.meta,
        "lead": text.lead,
        "lead_lang": text.lead_lang,
        "marks": text.marks,
        "versions": _versions(pub, lang, here),
    }


@dataclass
class _EntryText:
    """What a publication's entry says of it: the heading and what stands under it."""

    heading: str
    heading_lang: str
    meta: str = ""
    """The line under the heading: when it was published, or the meeting's date."""
    lead: str | None = None
    lead_lang: str | None = None
    marks: list[str] = field(default_factory=list)
    """What the internal desk marks it with: an embargo, a draft."""


def _press_release_text(
    pub: Publication,
    meeting: Mapping,
    facts: BodyFacts,
    lang: str,
    embargoed_now: set[tuple[str, str]],
) -> _EntryText:
    """A press release's headline and lead (in ``lang`` if it has them), when it is published,
    and on the internal desk its embargo."""
    _ = _gettext(lang)
    press = meeting.get("press") or {}
    text = _EntryText(*_pick(press.get("headline") or {lang: str(pub.meeting)}, lang, facts.lang))
    if press.get("published"):
        when = i18n.format_datetime(dt.datetime.fromisoformat(press["published"]), lang)
        text.meta = _("Published %(when)s") % {"when": when}
        if press.get("embargo") and pub.edition == "internal":
            mark = _("Embargo until %(when)s") % {"when": when}
            if (pub.body, str(pub.meeting)) in embargoed_now:
                mark += f" ({_('not yet public')})"
            text.marks.append(mark)
    if press.get("lead"):
        text.lead, text.lead_lang = _pick(press["lead"], text.heading_lang, facts.lang)
    return text


def _meeting_document_text(pub: Publication, meeting: Mapping, lang: str) -> _EntryText:
    """An agenda's, invitation's or minutes' heading with the meeting's number, its date, and
    on the internal desk a draft's marking."""
    _ = _gettext(lang)
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
    text = _EntryText(
        heading, lang, _("Meeting %(date)s") % {"date": i18n.format_date_label(day, lang)}
    )
    # Only minutes are drafts: an agenda carries no such marking.
    if pub.kind == "minutes" and meeting.get("minutes") == "draft" and pub.edition == "internal":
        text.marks.append(_("Draft"))
    return text


def _versions(pub: Publication, lang: str, here: str) -> list[dict[str, object]]:
    """The publication's language versions, the page's language first (issue 21), then the
    others in their order: each with a link to every format."""
    _ = _gettext(lang)
    return [
        {
            "lang": file_lang,
            "label": version_label(file_lang, _),
            "links": [
                {
                    "href": _href(pub.files[(file_lang, fmt)], here),
                    "type": FORMAT_TYPES.get(fmt, "application/octet-stream"),
                    "label": format_label(fmt, _),
                    "format": fmt,
                }
                for fmt in pub.formats(file_lang)
            ],
        }
        for file_lang in sorted(pub.langs, key=lambda file_lang: file_lang != lang)
    ]


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
            "heading": kind_heading(kind, _),
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


def embargoed_now(pubs_by_edition: Mapping[str, list[Publication]]) -> set[tuple[str, str]]:
    """(body, meeting) of the press releases the internal edition holds and the public one
    does not yet: the internal desk marks them "not yet public"."""
    if "internal" not in pubs_by_edition or "public" not in pubs_by_edition:
        return set()

    def released(edition: str) -> set[tuple[str, str]]:
        pubs = pubs_by_edition[edition]
        return {(p.body, str(p.meeting)) for p in pubs if p.kind == "press-release"}

    return released("internal") - released("public")


def body_sections(
    edition: str,
    pubs: list[Publication],
    body: BodyFacts,
    embargoed: set[tuple[str, str]],
    current: str | None,
) -> dict[str, list[dict[str, object]]]:
    """Per site language, one body's publications by kind as a page of ``edition`` shows
    them: the body's own page (``current`` its id) or the desk's (``current`` None)."""
    here = f"{edition}/{current}" if current else edition
    return {lang: _sections(body, pubs, lang, here, embargoed) for lang in SITE_LANGUAGES}


def desk_groups(
    edition: str, pubs: list[Publication], body: BodyFacts, embargoed: set[tuple[str, str]]
) -> dict[str, str]:
    """Per site language, one body's section of the desk's page of ``edition``, rendered: the
    body's publish job hands it to the final step in its summary, so the final step's work
    does not grow with the number of publications."""
    sections = body_sections(edition, pubs, body, embargoed, None)
    return {
        lang: _render_group(
            lang,
            {
                "id": body.id,
                "heading": _text(body.name, lang, body.lang),
                "sections": sections[lang],
            },
        )
        for lang in SITE_LANGUAGES
    }


def _render_group(lang: str, group: Mapping[str, object]) -> Markup:
    """One body's section of an index page (templates/desk/group.html.j2), escaped already."""
    return Markup(_environment(lang).get_template("group.html.j2").render(lang=lang, group=group))


def render_index(
    edition: str,
    lang: str,
    bodies: Mapping[str, BodyFacts],
    site: Site,
    css: str,
    sections: Mapping[str, Any],
    current: str | None = None,
) -> bytes:
    """One index page in ``lang``: the desk's (``current`` None; ``sections`` by body id, each
    body's section rendered, :func:`desk_groups`) or one body's (``sections`` holds that
    body's alone, as :func:`body_sections` gives it). ``bodies`` are every body of the desk,
    for the navigation."""
    _ = _gettext(lang)
    internal = edition == "internal"
    public = edition == "public"
    root = "../" if current else ""
    ordered = _body_order(bodies, bodies)
    nav = _nav(bodies, ordered, current, lang, root)
    body = bodies[current] if current else None
    if body is None:
        heading = {"text": _("Publications"), "lang": lang}
        page_title = heading["text"]
        groups = [Markup(sections[b]) for b in ordered if b in sections]
        publisher = site.publisher
        search = [f"pagefind/{b}/" for b in ordered if b in site.search]
    else:
        heading = _text(body.name, lang, body.lang)
        page_title = f"{body.short_name or heading['text']} \u2013 {_('Publications')}"
        groups = [_render_group(lang, {"id": None, "heading": None, "sections": sections[body.id]})]
        publisher = body.publisher or site.publisher
        search = [f"pagefind/{body.id}/"] if body.id in site.search else []
    shown = [body] if body else [bodies[b] for b in ordered]
    days = sorted({b.display_days for b in shown if b.display_days})
    return _render_page(
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
        marking=internal_marking(_) if internal else None,
        feed=page_file("feed", lang, "atom") if public else None,
        search=[root + bundle for bundle in search] if public else [],
        search_translations=search_translations(_),
        display_policy=display_policy(days, _) if public else None,
        open_data=f"{root}oparl/system.json" if public and site.base_url else None,
    )


Page = tuple[bytes, str, str | None, str]
"""A desk file: (bytes, kind, body or None, lang)."""


def body_index_pages(
    edition: str,
    pubs: list[Publication],
    body: str,
    bodies: Mapping[str, BodyFacts],
    site: Site,
    css: str,
    embargoed: set[tuple[str, str]],
) -> dict[str, Page]:
    """A body's index page of ``edition`` in every site language (``pubs``: its
    publications there)."""
    sections = body_sections(edition, pubs, bodies[body], embargoed, body)
    return {
        f"{edition}/{body}/{page_file('index', lang, 'html')}": (
            render_index(edition, lang, bodies, site, css, {body: sections[lang]}, body),
            "index",
            body,
            lang,
        )
        for lang in SITE_LANGUAGES
    }


def desk_index_pages(
    edition: str,
    sections: Mapping[str, Mapping[str, str]],
    bodies: Mapping[str, BodyFacts],
    site: Site,
    css: str,
) -> dict[str, Page]:
    """The desk's index page of ``edition`` in every site language (``sections``: by body,
    by language, each body's section rendered by :func:`desk_groups`)."""
    return {
        f"{edition}/{page_file('index', lang, 'html')}": (
            render_index(
                edition, lang, bodies, site, css, {b: s[lang] for b, s in sections.items()}
            ),
            "index",
            None,
            lang,
        )
        for lang in SITE_LANGUAGES
    }


def render_indexes(
    pubs_by_edition: Mapping[str, list[Publication]],
    bodies: Mapping[str, BodyFacts],
    css: str,
    site: Site,
) -> dict[str, Page]:
    """Every index page of the editions given: path -> (bytes, kind, body or None, lang),
    as the bodies' publish steps and the final step make them together (the preview makes
    them all at once). Every body of ``bodies`` has its pages, publications or not, in every
    site language, so the pages are known before the build (they are declared outputs)."""
    pages: dict[str, Page] = {}
    embargoed = embargoed_now(pubs_by_edition)
    for edition, pubs in pubs_by_edition.items():
        by_body: dict[str, list[Publication]] = defaultdict(list)
        for p in pubs:
            by_body[p.body].append(p)
        for b in bodies:
            pages.update(body_index_pages(edition, by_body[b], b, bodies, site, css, embargoed))
        desk = {b: desk_groups(edition, by_body[b], bodies[b], embargoed) for b in bodies}
        pages.update(desk_index_pages(edition, desk, bodies, site, css))
    return pages


def render_feeds(
    public: Sequence[Publication], bodies: Mapping[str, BodyFacts], site: Site
) -> dict[str, Page]:
    """Every feed of the desk and its bodies (:func:`kokous.feeds.render_feeds`)."""
    from .feeds import render_feeds as render

    return render(public, bodies, site)
