"""Minutes, agendas and annual reports as a secretariat signs and publishes them (issue 21),
read from the built sample (HTML text, PDF text, DOCX text) in both editions: the annual
report's one truth in every language, navigation on every HTML publication, the agenda
written before the meeting, minutes a secretary signs, and Swedish and English as an editor
writes them. The record checks behind them are run on scratch copies of the records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from extract import normalised, text_of
from lxml import html as lxml_html
from records_support import copy_records, edit

from kokous.documents import annual_report_documents
from kokous.records import load_volume, validate_tree

EDITIONS = ("public", "internal")
YEAR = "tyonvk/2025"
M1, M2, M3 = (f"{YEAR}/2025-03-12", f"{YEAR}/2025-06-11", f"{YEAR}/2025-09-24")
NOW = dt.datetime(2026, 1, 15, 12, 0)
#: The number words the summaries use, back to numbers, so the languages can be compared.
WORDS = {
    **{w: n for n, w in enumerate(("nolla", "yksi", "kaksi", "kolme", "neljä", "viisi"))},
    **{w: n for n, w in enumerate(("noll", "ett", "två", "tre", "fyra", "fem"))},
    **{w: n for n, w in enumerate(("no", "one", "two", "three", "four", "five"))},
}


def page(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def summaries(build: Path, edition: str) -> dict[str, str]:
    """The annual report's summary paragraph of each language (the report's own: the
    generated one after the narrative)."""
    doc = page(build / edition / YEAR / "annual-report.fi.html")
    out = {}
    for section in doc.iter("section"):
        heading = section.find("h2")
        if heading is None or heading.text not in ("Tiivistelmä", "Sammanfattning", "Summary"):
            continue
        lang = section.get("lang") or "fi"
        paragraphs = [p.text_content() for p in section.findall("p")]
        out[lang] = " ".join(p for p in paragraphs if "2025" in p and "(TyöNVK)" in p)
    return out


# ---------------------------------------------------------------------------- annual report


@pytest.mark.parametrize("edition", EDITIONS)
def test_annual_summaries_say_the_same_in_every_language(built_sample: Path, edition: str):
    found = summaries(built_sample, edition)
    assert set(found) == {"fi", "sv", "en"}
    fi, sv, en = found["fi"], found["sv"], found["en"]
    assert "kokoontui kolme kertaa" in fi
    assert (
        "höll Riksomfattande delegationen för främjande av sysselsättning (TyöNVK) tre möten" in sv
    )
    assert "held three meetings" in en
    # One to ten in words, never "1 möte" or "held 1 meeting".
    small = r"\b(?:[1-9]|10) (?:möte|möten|beslut|pressmeddelanden?|meetings?|decisions?|press)"
    assert not re.search(small, sv + en)
    decisions = {
        "fi": re.search(r"teki (\w+) päätöstä", fi)[1],
        "sv": re.search(r"fattade (\w+) beslut", sv)[1],
        "en": re.search(r"made (\w+) decisions", en)[1],
    }
    assert len({WORDS[w] for w in decisions.values()}) == 1, decisions
    # The unchecked minutes of 3/2025 are named in every language, and so is what that leaves
    # out: its decisions and its statement.
    assert "Kokouksen 3/2025 pöytäkirjaa ei ole vielä tarkastettu" in fi
    assert "Protokollet från möte 3/2025 har ännu inte justerats" in sv
    assert "The minutes of meeting 3/2025 have not yet been checked" in en
    for text, statement in ((fi, "lausun"), (sv, "utlåtande"), (en, "statement")):
        assert statement in text
        assert not re.search(r"(annettiin|lämnades|statements? (?:was|were) issued)", text)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_annual_report_counts_no_standing_item_and_marks_pending_statement(
    built_sample: Path, edition: str, fmt: str
):
    text = normalised(text_of(built_sample / edition / YEAR / f"annual-report.fi.{fmt}"))
    matters = text[text.index("Käsitellyt asiat ja päätökset aiheittain") :]
    assert "Seuraava kokous" not in matters
    assert "Jaostojen kokoonpanon vahvistaminen (16 §, 11.6.2025)" in matters
    assert (
        "Lausunto työllisyyspalvelujen rahoituksen seurannasta (pöytäkirja tarkastamatta)" in text
    )
    assert "Luonnos: neuvottelukunta ei ole vielä hyväksynyt tätä toimintakertomusta." in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_attendance_figures_stand_once(built_sample: Path, edition: str):
    doc = page(built_sample / edition / YEAR / "annual-report.fi.html")
    (img,) = doc.iter("img")
    assert "3/3" not in img.get("alt") and "taulukossa" in img.get("alt")
    captions = [c.text_content() for c in doc.iter("figcaption", "caption")]
    assert not any("3/3" in c for c in captions)
    assert captions.count("Osallistuminen organisaatioittain") == 0
    text = doc.text_content()
    assert text.count("KEHA-keskus") >= 1
    assert len(re.findall(r"\b3/3\b", text)) == 7  # seven organisations at every meeting, once


def test_annual_pdf_tables_keep_their_words_whole(built_sample: Path):
    text = text_of(built_sample / "public" / YEAR / "annual-report.fi.pdf")
    assert re.search(r"Kokous\s+Päivämäärä\s+Paikka", text)
    assert not re.search(r"Päivämäär\s", text)


def test_annual_report_states_its_approval_date(tmp_path: Path):
    root = copy_records(tmp_path)
    path = root / "tyonvk/years/2025.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "approved: 2026-02-10\n", "utf-8")
    volume = load_volume(root, "tyonvk", 2025)
    subs = [load_volume(root, s, 2025) for s in sorted(volume.subcommittees)]
    (doc,) = annual_report_documents(volume, subs, "public", NOW)
    text = normalised(doc.markdown.replace("\\", ""))
    assert "Neuvottelukunta hyväksyi tämän toimintakertomuksen 10.2.2026." in text
    assert "Luonnos" not in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_annual_report_links_every_meetings_minutes_and_release(built_sample: Path, edition):
    report = built_sample / edition / YEAR / "annual-report.fi.html"
    (nav,) = page(report).find_class("meeting-docs")
    hrefs = [a.get("href") for a in nav.iter("a")]
    for href in hrefs:
        assert (report.parent / href).is_file(), href
    expected = {
        "2025-03-12/minutes.fi.html",
        "2025-03-12/press-release.fi.html",
        "2025-06-11/minutes.fi.html",
        "2025-06-11/press-release.fi.html",
        "../../tietojaosto/2025/2025-09-02/minutes.fi.html",
    }
    if edition == "internal":  # draft minutes are internal only
        expected.add("2025-09-24/minutes.fi.html")
    assert set(hrefs) == expected


# ---------------------------------------------------------------------------- navigation


def publications(build: Path) -> list[Path]:
    kinds = ("press-release", "minutes", "agenda", "annual-report")
    return sorted(
        p for e in EDITIONS for p in (build / e).rglob("*.html") if p.name.split(".")[0] in kinds
    )


def test_every_html_publication_navigates_in_its_own_language(built_sample: Path):
    pages = publications(built_sample)
    assert len(pages) >= 20
    for path in pages:
        doc = page(path)
        lang = doc.get("lang")
        assert path.name.split(".")[1] == lang
        (nav,) = doc.find_class("doc-nav")
        links = list(nav.iter("a"))
        index = "index.html" if lang == "fi" else f"index.{lang}.html"
        targets = [a.get("href") for a in links]
        assert targets[0] == ("../" if "annual-report" in path.name else "../../") + index
        assert targets[1] == "../" + targets[0]
        stem = path.name.rsplit(".", 2)[0]
        assert f"{stem}.{lang}.pdf" in targets and f"{stem}.{lang}.docx" in targets
        for a in links:
            href = a.get("href")
            assert (path.parent / href).resolve().is_file(), f"{path}: {href}"
            other = a.get("lang")
            # A link to another language names it in that language, and leads to it.
            assert other is None or href.endswith(f".{other}.html"), f"{path}: {href}"
            if other is None and href.endswith(".html"):
                assert href.endswith(index) or f".{lang}." in href, f"{path}: {href}"


@pytest.mark.parametrize(
    ("lang", "minutes_label", "index"),
    [
        ("fi", "Pöytäkirja", "index.html"),
        ("sv", "Protokoll (på finska)", "index.sv.html"),
        ("en", "Minutes (in Finnish)", "index.en.html"),
    ],
)
@pytest.mark.parametrize("edition", EDITIONS)
def test_press_release_links_stay_in_its_language(
    built_sample, edition, lang, minutes_label, index
):
    path = built_sample / edition / M1 / f"press-release.{lang}.html"
    (related,) = page(path).find_class("doc-links")
    hrefs = {a.text_content(): a.get("href") for a in related.iter("a")}
    assert hrefs[minutes_label] == "minutes.fi.html"
    desk = [h for h in hrefs.values() if "index" in h]
    assert desk == [f"../../{index}"]
    assert (path.parent / desk[0]).is_file()


# ---------------------------------------------------------------------------- agenda


def items(text: str) -> dict[int, str]:
    """§ number to the item's title, from a minutes or agenda text."""
    return {
        int(n): t.strip() for n, t in re.findall(r"^\s*(\d+)[ \xa0]§ (.+)$", text, re.MULTILINE)
    }


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_agenda_is_written_before_the_meeting(built_sample: Path, fmt: str):
    agenda = text_of(built_sample / "internal" / M2 / f"agenda.fi.{fmt}")
    minutes = text_of(built_sample / "internal" / M2 / f"minutes.fi.{fmt}")
    agenda_items, minutes_items = items(agenda), items(minutes)
    assert agenda_items[14] == minutes_items[14] == "Pöytäkirjan tarkastaminen"
    assert all(minutes_items[n] == t for n, t in agenda_items.items())
    flat = normalised(agenda)
    # The planned times, not the actual end.
    assert "klo 9.00\u201311.00" in flat and "11.30" not in flat
    for past in ("kertoi", "esitteli", "Merkittiin", "hyväksyttiin", "äänin", "Keskustelu"):
        assert past not in flat, past
    # Every item proposes something; information items "Merkitään tiedoksi".
    assert flat.count("Päätösehdotus") == len(agenda_items)
    assert "Merkitään tiedoksi." in flat


