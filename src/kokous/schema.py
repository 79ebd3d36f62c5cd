"""Structural checks of a record against its JSON Schema (draft 2020-12) in ``schemas/``.

The schemas are the contract editors use too (VS Code's YAML extension reads them through the
``# yaml-language-server: $schema=…`` line of each record), so they hold only standard keywords.
The plain-words wording of messages comes from the schemas themselves where it can: a type's
``title`` ("a date") and first ``examples`` entry ("2025-03-12") make "expected a date like
2025-03-12, got '12.3.2025'".
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths
from .errors import RecordProblem
from .yamlfile import FieldPath, format_path

# jsonschema is imported when a record is first checked: a build job whose records all passed
# before (see kokous.records.CheckedRecords) never needs it.
if TYPE_CHECKING:
    import jsonschema
    from referencing import Registry

SCHEMAS = paths.ROOT / "schemas"
KINDS = ("body", "meeting", "year")


def schema_path(kind: str) -> Path:
    return SCHEMAS / f"{kind}.schema.json"


@cache
def _registry() -> Registry:
    """Every schema file under its file name, so ``common.schema.json#/$defs/…`` resolves the
    same way here as relative to the file in an editor."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (
            path.name,
            Resource.from_contents(
                json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012
            ),
        )
        for path in sorted(SCHEMAS.glob("*.schema.json"))
    ]
    return Registry().with_resources(resources)


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    registry = _registry()
    name = schema_path(kind).name
    return jsonschema.Draft202012Validator(
        _inline(registry[name].contents, name, registry),
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _inline(node: Any, base: str, registry: Registry) -> Any:
    """The schema with every ``$ref`` replaced by what it points at (siblings such as
    ``description`` kept). The files keep their ``$ref``s for editors; validating the inlined
    copy skips a reference lookup per value, which was most of the validation time. The
    schemas have no recursive references, so this terminates."""
    if isinstance(node, list):
        return [_inline(x, base, registry) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        file, _, pointer = ref.partition("#")
        file = file or base
        target: Any = registry[file].contents
        for part in filter(None, pointer.split("/")):
            target = target[part]
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        return {**_inline(target, file, registry), **_inline(siblings, base, registry)}
    return {k: (v if k == "$defs" else _inline(v, base, registry)) for k, v in node.items()}


def check(kind: str, data: Any, lines: dict[FieldPath, int], display: str) -> list[RecordProblem]:
    """Every schema violation in ``data`` as a one-line problem with its line and field."""
    errors = list(_validator(kind).iter_errors(data))
    # A value that fails its pattern ("12.3.2025") also fails its format: say it once.
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    problems = []
    for error in errors:
        base: FieldPath = tuple(error.absolute_path)
        if error.validator == "format" and base in patterned:
            continue
        for path, message in plain_words(error):
            problems.append(RecordProblem(display, _line(lines, path), format_path(path), message))
    return problems


def _line(lines: dict[FieldPath, int], path: FieldPath) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


# ---------------------------------------------------------------------------------------------
# Plain words


_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields",
    "null": "nothing",
}


def _got(value: Any) -> str:
    """How a value reads in a message: ``'12.3.2025'``, ``the number 5``, ``a list``."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__  # pragma: no cover - YAML yields only the types above


def _expected(schema: dict[str, Any]) -> str:
    """What a schema asks for, in words: its ``title`` (and first example), else its type."""
    if isinstance(schema.get("title"), str):
        words = schema["title"]
    else:
        types = schema.get("type", [])
        types = [types] if isinstance(types, str) else types
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in types) or "something else"
    examples = schema.get("examples")
    if examples:
        words += " like " + " or ".join(str(x) for x in examples)
    return words


def suggest(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'decision'?)`` when a known word is close to ``word``, else ``""``."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def plain_words(error: jsonschema.ValidationError) -> list[tuple[FieldPath, str]]:
    """One schema error as (field path, message) pairs a secretary can act on."""
    path: FieldPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    kind = error.validator
    if kind == "additionalProperties" and isinstance(value, dict):
        known = schema.get("properties", {})
        return [
            (
                (*path, key),
                f"unknown field '{key}'{suggest(key, known)}; known fields: "
                + ", ".join(sorted(known)),
            )
            if len(known) <= 8
            else ((*path, key), f"unknown field '{key}'{suggest(key, known)}")
            for key in value
            if key not in known
        ]
    if kind == "required" and isinstance(value, dict):
        return [
            (path, f"missing required field '{key}'")
            for key in error.validator_value
            if key not in value
        ]
    if "propertyNames" in error.absolute_schema_path:
        # A key of a map of ids (persons:, organisations:) that is not an id.
        return [((*path, str(value)), f"the key '{value}' is not {_expected(schema)}")]
    if kind == "enum":
        options = ", ".join(str(x) for x in error.validator_value)
        return [(path, f"must be one of: {options} (got {_got(value)})")]
    if kind == "type":
        return [(path, f"expected {_expected(schema)}, got {_got(value)}")]
    if kind == "pattern":
        return [(path, f"expected {_expected(schema)}, got {_got(value)}")]
    if kind == "format":
        if error.validator_value == "date":
            return [(path, f"there is no such date as {value} (check the day and month)")]
        return [(path, f"expected {_expected(schema)}, got {_got(value)}")]
    if kind == "minLength":
        return [(path, "must not be empty")]
    if kind == "maxLength":
        return [(path, f"must be at most {error.validator_value} characters (got {_got(value)})")]
    if kind == "minProperties":
        if "fi" in schema.get("properties", {}):
            return [(path, "give the text in at least one language (fi:, sv: or en:)")]
        return [(path, "must not be empty")]
    if kind == "minItems":
        return [(path, f"must list at least {error.validator_value} entry")]
    if kind == "uniqueItems":
        return [(path, "lists the same entry twice")]
    if kind == "minimum":
        return [(path, f"must be at least {error.validator_value} (got {_got(value)})")]
    if kind == "maximum":
        return [(path, f"must be at most {error.validator_value} (got {_got(value)})")]
    return [(path, error.message)]  # pragma: no cover - every keyword the schemas use is above
