"""Every expected failure is one of these, printed as one line per problem, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class KokousError(Exception):
    """Base class: an expected failure with a message a secretary can act on."""


@dataclass(frozen=True, order=True)
class RecordProblem:
    """One problem in one record file, printed as ``path:line: field: message``.

    A ``warning`` (e.g. a headline over 100 characters) is reported but fails nothing; an
    ``error`` stops every document of the record. A warning prints ``warning:`` before its
    message.
    """

    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = self.message if self.is_error else f"warning: {self.message}"
        text = f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"
        # One problem, one line: a key or value quoted from the record may hold a line break.
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class RecordsInvalid(KokousError):
    """One or more records are invalid; ``problems`` lists all of them, sorted by file and line.

    Only errors make records invalid; warnings that came with them are kept in ``problems``
    too (flagged by ``severity``), so a caller can print everything at once.
    """

    def __init__(self, problems: list[RecordProblem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[RecordProblem]:
        return [p for p in self.problems if p.is_error]


class BuildFailed(KokousError):
    """A build step failed for a reason outside the records (a converter error, a bad path)."""