# ---------------------------------------------------------------------------- minutes


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_minutes_carry_signatures_a_secretary_signs(built_sample: Path, edition: str, fmt: str):
    text = normalised(text_of(built_sample / edition / M1 / f"minutes.fi.{fmt}"))
    block = text[text.index("Allekirjoitukset") : text.index("Muutoksenhaku")]
    assert "Helsinki 12.3.2025" in block
    assert len(re.findall(r"_{20,}", block)) == 4  # chair, secretary, two checkers
    for name, role in (
        ("Tiina Korhonen", "puheenjohtaja"),
        ("Sanna Esimerkki", "sihteeri"),
        ("Olli Oletus", "pöytäkirjantarkastaja"),
        ("Liisa Lainaus", "pöytäkirjantarkastaja"),
    ):
        assert re.search(rf"_{{20,}} {name} {role}", block), name
    assert "Pöytäkirja on tarkastettu ja hyväksytty. Helsinki 19.3.2025" in block


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_open_vote_names_voters_and_attachments_are_listed(built_sample, edition, fmt):
    text = normalised(text_of(built_sample / edition / M2 / f"minutes.fi.{fmt}"))
    assert "JAA 7, EI 2, tyhjää 0. JAA: Tiina Korhonen, Niko Kyynäräinen" in text
    assert "EI: Heikki Henkilö ja Aino Malli." in text
    assert re.search(r"Liitteet\W+Liite 1: Jaostojen kokoonpano \(16 §\)", text)
    assert "(hallintolaki 28 § 1 mom. 4 k) ja poistui kokouksesta asian käsittelyn ajaksi" in text


