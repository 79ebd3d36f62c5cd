"""Rendered Markdown: golden files, the seed press release, editions, embargo, § numbers.

Regenerate the golden files after an intended change with:

    KOKOUS_REGEN=1 .venv/bin/pytest tests/test_render.py

and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import re
from pathlib import Path

import pypandoc
import pytest

from kokous.documents import annual_report_documents, meeting_documents
from kokous.records import load_volume

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "records"
GOLDEN = Path(__file__).with_name("golden")
SEED = REPO.parent / "shared" / "seeds" / "000_762f0f701aaf4e6c.txt"
SEED_COPY = GOLDEN / "seed-press-release.fi.txt"
NOW = dt.datetime(2026, 1, 15, 12, 0)
READER = "markdown-raw_html-raw_attribute"


@pytest.fixture(scope="module")
def volume():
    return load_volume(RECORDS, "tyonvk", 2025)


@pytest.fixture(scope="module")
def subvolumes(volume):
    return [load_volume(RECORDS, sub, 2025) for sub in sorted(volume.subcommittees)]


def all_documents(volume, subvolumes, edition, now=NOW):
    docs = meeting_documents(volume, edition, now)
    docs += annual_report_documents(volume, subvolumes, edition, now)
    for sub in subvolumes:
        docs += meeting_documents(sub, edition, now)
    return docs


@pytest.fixture(scope="module")
def public(volume, subvolumes):
    return {str(d.stem): d for d in all_documents(volume, subvolumes, "public")}


@pytest.fixture(scope="module")
def internal(volume, subvolumes):
    return {str(d.stem): d for d in all_documents(volume, subvolumes, "internal")}


def plain(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "plain", format=READER, extra_args=["--wrap=none"])


def normalise(text: str) -> str:
    """Quotes (“ ” " ″) to one mark, whitespace runs to one space."""
    text = re.sub('[\u201c\u201d"\u2033]', '"', text)
    return " ".join(text.split())


# --- golden files ----------------------------------------------------------------------------

GOLDEN_DOCS = [
    "public/tyonvk/2025/2025-03-12/press-release.fi",
    "public/tyonvk/2025/2025-03-12/press-release.sv",
    "public/tyonvk/2025/2025-03-12/press-release.en",
    "public/tyonvk/2025/2025-03-12/minutes.fi",
    "public/tyonvk/2025/2025-06-11/press-release.fi",
    "public/tyonvk/2025/2025-06-11/minutes.fi",
    "public/tietojaosto/2025/2025-09-02/minutes.fi",
    "public/tyonvk/2025/annual-report.fi",
    "internal/tyonvk/2025/2025-06-11/press-release.fi",
    "internal/tyonvk/2025/2025-06-11/minutes.fi",
    "internal/tyonvk/2025/2025-09-24/minutes.fi",
    "internal/tyonvk/2025/annual-report.fi",
]


@pytest.mark.parametrize("stem", GOLDEN_DOCS)
def test_golden_markdown(stem, public, internal):
    docs = public if stem.startswith("public/") else internal
    assert stem in docs, f"{stem} was not produced"
    markdown = docs[stem].markdown
    path = GOLDEN / (stem.replace("/", "__") + ".md")
    if os.environ.get("KOKOUS_REGEN"):
        path.write_text(markdown, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}; run KOKOUS_REGEN=1 pytest {__file__}"
    assert markdown == path.read_text(encoding="utf-8")


def test_every_document_starts_with_level_one_heading_and_skips_no_level(public, internal):
    for stem, doc in {**public, **internal}.items():
        levels = [len(m) for m in re.findall(r"^(#+) ", doc.markdown, re.MULTILINE)]
        assert levels[0] == 1, stem
        assert levels.count(1) == 1, stem
        # Only the web page's navigation and a press release's label blocks (fenced divs, no
        # heading) come before the title.
        title_at = 0 if doc.markdown.startswith("# ") else doc.markdown.index("\n# ") + 1
        before = doc.markdown[:title_at]
        assert before.startswith("::: {.html-only .doc-nav"), stem
        assert "press-release" in stem or before.count(":::") == 2, stem
        assert not re.search(r"^#", doc.markdown[:title_at], re.MULTILINE), stem
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{stem}: heading level {before} then {after}"


# --- the seed --------------------------------------------------------------------------------


def seed_lines() -> list[str]:
    source = SEED if SEED.is_file() else SEED_COPY
    return [normalise(line) for line in source.read_text(encoding="utf-8").splitlines() if line]


def test_seed_copy_is_current():
    if not SEED.is_file():
        pytest.skip("the shared seed is not mounted here; the golden copy is used")
    assert SEED_COPY.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", seed_lines())
def test_seed_sentence_in_finnish_press_release(line, public):
    text = normalise(plain(public["public/tyonvk/2025/2025-03-12/press-release.fi"].markdown))
    assert line in text


def test_seed_structure_order(public):
    """Label, headline, lead, …, contacts: the seed's lines appear in the seed's order, the
    label ("Kokous 12.3.2025") above the headline as in the real release, after the release's
    type and time."""
    text = normalise(plain(public["public/tyonvk/2025/2025-03-12/press-release.fi"].markdown))
    positions = [text.index(line) for line in seed_lines()]
    assert positions == sorted(positions)
    assert "Tiedote 12.3.2025 klo 16.00 Kokous 12.3.2025 " + seed_lines()[1] in text


def test_press_release_languages(public):
    sv = plain(public["public/tyonvk/2025/2025-03-12/press-release.sv"].markdown)
    en = plain(public["public/tyonvk/2025/2025-03-12/press-release.en"].markdown)
    assert "Nästa möte hålls i juni." in sv
    assert "Pressmeddelande 12 mars 2025 kl. 16.00" in sv
    assert "\u201dDelegationen, som nu tar" in sv
    assert "The next meeting will be held in June." in en
    assert "\u201cThe Board, now taking" in en
    assert "- Kommunsektionen: för växelverkan med kommunerna" in sv


# --- editions --------------------------------------------------------------------------------

CANARY = "KANARIA-"
SECRET_PHONE = "+358 50 555 0199"


def test_public_edition_has_no_canary_and_no_private_phone(public):
    assert public
    for stem, doc in public.items():
        for text in (doc.markdown, plain(doc.markdown), doc.title, doc.header):
            assert CANARY not in text, stem
            assert SECRET_PHONE not in text, stem
        for name, data in doc.resources.items():
            assert CANARY.encode() not in data, (stem, name)


def test_internal_edition_has_the_canaries(internal):
    text = plain("\n\n".join(d.markdown for d in internal.values()))
    for canary in (
        "KANARIA-POISSAOLO-3F",
        "KANARIA-VIERAS-9X",
        "KANARIA-SALAINEN-7Q",
        "KANARIA-SISAINEN-5K",
    ):
        assert canary in text
    assert SECRET_PHONE in plain(
        internal["internal/tyonvk/2025/2025-06-11/press-release.fi"].markdown
    )


def test_public_minutes_redact_non_public_items(public):
    text = plain(public["public/tyonvk/2025/2025-06-11/minutes.fi"].markdown)
    assert "18 § Tietojärjestelmäpalvelujen tietoturvaselvitys" in text
    assert "Salassa pidettävä (JulkL 24 § 1 mom. 7 k)" in text
    # public_title: false: the title stays out, the provision is cited.
    assert "Talousarvioesityksen" not in text
    assert "19 § Ei-julkinen asia" in text
    assert "Ei julkinen (JulkL 24 § 1 mom. 27 k)" in text
    assert "Liite 2: Salassa pidettävä (JulkL 24 § 1 mom. 7 k)" in text
    assert "Tietoturvaselvitys (salassa pidettävä)" not in text
    assert "ulkopuolinen asiantuntija (18 §)" in text
    assert "sairausloma" not in text


def test_markings_and_banners(public, internal):
    assert all(not d.marking and not d.banner for d in public.values())
    assert all(d.marking for d in internal.values())
    assert internal["internal/tyonvk/2025/2025-03-12/press-release.fi"].marking == (
        "Sisäinen / Internal"
    )
    assert internal["internal/tyonvk/2025/2025-03-12/press-release.sv"].marking == (
        "Intern / Internal"
    )
    assert internal["internal/tyonvk/2025/2025-03-12/press-release.en"].marking == "Internal"
    assert internal["internal/tyonvk/2025/2025-09-24/minutes.fi"].banner == "Luonnos"


def test_draft_minutes_only_internal(public, internal):
    assert "public/tyonvk/2025/2025-09-24/minutes.fi" not in public
    assert "internal/tyonvk/2025/2025-09-24/minutes.fi" in internal
    # The public annual report lists the meeting but not the draft's matters.
    report = plain(public["public/tyonvk/2025/annual-report.fi"].markdown)
    assert "3/2025" in report
    assert "Jaostojen kuulumiset" not in report


def test_document_set(public, internal):
    expected_public = {
        f"public/tyonvk/2025/{key}/{kind}.{lang}"
        for key in ("2025-03-12", "2025-06-11")
        for kind, langs in (("press-release", ("fi", "sv", "en")), ("minutes", ("fi",)))
        for lang in langs
    } | {"public/tyonvk/2025/annual-report.fi", "public/tietojaosto/2025/2025-09-02/minutes.fi"}
    assert set(public) == expected_public
    # The internal edition holds every meeting's agenda (the sample bodies publish none).
    agendas = {
        f"internal/{body}/2025/{key}/agenda.fi"
        for body, keys in (
            ("tyonvk", ("2025-03-12", "2025-06-11", "2025-09-24")),
            ("tietojaosto", ("2025-09-02",)),
        )
        for key in keys
    }
    assert (
        set(internal)
        == {s.replace("public/", "internal/", 1) for s in expected_public}
        | {"internal/tyonvk/2025/2025-09-24/minutes.fi"}
        | agendas
    )
    for stem, doc in public.items():
        if "press-release" in stem:
            assert doc.formats == ("html", "pdf", "docx", "txt")
        else:
            assert doc.formats == ("html", "pdf", "docx")


def test_embargo_by_build_clock(volume):
    meeting = volume.meetings[0]
    press = dataclasses.replace(meeting.press, embargo=True)
    embargoed = dataclasses.replace(volume, meetings=[dataclasses.replace(meeting, press=press)])
    before = press.published - dt.timedelta(minutes=1)
    after = press.published
    stems = lambda docs: {str(d.stem) for d in docs}
    assert not any(
        "press-release" in s for s in stems(meeting_documents(embargoed, "public", before))
    )
    assert "public/tyonvk/2025/2025-03-12/press-release.fi" in stems(
        meeting_documents(embargoed, "public", after)
    )
    internal = {str(d.stem): d for d in meeting_documents(embargoed, "internal", before)}
    doc = internal["internal/tyonvk/2025/2025-03-12/press-release.fi"]
    assert doc.banner == "Julkaisuvapaa 12.3.2025 klo 16.00"
    sv = internal["internal/tyonvk/2025/2025-03-12/press-release.sv"]
    assert sv.banner == "Embargo till 12 mars 2025 kl. 16.00"
    after_internal = meeting_documents(embargoed, "internal", after)
    assert all(not d.banner for d in after_internal if "press-release" in str(d.stem))


# --- minutes contents ------------------------------------------------------------------------


def test_section_numbers_as_derived(volume, public, internal):
    for meeting in volume.meetings:
        stem = f"internal/tyonvk/2025/{meeting.key}/minutes.fi"
        headings = re.findall(r"^## (\d+) §", internal[stem].markdown, re.MULTILINE)
        assert [int(n) for n in headings] == [item.number for item in meeting.items]
    numbers = [i.number for m in volume.meetings for i in m.items]
    assert numbers == list(range(1, len(numbers) + 1))


def test_minutes_sentences(public):
    text = normalise(plain(public["public/tyonvk/2025/2025-03-12/minutes.fi"].markdown))
    for sentence in (
        "Pöytäkirja 1/2025",
        "12.3.2025 klo 13.00\u201315.30",
        "Puheenjohtaja avasi kokouksen klo 13.00.",
        (
            "Kokous todettiin laillisesti koolle kutsutuksi ja päätösvaltaiseksi, kun paikalla oli"
            " 9 neuvottelukunnan 10 äänivaltaisesta jäsenestä."
        ),
        "Pöytäkirjantarkastajiksi valittiin Olli Oletus ja Liisa Lainaus.",
        "Puheenjohtaja päätti kokouksen klo 15.30.",
        "Niko Kyynäräinen, varapuheenjohtaja, Lahden kaupunki (etäyhteydellä)",
        "Anna Asiakas, jäsen, Pirkanmaan hyvinvointialue (läsnä 8 §:ään asti)",
        "Pöytäkirja on tarkastettu ja hyväksytty. Helsinki 19.3.2025",
        "joten niihin ei saa hakea muutosta valittamalla.",
        "Säännös: Laki oikeudenkäynnistä hallintoasioissa (808/2019) 6 §.",
        "Vakuudeksi",
    ):
        assert sentence in text


def test_deputy_and_vote(public):
    text = normalise(plain(public["public/tyonvk/2025/2025-06-11/minutes.fi"].markdown))
    assert "Mikko Mallinen, varajäsen (Kaisa Kuvitelman sijaisena), VM" in text
    assert "Äänestysesitys: JAA – päätösehdotus, EI – Heikki Henkilön ehdotus." in text  # noqa: RUF001
    # An open vote names its voters where the record gives them (issue 21).
    assert (
        "JAA 7, EI 2, tyhjää 0. JAA: Tiina Korhonen, Niko Kyynäräinen, Mikko Mallinen, Olli "
        "Oletus, Riikka Roolihahmo, Jukka Juonikas ja Anna Asiakas. EI: Heikki Henkilö ja Aino "
        "Malli. Päätösehdotus hyväksyttiin äänin 7–2."  # noqa: RUF001
    ) in text
    # Liisa Lainaus arrived at 17 §: nine were present at 13 §.
    assert "kun paikalla oli 9 neuvottelukunnan 10 äänivaltaisesta jäsenestä" in text
    assert "14 § Pöytäkirjan tarkastaminen" in text
    assert "Ehdotusta kannatti Aino Malli." in text
    assert "Pöytäkirja on hyväksytty kokouksessa 3/2025 (24.9.2025)." in text


def test_notes_drop_the_legality_block(public):
    text = plain(public["public/tietojaosto/2025/2025-09-02/minutes.fi"].markdown)
    assert text.split("\n\n")[1].startswith("Muistio 1/2025")  # after the navigation
    assert "Allekirjoitukset" not in text
    assert "Muutoksenhaku" not in text


# --- annual report ---------------------------------------------------------------------------


def test_annual_report(public):
    doc = public["public/tyonvk/2025/annual-report.fi"]
    text = normalise(plain(doc.markdown))
    assert "TyöNVK 12.3.2025, 7 §" in text
    assert "Neuvottelukunnan tehtävät ja toimintatavat (5 §, 12.3.2025)" in text
    assert "KEHA-keskus 3/3" in text
    svg = doc.resources["attendance.svg"].decode()
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "![" in doc.markdown and "](attendance.svg)" in doc.markdown
    # Non-public item titles: public_title false stays out, public_title true may appear.
    assert "Talousarvioesityksen" not in text


# --- message catalogs ------------------------------------------------------------------------


def test_every_message_is_translated_in_finnish_and_swedish():
    """Every gettext message of the code and the templates is in each catalog, translated in
    fi and sv (en may leave the msgstr empty: the msgid is the English text), and a
    translation uses no placeholder its msgid does not give."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    from kokous import documents, i18n

    keywords = {"_": None, "gettext": None, "n_": (1, 2), "ngettext": (1, 2)}
    messages: set[str] = set()
    for path in sorted((REPO / "src" / "kokous").rglob("*.py")):
        for _line, msg, _comments, _context in extract_from_file("python", path, keywords):
            messages.add(msg[0] if isinstance(msg, tuple) else msg)
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    for path in sorted((REPO / "templates").rglob("*.j2")):
        for _line, msg, _comments, _context in extract_from_file(
            "jinja2.ext:babel_extract", path, keywords, options=options
        ):
            messages.add(msg[0] if isinstance(msg, tuple) else msg)
    # Messages looked up through tables rather than literal calls.
    messages |= set(documents.OUTCOMES.values()) | set(documents.STANDARD_TITLES.values())
    messages |= set(documents.STANDARD_PROPOSALS.values())
    messages |= set(i18n.POSTS.values())
    assert len(messages) > 100
    placeholder = re.compile(r"%\((\w+)\)s")
    for lang in ("fi", "sv", "en"):
        with (REPO / "locale" / lang / "LC_MESSAGES" / "kokous.po").open("rb") as f:
            catalog = read_po(f, locale=lang)
        for msgid in sorted(messages):
            message = catalog.get(msgid)
            assert message is not None, f"{lang}: no {msgid!r}"
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if lang != "en":
                assert all(strings), f"{lang}: {msgid!r} is not translated"
            given = set(
                placeholder.findall(" ".join(message.id) if message.pluralizable else msgid)
            )
            for string in strings:
                assert set(placeholder.findall(string)) <= given, (lang, msgid, string)
