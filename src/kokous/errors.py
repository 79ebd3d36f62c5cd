"""Every expected failure is one of these, printed as one line per problem, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class KokousError(Exception):
    """Base class: an expected failure with a message a secretary can act on."""


@dataclass(frozen=True, order=True)
class RecordProblem:
    """One problem in one record file, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class RecordsInvalid(KokousError):
    """One or more records are invalid; ``problems`` lists all of them, sorted by file and line."""

    def __init__(self, problems: list[RecordProblem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildFailed(KokousError):
    """A build step failed for a reason outside the records (a converter error, a bad path)."""
