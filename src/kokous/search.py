"""Finnish search by base form (lemma): what the search index holds beside Pagefind's own.

Pagefind stems Finnish with a suffix stemmer, which consonant gradation and stem changes
defeat ("kaupungin" is not "kaupunki" + a suffix, nor "päätöksen" "päätös" + one). So the
index and the query meet at the lemma, which a morphological analyser gives
(docs/search.md says which and why):

- Build time, the pages: Pagefind indexes a staged copy of each Finnish document
  (:func:`stage_site`) in which every word whose lemma differs from it is followed by its
  lemmas, ``kaupungin ⟨kaupunki⟩``. The published document is never changed; the search box
  strips the annotation from the excerpts it shows (``templates/desk/search.js``).
- Build time, the queries: the browser cannot run the analyser, so every inflected form of
  every lemma of the bundle's pages is generated and written as a static lookup from form to
  lemma, sharded by the form's first two letters (:func:`lemma_tables`): a query fetches the
  few shards its words need, and the search box replaces each word by its lemma before
  Pagefind searches.

Swedish and English documents are indexed as they are, with Pagefind's stemming.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from . import writer

LEMMA_FOLDER = "fi-lemmas"
"""The lookup's shards inside a Pagefind bundle: ``fi-lemmas/<shard>.json``."""

OPEN, CLOSE = "\u27e8", "\u27e9"
"""The marks around a word's lemmas in the indexed copy (⟨ ⟩: never in a record's running
text in practice, and the search box removes what stands between them)."""

WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
"""A word as the analyser takes it: letters, with inner hyphens and apostrophes."""

_TEXT_OR_TAG = re.compile(r"(<[^>]*>)")
_ENTITY_OR_WORD = re.compile(rf"(&#?\w+;)|({WORD.pattern})((?:[^\w\s&]+|&#?\w+;)*(?=\s|$))?")
"""An entity, or a word with the punctuation that ends its token ("päätöksen," "TEM:n" "”"):
the lemmas go after the token, so Pagefind reads them as tokens of their own and the search
box can tell them from the text in an excerpt."""
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
_HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')

NOMINAL = frozenset(
    {"noun", "noun-pl", "adjective", "proper", "proper-pl", "participle", "pronoun"}
    | {"pronoun-pl", "numeral", "ordinal"}
)
"""Parts of speech that inflect in case and number."""

CASES = ("nom", "gen", "par", "ess", "tra", "ine", "ela", "ill", "ade", "abl", "all", "abe")
NOMINAL_FORMS = (*(f"+{n}+{c}" for n in ("sg", "pl") for c in CASES), "+pl+ins")
"""The case forms generated for a noun, adjective or participle (the comitative exists only
with a possessive suffix, and no query writes the instructive singular)."""

PERSONS = ("1sg", "2sg", "3sg", "1pl", "2pl", "3pl")
VERB_FORMS = (
    *(f"+{tense}+{person}" for tense in ("pres", "past", "cond") for person in PERSONS),
    *("+pres+conneg", "+past+conneg+sg", "+past+conneg+pl", "+cond+conneg"),
    *("+pass+pres", "+pass+past", "+pass+past+conneg", "+pass+cond"),
    *("+imper+2sg", "+imper+2pl", "+inf1", "+inf2+ine", "+inf2+ins"),
    *(f"+inf3+{case}" for case in ("ine", "ela", "ill", "ade", "abe")),
    *("+inf4+sg+nom", "+inf4+sg+gen", "+inf4+sg+par"),
    *(
        f"+{participle}+{number}+{case}"
        for participle in ("part_pres", "part_past")
        for number in ("sg", "pl")
        for case in ("nom", "gen", "par")
    ),
    *("+pass+part_past+sg+nom", "+pass+part_past+sg+par", "+pass+part_pres+sg+nom"),
)
"""The verb forms generated for a verb: every person of the indicative and conditional,
the passive, the imperative, the infinitives and the participles' commonest cases."""


# ---------------------------------------------------------------------------------------------
# The analyser and the generator (pypykko: both from one lexicon, so they agree)


@functools.cache
def _analyser():
    # Loading the transducers takes a second or two (with kfst-rs): only when there is Finnish.
    from pypykko.utils import analyze

    return analyze


