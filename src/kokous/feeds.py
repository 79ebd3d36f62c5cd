"""The desk's Atom feeds of the public press releases: one per site language for the whole
desk (``public/feed.atom``, ``public/feed.sv.atom``, …) and one per body
(``public/{body}/feed.atom``, …), with absolute addresses from the ``base_url`` setting.

A body's publish step writes its own feeds (:func:`body_feeds`) and hands its newest releases
to the final step (:func:`newest_of_body`), which writes the desk's (:func:`desk_feeds`): the
desk's feed holds the newest :data:`FEED_ENTRIES` of all, which are among each body's newest.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urljoin

from .desk import (
    FORMAT_TYPES,
    HELSINKI,
    SITE_LANGUAGES,
    BodyFacts,
    Page,
    Publication,
    Site,
    _gettext,
    _pick,
    page_file,
)
from .desklabels import format_label
from .errors import BuildFailed

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
    for entry in entries:
        _add_entry(fg, entry, lang, url)
    return fg.atom_str(pretty=True)


def _add_entry(fg, entry: FeedEntry, lang: str, url: Callable[[str], str]) -> None:
    """One press release as an entry of feed ``fg``: its headline, lead and times, and a link
    to each format of its version in ``lang`` (``url`` makes a file's absolute address)."""
    published, pub, facts, press = entry
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
    _ = _gettext(lang)
    links = " · ".join(
        f'<a href="{_attr(url(pub.files[(lang, f)]))}">{_attr(format_label(f, _))}</a>'
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


def _require_base_url(site: Site) -> str:
    if not site.base_url:
        raise BuildFailed(
            "kokous publish: the feeds need absolute addresses: set base_url in"
            " config/config.yaml to the address build/public/ is served from"
            " (e.g. base_url: https://www.example.fi/julkaisut/)"
        )
    return site.base_url


def body_feeds(
    releases: Sequence[Publication], body_id: str, bodies: Mapping[str, BodyFacts], site: Site
) -> dict[str, Page]:
    """One body's feeds, one per site language (``releases``: its public press releases; a
    feed is empty until there are some in its language)."""
    base_url = _require_base_url(site)
    body = bodies[body_id]
    feeds: dict[str, Page] = {}
    for lang in SITE_LANGUAGES:
        _ = _gettext(lang)
        name = page_file("feed", lang, "atom")
        feeds[f"public/{body_id}/{name}"] = (
            render_feed(
                newest_releases(releases, bodies, lang),
                title=f"{body.title(lang)}: {_('Press releases')}",
                author=_pick(body.publisher, lang, body.lang)[0]
                if body.publisher
                else body.title(lang),
                lang=lang,
                here=f"public/{body_id}",
                name=name,
                base_url=base_url,
            ),
            "feed",
            body_id,
            lang,
        )
    return feeds


def desk_feeds(
    releases: Sequence[Publication], bodies: Mapping[str, BodyFacts], site: Site
) -> dict[str, Page]:
    """The desk's feeds, one per site language, of every body's ``releases``."""
    base_url = _require_base_url(site)
    feeds: dict[str, Page] = {}
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
                base_url=base_url,
            ),
            "feed",
            None,
            lang,
        )
    return feeds


def newest_of_body(
    releases: Sequence[Publication], bodies: Mapping[str, BodyFacts]
) -> list[Publication]:
    """The releases of one body that some language's desk feed can carry: its newest
    :data:`FEED_ENTRIES` in each site language."""
    keep = {
        id(entry[1]) for lang in SITE_LANGUAGES for entry in newest_releases(releases, bodies, lang)
    }
    return [p for p in releases if id(p) in keep]


def render_feeds(
    public: Sequence[Publication],
    bodies: Mapping[str, BodyFacts],
    site: Site,
) -> dict[str, Page]:
    """The desk's feeds and every body's, as the publish steps make them (the preview makes
    them all at once)."""
    releases = [p for p in public if p.kind == "press-release"]
    feeds = desk_feeds(releases, bodies, site)
    for body_id in sorted(bodies):
        own = [p for p in releases if p.body == body_id]
        feeds.update(body_feeds(own, body_id, bodies, site))
    return feeds
