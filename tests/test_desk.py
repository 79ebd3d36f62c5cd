"""The communications desk: index pages and Atom feeds of the sample build, their links, their
markup, the manifest entries, and embargoes (a release under embargo is in no public page or
feed, and the internal index marks it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import REPO, snakemake

ATOM = "{http://www.w3.org/2005/Atom}"
DOCUMENT_KINDS = ("press-release", "minutes", "annual-report")
CSS = (REPO / "templates" / "pandoc" / "kokous.css").read_text(encoding="utf-8")
# Snakemake's own mark in a folder output (Pagefind's index): not a file of the edition.
SNAKEMAKE_STAMP = ".snakemake_timestamp"
# The sample configuration's base_url (config/config.yaml), read as the workflow reads it.
BASE_URL = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))[
    "base_url"
]


def manifest(build: Path) -> list[dict]:
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))["artifacts"]


class Page(HTMLParser):
    """What the checks need from a page: lang, title, headings, links, nav, style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.headings: list[int] = []
        self.links: list[str] = []
        self.navs: list[str | None] = []
        self.headline_links: list[str] = []
        self.style = ""
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self.alternates: dict[str, str] = {}
        self.text = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("a", "link") and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "nav":
            self.navs.append(a.get("aria-label"))
        if tag == "a" and self._in and re.fullmatch(r"h[2-6]", self._in[-1]):
            self.headline_links.append(str(a.get("href")))
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "script" and a.get("src"):
            self.scripts.append(str(a["src"]))
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[str(a["hreflang"])] = str(a["href"])
        if tag not in ("meta", "link", "br", "img", "input"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "style" not in self._in and "script" not in self._in:
            self.text += data
        if self._in and self._in[-1] == "title":
            self.title += data
        if self._in and self._in[-1] == "style":
            self.style += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def desk_files(build: Path, kind: str) -> list[dict]:
    return [a for a in manifest(build) if a["kind"] == kind]


def test_index_and_feeds_are_in_the_manifest(built_sample: Path) -> None:
    paths = {a["path"]: a for a in manifest(built_sample)}
    for path, body in (
        ("public/index.html", None),
        ("public/tyonvk/index.html", "tyonvk"),
        ("public/tietojaosto/index.html", "tietojaosto"),
        ("internal/index.html", None),
        ("internal/tyonvk/index.html", "tyonvk"),
    ):
        assert paths[path]["kind"] == "index" and paths[path]["body"] == body
    for path, body in (("public/feed.atom", None), ("public/tyonvk/feed.atom", "tyonvk")):
        assert paths[path]["kind"] == "feed" and paths[path]["body"] == body
    # Every page and feed in each language of the catalogs, Finnish first.
    for stem in ("public/index", "internal/index", "public/tietojaosto/index", "public/feed"):
        suffix = "atom" if stem.endswith("feed") else "html"
        langs = {paths[f"{stem}{infix}.{suffix}"]["lang"] for infix in ("", ".sv", ".en")}
        assert langs == {"fi", "sv", "en"}, stem
    # Feeds and the search index are public only.
    assert not [p for p in paths if p.startswith("internal/") and p.endswith(".atom")]
    assert not [p for p in paths if p.startswith("internal/") and "pagefind" in p]
    search = [a for a in paths.values() if a["kind"] == "search"]
    assert {a["path"] for a in search} == {
        p.relative_to(built_sample).as_posix()
        for p in (built_sample / "public" / "pagefind").rglob("*")
        if p.is_file() and p.name != SNAKEMAKE_STAMP
    }
    for entry in desk_files(built_sample, "index") + desk_files(built_sample, "feed") + search:
        assert set(entry) == {
            "path", "edition", "kind", "body", "year", "meeting", "lang", "format", "sha256",
            "bytes",
        }  # fmt: skip
        assert entry["year"] is None and entry["meeting"] is None
        data = (built_sample / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_every_index_link_resolves_to_a_file_of_the_same_edition(built_sample: Path) -> None:
    for entry in desk_files(built_sample, "index"):
        page = parse(built_sample / entry["path"])
        here = posixpath.dirname(entry["path"])
        assert page.links, entry["path"]
        for href in page.links:
            if href.startswith("#"):
                assert href[1:] in page.ids, (entry["path"], href)
                continue
            # The pages work from any address (file:// too): every link is relative.
            assert "://" not in href and not href.startswith("/"), href
            target = posixpath.normpath(posixpath.join(here, href))
            assert target.startswith(entry["edition"] + "/"), (entry["path"], href)
            assert (built_sample / target).is_file(), (entry["path"], href)


def test_index_links_every_format_and_language_of_every_publication(built_sample: Path) -> None:
    artifacts = manifest(built_sample)
    for edition in ("public", "internal"):
        page = parse(built_sample / edition / "index.html")
        linked = {posixpath.normpath(posixpath.join(edition, h)) for h in page.links}
        documents = {
            a["path"]
            for a in artifacts
            if a["edition"] == edition and a["kind"] in DOCUMENT_KINDS
        }
        assert documents <= linked, sorted(documents - linked)
        for body in {a["body"] for a in artifacts if a["edition"] == edition and a["body"]}:
            body_page = parse(built_sample / edition / body / "index.html")
            here = f"{edition}/{body}"
            linked = {posixpath.normpath(posixpath.join(here, h)) for h in body_page.links}
            mine = {d for d in documents if d.startswith(f"{edition}/{body}/")}
            assert mine <= linked, sorted(mine - linked)


def test_index_pages_are_semantic_and_accessible(built_sample: Path) -> None:
    for entry in desk_files(built_sample, "index"):
        page = parse(built_sample / entry["path"])
        assert page.lang == entry["lang"]
        assert page.title.strip()
        assert page.headings.count(1) == 1 and page.headings[0] == 1
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{entry['path']}: h{before} then h{after}"
        # The language switch and the bodies' navigation, each named for screen readers.
        assert len(page.navs) == 2 and all(page.navs) and len(set(page.navs)) == 2
        assert len(page.ids) == len(set(page.ids)), entry["path"]
        assert CSS.strip() in page.style  # the one stylesheet, inlined; it hides nav in print
    assert "nav { display: none; }" in CSS


def test_index_shows_headlines_and_leads_newest_first(built_sample: Path) -> None:
    text = (built_sample / "public" / "tyonvk" / "index.html").read_text(encoding="utf-8")
    june = text.index("Neuvottelukunta vahvisti jaostojensa kokoonpanon")
    march = text.index("toimii työvoimapalvelujen yhteisenä foorumina")
    assert june < march
    assert "on kokoontunut ensimmäisen kerran 12.3.2025 Helsingissä." in text
    internal = (built_sample / "internal" / "index.html").read_text(encoding="utf-8")
    assert "Sisäinen / Internal" in internal
    assert "Luonnos" in internal  # the September minutes are a draft
    assert "Luonnos" not in (built_sample / "public" / "index.html").read_text(encoding="utf-8")


def check_feed(build: Path, path: str) -> list[ET.Element]:
    """Valid Atom (RFC 4287) as far as the parts kokous writes; returns the entries."""
    root = ET.parse(build / path).getroot()
    assert root.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{child}")) == 1, child
    assert root.findall(f"{ATOM}author/{ATOM}name")
    dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    public = {a["path"] for a in manifest(build) if a["edition"] == "public"}
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for child in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{child}") or "").strip(), child
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated.tzinfo is not None
        combos = set()
        for link in entry.findall(f"{ATOM}link"):
            href = link.get("href")
            assert href.startswith(BASE_URL), href  # absolute, under base_url
            target = "public/" + href.removeprefix(BASE_URL)
            assert target in public, target  # only what the public manifest holds
            combo = (link.get("rel"), link.get("type"), link.get("hreflang"))
            assert combo not in combos  # RFC 4287 4.2.7.2
            combos.add(combo)
        assert any(t == "application/pdf" for _, t, _ in combos)
    return entries


def test_feeds_are_valid_atom_with_leads_and_public_links(built_sample: Path) -> None:
    entries = check_feed(built_sample, "public/feed.atom")
    assert len(entries) == 2
    assert "Neuvottelukunta vahvisti jaostojensa kokoonpanon" in entries[0].findtext(f"{ATOM}title")
    assert entries[0].findtext(f"{ATOM}updated") == "2025-06-11T14:00:00+03:00"
    check_feed(built_sample, "public/tyonvk/feed.atom")
    root = ET.parse(built_sample / "public/feed.atom").getroot()
    assert root.findtext(f"{ATOM}updated") == "2025-06-11T14:00:00+03:00"  # not the clock


EMBARGOED = """\
  published: 2026-02-01T09:00
  embargo: true
"""


@pytest.fixture(scope="module")
def embargo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with the June release under embargo until 1.2.2026, built on 1.1.2026."""
    from conftest import copy_workflow

    workdir = copy_workflow(tmp_path_factory.mktemp("embargo") / "workflow")
    record = workdir / "records" / "tyonvk" / "meetings" / "2025-06-11.yaml"
    text = record.read_text(encoding="utf-8")
    assert "  published: 2025-06-11T14:00\n" in text
    record.write_text(text.replace("  published: 2025-06-11T14:00\n", EMBARGOED), "utf-8")
    snakemake(workdir)
    return workdir / "build"


def test_embargoed_release_is_in_no_public_page_or_feed(embargo_build: Path) -> None:
    headline = "Neuvottelukunta vahvisti jaostojensa kokoonpanon"
    for entry in manifest(embargo_build):
        if entry["edition"] == "public" and entry["kind"] in ("index", "feed"):
            text = (embargo_build / entry["path"]).read_text(encoding="utf-8")
            assert headline not in text, entry["path"]
            assert "2025-06-11/press-release" not in text, entry["path"]
    entries = check_feed(embargo_build, "public/feed.atom")
    assert len(entries) == 1
    internal = (embargo_build / "internal" / "index.html").read_text(encoding="utf-8")
    assert headline in internal
    assert "Julkaisuvapaa 1.2.2026 klo 9.00 (ei vielä julkinen)" in internal
