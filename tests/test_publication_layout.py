"""Publications laid out as a ministry publishes them (issue 14): the press release's structure
in HTML and PDF (label above the headline, the lead, the "Lisätietoja" block, the language
switch and links to the minutes and the desk, one A4 page), the annual report's chart in Word
as a PNG with the SVG beside it, its members table as seats under organisation headings, and
native Swedish and English.

The sample records are rendered and converted here directly (kokous.documents and
kokous.convert, as the build's jobs do), without the whole workflow."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from kokous.convert import convert_documents
from kokous.documents import annual_report_documents, meeting_documents
from kokous.records import load_volume

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "records"
NOW = dt.datetime(2026, 1, 15, 12, 0)
MEETING = "public/tyonvk/2025/2025-03-12"
ANNUAL = "public/tyonvk/2025/annual-report.fi"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    volume = load_volume(RECORDS, "tyonvk", 2025)
    subs = [load_volume(RECORDS, s, 2025) for s in sorted(volume.subcommittees)]
    docs = [d for d in meeting_documents(volume, "public", NOW) if str(d.stem).startswith(MEETING)]
    docs += annual_report_documents(volume, subs, "public", NOW)
    out = tmp_path_factory.mktemp("layout")
    convert_documents(docs, out)
    return out


def page(built: Path, stem: str):  # type: ignore[no-untyped-def]
    return lxml_html.fromstring((built / f"{stem}.html").read_bytes())


def text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join(element.text_content().split())


# --- the press release ------------------------------------------------------------------------


def test_press_release_label_and_date_come_above_the_headline(built: Path) -> None:
    main = page(built, f"{MEETING}/press-release.fi").find(".//main")
    order = [
        e
        for e in main.iter()
        if e.tag == "h1" or "press-head" in e.classes or "press-label" in e.classes
    ]
    assert [e.tag if e.tag == "h1" else e.get("class") for e in order] == [
        "press-head",
        "press-label",
        "h1",
    ]
    head, label, _ = order
    assert text(head) == "Työ- ja elinkeinoministeriö Tiedote 12.3.2025 klo 16.00"
    assert head.find(".//span[@class='publisher']").text == "Työ- ja elinkeinoministeriö"
    assert text(label) == "Kokous 12.3.2025"


def test_press_release_lead_is_set_apart_and_contacts_are_a_block(built: Path) -> None:
    doc = page(built, f"{MEETING}/press-release.fi")
    (lead,) = doc.find_class("lead")
    assert text(lead).startswith(
        "Työllisyyden edistämisen valtakunnallinen neuvottelukunta (TyöNVK)"
    )
    assert lead.getprevious().tag == "h1"
    (contacts,) = doc.find_class("contacts")
    assert contacts.find(".//strong").text == "Lisätietoja:"
    assert "Jenni Wessman" in text(contacts)
    # The contacts block holds the website link and follows the standing paragraph.
    assert contacts.find(".//a").get("href").startswith("https://tem.fi/")
    (about,) = doc.find_class("about")
    assert about.find("h2").text == "Työllisyyden edistämisen neuvottelukunta"


@pytest.mark.parametrize(
    ("lang", "others", "minutes_label"),
    [
        ("fi", {"sv": "svenska", "en": "English"}, "Pöytäkirja"),
        ("sv", {"fi": "suomi", "en": "English"}, "Protokoll (på finska)"),
        ("en", {"fi": "suomi", "sv": "svenska"}, "Minutes (in Finnish)"),
    ],
)
def test_press_release_html_links_languages_minutes_and_desk(
    built: Path, lang: str, others: dict[str, str], minutes_label: str
) -> None:
    doc = page(built, f"{MEETING}/press-release.{lang}")
    navs = doc.findall(".//main//nav")
    assert [n.get("class") for n in navs] == ["doc-nav", "lang-switch", "doc-links"]
    assert all(n.get("aria-label") for n in navs)
    _nav, switch, related = navs
    links = {a.get("lang"): (a.get("href"), a.text) for a in switch.iter("a")}
    assert links == {o: (f"press-release.{o}.html", name) for o, name in others.items()}
    for href, _ in links.values():
        assert (built / MEETING / href).is_file()
    current = switch.find(".//strong/span")
    assert current.get("lang") == lang
    hrefs = {a.text: a.get("href") for a in related.iter("a")}
    assert hrefs[minutes_label] == "minutes.fi.html"
    assert (built / MEETING / "minutes.fi.html").is_file()
    # public/tyonvk/index.html (index.sv.html, …), the body's desk page in the page's language
    desk = [h for h in hrefs.values() if "index" in h]
    assert desk == ["../../index.html" if lang == "fi" else f"../../index.{lang}.html"]


def test_web_only_navigation_stays_out_of_pdf_docx_and_text(built: Path) -> None:
    from extract import text_of

    for fmt in ("pdf", "docx", "txt"):
        content = text_of(built / f"{MEETING}/press-release.fi.{fmt}")
        assert "svenska" not in content, fmt
        assert "Toimielimen kaikki julkaisut" not in content, fmt
        assert "Lisätietoja" in content, fmt


def test_press_release_docx_has_the_label_above_the_title(built: Path) -> None:
    import docx

    document = docx.Document(str(built / f"{MEETING}/press-release.fi.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert [style for style, _ in paragraphs[:4]] == ["Press Head", "Press Label", "Title", "Lead"]
    assert paragraphs[1][1] == "Kokous 12.3.2025"
    assert paragraphs[2][1].startswith("Työllisyyden edistämisen valtakunnallinen neuvottelukunta")
    contacts = [text for style, text in paragraphs if style == "Contacts"]
    assert contacts[0] == "Lisätietoja:"
    assert document.core_properties.title == paragraphs[2][1]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_press_release_pdf_is_one_a4_page(built: Path, lang: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built / f"{MEETING}/press-release.{lang}.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        210,
        297,
    )
    page_text = reader.pages[0].extract_text()
    # The last lines, which used to fall onto a second page, are on it.
    assert {"fi": "Lisätietoja", "sv": "Ytterligare information", "en": "Further information"}[
        lang
    ] in page_text
    assert "@gov.fi" in page_text


def test_minutes_and_annual_report_are_not_set_as_a_press_release(built: Path) -> None:
    """The tighter one-page layout is the press release's only: the minutes keep the house
    margins (a different text block width shows as a different line length)."""
    from pypdf import PdfReader

    def left_margin(pdf: Path) -> float:
        xs: list[float] = []

        def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
            if text.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
        return min(x for x in xs if x > 0) * 25.4 / 72

    press = left_margin(built / f"{MEETING}/press-release.fi.pdf")
    minutes = left_margin(built / f"{MEETING}/minutes.fi.pdf")
    assert press < minutes


# --- the annual report --------------------------------------------------------------------


def test_docx_chart_is_a_png_with_the_svg_beside_it(built: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(built / f"{ANNUAL}.docx") as docx:
        document = etree.fromstring(docx.read("word/document.xml"))
        rels = etree.fromstring(docx.read("word/_rels/document.xml.rels"))
        types = docx.read("[Content_Types].xml").decode()
        targets = {r.get("Id"): r.get("Target") for r in rels}
        blips = document.findall(f".//{{{A_NS}}}blip")
        assert len(blips) == 1
        blip = blips[0]
        png = docx.read("word/" + targets[blip.get(R_EMBED)])
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        (svg_blip,) = blip.iter(SVG_BLIP)
        svg = docx.read("word/" + targets[svg_blip.get(R_EMBED)])
        assert svg.lstrip().startswith(b"<svg")
        assert 'Extension="png"' in types
        # The alt text, the chart described and its table named, is on the drawing (docPr descr).
        (doc_pr,) = document.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
        assert "Luvut ovat alla olevassa taulukossa" in doc_pr.get("descr")
    # A legible picture: the PNG is drawn at a print resolution, not a thumbnail.
    width = int.from_bytes(png[16:20], "big")
    assert width >= 1000


def test_docx_opens_with_python_docx_and_shows_the_picture(built: Path) -> None:
    import docx

    document = docx.Document(str(built / f"{ANNUAL}.docx"))
    images = [
        r.target_part
        for r in document.part.rels.values()
        if r.reltype.endswith("/image") and r.target_part.partname.endswith(".png")
    ]
    assert len(images) == 1
    assert images[0].content_type == "image/png"


def test_chart_alt_text_reaches_html_and_pdf(built: Path) -> None:
    from pypdf import PdfReader

    img = page(built, ANNUAL).find(".//img")
    # The alt text describes the chart and points to its table: the figures stand once.
    assert "Pylväskaavio osallistumisesta organisaatioittain" in img.get("alt")
    assert "3/3" not in img.get("alt")
    raw = b"".join(p.get_contents().get_data() for p in PdfReader(built / f"{ANNUAL}.pdf").pages)
    pdf = (built / f"{ANNUAL}.pdf").read_bytes()
    assert b"/Alt" in pdf or b"/Alt" in raw


def seat_table(built: Path):  # type: ignore[no-untyped-def]
    doc = page(built, ANNUAL)
    (table,) = [
        t
        for t in doc.iter("table")
        if text(t.find("caption")) == "Jäsenet ja henkilökohtaiset varajäsenet"
    ]
    return table


def test_members_table_is_two_columns_under_organisation_headings(built: Path) -> None:
    table = seat_table(built)
    assert [text(th) for th in table.find("thead").iter("th")] == [
        "Jäsen",
        "Henkilökohtainen varajäsen",
    ]
    groups = table.findall("tbody")
    headings = [g.find("tr/th") for g in groups]
    assert all(h is not None and h.get("colspan") == "2" for h in headings)
    assert all(h.get("scope") == "rowgroup" for h in headings)
    names = [text(h) for h in headings]
    assert names[0] == "Työ- ja elinkeinoministeriö (TEM)"
    assert "Sosiaali- ja terveysministeriö (STM)" in names
    # Every seat row has exactly the two cells: member and deputy.
    for group in groups:
        for row in group.findall("tr")[1:]:
            assert len(row.findall("td")) == 2
    stm = groups[names.index("Sosiaali- ja terveysministeriö (STM)")]
    member, deputy = (text(td) for td in stm.findall("tr")[1].findall("td"))
    assert member == "Aino Malli, johtaja"
    assert deputy == "Ville Varamies, neuvotteleva virkamies"
    # A deputy from another organisation than the member's is named with it.
    kuntaliitto = groups[names.index("Suomen Kuntaliitto")]
    assert text(kuntaliitto.findall("tr")[1].findall("td")[1]).endswith(", Helsingin kaupunki")
    chair = text(groups[0].findall("tr")[1].find("td"))
    assert chair == "puheenjohtaja: Tiina Korhonen, ylijohtaja"


def test_members_table_is_two_columns_in_docx_and_pdf(built: Path) -> None:
    import docx
    from extract import text_of

    document = docx.Document(str(built / f"{ANNUAL}.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Jäsen")
    assert [c.text for c in table.rows[0].cells] == ["Jäsen", "Henkilökohtainen varajäsen"]
    assert table.rows[1].cells[0].text == "Työ- ja elinkeinoministeriö (TEM)"
    # The heading row spans both columns (python-docx repeats a merged cell).
    assert table.rows[1].cells[0]._tc is table.rows[1].cells[1]._tc
    pdf = text_of(built / f"{ANNUAL}.pdf")
    assert "Jäsen Henkilökohtainen varajäsen" in " ".join(pdf.split())


# --- Swedish and English --------------------------------------------------------------------


def plain(built: Path, stem: str) -> str:
    return " ".join((built / f"{stem}.txt").read_text(encoding="utf-8").split())


def test_swedish_press_release_reads_as_native_swedish(built: Path) -> None:
    sv = plain(built, f"{MEETING}/press-release.sv")
    assert "Ytterligare information:" in sv
    assert "Mer information" not in sv
    assert "ny praxis" in sv and "nya praxis" not in sv
    assert "Även vice ordförande," in sv and "Också vice ordföranden" not in sv
    assert "brett företrädda" not in sv
    # The Swedish website label leads to the Swedish page.
    assert "(https://tem.fi/sv/" in sv


def test_swedish_june_release_says_i_host(built: Path) -> None:
    volume = load_volume(RECORDS, "tyonvk", 2025)
    (doc,) = [
        d
        for d in meeting_documents(volume, "public", NOW)
        if str(d.stem) == "public/tyonvk/2025/2025-06-11/press-release.sv"
    ]
    assert "i höst" in doc.markdown and "på hösten" not in doc.markdown


def test_english_press_release_writes_every_date_alike(built: Path) -> None:
    en = plain(built, f"{MEETING}/press-release.en")
    assert "Press release 12 March 2025 at 16.00" in en
    assert "Meeting 12 March 2025" in en
    assert not re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", en)
    assert "(https://tem.fi/en/" in en


def test_annual_report_summaries_do_not_open_two_sentences_alike(built: Path) -> None:
    doc = page(built, ANNUAL)
    for lang in ("sv", "en"):
        (summary,) = [d for d in doc.iter("div", "section") if d.get("lang") == lang]
        sentences = re.split(r"(?<=\.) ", text(summary.find("p")))
        openings = [" ".join(s.split()[:2]) for s in sentences]
        assert len(openings) == len(set(openings)), (lang, openings)


def test_docx_is_valid_zip_with_unique_entries(built: Path) -> None:
    data = (built / f"{ANNUAL}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        names = docx.namelist()
        assert len(names) == len(set(names))
        assert docx.testzip() is None
