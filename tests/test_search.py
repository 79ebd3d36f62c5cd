"""Search (issue 22): Finnish by base form, through the desk's own search box in Chromium;
Swedish and English by Pagefind's stemming; result links under any base path; nothing but
the editions' files under build/public and build/internal."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO

from kokous import search

# Inflected forms whose stem changes (consonant gradation, -s/-ks-, -si/-de-, -nen/-s-): a
# suffix stemmer does not bring the second to the first.
PAIRS = [
    ("kaupunki", "kaupungin"),
    ("päätös", "päätöksen"),
    ("päätökset", "päätöstä"),
    ("työ", "työtä"),
    ("laki", "lain"),
    ("tehtävä", "tehtäviä"),
    ("neuvottelukunta", "neuvottelukunnissa"),
    ("vuosi", "vuoden"),
    ("käsi", "kädessä"),
    ("kunta", "kunnissa"),
    ("esitys", "esityksen"),
    ("sopimus", "sopimukseen"),
    ("lausunto", "lausunnon"),
    ("ihminen", "ihmisiä"),
    ("pitää", "pidetään"),
]
SWEDISH = ("delegationen", "delegationerna")  # page word, query
ENGLISH = ("committees", "committee")
SUB_PATH = "sub/path"


def test_each_pair_shares_a_lemma_and_the_lookup_leads_from_one_to_the_other() -> None:
    """The analyser brings both forms to one lemma, and the generated lookup holds both."""
    for first, second in PAIRS:
        shared = set(search.lemmas(first)) & set(search.lemmas(second))
        assert shared, (first, second)
        tables = search.lemma_tables({"page": search.word_analyses(first)})
        entry = tables[search.shard_of(second)][second]
        assert shared & ({entry} if isinstance(entry, str) else set(entry)), (second, entry)


def test_annotation_adds_lemmas_to_text_only() -> None:
    html = (
        '<html lang="fi"><body><main><h1 title="kaupungin">Kaupungin päätös</h1>'
        "<p>A &amp; B: lain</p><script>var kaupungin = 1;</script></main></body></html>"
    )
    annotated, found = search.annotate_html(html)
    assert f"Kaupungin {search.OPEN}kaupunki{search.CLOSE} päätös</h1>" in annotated
    assert 'title="kaupungin"' in annotated and "var kaupungin = 1;" in annotated
    assert "&amp; " in annotated and f"&amp; {search.OPEN}" not in annotated  # an entity
    assert {"kaupunki", "päätös", "laki"} <= {reading[0] for reading in found}
    assert search.strip_annotations(annotated) == html


# ---------------------------------------------------------------------------------------------
# A small site of one word per page, indexed as the build does, searched in Chromium


def page_of(word: str, lang: str) -> str:
    """The fixture page holding ``word`` (relative to ``build/``)."""
    return f"public/fixture/{word}/minutes.{lang}.html"


def write_page(out_root: Path, word: str, lang: str) -> str:
    path = page_of(word, lang)
    (out_root / path).parent.mkdir(parents=True, exist_ok=True)
    (out_root / path).write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{word}</title>'
        f"</head><body><main><h1>{word.upper()} 1/2025</h1><p>{word}</p></main></body></html>",
        encoding="utf-8",
    )
    return path


def desk_page(lang: str, root: str, bundles: Sequence[str]) -> str:
    """A desk page with the search box over ``bundles`` (folders relative to the page), from
    the desk's own layout template."""
    from kokous import desk, desklabels

    text = {"text": "Fixture", "lang": lang}
    page = (
        desk._environment(lang)
        .get_template("layout.html.j2")
        .render(
            lang=lang,
            site_title=text,
            publisher=None,
            page_title="Fixture",
            heading=text,
            nav=[
                {
                    "href": "index.html",
                    "text": "Fixture",
                    "text_lang": lang,
                    "sub": False,
                    "current": True,
                }
            ],
            switch=[],
            root=root,
            css="",
            marking=None,
            feed=None,
            search=list(bundles),
            search_translations=desklabels.search_translations(desk._gettext(lang)),
            open_data=None,
            display_policy=None,
        )
    )
    assert f"bundles: {json.dumps(list(bundles))}" in page
    return page