@functools.cache
def _generator():
    from pypykko.generate import generate_wordform

    return generate_wordform


_MEMO: dict[str, dict] = {"words": {}, "forms": {}}
"""Analyses by word and forms by reading, computed or loaded from the cache (:func:`cached`)."""
_MEMO_ADDED = [0]


def analyses(word: str) -> tuple[tuple[str, str, str], ...]:
    """The (lemma, part of speech, homonym number) of each reading of ``word`` that the lexicon
    knows, lemmas in lower case without compound boundaries; none for a word the analyser only
    guesses at. (The homonym tells the generator which inflection: laki 1 "law" -> lain.)"""
    found = _MEMO["words"].get(word)
    if found is None:
        from pypykko.utils import remove_separators

        found = sorted(
            {
                (remove_separators(a.lemma).lower(), a.pos, a.homonym)
                for a in _analyser()(word)
                if a.source.startswith("Lexicon") and a.lemma
            }
        )
        _MEMO["words"][word] = found
        _MEMO_ADDED[0] += 1
    return tuple(tuple(reading) for reading in found)


def word_analyses(word: str) -> set[tuple[str, str, str]]:
    """:func:`analyses` of ``word`` as written and in lower case (a proper name is known
    capitalised, a sentence's first word in lower case)."""
    return set(analyses(word)) | set(analyses(word.lower()))


def lemmas(word: str) -> tuple[str, ...]:
    """The lemmas of ``word`` (lower case), sorted; empty for an unknown word."""
    return tuple(sorted({reading[0] for reading in word_analyses(word)}))


def inflected_forms(lemma: str, pos: str, homonym: str = "") -> frozenset[str]:
    """Every form :data:`NOMINAL_FORMS` or :data:`VERB_FORMS` names of ``lemma`` as ``pos``
    (its homonym ``homonym``), in lower case, the lemma itself included."""
    key = f"{lemma}\t{pos}\t{homonym}"
    forms = _MEMO["forms"].get(key)
    if forms is None:
        tags = VERB_FORMS if pos == "verb" else NOMINAL_FORMS if pos in NOMINAL else ()
        generate = _generator()
        found = {lemma}
        for tag in tags:
            found |= {f.lower() for f in generate(lemma, pos, tag, homonym)}
        forms = _MEMO["forms"][key] = sorted(found)
        _MEMO_ADDED[0] += 1
    return frozenset(forms)


def _cache_version() -> str:
    from importlib.metadata import version

    tags = json.dumps([NOMINAL_FORMS, VERB_FORMS])
    return f"pypykko {version('pypykko')} {hashlib.sha256(tags.encode()).hexdigest()[:16]}"


