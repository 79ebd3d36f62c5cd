"""Regenerate templates/pandoc/reference.docx, the Word house style for kokous.

Run from the repository root:  .venv/bin/python scripts/make_reference_docx.py

Starts from pandoc's own default reference.docx (so every style pandoc's docx writer uses
exists) and edits its XML: fonts, sizes and colours of Normal, Title, Heading 1-3, a "Notice"
paragraph style for drafts and embargoes, a framed "Secret Item" style for non-public items
shown in full, a table style with a marked header row, A4 page with margins, a page header
holding two placeholders that kokous.convert fills per document (running header text and the
marking) and a footer with "page / pages" fields.
The zip is written with fixed entry dates so the file is byte-identical on every run.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pypandoc

OUT = Path(__file__).resolve().parents[1] / "templates" / "pandoc" / "reference.docx"
BRAND = "003479"
# The colour of secrecy markings (a dark red, as the Notice style).
SECRET = "7A1010"
FONT = "Arial"
FIXED_DATE = (2025, 1, 1, 0, 0, 0)

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

# Placeholders replaced by kokous.convert (XML-escaped text, or removed when empty).
HEADER_PLACEHOLDER = "KOKOUS-HEADER"
MARKING_PLACEHOLDER = "KOKOUS-MARKING"

HEADER_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W_NS}><w:p><w:pPr><w:pStyle w:val="Header"/>\
<w:tabs><w:tab w:val="right" w:pos="9071"/></w:tabs></w:pPr>\
<w:r><w:t xml:space="preserve">{HEADER_PLACEHOLDER}</w:t></w:r><w:r><w:tab/></w:r>\
<w:r><w:rPr><w:b/><w:color w:val="{BRAND}"/></w:rPr>\
<w:t xml:space="preserve">{MARKING_PLACEHOLDER}</w:t></w:r></w:p></w:hdr>"""


