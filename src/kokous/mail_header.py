"""How the e-mails' header fields are written: Python's SMTP policy, less three of its folds.

Python's folder (3.11-3.13) gets three things wrong that these e-mails meet:

- a long non-ASCII display name in an address field is split into encoded words inside a
  word, and Python's own parser then reads a space into the name ("sihteeri stö");
- in an unstructured field (Subject) the space between two encoded words can become the
  folding white space, which RFC 2047 6.2 drops ("7 k)· Sisäinen");
- a value starting with "[" or "(" is moved whole to the next line, read as a leading space.

So address fields stay on one line (at most 998 characters, RFC 5322 2.1.1), and the
Subject is folded here: ASCII words stay words, a run of other words is one encoded word
with the spaces inside it, so every decoder reads the same text.
"""

from __future__ import annotations

import email.quoprimime
from email import policy
from typing import Any

ADDRESS_HEADERS = frozenset({"from", "to", "reply-to", "cc", "sender"})
LINE = 78
"""RFC 5322 2.1.1: a line SHOULD hold at most 78 characters."""
ENCODED_WORD = 75
"""RFC 2047 2: an encoded word is at most 75 characters."""


def _plain(word: str) -> bool:
    """A word that may stand as it is: printable ASCII, not like an encoded word."""
    return word.isascii() and word.isprintable() and "=?" not in word and len(word) < 60


def _encode(text: str) -> list[str]:
    """``text`` as encoded words of at most 75 characters, split between characters."""
    words, chunk = [], ""
    for char in text:
        longer = email.quoprimime.header_encode((chunk + char).encode(), charset="utf-8")
        if chunk and len(longer) > ENCODED_WORD:
            words.append(email.quoprimime.header_encode(chunk.encode(), charset="utf-8"))
            chunk = ""
        chunk += char
    if chunk:
        words.append(email.quoprimime.header_encode(chunk.encode(), charset="utf-8"))
    return words


def unstructured_tokens(value: str) -> list[str]:
    """The tokens of an unstructured value, to be joined by one space or a fold: a run of
    words that need encoding is encoded with the spaces between them inside it (RFC 2047
    6.2 drops white space between two encoded words)."""
    tokens: list[str] = []
    run: list[str] = []
    for word in value.split(" "):
        if _plain(word):
            if run:
                tokens += _encode(" ".join(run))
                run = []
            tokens.append(word)
        else:
            run.append(word)
    if run:
        tokens += _encode(" ".join(run))
    return tokens


def fold_unstructured(name: str, value: str) -> str:
    """``Name: value`` folded at the spaces between tokens, CRLF-terminated."""
    lines = [f"{name}:"]
    for token in unstructured_tokens(value):
        if len(lines[-1]) + 1 + len(token) > LINE and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += f" {token}"
    return "\r\n".join(lines) + "\r\n"


class MailPolicy(policy.EmailPolicy):
    """SMTP's policy with the Subject folded by :func:`fold_unstructured` and the address
    fields on one line."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        if name.lower() == "subject":
            return fold_unstructured(name, str(value)).encode("ascii")
        if name.lower() in ADDRESS_HEADERS:
            return policy.SMTP.clone(max_line_length=998).fold_binary(name, value)
        return super().fold_binary(name, value)


MAIL_POLICY = MailPolicy(linesep="\r\n")
