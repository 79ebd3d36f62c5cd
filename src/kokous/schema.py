"""Structural checks of a record against its JSON Schema (draft 2020-12) in ``schemas/``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .errors import RecordProblem
from .yamlfile import FieldPath, format_path

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
KINDS = ("body", "meeting", "year")


def schema_path(kind: str) -> Path:
    return SCHEMAS / f"{kind}.schema.json"


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator | None:
    path = schema_path(kind)
    if not path.is_file():
        return None
    return jsonschema.Draft202012Validator(
        json.loads(path.read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def check(kind: str, data: Any, lines: dict[FieldPath, int], display: str) -> list[RecordProblem]:
    """Every schema violation in ``data`` as a one-line problem with its line and field."""
    validator = _validator(kind)
    if validator is None:
        return []
    problems = []
    for error in validator.iter_errors(data):
        path: FieldPath = tuple(error.absolute_path)
        line = lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = lines.get(probe)
        problems.append(RecordProblem(display, line or 1, format_path(path), error.message))
    return problems
