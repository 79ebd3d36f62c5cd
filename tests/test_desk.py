"""The communications desk: index pages and Atom feeds of the sample build, their links, their
markup, the manifest entries, and embargoes (a release under embargo is in no public page or
feed, and the internal index marks it)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import REPO, snakemake

from kokous.search import strip_annotations

ATOM = "{http://www.w3.org/2005/Atom}"
DOCUMENT_KINDS = ("press-release", "agenda", "minutes", "annual-report", "invitation")
CSS = (REPO / "templates" / "pandoc" / "kokous.css").read_text(encoding="utf-8")
# Snakemake's own mark in a folder output (Pagefind's index): not a file of the edition.
# The sample configuration's base_url (config/config.yaml), read as the workflow reads it.
BASE_URL = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))["base_url"]


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
        if p.is_file()
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
            # Publications only: the OParl export is data, reached from system.json.
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


# ---------------------------------------------------------------------------------------------
# Language versions, site title, publisher, headlines


def catalog(lang: str):
    """The message catalog of ``lang`` as the translators wrote it (locale/)."""
    from babel.messages.pofile import read_po

    with (REPO / "locale" / lang / "LC_MESSAGES" / "kokous.po").open("rb") as f:
        return read_po(f, locale=lang)


def label(lang: str, msgid: str) -> str:
    return catalog(lang)[msgid].string or msgid


def sample_body(body: str) -> dict:
    return yaml.safe_load((REPO / "records" / body / "body.yaml").read_text(encoding="utf-8"))


def test_every_page_links_to_itself_in_every_other_language(built_sample: Path) -> None:
    by_path = {a["path"]: a for a in manifest(built_sample)}
    for entry in desk_files(built_sample, "index"):
        page = parse(built_sample / entry["path"])
        here = posixpath.dirname(entry["path"])
        others = {lang for lang in ("fi", "sv", "en") if lang != entry["lang"]}
        assert set(page.alternates) >= others, entry["path"]
        for lang in others:
            other = by_path[posixpath.normpath(posixpath.join(here, page.alternates[lang]))]
            assert (other["lang"], other["body"], other["edition"]) == (
                lang,
                entry["body"],
                entry["edition"],
            )
            assert parse(built_sample / other["path"]).lang == lang


def test_pages_name_the_site_page_and_publisher_in_their_language(built_sample: Path) -> None:
    tyonvk = sample_body("tyonvk")
    ministry = tyonvk["organisations"][tyonvk["host"]]["name"]
    for lang in ("fi", "sv", "en"):
        name = tyonvk["name"][lang]
        infix = "" if lang == "fi" else f".{lang}"
        for path, heading in (
            (f"public/index{infix}.html", label(lang, "Publications")),
            (f"public/tietojaosto/index{infix}.html", sample_body("tietojaosto")["name"][lang]),
        ):
            page = parse(built_sample / path)
            text = " ".join(page.text.split())
            assert name in page.title and heading in page.title, page.title
            assert f"{label(lang, 'Publisher')}: {ministry[lang]}" in text, path
            for msgid in ("All publications", "Press releases as an Atom feed"):
                assert label(lang, msgid) in text, (path, msgid)
        body_page = " ".join(parse(built_sample / f"public/tyonvk/index{infix}.html").text.split())
        assert label(lang, "Press releases") in body_page
        assert label(lang, "Minutes and notes") in body_page
    # Labels come from the catalogs only: the Swedish page has no Finnish label.
    sv = parse(built_sample / "public/index.sv.html").text
    assert "Julkaisut" not in sv and "Tiedotteet" not in sv


def test_headlines_link_to_the_html_document_in_the_page_language(built_sample: Path) -> None:
    artifacts = manifest(built_sample)
    for lang in ("fi", "sv", "en"):
        infix = "" if lang == "fi" else f".{lang}"
        for edition in ("public", "internal"):
            path = f"{edition}/tyonvk/index{infix}.html"
            page = parse(built_sample / path)
            targets = [
                posixpath.normpath(posixpath.join(f"{edition}/tyonvk", h))
                for h in page.headline_links
            ]
            publications = {
                (a["kind"], a["year"], a["meeting"])
                for a in artifacts
                if a["edition"] == edition and a["body"] == "tyonvk" and a["kind"] in DOCUMENT_KINDS
            }
            assert len(targets) == len(publications), path
            html = {a["path"]: a for a in artifacts if a["format"] == "html"}
            for target in targets:
                document = html[target]
                assert document["kind"] in DOCUMENT_KINDS and document["edition"] == edition
                if document["kind"] == "press-release":
                    assert document["lang"] == lang  # every release has all three versions


def test_formats_are_labelled_links_not_bare_bullets(built_sample: Path) -> None:
    text = (built_sample / "public" / "tyonvk" / "index.sv.html").read_text(encoding="utf-8")
    assert "finska: HTML" not in text and not re.search(r"HTML\s*·\s*PDF", text)
    for msgid in ("In Finnish", "In Swedish", "In English", "Web page", "PDF", "Word (DOCX)"):
        assert f">{label('sv', msgid)}<" in text, msgid
    # The lists that lay out the page have styles that drop their bullets.
    for cls in ("desk-nav", "desk-languages", "formats__links", "publications"):
        assert f".{cls}" in CSS, cls
    assert re.search(r"\.publications\s*\{[^}]*list-style:\s*none", CSS.replace(",\n", ", "))


# ---------------------------------------------------------------------------------------------
# Feeds: feedparser's checks and RFC 4287's required elements


def test_every_feed_passes_feedparser_and_rfc4287(built_sample: Path) -> None:
    import feedparser

    feeds = desk_files(built_sample, "feed")
    bodies = {a["body"] for a in manifest(built_sample) if a["kind"] == "index" and a["body"]}
    assert len(feeds) == 3 * (1 + len(bodies))
    feed_ids = set()
    for entry in feeds:
        parsed = feedparser.parse((built_sample / entry["path"]).read_bytes())
        assert not parsed.bozo, (entry["path"], parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        feed = parsed.feed
        # atom:feed MUST have id, title, updated; author unless every entry has one.
        assert feed.get("id") and feed.get("title") and feed.get("updated_parsed")
        assert feed.get("language") == entry["lang"]
        address = BASE_URL + entry["path"].removeprefix("public/")
        assert [link.href for link in feed.links if link.rel == "self"] == [address]
        assert feed.id == address and address not in feed_ids
        feed_ids.add(feed.id)
        entry_ids = [e.id for e in parsed.entries]
        assert len(entry_ids) == len(set(entry_ids)), entry["path"]
        for item in parsed.entries:
            assert item.get("id") and item.get("title") and item.get("updated_parsed")
            assert item.get("author") or feed.get("author")
            alternates = [link for link in item.links if link.rel == "alternate"]
            assert alternates
            # Entries in the feed's language: every link is to that language's version, and
            # the title is that version's headline.
            assert {link.hreflang for link in item.links} == {entry["lang"]}
            page = next(link.href for link in alternates if link.type == "text/html")
            assert item.id == page
            document = parse(built_sample / "public" / page.removeprefix(BASE_URL))
            assert document.lang == entry["lang"]
            assert item.title in " ".join(document.text.split())
    english = feedparser.parse((built_sample / "public/feed.en.atom").read_bytes())
    june = yaml.safe_load(
        (REPO / "records/tyonvk/meetings/2025-06-11.yaml").read_text(encoding="utf-8")
    )
    assert len(english.entries) == 2
    assert english.entries[0].title == june["press"]["headline"]["en"]


def test_feed_ids_are_stable_across_builds(built_sample: Path, embargo_build: Path) -> None:
    """The March release's entry and the feeds keep their ids in another build of the
    records (there, the June release is under embargo)."""

    def ids(build: Path, path: str) -> dict[str, str]:
        root = ET.parse(build / path).getroot()
        return {
            e.findtext(f"{ATOM}id"): e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")
        } | {"feed": root.findtext(f"{ATOM}id")}

    for path in ("public/feed.atom", "public/tyonvk/feed.sv.atom"):
        first, second = ids(built_sample, path), ids(embargo_build, path)
        assert first["feed"] == second["feed"]
        march = [i for i in second if "2025-03-12" in i]
        assert len(march) == 1 and first[march[0]] == second[march[0]]


def test_the_desk_writes_no_feed_without_a_base_url(built_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    facts = sorted(str(p) for p in (built_sample / ".kokous/checked/tyonvk").glob("*.desk.json"))
    parts = sorted(str(p) for p in (built_sample / ".kokous/parts/tyonvk").rglob("*.json"))
    assert facts and parts
    result = subprocess.run(
        publish_body(out, "tyonvk", facts, parts, ""), capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "base_url" in lines[0], result.stderr
    assert "config/config.yaml" in lines[0] and "Traceback" not in result.stderr
    assert not list(out.rglob("*.atom")) and not list(out.rglob("*.json"))


def publish_body(
    out: Path, body: str, facts: list[str], parts: list[str], base_url: str
) -> list[str]:
    """The command of one body's publish job (rules/publish.smk), writing under ``out``."""
    command = [sys.executable, "-m", "kokous", "publish-body", "--out", str(out)]
    command += ["--body", body, "--facts", *facts, "--parts", *parts, "--years", "2025"]
    command += ["--part", str(out / f".kokous/publish/{body}/part.json")]
    command += ["--summary", str(out / f".kokous/publish/{body}/summary.json")]
    return [*command, "--base-url", base_url]