def _field(instr: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


FOOTER_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>\
{_field("PAGE")}<w:r><w:t xml:space="preserve"> / </w:t></w:r>{_field("NUMPAGES")}</w:p></w:ftr>"""

SECT_PR = """<w:sectPr><w:headerReference w:type="default" r:id="rIdKokousHeader"/>\
<w:footerReference w:type="default" r:id="rIdKokousFooter"/>\
<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>\
<w:pgSz w:w="11906" w:h="16838"/>\
<w:pgMar w:top="1418" w:right="1418" w:bottom="1247" w:left="1418" w:header="680" \
w:footer="567" w:gutter="0"/></w:sectPr>"""


def _rpr(size_half_points: int, *, bold: bool = False, color: str | None = None) -> str:
    parts = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    parts.append(f'<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _heading(level: int, size: int, before: int) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}">'
        f'<w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="BodyText"/><w:link w:val="Heading{level}Char"/>'
        '<w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f"{_rpr(size, bold=True, color=BRAND)}</w:style>"
    )


STYLES = {
    "Normal": (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr>'
        f"{_rpr(22, color='1A1A1A')}</w:style>"
    ),
    "BodyText": (
        '<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="BodyTextChar"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="160"/></w:pPr></w:style>'
    ),
    "FirstParagraph": (
        '<w:style w:type="paragraph" w:styleId="FirstParagraph"><w:name w:val="First Paragraph"/>'
        '<w:basedOn w:val="BodyText"/><w:next w:val="BodyText"/><w:qFormat/></w:style>'
    ),
    "Title": (
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:link w:val="TitleChar"/>'
        '<w:uiPriority w:val="10"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="240" w:line="264" w:lineRule="auto"/>'
        f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" w:color="{BRAND}"/></w:pBdr>'
        f'<w:outlineLvl w:val="0"/></w:pPr>{_rpr(40, bold=True, color=BRAND)}</w:style>'
    ),
    "Heading1": _heading(1, 30, 360),
    "Heading2": _heading(2, 25, 280),
    "Heading3": _heading(3, 22, 240),
    "Table": (
        '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="C9D3E0"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="C9D3E0"/></w:tblBorders>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="'
        f'{BRAND}"/></w:rPr><w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="12" '
        f'w:space="0" w:color="{BRAND}"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/><w:vAlign w:val="bottom"/>'
        "</w:tcPr></w:tblStylePr></w:style>"
    ),
    "Hyperlink": (
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="BodyTextChar"/>'
        f'<w:rPr><w:color w:val="{BRAND}"/><w:u w:val="single"/></w:rPr></w:style>'
    ),
}


def _list_style(style_id: str, name: str, indent: int) -> str:
    # Numbering comes from pandoc per list; the style gives Word's list semantics and spacing.
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="0" w:after="80"/><w:ind w:left="{indent}" w:hanging="360"/>'
        "<w:contextualSpacing/></w:pPr></w:style>"
    )


LIST_STYLES = "".join(
    _list_style(
        f"{kind.replace(' ', '')}{level if level > 1 else ''}",
        f"{kind}{f' {level}' if level > 1 else ''}",
        360 * level,
    )
    for kind in ("List Bullet", "List Number")
    for level in (1, 2, 3)
)

NEW_STYLES = LIST_STYLES + (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Notice"><w:name w:val="Notice"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/>'
    '<w:pPr><w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="7A1010"/></w:pBdr>'
    '<w:shd w:val="clear" w:color="auto" w:fill="FDF1F1"/>'
    '<w:spacing w:before="0" w:after="240"/><w:ind w:left="170"/></w:pPr>'
    f"{_rpr(22, bold=True, color='7A1010')}</w:style>"
    # A non-public item shown in full (internal edition) is a div with custom-style "Secret
    # Item": a framed, shaded box, as the HTML and PDF mark it. Word joins consecutive
    # paragraphs with the same border into one box.
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="SecretItem">'
    '<w:name w:val="Secret Item"/><w:basedOn w:val="BodyText"/><w:qFormat/>'
    "<w:pPr><w:pBdr>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="{SECRET}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    + "</w:pBdr>"
    '<w:shd w:val="clear" w:color="auto" w:fill="FBF3F3"/>'
    '<w:ind w:left="113" w:right="113"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/>'
    f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{BRAND}"/></w:pBdr></w:pPr>'
    f"{_rpr(16, color='4D4D4D')}</w:style>"
    '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
    f"{_rpr(16, color='4D4D4D')}</w:style>"
)


# The press release's parts (pandoc_driver.lua's DOCX_CLASSES), styled as kokous.css and the
# Typst template set them: the publisher and release time small and grey, the label bold in
# the brand colour above the title, the lead bold, the "Lisätietoja" block shaded with a bar.
PRESS_STYLES = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="PressHead">'
    '<w:name w:val="Press Head"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="0" w:after="60"/></w:pPr>'
    f"{_rpr(18, color='4D4D4D')}</w:style>"
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="PressLabel">'
    '<w:name w:val="Press Label"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr>'
    f"{_rpr(22, bold=True, color=BRAND)}</w:style>"
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Lead">'
    '<w:name w:val="Lead"/><w:basedOn w:val="BodyText"/><w:qFormat/>'
    f"{_rpr(23, bold=True)}</w:style>"
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Contacts">'
    '<w:name w:val="Contacts"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    f'<w:pPr><w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="{BRAND}"/></w:pBdr>'
    '<w:shd w:val="clear" w:color="auto" w:fill="F2F5F9"/>'
    '<w:spacing w:before="0" w:after="60"/><w:ind w:left="170"/></w:pPr>'
    f"{_rpr(20)}</w:style>"
)


def _edit_styles(xml: str) -> str:
    for style_id, replacement in STYLES.items():
        pattern = re.compile(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', re.DOTALL)
        xml, count = pattern.subn(lambda _m, r=replacement: r, xml, count=1)
        if count != 1:
            raise SystemExit(f"style {style_id} not found in pandoc's reference.docx")
    xml = re.sub(
        r"<w:rFonts w:asciiTheme=\"minorHAnsi\"[^>]*/>",
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>',
        xml,
        count=1,
    )
    return xml.replace("</w:styles>", NEW_STYLES + PRESS_STYLES + "</w:styles>")


def _edit_document(xml: str) -> str:
    xml, count = re.subn(r"<w:sectPr>.*?</w:sectPr>", SECT_PR, xml, count=1, flags=re.DOTALL)
    if count != 1:
        raise SystemExit("no sectPr in pandoc's reference document.xml")
    return xml


def _edit_rels(xml: str) -> str:
    rels = (
        '<Relationship Id="rIdKokousHeader" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rIdKokousFooter" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    )
    return xml.replace("</Relationships>", rels + "</Relationships>")


def _edit_content_types(xml: str) -> str:
    types = (
        '<Override PartName="/word/header1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    )
    return xml.replace("</Types>", types + "</Types>")


EDITS = {
    "word/styles.xml": _edit_styles,
    "word/document.xml": _edit_document,
    "word/_rels/document.xml.rels": _edit_rels,
    "[Content_Types].xml": _edit_content_types,
}


def main() -> None:
    default = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    ).stdout
    entries: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(default)) as src:
        for name in src.namelist():
            data = src.read(name)
            if name in EDITS:
                data = EDITS[name](data.decode("utf-8")).encode("utf-8")
            entries[name] = data
    entries["word/header1.xml"] = HEADER_XML.encode("utf-8")
    entries["word/footer1.xml"] = FOOTER_XML.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as dst:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
    OUT.write_bytes(buffer.getvalue())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
