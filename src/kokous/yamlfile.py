"""Safe YAML loading that remembers where every value came from.

Records are untrusted input typed by hand. This loader:
- uses PyYAML's safe composer only (no Python objects), and builds plain data itself;
- resolves scalars the YAML 1.2 way (``no`` and ``on`` stay strings, ``13:00`` is not a
  base-60 number, dates stay strings for the schema to check);
- refuses duplicate keys, anchors/aliases (the "billion laughs" bomb), non-UTF-8 and binary
  files, oversized files, and files that are not a mapping at the top;
- returns, beside the data, the line number of every key and list element, so each error can be
  reported as ``file:line: field.path: message``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import RecordProblem, RecordsInvalid

MAX_BYTES = 1_000_000
"""A meeting record is a few kilobytes; anything this large is a mistake or an attack."""
MAX_NODES = 20_000
"""Bound on values in one file, so a pathological file fails fast."""

FieldPath = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def format_path(path: FieldPath) -> str:
    """``("items", 4, "decision")`` → ``items[4].decision``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _resolve_plain(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
)
"""Tags a record may carry (implicitly); anything else (``!!python/object``, ``!foo``) is refused."""


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


class _Builder:
    def __init__(self, display: str):
        self.display = display
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[RecordProblem] = []
        self.count = 0
        self.seen: set[int] = set()

    def problem(self, line: int, path: FieldPath, message: str) -> None:
        self.problems.append(RecordProblem(self.display, line, format_path(path), message))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        line = node.start_mark.line + 1
        # libyaml's composer returns the anchored node again for an alias: refuse it on sight,
        # before any expansion (the pure-Python loader refuses aliases while composing).
        if id(node) in self.seen:
            raise _Alias(line)
        self.seen.add(id(node))
        self.lines.setdefault(path, line)
        if node.tag not in _PLAIN_TAGS:
            self.problem(line, path, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.style is None or node.style == "":
                return _resolve_plain(node.value)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_line, path, "a key must be a plain word")
                    continue
                key = key_node.value
                if key == "<<":
                    self.problem(key_line, path, "merge keys (<<) are not supported")
                    continue
                if key in result:
                    first = self.lines.get((*path, key), 0)
                    self.problem(
                        key_line, (*path, key), f"duplicate key (first given on line {first})"
                    )
                    continue
                self.lines[(*path, key)] = key_line
                result[key] = self.build(value_node, (*path, key))
            return result
        raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover


class _TooLarge(Exception):
    pass


class _Alias(Exception):
    def __init__(self, line: int):
        self.line = line


_ALIASES = "anchors and aliases (&name, *name) are not supported"


class _NoAliasComposer(yaml.composer.Composer):
    """Refuses aliases at compose time, before any expansion can happen."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.events.AliasEvent):
            event = self.get_event()
            raise yaml.composer.ComposerError(None, None, _ALIASES, event.start_mark)
        return super().compose_node(parent, index)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _NoAliasComposer,
    yaml.resolver.BaseResolver,
):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)


_PRESCAN_BYTES = 64_000
"""Below this size a file cannot hold enough values to be slow to compose."""


def _prescan(text: str, fail: Callable[[str, int], RecordsInvalid]) -> None:
    """Walk the parser's events once before composing: refuse aliases at their own line and
    stop a file with too many values after ``MAX_NODES`` events, before any node is built."""
    scanner = (_FastLoader or _Loader)(text)
    try:
        count = 0
        while scanner.check_event():
            event = scanner.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise fail(_ALIASES, event.start_mark.line + 1)
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                count += 1
                if count > MAX_NODES:
                    raise fail(
                        f"more than {MAX_NODES} values in one file; a record is far smaller", 0
                    )
    finally:
        scanner.dispose()


# libyaml's parser (``CBaseLoader``: no constructor, no implicit resolvers) is about twenty times
# faster than the pure-Python one; both build nodes only, and ``_Builder`` makes the data.
_FastLoader: type | None = getattr(yaml, "CBaseLoader", None)


def load(path: Path, display: str | None = None) -> tuple[dict[str, Any], dict[FieldPath, int]]:
    """Read one record file: its data and the line of every field path.

    Raises :class:`RecordsInvalid` with every problem found in the file.
    """
    shown = display or str(path)
    return parse(read(path, shown), shown)


def read(path: Path, display: str) -> bytes:
    """A record file's bytes, refusing what cannot be a record (unreadable, over 1 MB)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _invalid(display, f"cannot read the file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _invalid(
            display, f"file is larger than {MAX_BYTES // 1_000_000} MB; a record is a few kB"
        )
    return raw


