"""Every expected failure is one of these, printed as one line per problem, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

Severity = Literal["error", "warning"]
T = TypeVar("T")


class KokousError(Exception):
    """Base class: an expected failure with a message a secretary can act on."""


@dataclass(frozen=True, order=True)
class RecordProblem:
    """One problem in one record file, printed as ``path:line: CODE field: message``.

    ``code`` names the rule that found it (``K305``: ``kokous validate --explain K305``, and
    the rules' reference in docs/records.md); every problem a record can have carries one.

    A ``warning`` (e.g. a headline over 100 characters) is reported but fails nothing; an
    ``error`` stops every document of the record. A warning prints ``warning:`` before its
    message.
    """

    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = self.message if self.is_error else f"warning: {self.message}"
        head = f"{where}: {self.code}" if self.code else f"{where}:"
        text = f"{head} {self.field}: {message}" if self.field else f"{head} {message}"
        # One problem, one line: a key or value quoted from the record may hold a line break.
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class UnreadFile(Protocol):
    """A file that looks meant as a record but is not read (:class:`kokous.layout.FileProblem`)."""

    path: str
    message: str
    code: str


def unread_file(found: UnreadFile) -> RecordProblem:
    """The problem of a file that was never read, as a record problem (no line, no field)."""
    return RecordProblem(found.path, 0, "", found.message, code=found.code)


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


def guarded(
    display: str, problems: list[RecordProblem], build: Callable[..., T], *args: Any
) -> T | None:
    """``build(*args)``, with every failure as a problem of the record shown as ``display``: a
    record's own (``RecordsInvalid``), or a bug in a check, which must reach the secretary as
    one line (K000), never as a traceback. None when it failed."""
    try:
        return build(*args)
    except RecordsInvalid as exc:
        problems.extend(exc.problems)
    except Exception as exc:  # noqa: BLE001 - a bug in a check, not the record: one clean line
        problems.append(
            RecordProblem(
                display,
                0,
                "",
                f"internal error while checking this record ({type(exc).__name__}: {exc}); "
                "please report it to the kokous maintainers",
                code="K000",
            )
        )
    return None