def test_page_marking_names_only_secret_grounds_on_a_line_of_its_own(built_sample: Path):
    text = text_of(built_sample / "internal" / M2 / "minutes.fi.pdf")
    lines = [line.strip() for line in text.splitlines()[:3]]
    assert (
        lines[0] == "Työllisyyden edistämisen valtakunnallinen neuvottelukunta · Pöytäkirja 2/2025"
    )
    assert lines[1] == "SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k) · Sisäinen / Internal"
    # 27 k is the ground of an item that is only "Ei julkinen": it stays by its item.
    assert "Ei julkinen (JulkL 24 § 1 mom. 27 k)" in normalised(text)


def test_below_quorum_item_shows_its_outcome_in_every_document(tmp_path: Path):
    from test_minutes_facts import documents

    root = copy_records(tmp_path)
    path = root / "tyonvk/meetings/2025-09-24.yaml"
    edit(path, "{person: korhonen, status: present}", "{person: korhonen, status: absent}")
    edit(path, "mode: in_person\n", "mode: in_person\nquorum_lacking_acknowledged: true\n")
    edit(
        path,
        "minutes:\n  status: draft",
        "minutes:\n  status: checked\n  checkers: [oletus, malli]\n  checked: 2025-09-30",
    )
    edit(path, "    decision: Ehdotus hyväksyttiin.\n", "    outcome: returned\n")
    docs = documents(root, "internal")
    for stem in (
        "internal/tyonvk/2025/2025-09-24/minutes.fi",
        "internal/tyonvk/2025/annual-report.fi",
    ):
        text = normalised(docs[stem].markdown.replace("\\", ""))
        assert "Merkittiin tiedoksi" not in text.split("Ilman päätösvaltaisuutta")[-1], stem
        assert "Asia palautettiin valmisteluun." in text, stem


