"""Text of a generated file in any format, as a reader (or a search engine) would get it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

#: Quotation marks the seed and our typography use; compared as one.
QUOTES = re.compile(r"[\"“”„«»]")


class _HTMLText(HTMLParser):
    """Visible text of an HTML page: no <style>, <script> or <title>."""

    SKIP = frozenset({"style", "script", "title", "head"})
    BLOCK = frozenset(
        {"p", "li", "h1", "h2", "h3", "h4", "div", "section", "tr", "br", "dd", "dt", "td", "th"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in self.SKIP:
            self.skipping += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in self.SKIP:
            self.skipping -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if not self.skipping:
            self.parts.append(data)


def text_of(path: Path) -> str:
    """The readable text of an html, txt, pdf, docx, odt, eml or ics file."""
    suffix = path.suffix
    if suffix == ".html":
        parser = _HTMLText()
        parser.feed(path.read_text(encoding="utf-8"))
        return "".join(parser.parts)
    if suffix in (".txt", ".xml", ".atom", ".json", ".js", ".css"):
        return path.read_text(encoding="utf-8")
    if suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"):
        # Pagefind's search index (public/pagefind/): gzip of "pagefind_dcd" and its data; a
        # fragment is a page's text as JSON, so a canary in the index shows here as it is.
        import gzip

        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                # A cell spanning columns is listed once per column; a reader sees it once.
                cells = {id(cell._tc): cell for cell in row.cells}
                parts += [cell.text for cell in cells.values()]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs]
        return "\n".join(parts)
    if suffix == ".odt":
        import zipfile

        xml = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
        return re.sub(r"<[^>]+>", " ", xml)
    if suffix == ".eml":
        import email
        import email.policy

        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        parts = [str(message["Subject"] or "")]
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                parts.append(part.get_content())
            elif part.get_content_type() == "text/html":
                parser = _HTMLText()
                parser.feed(part.get_content())
                parts.append("".join(parser.parts))
        return "\n".join(parts)
    if suffix == ".ics":
        from icalendar import Calendar

        calendar = Calendar.from_ical(path.read_bytes())
        return "\n".join(
            str(event.get(name, ""))
            for event in calendar.walk("VEVENT")
            for name in ("summary", "location", "description", "url")
        )
    raise ValueError(f"no text extractor for {path}")


def normalised(text: str) -> str:
    """Quotes made one mark, soft hyphens dropped, all whitespace runs one space."""
    text = QUOTES.sub('"', text.replace("\u00ad", ""))
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Split running text into sentences (after normalising), for sentence-by-sentence checks.

    A sentence ends at . ! ? or : followed by a space and a capital letter or a quote, or at a
    line end. Good enough for press-release prose; not a general tokenizer.
    """
    out = []
    for line in text.splitlines():
        line = normalised(line)
        if not line:
            continue
        out += [s.strip() for s in re.split(r'(?<=[.!?:])\s+(?=["A-ZÅÄÖ])', line) if s.strip()]
    return out
