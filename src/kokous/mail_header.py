"""How the e-mails' header fields are written: by kokous where Python's folder errs.

Python's folder (3.11-3.13) gets three things wrong that these e-mails meet:

- a long non-ASCII display name in an address field is split into encoded words inside a
  word, and Python's own parser then reads a space into the name ("sihteeri stö"); left on
  one line instead, the encoded word grows past RFC 2047's 75 characters;
- in an unstructured field (Subject) the space between two encoded words can become the
  folding white space, which RFC 2047 6.2 drops ("7 k)· Sisäinen");
- a value starting with "[" or "(" is moved whole to the next line, read as a leading space.

So the Subject and the address fields are written here: ASCII words stay words (quoted in a
display name when they hold a special such as ","), a run of other words becomes encoded
words of at most 75 characters, split between words with the space inside the first, and the
line is folded at the spaces between them (RFC 5322 2.2.3), so RFC 2047 decoders and Python's
parser read the same text. (Only a run of non-ASCII words too long for one encoded word,
some 60 characters, still reads with two spaces at its split in Python, which does not join
adjacent encoded words in a display name; RFC 2047 decoders read it right.)
"""

from __future__ import annotations

import email.quoprimime
import re
from email import policy
from typing import Any

ADDRESS_HEADERS = frozenset({"from", "to", "reply-to", "cc", "sender"})
LINE = 78
"""RFC 5322 2.1.1: a line SHOULD hold at most 78 characters."""
ENCODED_WORD = 75
"""RFC 2047 2: an encoded word is at most 75 characters."""
ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+\Z")
"""RFC 5322 3.2.3 atext: a display name's word that needs no quotes."""


def _ew(text: str) -> str:
    return email.quoprimime.header_encode(text.encode("utf-8"), charset="utf-8")


def _fits(text: str) -> bool:
    """Whether ``text``, and the space that may end it, make one encoded word."""
    return len(_ew(text + " ")) <= ENCODED_WORD


def _split_chars(word: str) -> list[str]:
    """A word too long for one encoded word, in pieces that fit, split between characters."""
    pieces, piece = [], ""
    for char in word:
        if piece and not _fits(piece + char):
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def encode_words(words: list[str]) -> list[str]:
    """A run of words as encoded words of at most 75 characters, split between words where
    they can be, each but the last ending in the space that follows it (white space between
    two encoded words is not text, RFC 2047 6.2)."""
    out: list[str] = []
    chunk = ""
    for word in words:
        candidate = f"{chunk} {word}" if chunk else word
        if _fits(candidate):
            chunk = candidate
            continue
        if chunk:
            out.append(_ew(chunk + " "))
        *full, chunk = _split_chars(word)
        out += [_ew(piece) for piece in full]
    if chunk:
        out.append(_ew(chunk))
    return out


def _plain(word: str) -> bool:
    """A word that may stand as it is: printable ASCII, not like an encoded word."""
    return word.isascii() and word.isprintable() and "=?" not in word and len(word) < 60


def tokens(value: str, phrase: bool = False) -> list[str]:
    """The tokens of a text, to be joined by one space or a fold. In a ``phrase`` (a display
    name) an ASCII word with a special is quoted."""
    out: list[str] = []
    run: list[str] = []
    for word in value.split(" ") if not phrase else value.split():
        if not _plain(word):
            run.append(word)
            continue
        if run:
            out += encode_words(run)
            run = []
        if phrase and not ATOM.match(word):
            word = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out.append(word)
    if run:
        out += encode_words(run)
    return out


def fold(name: str, items: list[str]) -> str:
    """``Name: items…`` folded at the spaces between items, CRLF-terminated."""
    lines = [f"{name}:"]
    for item in items:
        if len(lines[-1]) + 1 + len(item) > LINE and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += f" {item}"
    return "\r\n".join(lines) + "\r\n"


def _mailboxes(value: Any) -> list[str] | None:
    """The tokens of an address field's mailboxes, commas included; None for a group with
    a name (left to Python)."""
    if any(group.display_name is not None for group in value.groups):
        return None
    items: list[str] = []
    for i, address in enumerate(value.addresses):
        mailbox = [*tokens(address.display_name, phrase=True), f"<{address.addr_spec}>"]
        if not address.display_name:
            mailbox = [address.addr_spec]
        if i < len(value.addresses) - 1:
            mailbox[-1] += ","
        items += mailbox
    return items


class _Literal(str):
    """A Subject kept as given: Python would decode any "=?…?=" in it (record text prints
    literally, so a headline holding one keeps it)."""

    __slots__ = ("name",)
    defects = ()

    def fold(self, *, policy: Any) -> str:
        return fold(self.name, tokens(str(self)))


class MailPolicy(policy.EmailPolicy):
    """SMTP's policy with the Subject and the address fields written by :func:`fold`."""

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        if name.lower() == "subject" and isinstance(value, str) and "=?" in value:
            if "\n" in value or "\r" in value:
                raise ValueError("Header values may not contain linefeed or carriage return")
            literal = _Literal(value)
            literal.name = name
            return name, literal
        return super().header_store_parse(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        if name.lower() == "subject":
            return fold(name, tokens(str(value))).encode("ascii")
        if name.lower() in ADDRESS_HEADERS and hasattr(value, "groups"):
            items = _mailboxes(value)
            if items is not None:
                return fold(name, items).encode("ascii")
        return super().fold_binary(name, value)


MAIL_POLICY = MailPolicy(linesep="\r\n")
