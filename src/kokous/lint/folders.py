"""K1xx: which files and folders under records/ are records. Applied from directory listings
alone, before any file is read, by :func:`start_problems`: the workflow at every start
(:func:`kokous.plan.scan`) and ``kokous validate`` use this one function, so they refuse the
same folders with the same line. The names of meeting and year files are judged by
:func:`kokous.layout.scan_records`, with the codes declared here."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..layout import FileProblem, RecordTree, scan_records
from .registry import declare

BODY_ID = re.compile(r"[a-z][a-z0-9_-]*\Z")
"""A body id is its folder name: the same pattern as ``schemas/common.schema.json#/$defs/id``."""

NO_RECORDS = declare(
    "K100",
    "no-records-folder",
    scope="files",
    field="",
    module=__name__,
    doc="""The records folder does not exist.

    Why: there is nothing to validate or build.
    Example: ``kokous validate --records recrods``.
    Fix: run from the folder holding records/, or give --records (the workflow's config key
    ``records``).""",
)
BODY_FOLDER_NAME = declare(
    "K101",
    "body-folder-name",
    scope="files",
    field="",
    module=__name__,
    doc="""A folder under records/ whose name is not a valid body id.

    Why: the folder name is the body's id; it reaches file names, job names and commands, so
    it is lower-case letters a-z, digits, '-' and '_', starting with a letter. A copy left by
    a file manager (``kuntajaosto (kopio)``) or a name holding a command (``x$(touch X)``)
    stops the whole run before any job.
    Example: ``records/'kuntajaosto (kopio)': not a valid body id``.
    Fix: rename the folder (e.g. ``kuntajaosto``), or move a copy out of records/.""",
)
BODY_FOLDER_TWINS = declare(
    "K102",
    "body-folder-twins",
    scope="files",
    field="",
    module=__name__,
    doc="""Two body folders whose names differ only by '-' and '_'.

    Why: job names read '-' as '_', so the build could not tell the two bodies apart.
    Example: ``records/tyo-vk`` beside ``records/tyo_vk``.
    Fix: rename one of them.""",
)
NO_BODY_FILE = declare(
    "K103",
    "no-body-file",
    scope="files",
    field="",
    module=__name__,
    doc="""A folder under records/ without body.yaml.

    Why: every folder under records/ is a body, described by its body.yaml.
    Example: ``records/arkisto/`` holding old files.
    Fix: add body.yaml, or move the folder out of records/.""",
)
BODY_FILE_NAME = declare(
    "K104",
    "body-file-name",
    scope="files",
    field="",
    module=__name__,
    doc="""The body's record is not named exactly body.yaml.

    Why: only body.yaml (lower case, .yaml) is read; ``Body.yaml`` or ``body.yml`` would be
    ignored on one machine and read on another.
    Example: ``records/tyonvk/body.yml``.
    Fix: rename it body.yaml.""",
)
MEETING_FILE_NAME = declare(
    "K105",
    "meeting-file-name",
    scope="files",
    field="",
    module=__name__,
    doc="""A file in meetings/ whose name is not a meeting date.

    Why: the file name is the meeting's key and date, ``YYYY-MM-DD.yaml`` (``-2`` for a second
    meeting that day); the meeting's number and § numbers follow from the order of the names.
    Example: ``2025-9-24.yaml``, ``2025-02-30.yaml``, ``kokous.yaml``.
    Fix: name it YYYY-MM-DD.yaml with a date that exists.""",
)
YEAR_FILE_NAME = declare(
    "K106",
    "year-file-name",
    scope="files",
    field="",
    module=__name__,
    doc="""A file in years/ whose name is not a year.

    Why: a year's narrative is ``years/YYYY.yaml``; any other name is never read.
    Example: ``years/2025-narrative.yaml``.
    Fix: name it YYYY.yaml.""",
)
RECORD_SUFFIX = declare(
    "K107",
    "record-suffix",
    scope="files",
    field="",
    module=__name__,
    doc="""A record saved as .yml or .YAML.

    Why: only ``.yaml`` (lower case) is read, so that one name means one file everywhere.
    Example: ``meetings/2025-03-12.yml``.
    Fix: rename it .yaml (and keep only one of the two when both are there).""",
)
LINK_OUT = declare(
    "K108",
    "link-out-of-records",
    scope="files",
    field="",
    module=__name__,
    doc="""A link that leads out of records/, or to nothing.

    Why: a link out could make the build publish any file the machine can read, so it is
    refused however harmless its target looks.
    Example: ``meetings/2025-03-12.yaml -> /home/me/draft.yaml``.
    Fix: copy the record into records/ instead of linking to it.""",
)


def folder_name_problems(records: Path) -> list[FileProblem]:
    """K101 and K102: the folders under ``records`` whose names cannot be body ids."""
    try:
        with os.scandir(records) as entries:
            names = sorted(e.name for e in entries if e.is_dir() and not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return [FileProblem(str(records), "no records folder here", None, None, NO_RECORDS)]
    found: list[FileProblem] = []
    seen: dict[str, str] = {}
    for name in names:
        if not BODY_ID.match(name):
            found.append(
                _named(
                    records,
                    name,
                    BODY_FOLDER_NAME,
                    "not a valid body id; a body "
                    "folder is named with lower-case letters a-z, digits, '-' and '_', starting "
                    "with a letter (e.g. tyonvk, kuntajaosto)",
                )
            )
            continue
        # Job names are made of ids with '-' read as '_' (Snakemake's names are identifiers).
        twin = seen.setdefault(name.replace("-", "_"), name)
        if twin != name:
            found.append(
                FileProblem(
                    f"{records}/{twin!r} and {records}/{name!r}",
                    "names that differ only by '-' and '_' are one body to the build; rename "
                    "one of them",
                    name,
                    None,
                    BODY_FOLDER_TWINS,
                )
            )
    return found


def _named(records: Path, name: str, code: str, message: str) -> FileProblem:
    # repr: a name holding a quote, a newline or a command prints as what it is.
    return FileProblem(f"{records}/{name!r}", message, name, None, code)


def start_problems(records: Path) -> tuple[RecordTree, list[FileProblem]]:
    """The record files, and the problems that stop the whole workflow at its start: folder
    names that cannot be body ids, and file problems no body-year's check can report (a
    folder without body.yaml, a misnamed file whose name gives no year). A folder refused
    for its name is left out of the tree and reported once."""
    refused = folder_name_problems(records)
    if any(p.code == NO_RECORDS for p in refused):
        return RecordTree(records), refused
    tree = scan_records(records)
    names = {p.body for p in refused}
    bodies = {b: files for b, files in tree.bodies.items() if b not in names}
    problems = tuple(p for p in tree.problems if p.body not in names)
    tree = RecordTree(tree.root, bodies, problems)
    unplaceable = [p for p in problems if p.body not in bodies or p.year is None]
    return tree, [*refused, *unplaceable]
