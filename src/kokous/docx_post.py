"""Word documents finished after pandoc: the press release's label above the title, and SVG
images as Word writes them (a PNG in ``a:blip`` with the SVG beside it in an ``asvg:svgBlip``
extension). :func:`finish` does both in one pass over the zip.

pandoc writes the document's title (from its metadata, which also fills the core properties)
before every body block, so a press release's publisher, time and label ("Kokous 12.3.2025"),
which the real release prints above the headline, would follow it: :func:`_label_above_title`
moves those paragraphs (styles Press Head and Press Label) before the Title paragraph.

pandoc's DOCX writer puts an SVG image into the ``asvg:svgBlip`` extension only and leaves the
``a:blip`` it extends without an image (it adds a PNG only when the ``rsvg-convert`` program is
installed). Word 2016 and later draw the SVG; LibreOffice and older Word draw the ``a:blip``
and so show a blank space. :func:`_add_png_fallbacks` adds the PNG: rendered from the same SVG by
the caller (Typst, with the project's fonts), stored beside it as ``word/media/<name>.png``,
related to the document and typed in ``[Content_Types].xml``.

The XML is edited as text, not parsed and reserialised: Word is particular about namespace
prefixes, which ElementTree would rename, and the patterns below are pandoc's own output.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

#: An ``a:blip`` without an image of its own whose extension list holds an svgBlip.
_BARE_SVG_BLIP = re.compile(
    rb'<a:blip>(<a:extLst>(?:(?!</a:extLst>).)*?<asvg:svgBlip\b[^>]*?r:embed="([A-Za-z0-9]+)")',
    re.DOTALL,
)
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([A-Za-z]+)="([^"]*)"')


def _relationships(rels: bytes) -> dict[bytes, bytes]:
    """Relationship id to target."""
    out = {}
    for element in _RELATIONSHIP.findall(rels):
        attrs = dict(_ATTRIBUTE.findall(element))
        if b"Id" in attrs and b"Target" in attrs:
            out[attrs[b"Id"]] = attrs[b"Target"]
    return out


#: The Title paragraph, then the press release's head paragraphs that follow it.
_TITLE_THEN_LABEL = re.compile(
    rb'(<w:p>\s*<w:pPr>\s*<w:pStyle w:val="Title" />(?:(?!</w:p>).)*</w:p>)(\s*)'
    rb'((?:<w:p><w:pPr><w:pStyle w:val="Press(?:Head|Label)" />(?:(?!</w:p>).)*</w:p>\s*)+)',
    re.DOTALL,
)


def _label_above_title(document: bytes) -> bytes:
    return _TITLE_THEN_LABEL.sub(lambda m: m.group(3) + m.group(1) + m.group(2), document, count=1)


def finish(data: bytes, png_of: Callable[[bytes], bytes]) -> bytes:
    """``data`` (a DOCX) with a press release's label above its title and a PNG, made by
    ``png_of`` from each SVG-only image's SVG, in that image's ``a:blip``; the zip entries
    keep their names, order and dates. A DOCX that needs neither is returned as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        original = src.read(DOCUMENT)
        document = _label_above_title(original)
        replaced = {DOCUMENT: document}
        added: dict[str, bytes] = {}  # zip name of each new PNG -> its bytes
        if b"svgBlip" in document:
            document = _add_png_fallbacks(src, document, png_of, replaced, added)
        if document == original and not added:
            return data
        replaced[DOCUMENT] = document
        return _rewrite(src, replaced, added)


def _add_png_fallbacks(
    src: zipfile.ZipFile,
    document: bytes,
    png_of: Callable[[bytes], bytes],
    replaced: dict[str, bytes],
    added: dict[str, bytes],
) -> bytes:
    """``document`` with a PNG in each SVG-only ``a:blip``; the PNGs go into ``added``, the
    relationships and content types changed for them into ``replaced``."""
    rels = src.read(RELS)
    targets = _relationships(rels)
    new_rels: list[bytes] = []

    def with_png(match: re.Match[bytes]) -> bytes:
        svg_id = match.group(2)
        svg_target = targets[svg_id].decode("utf-8")
        png_id = svg_id + b"png"
        if png_id not in targets:
            png_target = svg_target.rsplit(".", 1)[0] + ".png"
            added["word/" + png_target] = png_of(src.read("word/" + svg_target))
            new_rels.append(
                b'<Relationship Type="'
                + IMAGE_RELATIONSHIP.encode()
                + b'" Id="'
                + png_id
                + b'" Target="'
                + png_target.encode("utf-8")
                + b'" />'
            )
            targets[png_id] = png_target.encode("utf-8")
        return b'<a:blip r:embed="' + png_id + b'">' + match.group(1)

    document = _BARE_SVG_BLIP.sub(with_png, document)
    if not added:
        return document
    replaced[RELS] = rels.replace(b"</Relationships>", b"".join(new_rels) + b"</Relationships>")
    types = src.read(CONTENT_TYPES)
    if b'Extension="png"' not in types:
        types = types.replace(
            b"</Types>", b'<Default Extension="png" ContentType="image/png" /></Types>'
        )
    replaced[CONTENT_TYPES] = types
    return document


def _rewrite(src: zipfile.ZipFile, replaced: dict[str, bytes], added: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    added = dict(added)
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = replaced.get(info.filename) or src.read(info)
            dst.writestr(_entry(info.filename, info), content)
            # The PNG follows its SVG, as Word orders a picture's parts.
            if info.filename.endswith(".svg"):
                png_name = info.filename[: -len(".svg")] + ".png"
                if png_name in added:
                    dst.writestr(_entry(png_name, info), added.pop(png_name))
        for name, content in added.items():  # an SVG stored elsewhere than its PNG
            dst.writestr(_entry(name, src.infolist()[0]), content)
    return out.getvalue()


def _entry(name: str, like: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A zip entry named ``name`` with ``like``'s date (SOURCE_DATE_EPOCH) and attributes."""
    entry = zipfile.ZipInfo(name, date_time=like.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = like.external_attr
    return entry