def _invalid(display: str, message: str, line: int = 0) -> RecordsInvalid:
    """One whole-file problem (no field) as the error that reports it."""
    return RecordsInvalid([RecordProblem(display, line, "", message)])


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16 LE" / "UTF-16 BE" for a file saved in UTF-16 (Windows Notepad's "Unicode"), by
    its byte-order mark or, without one, by a zero byte beside every ASCII character."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith(b"\xff\xfe"):
        return "UTF-16 LE"
    if raw.startswith(b"\xfe\xff"):
        return "UTF-16 BE"
    head = raw[:64]
    if len(head) >= 8 and head[1::2].count(0) == len(head) // 2 and 0 not in head[::2]:
        return "UTF-16 LE"
    if len(head) >= 8 and head[::2].count(0) == len(head) // 2 and 0 not in head[1::2]:
        return "UTF-16 BE"
    return None


_CONFLICT_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def _conflict_marker(text: str) -> int | None:
    """The line of the first git conflict marker, when the file holds an unresolved merge (an
    opening ``<<<<<<<`` or closing ``>>>>>>>``; a lone ``=======`` may be a record's text)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return None
    lines = [text.count("\n", 0, m.start()) + 1 for m in _CONFLICT_MARKER.finditer(text)]
    has_edge = any(m.group(1)[0] in "<>" for m in _CONFLICT_MARKER.finditer(text))
    return lines[0] if lines and has_edge else None


def parse(raw: bytes, display: str) -> tuple[dict[str, Any], dict[FieldPath, int]]:
    """A record's data and the line of every field path, from the bytes :func:`read` gave."""
    node = _compose(_decode(raw, display), display)
    builder = _Builder(display)
    try:
        data = builder.build(node, ())
    except _TooLarge:
        raise _invalid(
            display, f"more than {MAX_NODES} values in one file; a record is far smaller"
        ) from None
    except RecursionError:
        raise _invalid(display, "nesting is too deep for a record") from None
    except _Alias as alias:
        raise _invalid(display, _ALIASES, alias.line) from None
    if builder.problems:
        raise RecordsInvalid(builder.problems)
    return data, builder.lines


def _decode(raw: bytes, display: str) -> str:
    """The record's text, or what keeps these bytes from being a YAML text record: empty, in
    a wide encoding, binary, not UTF-8, or left in the middle of a git merge."""
    if not raw.strip():
        raise _invalid(display, "file is empty")
    if encoding := _wide_encoding(raw):
        raise _invalid(
            display,
            f"the file is saved as {encoding}; save it as UTF-8 (in VS Code: click "
            f"'{encoding}' in the status bar, 'Save with Encoding', 'UTF-8'; in Notepad: "
            "'Save as', Encoding 'UTF-8')",
        )
    if b"\x00" in raw:
        raise _invalid(display, "this is a binary file, not a YAML text record")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _invalid(
            display, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line
        ) from None
    text = text.removeprefix("\ufeff")
    if (marker := _conflict_marker(text)) is not None:
        raise _invalid(
            display,
            "an unresolved git merge (conflict marker '<<<<<<<'): keep the lines you want "
            "between the markers, delete the marker lines (<<<<<<<, =======, >>>>>>>), "
            "then validate again",
            marker,
        )
    return text


def _compose(text: str, display: str) -> yaml.MappingNode:
    """The record's YAML node tree (anchors and aliases refused), or the syntax error that
    stops it; its top level must be a mapping of fields."""

    def fail(message: str, line: int = 0) -> RecordsInvalid:
        return _invalid(display, message, line)

    loader = (_FastLoader or _Loader)(text)
    try:
        if len(text) > _PRESCAN_BYTES or "*" in text:  # only a big file or an alias needs it
            _prescan(text, fail)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in what:  # libyaml's own guard against deep nesting
            raise fail("nesting is too deep for a record") from None
        raise fail(f"YAML syntax error: {what}", line) from None
    except yaml.YAMLError as exc:
        raise fail(f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise fail("nesting is too deep for a record") from None
    finally:
        loader.dispose()
    if node is None:
        raise fail("file holds no data (only comments?)")
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise fail(f"the top level must be a mapping of fields, not {kind}", 1)
    return node
