# ruff: noqa: RUF001, ISC004 - en dashes are what Finnish minutes print; long sentences are split
"""The minutes state the facts the record holds: quorum at each item (late arrival, early
departure, disqualification), every member accounted for, JAA/EI votes with the winner (named,
tied and decided by lot), deputies, disqualification, failed quorum, appeal, and the markings
of secret items and drafts, in Markdown and in the converted HTML, PDF and DOCX text.

The documents are built by calling the rendering functions directly (records → model →
documents → convert_documents), not through the workflow."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from extract import normalised, text_of
from records_support import REPO, copy_records, edit, errors, seat_the_vm_deputy

from kokous.convert import convert_documents
from kokous.documents import annual_report_documents, meeting_documents
from kokous.records import load_volume

NOW = dt.datetime(2026, 1, 15, 12, 0)
SEPT = "tyonvk/meetings/2025-09-24.yaml"
INDEPENDENT2 = REPO / "tests" / "fixtures" / "independent2" / "records"


def september(root: Path) -> None:
    """The sample's 24.9.2025 meeting with a late arrival, an early departure, a
    disqualification, a tied named vote decided by lot, a dissent and a secret item, its
    minutes checked (so both editions hold them)."""
    path = root / SEPT
    edit(
        path,
        "{person: roolihahmo, status: present}",
        "{person: roolihahmo, status: present, arrived_at: statement_budget}",
    )
    edit(
        path,
        "{person: juonikas, status: present}",
        "{person: juonikas, status: present, left_after: subcommittee_reports}",
    )
    edit(
        path,
        "    background: Tietojaosto on kokoontunut ensimmäisen kerran 2.9.2025.\n",
        "    background: Tietojaosto on kokoontunut ensimmäisen kerran 2.9.2025.\n"
        "    conflicts:\n      - {person: kuvitelma, ground: hallintolaki 28 § 1 mom. 5 k}\n",
    )
    edit(
        path,
        "    decision: Ehdotus hyväksyttiin.\n",
        "    votes:\n"
        "      method: named\n"
        "      jaa: päätösehdotus\n"
        "      ei: Heikki Henkilön ehdotus\n"
        "      named_for: [korhonen, malli, kuvitelma]\n"
        "      named_against: [oletus, henkilo, roolihahmo]\n"
        "      named_abstain: [perusarvo]\n"
        "      lot: ei\n"
        "    decision: Neuvottelukunta antoi lausunnon Heikki Henkilön ehdotuksen mukaisena.\n"
        "    dissent:\n      - {person: malli, text: Lausunto on liian varovainen.}\n"
        "  - id: audit\n"
        "    title: Tietoturvatarkastuksen tulokset\n"
        "    kind: information\n"
        "    visibility: confidential\n"
        "    legal_basis: JulkL 24 § 1 mom. 7 k\n"
        "    background: SALAINEN-TAUSTA tarkastuksen havainnot.\n"
        "    decision: Merkittiin tiedoksi.\n",
    )
    edit(
        path,
        "minutes:\n  status: draft",
        "minutes:\n  status: checked\n  checkers: [malli, oletus]\n  checked: 2025-09-30",
    )


def documents(root: Path, edition: str, body: str = "tyonvk", year: int = 2025):
    volume = load_volume(root, body, year)
    subs = [load_volume(root, s, year) for s in sorted(volume.subcommittees)]
    docs = meeting_documents(volume, edition, NOW)
    docs += annual_report_documents(volume, subs, edition, NOW)
    return {str(d.stem): d for d in docs}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The 24.9.2025 minutes of both editions in HTML, PDF and DOCX, plus the public annual
    report, as extracted text by (edition, format)."""
    tmp = tmp_path_factory.mktemp("facts")
    root = copy_records(tmp)
    september(root)
    docs = []
    for edition in ("public", "internal"):
        docs.append(documents(root, edition)[f"{edition}/tyonvk/2025/2025-09-24/minutes.fi"])
    out = tmp / "out"
    paths = convert_documents(docs, out)
    texts = {}
    for path in paths:
        edition = path.relative_to(out).parts[0]
        texts[(edition, path.suffix.lstrip("."))] = normalised(text_of(path))
    return texts, {d.stem.parts[0]: d for d in docs}


FORMATS = ("html", "pdf", "docx")