# ---------------------------------------------------------------------------------------------
# Search: Pagefind's index of the public edition

QUERY = Path(__file__).with_name("pagefind_query.mjs")


def search(build: Path, lang: str, *terms: str) -> dict[str, list[str]]:
    """Pagefind's answer to each term in ``lang``, as the public documents' paths under
    ``build/``; Pagefind's own search API in node, on the built index."""
    from tools import require

    node = require("node")["node"]
    answers: dict[str, list[str]] = {term: [] for term in terms}
    # One bundle per body (public/pagefind/{body}/): the desk's search box merges them.
    for bundle in sorted(p for p in (build / "public" / "pagefind").iterdir() if any(p.iterdir())):
        result = subprocess.run(
            [node, "--no-warnings", str(QUERY), str(bundle), lang, *terms],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        found = json.loads(result.stdout)
        for term in terms:
            answers[term] += ["public" + r["url"] for r in found[term]]
    return answers


class MainText(HTMLParser):
    """The words of a document's <main>, what the index holds of it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.words: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "main"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "main"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words |= set(re.findall(r"\w+", data.lower()))


def main_words(build: Path, edition: str, lang: str) -> dict[str, set[str]]:
    found = {}
    for a in manifest(build):
        if (a["edition"], a["lang"], a["format"]) == (edition, lang, "html") and a[
            "kind"
        ] in DOCUMENT_KINDS:
            text = MainText()
            text.feed((build / a["path"]).read_text(encoding="utf-8"))
            found[a["path"]] = text.words
    return found


def test_search_finds_finnish_and_swedish_inflected_forms(built_sample: Path) -> None:
    finnish = main_words(built_sample, "public", "fi")
    # A document that has the genitive only: no prefix of the query matches it, the stem does.
    genitive_only = {
        path
        for path, words in finnish.items()
        if "neuvottelukunnan" in words and "neuvottelukunta" not in words
    }
    assert genitive_only  # the subcommittee's notes: "neuvottelukunnan" alone
    found = search(built_sample, "fi", "neuvottelukunta")["neuvottelukunta"]
    assert genitive_only <= set(found), found
    assert set(found) <= set(finnish)  # results are the public Finnish HTML documents
    # Swedish: "delegationerna" (plural, definite) is in no document; "delegationen" is.
    swedish = main_words(built_sample, "public", "sv")
    assert not any("delegationerna" in words for words in swedish.values())
    with_singular = {path for path, words in swedish.items() if "delegationen" in words}
    assert with_singular
    assert set(search(built_sample, "sv", "delegationerna")["delegationerna"]) == with_singular


def indexed_pages(build: Path) -> dict[str, str]:
    """What Pagefind's index holds: each page's address and text, from its fragments (gzip
    of "pagefind_dcd" and a JSON object)."""
    pages = {}
    for fragment in sorted((build / "public" / "pagefind").glob("*/fragment/*")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data[len(b"pagefind_dcd") :])
        # Without the lemmas kokous.search adds after Finnish words (not words of a page).
        pages["public" + page["url"]] = strip_annotations(page["content"])
    return pages


def test_search_index_holds_the_public_html_documents_and_nothing_else(
    built_sample: Path,
) -> None:
    pages = indexed_pages(built_sample)
    public_html = {
        a["path"]
        for a in manifest(built_sample)
        if (a["edition"], a["format"]) == ("public", "html") and a["kind"] in DOCUMENT_KINDS
    }
    assert set(pages) == public_html
    indexed = set(re.findall(r"\w+", " ".join(pages.values()).lower()))
    for lang in ("fi", "sv", "en"):
        public = set().union(*main_words(built_sample, "public", lang).values())
        internal = set().union(*main_words(built_sample, "internal", lang).values())
        # Words only the internal edition prints (confidential items, the draft minutes).
        secret = internal - public
        if lang == "fi":
            assert len(secret) > 10
        assert not secret & indexed, sorted(secret & indexed)
    assert not (built_sample / "internal" / "pagefind").exists()


def test_every_public_index_page_has_the_search_box(built_sample: Path) -> None:
    for entry in desk_files(built_sample, "index"):
        page = parse(built_sample / entry["path"])
        here = posixpath.dirname(entry["path"])
        scripts = [posixpath.normpath(posixpath.join(here, s)) for s in page.scripts]
        own = entry["body"] is None or any(
            a["body"] == entry["body"] and a["kind"] in DOCUMENT_KINDS
            for a in manifest(built_sample)
            if (a["edition"], a["format"]) == ("public", "html")
        )
        if entry["edition"] == "public" and own:
            assert "search" in page.ids, entry["path"]
            # A body's page searches its own bundle; the desk's loads the first body's and
            # merges the others' (tyonvk's subcommittee tietojaosto comes after it).
            first = entry["body"] or "tyonvk"
            assert scripts == [f"public/pagefind/{first}/pagefind-ui.js"], entry["path"]
            assert (built_sample / scripts[0]).is_file()
        else:
            assert "search" not in page.ids and not scripts, entry["path"]


@pytest.mark.parametrize("page", ["tietojaosto/index.html", "index.html"])
def test_the_search_box_finds_and_links_the_documents_in_chromium(
    built_sample: Path, page: str
) -> None:
    """The desk's own search box, served over http as on the web (browsers fetch no index
    from file://), in the Finnish subcommittee page and on the desk's page."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from tools import NODE_MODULES, require

    tools = require("node", "chromium", "playwright-core")
    node = tools["node"]

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(built_sample / "public"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/{page}"
        result = subprocess.run(
            [node, str(Path(__file__).with_name("desk_search_ui.mjs")), url, "neuvottelukunta"],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
            env={**os.environ, "NODE_PATH": str(NODE_MODULES), "CHROMIUM": tools["chromium"]},
            cwd=REPO,
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    prefix = f"http://127.0.0.1:{server.server_port}/"
    found = json.loads(result.stdout)["neuvottelukunta"]
    links = ["public/" + href.removeprefix(prefix) for href in found]
    # A body's page searches that body's documents (its own bundle); the desk's merges every
    # body's bundle into one list of results.
    scope = "public/" + page.removesuffix("index.html")
    expected = {
        path
        for path in search(built_sample, "fi", "neuvottelukunta")["neuvottelukunta"]
        if path.startswith(scope)
    }
    assert "public/tietojaosto/2025/2025-09-02/minutes.fi.html" in links
    if page == "index.html":
        assert any(link.startswith("public/tyonvk/") for link in links), links
    assert set(links) == expected


def test_a_desk_of_several_bodies_has_a_general_title_and_a_shared_publisher() -> None:
    from kokous.desk import BodyFacts, site_facts

    ministry = {"fi": "työ- ja elinkeinoministeriö", "sv": "arbets- och näringsministeriet"}
    other = {"fi": "valtiovarainministeriö", "sv": "finansministeriet"}

    def body(id: str, publisher: dict[str, str]) -> BodyFacts:
        return BodyFacts(id, {"fi": id.upper()}, None, ["fi"], None, publisher)

    one = site_facts({"a": body("a", ministry)}, None)
    assert one.title["sv"] == "A" and one.publisher == ministry
    shared = site_facts({"a": body("a", ministry), "b": body("b", ministry)}, None)
    for lang in ("fi", "sv", "en"):
        assert shared.title[lang] == label(lang, "Publications of advisory bodies")
    assert shared.publisher == ministry
    assert site_facts({"a": body("a", ministry), "b": body("b", other)}, None).publisher is None


def test_an_edition_with_no_html_document_has_no_search_box(
    built_sample: Path, tmp_path: Path
) -> None:
    """Pagefind refuses an empty site: the body's bundle folder stays (its job's output),
    empty, and the pages offer no search."""
    out = tmp_path / "build"
    facts = sorted(str(p) for p in (built_sample / ".kokous/checked/tyonvk").glob("*.desk.json"))
    subprocess.run(publish_body(out, "tyonvk", facts, [], BASE_URL), check=True)
    assert (out / "public/pagefind/tyonvk").is_dir()
    assert not list((out / "public/pagefind/tyonvk").iterdir())
    command = [sys.executable, "-m", "kokous", "publish-desk", "--out", str(out)]
    command += ["--manifest", str(out / "manifest.json"), "--records-commit", "uncommitted"]
    command += ["--summaries", str(out / ".kokous/publish/tyonvk/summary.json")]
    command += ["--parts", str(out / ".kokous/publish/tyonvk/part.json"), "--base-url", BASE_URL]
    subprocess.run(command, capture_output=True, text=True, check=True)
    assert "search" not in parse(out / "public/tyonvk/index.html").ids
    page = parse(out / "public" / "index.html")
    assert "search" not in page.ids and not page.scripts
    assert not [a for a in manifest(out) if a["kind"] == "search"]


def test_the_public_desk_states_the_display_period_and_links_the_open_data(
    built_sample: Path,
) -> None:
    """Issue 16: the desk states how long guests' names stay public (the body's setting) and
    links the OParl export's entry point; the internal desk does neither."""
    days = sample_body("tyonvk")["personal_data_display_days"]
    for lang in ("fi", "sv", "en"):
        infix = "" if lang == "fi" else f".{lang}"
        for path in (f"public/index{infix}.html", f"public/tyonvk/index{infix}.html"):
            html = (built_sample / path).read_text(encoding="utf-8")
            text = " ".join(parse(built_sample / path).text.split())
            assert f" {days} " in text and label(lang, "Decisions as open data (OParl 1.1)") in text
            link = re.search(r'<a class="desk-open-data" href="([^"]+)"', html)
            assert link, path
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link[1]))
            assert target == "public/oparl/system.json"
            assert (built_sample / target).is_file()
    internal = (built_sample / "internal/index.html").read_text(encoding="utf-8")
    assert "desk-open-data" not in internal and "desk-policy" not in internal