@pytest.fixture(scope="module")
def word_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``build/`` of a site whose every page holds one word, the first forms' Pagefind index
    built by the publish step's function, the second forms' by kokous.search beside it, a desk
    page per language in ``public/fixture/`` searching both."""
    from kokous import searchindex

    out_root = tmp_path_factory.mktemp("words") / "build"
    firsts = [write_page(out_root, first, "fi") for first, _ in PAIRS]
    firsts += [write_page(out_root, SWEDISH[0], "sv"), write_page(out_root, ENGLISH[0], "en")]
    searchindex.build_search_index(out_root, sorted(firsts), "public/pagefind")
    # The second forms in a bundle of their own (as another body's): a pair is found only
    # through both bundles, merged, and both bundles' lookups.
    seconds = [write_page(out_root, second, "fi") for _, second in PAIRS]
    staging = out_root / "staging"
    site, tables = search.stage_for_pagefind(out_root, seconds, staging)
    bundle = out_root / "public" / "pagefind-b"
    glob = "**/{press-release,minutes,annual-report}.*.html"
    command = [searchindex.pagefind_binary(), "--site", str(site), "--glob", glob]
    subprocess.run([*command, "--output-path", str(bundle), "--silent"], check=True)
    search.write_lemma_tables(bundle, tables)
    bundles = ["../pagefind/", "../pagefind-b/"]
    for lang, name in (("fi", "index.html"), ("sv", "index.sv.html"), ("en", "index.en.html")):
        page = desk_page(lang, "../", bundles)
        (out_root / "public" / "fixture" / name).write_text(page, "utf-8")
    return out_root


@contextmanager
def served_under_sub_path(public: Path, tmp_path: Path) -> Iterator[str]:
    """``public`` served over http on 127.0.0.1 as ``/sub/path/`` (a folder above it is the
    server's root, as a ministry's site serves a body's pages); yields the pages' address."""
    top = tmp_path / "www"
    (top / SUB_PATH).parent.mkdir(parents=True)
    (top / SUB_PATH).symlink_to(public.resolve(), target_is_directory=True)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(top)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{SUB_PATH}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def search_box(url: str, queries: Sequence[str]) -> dict[str, list[str]]:
    """Each query typed into the search box of the desk page at ``url`` in Chromium: the
    result links (absolute URLs)."""
    from tools import NODE_MODULES, require

    node = require("node", "chromium", "playwright-core")["node"]
    result = subprocess.run(
        [node, str(Path(__file__).with_name("desk_search_ui.mjs")), url, *queries],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        cwd=REPO,
    )
    assert "page error" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def pagefind_alone(bundle: Path, lang: str, terms: Sequence[str]) -> dict[str, list[str]]:
    """Pagefind's own search API (node), without the search box's lemma lookup."""
    from tools import require

    node = require("node")["node"]
    query = Path(__file__).with_name("pagefind_query.mjs")
    result = subprocess.run(
        [node, "--no-warnings", str(query), str(bundle), lang, *terms],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return {
        t: ["public" + r["url"] for r in found] for t, found in json.loads(result.stdout).items()
    }


def test_finnish_forms_find_each_other_through_the_search_box(
    word_site: Path, tmp_path: Path
) -> None:
    queries = [w for pair in PAIRS for w in pair]
    with served_under_sub_path(word_site / "public", tmp_path) as site:
        found = search_box(site + "fixture/index.html", queries)
        for links in found.values():
            for link in links:
                assert link.startswith(site), link
                assert status(link) == 200, link
    paths = {
        q: {"public/" + urllib.parse.unquote(link.removeprefix(site)) for link in found[q]}
        for q in queries
    }
    for first, second in PAIRS:
        assert page_of(second, "fi") in paths[first], (first, sorted(paths[first]))
        assert page_of(first, "fi") in paths[second], (second, sorted(paths[second]))
    # Pagefind alone (its Finnish stemmer) misses most of these from the inflected side: the
    # lookup is what finds them.
    alone = pagefind_alone(word_site / "public" / "pagefind", "fi", [s for _, s in PAIRS])
    missed = [s for f, s in PAIRS if page_of(f, "fi") not in alone[s]]
    assert len(missed) >= len(PAIRS) // 2, missed


def test_swedish_and_english_keep_pagefinds_stemming(word_site: Path, tmp_path: Path) -> None:
    with served_under_sub_path(word_site / "public", tmp_path) as site:
        swedish = search_box(site + "fixture/index.sv.html", [SWEDISH[1]])[SWEDISH[1]]
        english = search_box(site + "fixture/index.en.html", [ENGLISH[1]])[ENGLISH[1]]
    assert swedish == [site + page_of(SWEDISH[0], "sv").removeprefix("public/")]
    assert english == [site + page_of(ENGLISH[0], "en").removeprefix("public/")]


# ---------------------------------------------------------------------------------------------
# The sample build: served under a sub-path, and nothing but documents in the editions


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_the_desk_under_a_sub_path_links_every_result_and_page(
    built_sample: Path, tmp_path: Path
) -> None:
    """build/public served as /sub/path/: every search result, and every relative link and
    script of the desk pages, answers 200."""
    with served_under_sub_path(built_sample / "public", tmp_path) as site:
        found = {}
        for page in ("index.html", "tyonvk/index.html"):
            found[page] = search_box(site + page, ["kokouksessa", "päätti"])
            parser = Links()
            with urllib.request.urlopen(site + page, timeout=30) as response:
                parser.feed(response.read().decode("utf-8"))
            relative = [
                link for link in parser.links if not link.startswith(("http:", "https:", "#"))
            ]
            assert relative, page
            for link in relative:
                target = urllib.parse.urljoin(site + page, link)
                assert status(target) == 200, (page, link)
        links = [link for by_query in found.values() for ls in by_query.values() for link in ls]
        assert all(found[page][q] for page in found for q in ("kokouksessa", "päätti")), found
        for link in links:
            assert link.startswith(site), link
            assert status(link) == 200, link


def test_every_file_of_the_editions_is_in_the_manifest(built_sample: Path) -> None:
    """Nothing of Snakemake's or kokous's bookkeeping under build/public or build/internal
    (e.g. the .snakemake_timestamp Snakemake puts in a folder output)."""
    listed = {
        a["path"]
        for a in json.loads((built_sample / "manifest.json").read_text("utf-8"))["artifacts"]
    }
    files = {
        p.relative_to(built_sample).as_posix()
        for edition in ("public", "internal")
        for p in (built_sample / edition).rglob("*")
        if p.is_file()
    }
    assert files, "no edition files"
    assert sorted(files - listed) == []


def test_snakemakes_folder_stamps_leave_the_editions_and_their_time_stays(
    tmp_path: Path,
) -> None:
    from kokous.writer import SNAKEMAKE_MARK, settle_folder_marks

    folder = tmp_path / "public" / "pagefind"
    folder.mkdir(parents=True)
    (folder / "pagefind.js").write_text("", encoding="utf-8")
    (folder / SNAKEMAKE_MARK).write_text("", encoding="utf-8")
    os.utime(folder / SNAKEMAKE_MARK, ns=(1_000_000_000_000_000_000, 1_700_000_000_000_000_001))
    settle_folder_marks([folder, tmp_path / "missing"])
    assert [p.name for p in folder.iterdir()] == ["pagefind.js"]
    assert folder.stat().st_mtime_ns == 1_700_000_000_000_000_001
