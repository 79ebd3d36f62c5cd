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


def seat_the_vm_deputy(body: Path) -> None:
    """Tie VM's personal deputy to the seat rather than to a person, and hand the seat from
    Kaisa Kuvitelma to a new member, Ulla Uusinen, on 1.11.2025 (TyöNVK's body.yaml)."""
    edit(
        body,
        "  - {person: kuvitelma, post: member, on_behalf_of: vm, start: 2025-01-30}\n"
        "  - {person: mallinen, post: deputy, deputy_for: kuvitelma, on_behalf_of: vm, "
        "start: 2025-01-30}\n",
        "  - {person: kuvitelma, post: member, seat: vm, on_behalf_of: vm, start: 2025-01-30, "
        "end: 2025-10-31}\n"
        "  - {person: uusi, post: member, seat: vm, on_behalf_of: vm, start: 2025-11-01}\n"
        "  - {person: mallinen, post: deputy, seat: vm, on_behalf_of: vm, start: 2025-01-30}\n",
    )
    edit(
        body,
        "  mallikas:\n",
        "  uusi:\n    name: Ulla Uusinen\n    titles:\n"
        "      - title: {fi: finanssineuvos, sv: finansråd, en: Financial Counsellor}\n"
        "        organisation: vm\n  mallikas:\n",
    )
