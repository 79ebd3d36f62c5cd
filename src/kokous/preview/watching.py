"""What a saved file means to the preview: which body-years and meetings it touches, or that
the templates changed, or that the whole tree must be planned again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from .. import plan
from ..recordpaths import is_editor_file
from .models import Models


@dataclasses.dataclass
class Edit:
    """The saved files of one look, sorted by what they ask the preview to do."""

    templates_changed: bool = False
    touched: set[tuple[str, int]] = dataclasses.field(default_factory=set)
    """Body-years to check again."""
    edited: list[tuple[str, int, str]] = dataclasses.field(default_factory=list)
    """(body, year, meeting) whose HTML is rendered at once."""
    whole: bool = False
    """Plan and load everything again (a new or removed body, a stray file)."""


def classify(paths: Iterable[Path], models: Models) -> Edit:
    """Sort the saved ``paths``; a changed ``body.yaml`` is read at once, since it decides
    which body-years the next paths touch."""
    records = models.records.resolve()
    edit = Edit()
    for path in paths:
        path = path.resolve()
        if any(is_editor_file(part) for part in path.parts):
            continue
        if not path.is_relative_to(records):
            edit.templates_changed = True
            continue
        place = record_place(path.relative_to(records).parts)
        if place is None:
            # A new or removed body, or a stray file the checks report; not an
            # editor's temporary file that came and went before this look.
            edit.whole = edit.whole or path.exists() or len(path.relative_to(records).parts) < 3
            continue
        body, year, meeting = place
        if year is None and body not in models.parents:
            edit.whole = True  # a new body
            continue
        if year is None:  # body.yaml: its family's years
            models.read_bodies()
            parents = models.parents
            edit.touched |= {k for k in models.years if body in (k[0], parents.get(k[0]))}
            edit.touched |= {k for k in models.years if k[0] == parents.get(body)}
            continue
        edit.touched.add((body, year))
        if meeting:
            edit.edited.append((body, year, meeting))
    return edit


def has_records(by: plan.BodyYear) -> bool:
    return any(f"/{folder}/" in r for r in by.records for folder in ("meetings", "years"))


def record_place(parts: tuple[str, ...]) -> tuple[str, int | None, str | None] | None:
    """(body, year, meeting key) of a record file by its path under ``records/``; year None
    for a ``body.yaml``; None for anything else (a folder, a new body: reload everything)."""
    if len(parts) == 2 and parts[1] == "body.yaml":
        return parts[0], None, None
    if len(parts) == 3 and parts[2].endswith(".yaml") and parts[2][:4].isdigit():
        stem = parts[2].removesuffix(".yaml")
        if parts[1] == "meetings":
            return parts[0], int(stem[:4]), stem
        if parts[1] == "years" and stem.isdigit():
            return parts[0], int(stem), None
    return None
