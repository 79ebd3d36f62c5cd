"""The registry: every rule a record can break, by its code (see the package docstring)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import Severity

FieldPath = tuple[str | int, ...]
Finding = tuple[FieldPath, str]
"""What a check yields: the field it concerns (a path into the record) and the message."""

Scope = Literal["read", "files", "body", "meeting", "year", "volume"]
SCOPES: dict[str, str] = {
    "read": "applied while a file is read and its model built (YAML, schema, unknown ids)",
    "files": "applied to file and folder names, before any file is read (at every start)",
    "body": "run over a body's model (body.yaml)",
    "meeting": "run over a meeting's model (meetings/YYYY-MM-DD.yaml)",
    "year": "run over a year's narrative (years/YYYY.yaml)",
    "volume": "run over a body's whole year: two meetings at once",
}

TOPICS = (
    "reading",
    "folders",
    "roster",
    "settings",
    "schedule",
    "invitations",
    "items",
    "attendance",
    "quorum",
    "votes",
    "minutes",
    "signing",
    "press",
    "years",
    "text",
)
"""The modules of :mod:`kokous.lint`, one per topic, in the order of their codes."""


@dataclass(frozen=True)
class Rule:
    """One rule: what ``kokous validate --explain CODE`` prints and docs/records.md lists."""

    code: str
    """Stable, never reused: ``K`` and three digits, the first the topic's group."""
    name: str
    """A few words, kebab-case (``vote-tied-without-lot``)."""
    scopes: tuple[Scope, ...]
    """What the rule is run over."""
    field: str
    """The field it concerns, as messages name it (``items[].votes``)."""
    severity: Severity
    """``error`` stops the record's documents; ``warning`` is printed and fails nothing."""
    doc: str
    """The rule's page: the summary line, then why, an example and how to fix it."""
    check: Callable[[Any], Iterable[Finding]] | None
    """Yields the problems it finds; None for a rule applied while reading or scanning."""
    module: str
    """The module that defines it (its topic)."""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    @property
    def topic(self) -> str:
        return self.module.rsplit(".", 1)[-1]

    def page(self) -> str:
        """The rule's page as ``--explain`` prints it."""
        head = f"{self.code} {self.name} ({self.severity}; field: {self.field or '(the file)'})"
        scope = "; ".join(SCOPES[s] for s in self.scopes)
        return f"{head}\n{scope[0].upper()}{scope[1:]}.\n\n{self.doc.strip()}\n"


_RULES: dict[str, Rule] = {}


def _register(found: Rule) -> None:
    if found.code in _RULES:
        raise AssertionError(f"rule code {found.code} is used twice")  # pragma: no cover
    _RULES[found.code] = found


def rule(
    code: str,
    name: str,
    *,
    scope: Scope | tuple[Scope, ...],
    field: str,
    severity: Severity = "error",
) -> Callable[[Callable[[Any], Iterable[Finding]]], Callable[[Any], Iterable[Finding]]]:
    """Register the decorated check as rule ``code``; its docstring is the rule's page."""

    def register(check: Callable[[Any], Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        scopes = scope if isinstance(scope, tuple) else (scope,)
        doc = inspect.cleandoc(check.__doc__ or "")
        _register(Rule(code, name, scopes, field, severity, doc, check, check.__module__))
        return check

    return register


def declare(
    code: str,
    name: str,
    *,
    scope: Scope,
    field: str,
    doc: str,
    severity: Severity = "error",
    module: str,
) -> str:
    """Register a rule that the reader or the layout applies itself (it has no check over a
    model: a file that breaks it cannot become one); ``module``: the declaring module's
    ``__name__``. Returns the code."""
    _register(Rule(code, name, (scope,), field, severity, inspect.cleandoc(doc), None, module))
    return code


def all_rules() -> list[Rule]:
    """Every rule, by code."""
    for topic in TOPICS:
        importlib.import_module(f"{__package__}.{topic}")
    return [_RULES[code] for code in sorted(_RULES)]


def find(code: str) -> Rule | None:
    """The rule with ``code`` (any case), or None."""
    all_rules()
    return _RULES.get(code.upper())


def rules_for(scope: Scope) -> list[Rule]:
    return [r for r in all_rules() if scope in r.scopes and r.check is not None]


Report = Callable[[FieldPath, str, Severity, str], None]
"""Where a problem goes: ``(field path, message, severity, code)``, e.g. a record's
``problem`` method."""


def run(scope: Scope, subject: Any, report: Report) -> None:
    """Run every rule of ``scope`` over ``subject`` (a :mod:`kokous.lint.subjects` object)."""
    for found in rules_for(scope):
        assert found.check is not None
        for path, message in found.check(subject):
            report(path, message, found.severity, found.code)


def findings(scope: Scope, subject: Any) -> Iterator[tuple[Rule, FieldPath, str]]:
    """The problems of every rule of ``scope``, each with its rule (for rules that report in
    more than one file, such as the volume's)."""
    for found in rules_for(scope):
        assert found.check is not None
        for path, message in found.check(subject):
            yield found, path, message
