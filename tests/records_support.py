"""Helpers for the records tests: a scratch copy of the sample corpus, edited by text."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "records"


def copy_records(tmp_path: Path, source: Path = RECORDS) -> Path:
    """A copy of ``source`` at ``tmp_path/records``, so messages read ``records/…``."""
    target = tmp_path / "records"
    shutil.copytree(source, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path`` with ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors(records: Path) -> list[str]:
    """Every error line ``validate_tree`` reports (warnings left out)."""
    from kokous.records import validate_tree

    return [str(p) for p in validate_tree(records) if p.is_error]