# ---------------------------------------------------------------------------- record checks


def problems(root: Path) -> list[str]:
    return [str(p) for p in validate_tree(root)]


def test_outcome_beside_a_decision_is_an_error_naming_the_line(tmp_path: Path):
    root = copy_records(tmp_path)
    path = root / "tyonvk/meetings/2025-09-24.yaml"
    edit(path, "    decision: Ehdotus hyväksyttiin.\n", "    outcome: deferred\n    decision: X.\n")
    found = [p for p in problems(root) if "outcome: deferred" in p]
    assert len(found) == 1
    assert re.match(
        r"records/tyonvk/meetings/2025-09-24\.yaml:\d+: K391 items\[5\]\.decision: ", found[0]
    )


def test_decision_by_attachment_without_one_is_an_error(tmp_path: Path):
    root = copy_records(tmp_path)
    path = root / "tyonvk/meetings/2025-09-24.yaml"
    edit(
        path,
        "    attachments:\n      - title: Lausuntoluonnos työllisyyspalvelujen rahoituksen "
        "seurannasta\n",
        "",
    )
    found = [p for p in problems(root) if "refers to an attachment" in p]
    assert len(found) == 1 and "items[5].decision" in found[0]


def test_held_meeting_without_invitation_sent_warns(tmp_path: Path):
    root = copy_records(tmp_path)
    edit(root / "tyonvk/meetings/2025-09-24.yaml", "invitation_sent: 2025-09-15\n", "")
    found = [p for p in problems(root) if "invitation_sent" in p]
    assert found == [
        (
            "records/tyonvk/meetings/2025-09-24.yaml:6: K393 invitation_sent: warning: a held "
            "meeting's minutes declare it lawfully convened: give invitation_sent: (the date "
            "the invitation was sent)"
        )
    ]


def test_next_meeting_as_an_item_of_its_own_warns(tmp_path: Path):
    root = copy_records(tmp_path)
    edit(
        root / "tyonvk/meetings/2025-03-12.yaml",
        "  - standard: next_meeting\n",
        "  - id: next_meeting\n    title: Seuraava kokous\n    kind: decision\n",
    )
    found = [p for p in problems(root) if "next-meeting" in p]
    assert len(found) == 1
    assert re.match(
        r"records/tyonvk/meetings/2025-03-12\.yaml:\d+: K394 items\[9\]\.title: warning: ", found[0]
    )


# ---------------------------------------------------------------------------- sv and en


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "txt"])
def test_swedish_release_has_one_date_style_one_term_and_the_official_name(
    built_sample: Path, edition: str, fmt: str
):
    text = normalised(text_of(built_sample / edition / M1 / f"press-release.sv.{fmt}"))
    assert not re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", text)
    assert "Möte 12 mars 2025" in text and "den 12 mars 2025" in text
    assert "sammanträd" not in text
    assert "Riksomfattande delegationen för främjande av sysselsättning är ett forum" in text


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "txt"])
def test_english_names_a_subcommittee_as_english_readers_do(built_sample: Path, fmt: str):
    text = normalised(text_of(built_sample / "public" / M1 / f"press-release.en.{fmt}"))
    assert "Subcommittee on Cross-Sector Cooperation" in text
    assert "Interface Subcommittee" not in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_english_desk_dates_and_lists_english_first(built_sample: Path, edition: str):
    doc = page(built_sample / edition / "index.en.html")
    text = normalised(doc.text_content())
    assert "Meeting 11 June 2025" in text
    assert "Meeting 11.6.2025" not in text
    for article in doc.iter("article"):
        langs = [e.get("lang") for e in article.iter() if e.get("lang")]
        if "en" in langs and "fi" in langs:
            assert langs.index("en") < langs.index("fi"), article.text_content()[:80]
