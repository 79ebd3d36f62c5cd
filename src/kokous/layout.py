"""Where records live, found from directory listings alone.

Snakemake calls these at every start to lay out its DAG, so they must stay cheap: no YAML
parsing, no validation (the build jobs validate). Layout: ``records/<body>/body.yaml``,
``records/<body>/meetings/<YYYY-MM-DD>[-N].yaml``, ``records/<body>/years/<YYYY>.yaml``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

MEETING_FILE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<seq>[2-9]))?\Z")
_PARENT_LINE = re.compile(r"^parent:\s*['\"]?([A-Za-z0-9_-]+)", re.MULTILINE)


def body_ids(records: Path) -> list[str]:
    """Ids of every body: folders under ``records`` holding a ``body.yaml``."""
    return sorted(p.parent.name for p in records.glob("*/body.yaml"))


def meeting_order(key: str) -> tuple[str, int]:
    """Sort key of a meeting file stem: by date, then the ``-N`` suffix."""
    match = MEETING_FILE.match(key)
    if not match:
        return (key, 0)
    return (match["date"], int(match["seq"] or 1))


def meeting_keys(records: Path, body: str, year: int | None = None) -> list[str]:
    """Meeting keys (file stems) of a body, optionally of one year, in meeting order."""
    pattern = f"{year}-*.yaml" if year else "*.yaml"
    keys = [p.stem for p in (records / body / "meetings").glob(pattern)]
    return sorted(keys, key=meeting_order)


def meeting_years(records: Path, body: str) -> list[int]:
    """Calendar years in which the body has meeting records."""
    return sorted({int(key[:4]) for key in meeting_keys(records, body) if key[:4].isdigit()})


def narrative_years(records: Path, body: str) -> list[int]:
    """Years with a ``years/<YYYY>.yaml`` narrative."""
    return sorted(
        int(p.stem) for p in (records / body / "years").glob("*.yaml") if p.stem.isdigit()
    )


def parent_of(records: Path, body_id: str) -> str | None:
    """The ``parent:`` of a body, found by a regex rather than a YAML parse (cheap at start)."""
    try:
        text = (records / body_id / "body.yaml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _PARENT_LINE.search(text)
    return match.group(1) if match else None


def subcommittee_ids(records: Path, parent: str) -> list[str]:
    """Ids of the bodies whose ``parent`` is ``parent``."""
    return sorted(b for b in body_ids(records) if parent_of(records, b) == parent)


WORKFLOW_PARTS = (
    "Snakefile",
    "rules",
    "config",
    "profiles",
    "templates",
    "locale",
    "schemas",
    "fonts",
    "envs",
    "src",
    "pyproject.toml",
)
"""What a runnable copy of the workflow holds besides its records (never build/, .git, .venv)."""


def copy_workflow(source: Path, dest: Path, records: Path | None = None) -> Path:
    """Copy the workflow at ``source`` into ``dest``, with ``records`` as its records folder
    when given (the tests' and the benchmark's scratch workflows); return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for part in WORKFLOW_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, dest / part, ignore=ignore)
        elif path.is_file():
            shutil.copy2(path, dest / part)
    if records is not None:
        shutil.copytree(records, dest / "records", ignore=ignore)
    return dest
