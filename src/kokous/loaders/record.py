"""Reading one record file: YAML, then the JSON Schema; both report ``file:line: CODE field:
message``. Within one validation call each file is read and checked once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from .. import schema, yamlfile
from ..errors import RecordProblem, RecordsInvalid, Severity
from ..lint.reading import NO_SUCH_DATE, SCHEMA, YAML
from ..model import Text

_parsed: ContextVar[dict[tuple[Path, str, str], Any] | None] = ContextVar("_parsed", default=None)
_digests: ContextVar[dict[Path, str] | None] = ContextVar("_digests", default=None)
"""The sha256 of the bytes each file was parsed from in this pass: a volume's provenance."""


@contextmanager
def one_pass() -> Iterator[None]:
    """Within one validation call, read and schema-check each file once (a subcommittee's
    volume needs its parent's body.yaml again). In memory only, gone when the call returns."""
    if _parsed.get() is not None:
        yield
        return
    token = _parsed.set({})
    digests = _digests.set({})
    try:
        yield
    finally:
        _digests.reset(digests)
        _parsed.reset(token)


def digests() -> dict[Path, str]:
    """The sha256 of each file read in this pass, by path."""
    return _digests.get() or {}


def _coded(problems: list[RecordProblem], code: str) -> list[RecordProblem]:
    return [p if p.code else dataclasses.replace(p, code=code) for p in problems]


def _parse_and_check(
    path: Path, display: str, kind: str
) -> tuple[Any, dict[yamlfile.FieldPath, int]]:
    try:
        raw = yamlfile.read(path, display)
        found = _digests.get()
        if found is not None:
            found[path] = hashlib.sha256(raw).hexdigest()
        data, lines = yamlfile.parse(raw, display)
    except RecordsInvalid as exc:
        raise RecordsInvalid(_coded(exc.problems, YAML)) from None
    problems = schema.check(kind, data, lines, display) if kind else []
    if problems:
        raise RecordsInvalid(_coded(problems, SCHEMA))
    return data, lines


def read(path: Path, display: str, kind: str) -> tuple[Any, dict[yamlfile.FieldPath, int]]:
    """A record's data and lines, checked against the schema of ``kind`` ("" for none)."""
    memo = _parsed.get()
    key = (path, display, kind)
    if memo is not None and key in memo:
        result = memo[key]
    else:
        try:
            result = _parse_and_check(path, display, kind)
        except RecordsInvalid as exc:
            result = exc
        if memo is not None:
            memo[key] = result
    if isinstance(result, RecordsInvalid):
        raise RecordsInvalid(result.problems)
    return result


class Record:
    """One record file's data with the line of each field, and a problem collector."""

    def __init__(self, path: Path, display: str, kind: str, problems: list[RecordProblem]):
        self.display = display
        self.data, self.lines = read(path, display, kind)
        self.problems = problems

    def line(self, path: yamlfile.FieldPath) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(
        self,
        path: yamlfile.FieldPath,
        message: str,
        severity: Severity = "error",
        code: str = "",
    ) -> None:
        where = yamlfile.format_path(path)
        found = RecordProblem(self.display, self.line(path), where, message, severity, code)
        self.problems.append(found)

    def datetime(self, path: yamlfile.FieldPath, value: str) -> dt.datetime | None:
        """A schema-checked ``YYYY-MM-DDTHH:MM``; None (and a problem) for 2025-02-30T16:00."""
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            self.problem(
                path,
                f"there is no such date as {value[:10]} (check the day and month)",
                code=NO_SUCH_DATE,
            )
            return None


def text(value: Any, primary: str) -> Text | None:
    """A text field (one string, or a map of languages) as the model's :class:`Text`."""
    if value is None:
        return None
    if isinstance(value, str):
        return Text({primary: value.strip()}, primary)
    values = {k: str(v).strip() for k, v in value.items() if v}
    if not values:
        return None
    # A map without the primary language still renders: its first language stands in (the
    # language rules report the missing text where the language is required).
    return Text(values, primary if primary in values else next(iter(values)))


def date(value: str | None) -> dt.date | None:
    """A date the schema has checked (pattern and calendar), so this cannot fail."""
    return dt.date.fromisoformat(value) if value else None


def time(value: str | None) -> dt.time | None:
    """A schema-checked ``13.00`` or ``13:00``."""
    if not value:
        return None
    hours, minutes = value.replace(".", ":").split(":")
    return dt.time(int(hours), int(minutes))