@contextlib.contextmanager
def cached(path: Path) -> Iterator[None]:
    """Within this block, analyses and generated forms come from the cache file ``path`` when
    it has them, and new ones are added to it at the end: generating a lemma's forms costs
    about 20-40 ms, and most of a corpus's lemmas are the same from one build to the next. The
    file is replaced whole (a job that runs at the same time may lose its additions: they are
    computed again). It is kept apart from the editions (``build/.kokous/cache/``)."""
    version = _cache_version()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    if stored.get("version") == version:
        for part in ("words", "forms"):
            for key, value in stored.get(part, {}).items():
                _MEMO[part].setdefault(key, value)
    added = _MEMO_ADDED[0]
    yield
    if _MEMO_ADDED[0] != added:
        data = {"version": version, **_MEMO}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        writer.write_file(path.parent, path.name, text.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# The pages: annotated copies for Pagefind, and the lemmas they hold


def html_lang(html: str) -> str | None:
    found = _HTML_LANG.search(html)
    return found[1].split("-")[0].lower() if found else None


def _annotate_text(text: str, found: Counter) -> str:
    def annotate(match: re.Match) -> str:
        if match[1]:  # an entity (&amp;), never a word
            return match[0]
        word, token = match[2], match[0]
        lower = word.lower()
        pairs = word_analyses(word)
        found.update(pairs)
        others = sorted({reading[0] for reading in pairs} - {lower})
        return f"{token} {OPEN}{' '.join(others)}{CLOSE}" if others else token

    return _ENTITY_OR_WORD.sub(annotate, text)


def annotate_html(html: str) -> tuple[str, set[tuple[str, str, str]]]:
    """``html`` (a Finnish document) with each word of its ``<main>`` followed by its lemmas
    where they differ from it, and the readings (:func:`analyses`) its words have. Tags,
    attributes, entities and ``<script>``/``<style>`` are left as they are."""
    main = _MAIN.search(html)
    if not main:
        return html, set()
    found: Counter = Counter()
    parts = _TEXT_OR_TAG.split(main[1])
    skip = False
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name = part[1:].split(None, 1)[0].lower().rstrip(">") if len(part) > 2 else ""
            skip = name in ("script", "style") or (skip and name not in ("/script", "/style"))
        elif not skip:
            parts[i] = _annotate_text(part, found)
    body = "".join(parts)
    return html[: main.start(1)] + body + html[main.end(1) :], set(found)


def strip_annotations(text: str) -> str:
    """``text`` without the lemma annotations :func:`annotate_html` added."""
    return re.sub(rf"\s*{OPEN}[^{CLOSE}]*{CLOSE}", "", text)


def stage_site(out_root: Path, pages: Sequence[str], site: Path) -> dict[str, set[tuple]]:
    """Copy ``pages`` (relative to ``out_root``, each under ``public/``) to the same paths
    under ``site``, the Finnish ones annotated, so Pagefind indexing ``site`` gives each page
    its published address. Returns each Finnish page's readings (:func:`analyses`)."""
    found = {}
    for page in pages:
        source = out_root / page
        target = site / Path(page).relative_to("public")
        target.parent.mkdir(parents=True, exist_ok=True)
        html = source.read_text(encoding="utf-8")
        if html_lang(html) == "fi":
            html, found[page] = annotate_html(html)
            target.write_text(html, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
    return found


# ---------------------------------------------------------------------------------------------
# The query side: a static lookup from every inflected form to its lemmas


def shard_of(form: str) -> str:
    """The shard holding ``form``: its first two letters as hex code points (file names
    stay ASCII, whatever the letters), e.g. "kaupungin" -> "6b-61"."""
    return "-".join(f"{ord(c):x}" for c in form[:2])


def lemma_tables(
    page_lemmas: Mapping[str, Iterable[tuple[str, str, str]]],
) -> dict[str, dict[str, object]]:
    """Shard -> {form: lemma, or {lemma: pages} when the form has several}: every inflected
    form of every lemma the pages hold. ``pages`` counts the pages holding the lemma: the
    search box picks the lemma most pages hold, summed over the bundles it searches."""
    pages_of: Counter = Counter()
    readings: set[tuple[str, str, str]] = set()
    for page in page_lemmas.values():
        page = set(page)
        pages_of.update({reading[0] for reading in page})
        readings |= page
    candidates: dict[str, set[str]] = defaultdict(set)
    for lemma, pos, homonym in sorted(readings):
        for form in inflected_forms(lemma, pos, homonym):
            if WORD.fullmatch(form):
                candidates[form].add(lemma)
    shards: dict[str, dict[str, object]] = defaultdict(dict)
    for form in sorted(candidates):
        found = sorted(candidates[form])
        value = found[0] if len(found) == 1 else {lemma: pages_of[lemma] for lemma in found}
        shards[shard_of(form)][form] = value
    return dict(shards)


def write_lemma_tables(bundle: Path, tables: Mapping[str, Mapping[str, object]]) -> None:
    """Write the shards into ``bundle``/:data:`LEMMA_FOLDER` (sorted keys: the same pages give
    the same bytes)."""
    folder = bundle / LEMMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for shard, table in sorted(tables.items()):
        text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (folder / f"{shard}.json").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# What a search index step calls


CACHE = ".kokous/cache/fi-lemmas.json"
"""The analyses and forms cache (:func:`cached`), relative to ``build/``."""


def stage_for_pagefind(
    out_root: Path, pages: Sequence[str], staging: Path
) -> tuple[Path, dict[str, dict[str, object]]]:
    """The site folder Pagefind is to index for ``pages`` (relative to ``out_root``), staged
    under ``staging``, and the lemma lookup's shards to write into its bundle afterwards
    (:func:`write_lemma_tables`)."""
    site = staging / "site"
    with cached(out_root / CACHE):
        tables = lemma_tables(stage_site(out_root, pages, site))
    return site, tables
