"""Where the files shipped with the workflow (templates, catalogs, fonts, schemas) are read from.

Snakemake declares ``templates/…``, ``locale/…``, ``fonts/…`` and ``schemas/…`` as inputs
relative to the workflow's working directory, so the jobs must read exactly those files, not a
copy elsewhere: a job run in a workflow folder reads that folder's files. Outside a workflow
folder (a Python shell, the tests of one module) the source checkout's files are used.
``KOKOUS_WORKFLOW`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

SOURCE_CHECKOUT = Path(__file__).resolve().parents[2]


def _shipped_root() -> Path:
    override = os.environ.get("KOKOUS_WORKFLOW")
    if override:
        return Path(override).resolve()
    cwd = Path.cwd()
    if (cwd / "Snakefile").is_file() and (cwd / "templates").is_dir():
        return cwd.resolve()
    return SOURCE_CHECKOUT


ROOT = _shipped_root()
"""The folder holding ``templates/``, ``locale/``, ``fonts/`` and ``schemas/``."""