@pytest.mark.parametrize("edition", ["public", "internal"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_quorum_vote_deputy_and_disqualification_in_every_format(converted, edition, fmt):
    texts, _ = converted
    text = texts[(edition, fmt)]
    for sentence in (
        # At the legality item (22 §) Riikka Roolihahmo had not arrived: 7 of 10 (Perusarvo for
        # Lainaus counts, Asiakas and Kyynäräinen were absent).
        "Kokous todettiin laillisesti koolle kutsutuksi ja päätösvaltaiseksi, kun paikalla oli "
        "7 neuvottelukunnan 10 äänivaltaisesta jäsenestä.",
        "Riikka Roolihahmo, jäsen, KEHA-keskus (läsnä 26 §:stä alkaen)",
        "Jukka Juonikas, jäsen, Uudenmaan ELY-keskus (läsnä 25 §:ään asti)",
        "Pekka Perusarvo, varajäsen (Liisa Lainauksen sijaisena), Helsingin kaupunki",
        "Anna Asiakas, jäsen, Pirkanmaan hyvinvointialue",
        "Kaisa Kuvitelma ilmoitti olevansa esteellinen (hallintolaki 28 § 1 mom. 5 k) ja "
        "poistui kokouksesta asian käsittelyn ajaksi.",
        "Äänestys toimitettiin nimenhuutoäänestyksenä.",
        "Äänestysesitys: JAA – päätösehdotus, EI – Heikki Henkilön ehdotus.",
        "JAA 3, EI 3, tyhjää 1.",
        "JAA: Tiina Korhonen, Aino Malli ja Kaisa Kuvitelma.",
        "EI: Olli Oletus, Heikki Henkilö ja Riikka Roolihahmo.",
        "Tyhjää: Pekka Perusarvo.",
        "Heikki Henkilön ehdotus hyväksyttiin arvalla, koska äänet menivät tasan 3–3.",
        'Aino Malli jätti päätöksestä eriävän mielipiteen: "Lausunto on liian varovainen."',
        "Pöytäkirjaan sisältyvät asiat ovat neuvoa-antavia tai koskevat vain asian valmistelua, "
        "joten niihin ei saa hakea muutosta valittamalla. Säännös: Laki oikeudenkäynnistä "
        "hallintoasioissa (808/2019) 6 §.",
    ):
        assert sentence in text, sentence
    # The disqualification precedes the item's handling.
    assert text.index("Kaisa Kuvitelma ilmoitti") < text.index("Merkittiin tiedoksi.")
    assert "49 a §" not in text
    assert "varsinainen jäsen:" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_secret_item_marked_in_the_internal_edition_only(converted, fmt):
    texts, docs = converted
    internal, public = texts[("internal", fmt)], texts[("public", fmt)]
    assert "SALAINEN-TAUSTA" in internal
    assert "SALAINEN-TAUSTA" not in public
    marking = "SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k)"
    assert docs["internal"].marking.startswith(marking)
    assert marking in internal
    assert "SALASSA PIDETTÄVÄ" not in public
    if fmt == "pdf":
        # Every page of the internal PDF carries the marking in its running header.
        pages = internal.count("Pöytäkirja 3/2025 ·") or 1
        assert internal.count(marking) >= pages


def test_pdf_marks_every_page(tmp_path):
    """A long secret item runs over pages: each page's header still says SALASSA PIDETTÄVÄ."""
    from pypdf import PdfReader

    root = copy_records(tmp_path)
    september(root)
    long_text = " ".join(["SALAINEN-TAUSTA tarkastuksen havainnot."] * 400)
    edit(
        root / SEPT,
        "    background: SALAINEN-TAUSTA tarkastuksen havainnot.\n",
        f"    background: {long_text}\n",
    )
    doc = documents(root, "internal")["internal/tyonvk/2025/2025-09-24/minutes.fi"]
    (pdf,) = convert_documents(
        [doc.__class__(**{**doc.__dict__, "formats": ("pdf",)})], tmp_path / "out"
    )
    pages = PdfReader(pdf).pages
    assert len(pages) > 2
    for page in pages:
        assert "SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k)" in normalised(page.extract_text())


def test_draft_says_luonnos_on_every_page_and_has_no_signatures(tmp_path):
    root = copy_records(tmp_path)  # the sample's 24.9.2025 minutes are a draft
    doc = documents(root, "internal")["internal/tyonvk/2025/2025-09-24/minutes.fi"]
    assert doc.marking.startswith("LUONNOS")
    assert "Vakuudeksi" not in doc.markdown
    assert "Luonnos: pöytäkirjaa ei ole tarkastettu eikä allekirjoitettu." in normalised(
        doc.markdown.replace("\\", "")
    )
    paths = convert_documents([doc], tmp_path / "out")
    for path in paths:
        text = normalised(text_of(path))
        assert "LUONNOS" in text, path.suffix
        assert "Tiina Korhonen puheenjohtaja Vakuudeksi" not in text


def test_missing_member_is_an_error_naming_member_and_line(tmp_path):
    root = copy_records(tmp_path)
    edit(root / SEPT, "  - {person: asiakas, status: absent}\n", "")
    assert errors(root) == [
        "records/tyonvk/meetings/2025-09-24.yaml:19: K348 attendance: voting member Anna Asiakas "
        "('asiakas') is not in the attendance; list every voting member, e.g. "
        "{person: asiakas, status: absent}"
    ]


def test_failed_quorum_decides_nothing_anywhere(tmp_path):
    root = copy_records(tmp_path)
    path = root / SEPT
    edit(path, "{person: korhonen, status: present}", "{person: korhonen, status: absent}")
    edit(path, "mode: in_person\n", "mode: in_person\nquorum_lacking_acknowledged: true\n")
    edit(path, "    decision: Ehdotus hyväksyttiin.\n", "    outcome: deferred\n")
    edit(
        path, "minutes:\n  status: draft", "minutes:\n  status: approved\n  approved_at: 2025-09-25"
    )
    (root / "tyonvk/meetings/2025-09-25.yaml").write_text(
        (root / SEPT)
        .read_text(encoding="utf-8")
        .replace("date: 2025-09-24", "date: 2025-09-25")
        .replace("quorum_lacking_acknowledged: true\n", "")
        .replace("{person: korhonen, status: absent}", "{person: korhonen, status: present}")
        .replace("  status: approved\n  approved_at: 2025-09-25", "  status: draft"),
        encoding="utf-8",
    )
    assert errors(root) == []
    docs = documents(root, "public")
    minutes = normalised(
        docs["public/tyonvk/2025/2025-09-24/minutes.fi"].markdown.replace("\\", "")
    )
    # Seven of ten attended, but neither the chair nor the vice-chair: no quorum.
    assert (
        "Kokous todettiin laillisesti koolle kutsutuksi mutta ei päätösvaltaiseksi, koska "
        "puheenjohtaja tai varapuheenjohtaja ei ollut läsnä."
    ) in minutes
    assert (
        "Kokous ei ollut päätösvaltainen tätä asiaa käsiteltäessä, koska puheenjohtaja tai "
        "varapuheenjohtaja ei ollut läsnä. Asiassa ei tehty päätöstä."
    ) in minutes
    assert "Käsittely : Asia siirrettiin." in minutes
    assert "Päätös : Asia siirrettiin." not in minutes
    report = normalised(docs["public/tyonvk/2025/annual-report.fi"].markdown.replace("\\", ""))
    unquorate = report.index("Ilman päätösvaltaisuutta käsitellyt asiat")
    line = (
        "Lausunto työllisyyspalvelujen rahoituksen seurannasta (26 §, 24.9.2025): Asia siirrettiin."
    )
    assert report.index(line) > unquorate


def test_swedish_minutes_deputy_vote_and_secret(tmp_path):
    root = copy_records(tmp_path, INDEPENDENT2)
    meeting = "nuorisoneuvosto/meetings/2026-02-10.yaml"
    edit(
        root / meeting,
        "      question: Förslaget (JA) eller Aaro Virtanens ändringsförslag (NEJ)\n",
        "      jaa: förslaget\n      ei: Aaro Virtanens ändringsförslag\n",
    )
    edit(root / meeting, "      for: 3\n      against: 2\n", "      for: 3\n      against: 1\n")
    docs = documents(root, "internal", "nuorisoneuvosto", 2026)
    doc = docs["internal/nuorisoneuvosto/2026/2026-02-10/minutes.sv"]
    assert doc.marking.startswith("SEKRETESSBELAGD (OffL 24 § 1 mom. 25 p.")
    paths = convert_documents([doc], tmp_path / "out")
    for path in paths:
        text = normalised(text_of(path))
        for sentence in (
            "ersättare (ersättare för",
            "Omröstningen förrättades öppet.",
            "Omröstningsproposition: JA – förslaget, NEJ – Aaro Virtanens ändringsförslag.",
            "JA 3, NEJ 1, blanka 0.",
            "Förslaget godkändes med rösterna 3–1.",
            "SEKRETESSBELAGD",
        ):
            assert sentence in text, (path.suffix, sentence)


# --- the annual report -----------------------------------------------------------------------

TIETO = "tietojaosto/meetings/2025-09-02.yaml"


def annual_year(root: Path) -> None:
    """The September year of :func:`september`, with the lot-decided statement recorded only
    as "Ehdotus hyväksyttiin." (the EI side won, so that sentence alone would mislead), and
    Tietojaosto's meeting without a quorum (one of its four voting members present), its
    decision item deferred."""
    september(root)
    edit(
        root / SEPT,
        "    decision: Neuvottelukunta antoi lausunnon Heikki Henkilön ehdotuksen mukaisena.\n",
        "    decision: Ehdotus hyväksyttiin.\n",
    )
    path = root / TIETO
    edit(path, "{person: juonikas, status: remote}", "{person: juonikas, status: absent}")
    edit(path, "{person: kuvitelma, status: present}", "{person: kuvitelma, status: absent}")
    edit(path, "mode: hybrid\n", "mode: hybrid\nquorum_lacking_acknowledged: true\n")
    edit(path, "    decision: Ehdotus hyväksyttiin.\n", "    outcome: deferred\n")


def all_documents(root: Path, edition: str) -> dict:
    docs = documents(root, edition)
    docs.update(documents(root, edition, "tietojaosto"))
    return docs


@pytest.fixture(scope="module")
def annual(tmp_path_factory):
    """The annual report of both editions in HTML, PDF and DOCX, as extracted text by
    (edition, format), plus the documents and the HTML source."""
    tmp = tmp_path_factory.mktemp("annual")
    root = copy_records(tmp)
    annual_year(root)
    assert errors(root) == []
    docs = [documents(root, e)[f"{e}/tyonvk/2025/annual-report.fi"] for e in ("public", "internal")]
    out = tmp / "out"
    paths = convert_documents(docs, out)
    texts, html = {}, {}
    for path in paths:
        edition = path.relative_to(out).parts[0]
        texts[(edition, path.suffix.lstrip("."))] = normalised(text_of(path))
        if path.suffix == ".html":
            html[edition] = path.read_text(encoding="utf-8")
    return texts, {d.stem.parts[0]: d for d in docs}, html


ANNUAL_FI = (
    # The body's abbreviation and each organisation's are spelt out at their first use.
    "Työllisyyden edistämisen valtakunnallinen neuvottelukunta (TyöNVK)",
    # (first in the members table, where each organisation heads its seats)
    "Työ- ja elinkeinoministeriö (TEM)",
    "Sosiaali- ja terveysministeriö (STM)",
    "pääsihteeri: Jenni Wessman, erityisasiantuntija, TEM",
    "TyöNVK 12.3.2025, 7 §",
    # Decisions in context: the proposal adopted, or the EI side that won by lot.
    "Jaostojen asettaminen (7 §, 12.3.2025): Päätösehdotus hyväksyttiin: "
    '"Neuvottelukunta päättää asettaa toimikaudekseen kolme jaostoa ehdotetuin tehtävin. '
    'Jaostojen kokoonpano vahvistetaan myöhemmin."',
    "Lausunto työllisyyspalvelujen rahoituksen seurannasta (26 §, 24.9.2025): Heikki "
    "Henkilön ehdotus hyväksyttiin arvalla, koska äänet menivät tasan 3–3.",
    "Neuvottelukunnan tehtävät ja toimintatavat (5 §, 12.3.2025): Neuvottelukunta kävi läpi "
    "tehtävänsä ja hyväksyi toimintatapansa ehdotuksen mukaisesti.",
    # The subcommittees' members, from their own records.
    "Jäsenet: Tietojaosto",
    "Kaisa Kuvitelma, finanssineuvos",
    "sihteeri: Minna Mallikas, kehittämispäällikkö, TEM",
    "Jäsenet: Kuntajaosto",
    "Pekka Perusarvo, työllisyysjohtaja",
    # Tietojaosto's meeting lacked a quorum: its matters are set apart.
    "Kokous ei ollut päätösvaltainen näitä asioita käsiteltäessä, eikä niissä tehty päätöksiä.",
    "Jaoston työskentelytavat (4 §, 2.9.2025): Asia siirrettiin.",
)

ANNUAL_SV = (
    "Sammanfattning",
    "År 2025 höll Riksomfattande delegationen för främjande av sysselsättning (TyöNVK) tre "
    "möten: den 12 mars 2025, den 11 juni 2025 och den 24 september 2025.",
    "Delegationen fattade fem beslut.",
    "Sektionerna höll sammanlagt ett möte.",
    "Under året lämnades ett utlåtande.",
    "Dessutom publicerades två pressmeddelanden.",
    "Verksamhetsberättelsen finns i sin helhet på finska.",
)

ANNUAL_EN = (
    "In 2025 the National Advisory Board for Employment Promotion (TyöNVK) held three meetings: "
    "12 March 2025, 11 June 2025 and 24 September 2025.",
    "The Board made five decisions.",
    "The full report is in Finnish.",
)


@pytest.mark.parametrize("edition", ["public", "internal"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_report_states_the_facts_in_every_format(annual, edition, fmt):
    texts, _, _ = annual
    text = texts[(edition, fmt)]
    same = str
    if fmt == "pdf":
        # The PDF breaks a word wider than its narrow table column at the column's edge, and
        # the extracted text has a line break there ("elinkeinominis teriö"): compare without
        # hyphens and whitespace there.
        def same(s: str) -> str:
            return re.sub(r"[\s-]", "", s)

        text = same(text)
    for sentence in ANNUAL_FI + ANNUAL_SV + ANNUAL_EN:
        assert same(sentence) in text, sentence
    # Never a bare "the proposal was adopted" as what was decided.
    assert "Ehdotus hyväksyttiin." not in text
    # Once spelt out, an organisation goes by its abbreviation.
    assert text.lower().count(same("työ- ja elinkeinoministeriö (TEM)").lower()) == 1
    # The heading line and the summary in each language.
    assert text.count("(TyöNVK)") == 4
    # Tietojaosto's deferred item is listed after the sentence that sets it apart.
    deferred = text.index(same("Jaoston työskentelytavat (4 §"))
    assert deferred > text.index(same("Kokous ei ollut päätösvaltainen näitä asioita"))
    assert deferred > text.index(same("Jäsenet: Tietojaosto"))


def test_annual_report_summaries_are_marked_with_their_language(annual):
    _, docs, html = annual
    for edition in ("public", "internal"):
        page = html[edition]
        assert '<html lang="fi">' in page and docs[edition].lang == "fi"
        for lang, heading in (("sv", "Sammanfattning"), ("en", "Summary")):
            section = re.search(rf'<section [^>]*lang="{lang}"[^>]*>\s*<h2[^>]*>([^<]*)<', page)
            assert section and section.group(1) == heading, lang


def test_annual_report_pairs_deputies_tied_to_seats(tmp_path):
    """A personal deputy tied to a seat is listed beside the seat's holder on the roster
    day, and a change of member shows among the year's changes."""
    root = copy_records(tmp_path)
    body = root / "tyonvk/body.yaml"
    seat_the_vm_deputy(body)
    assert errors(root) == []
    report = documents(root, "internal")["internal/tyonvk/2025/annual-report.fi"]
    text = normalised(report.markdown.replace("\\", ""))
    assert (
        "| Valtiovarainministeriö (VM) | Kaisa Kuvitelma, finanssineuvos | "
        "Mikko Mallinen, budjettineuvos |"
    ) in text
    assert "Kaisa Kuvitelma (jäsen) 31.10.2025 asti" in text
    assert "Ulla Uusinen (jäsen) 1.11.2025 alkaen" in text


def test_swedish_annual_report_has_a_finnish_summary(tmp_path):
    docs = documents(INDEPENDENT2, "internal", "nuorisoneuvosto", 2026)
    report = docs["internal/nuorisoneuvosto/2026/annual-report.sv"]
    text = normalised(report.markdown.replace("\\", ""))
    assert '::: {lang="fi"} ## Tiivistelmä' in text
    for sentence in (
        "Vuonna 2026 Aluevaltuuston nuorisopalvelujen nuorisoneuvosto (Ungdomsrådet) "
        "kokoontui kaksi kertaa: 10.2.2026 ja 14.4.2026.",
        "Nuorisoneuvosto teki kolme päätöstä.",
        "Kokouksen 2/2026 pöytäkirjaa ei ole vielä tarkastettu, joten sen päätöksiä ja "
        "lausuntoja ei ole laskettu tähän mukaan.",
        "Sen jaostot kokoontuivat yhteensä kerran.",
        "Toimintakertomuksen kieli on ruotsi.",
    ):
        assert sentence in text, sentence


def test_subcommittee_documents_name_the_parent(tmp_path):
    """A subcommittee's press release, like its minutes, is headed with its full name."""
    root = copy_records(tmp_path)
    (root / TIETO).write_text(
        (root / TIETO).read_text(encoding="utf-8") + "\npress:\n  published: 2025-09-02T15:00\n"
        "  headline: Tietojaosto aloitti työnsä\n"
        "  lead: Tietojaosto kokoontui ensimmäisen kerran 2.9.2025 Mikkelissä.\n",
        encoding="utf-8",
    )
    assert errors(root) == []
    docs = documents(root, "public", "tietojaosto")
    full = "Työllisyyden edistämisen valtakunnallisen neuvottelukunnan tietojaosto"
    press = docs["public/tietojaosto/2025/2025-09-02/press-release.fi"]
    minutes = docs["public/tietojaosto/2025/2025-09-02/minutes.fi"]
    assert press.header == f"{full} · Tiedote 2.9.2025"
    assert minutes.header == f"{full} · Muistio 1/2025"
    # After the navigation (a web-only div) and the title.
    assert minutes.markdown.split(":::\n\n", 1)[1].split("\n\n")[1] == full
    paths = convert_documents([press], tmp_path / "out")
    for path in paths:
        if path.suffix in (".pdf", ".docx", ".html"):
            assert full in normalised(text_of(path)), path.suffix


def test_failed_quorum_in_the_annual_report_summaries(tmp_path):
    """The meetings table and the summaries say which meeting lacked a quorum."""
    root = copy_records(tmp_path)
    path = root / SEPT
    edit(path, "{person: korhonen, status: present}", "{person: korhonen, status: absent}")
    edit(path, "mode: in_person\n", "mode: in_person\nquorum_lacking_acknowledged: true\n")
    edit(path, "    decision: Ehdotus hyväksyttiin.\n", "    outcome: deferred\n")
    assert errors(root) == []
    report = documents(root, "internal")["internal/tyonvk/2025/annual-report.fi"]
    text = normalised(report.markdown.replace("\\", ""))
    assert "| 3/2025 | 24.9.2025 |" in text
    assert "| 7/10 (ei päätösvaltainen) |" in text
    assert "| 9/10 |" in text and "(ei päätösvaltainen)" not in text.replace(
        "| 7/10 (ei päätösvaltainen) |", ""
    )
    assert (
        "Mötet den 24 september 2025 var inte beslutfört, och inga beslut fattades vid det."
    ) in text
    assert "The meeting on 24 September 2025 was not quorate; no decisions were made at it." in (
        text
    )
    # Decisions that stand: 5, 6, 7 and 16 § (10 § is the standing next-meeting item); the
    # minutes of 3/2025 are a draft.
    assert "Delegationen fattade fyra beslut." in text
    assert (
        "Protokollet från möte 3/2025 har ännu inte justerats, och därför har besluten och "
        "utlåtandena från mötet inte räknats med här."
    ) in text


def test_reference_docx_frames_secret_items(tmp_path):
    """templates/pandoc/reference.docx defines the "Secret Item" paragraph style with a
    border on every side, and the internal DOCX sets a non-public item's paragraphs in it
    (so Word draws the box the HTML and PDF draw)."""
    import docx
    from docx.oxml.ns import qn

    def framed(style) -> bool:
        borders = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
        if borders is None:
            return False
        return all(
            (edge := borders.find(qn(f"w:{side}"))) is not None
            and edge.get(qn("w:val")) == "single"
            for side in ("top", "left", "bottom", "right")
        )

    reference = docx.Document(str(REPO / "templates" / "pandoc" / "reference.docx"))
    assert framed(reference.styles["Secret Item"])

    root = copy_records(tmp_path)
    september(root)
    doc = documents(root, "internal")["internal/tyonvk/2025/2025-09-24/minutes.fi"]
    (path,) = convert_documents(
        [doc.__class__(**{**doc.__dict__, "formats": ("docx",)})], tmp_path / "out"
    )
    paragraphs = docx.Document(str(path)).paragraphs
    # "24 § 1 mom." is bound by non-breaking spaces (kokous.typography).
    note_text = "Salassa pidettävä (JulkL 24 § 1 mom. 7 k)"
    (note,) = [p for p in paragraphs if p.text.replace("\u00a0", " ") == note_text]
    assert note.style.name == "Secret Item" and framed(note.style)
    # The whole item is framed, its background and decision included.
    background = [p for p in paragraphs if "SALAINEN-TAUSTA" in p.text]
    assert background and all(p.style.name == "Secret Item" for p in background)
    # Nothing of a public item is framed.
    assert not any(
        p.style.name == "Secret Item" for p in paragraphs if "Jaostojen kuulumiset" in p.text
    )
