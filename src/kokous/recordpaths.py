"""Where a record file is, as the secretary sees it, and which files may be read at all.

The ground floor under both the layout (:mod:`kokous.layout`, which files are records) and the
loader (:mod:`kokous.records`, what a record says): neither calls into the other for these, so
a record's path flows one way, down.
"""

from __future__ import annotations

import os
from pathlib import Path

# Editors' leftovers: Emacs (x~, #x#, .#x lock links), Vim (.x.swp, .swo, …), and the backups
# other tools leave (x.bak, git's merge x.orig). None is a record; none is worth a message.
_EDITOR_SUFFIXES = (".swp", ".swo", ".swn", ".swx", ".bak", ".orig", ".tmp")


def display_path(records: Path, path: Path) -> str:
    """The path as the secretary sees it: relative to the folder holding ``records/``."""
    try:
        return str(path.relative_to(records.parent))
    except ValueError:
        return str(path)


def is_editor_file(name: str) -> bool:
    """Whether a file name is an editor's backup, lock or swap file, or hidden: never a record."""
    return (
        name.startswith(".")
        or name.endswith("~")
        or (name.startswith("#") and name.endswith("#"))
        or name.lower().endswith(_EDITOR_SUFFIXES)
    )


def link_problem(records: Path, path: Path) -> str | None:
    """Why ``path`` must not be read when it is a link leading out of ``records`` (or nowhere);
    None when it is no link or stays inside. A link out could make the build publish any file
    the machine can read, so it is refused however harmless its target looks."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a link to nothing (its target does not exist); put the record itself here"
    if not target.is_relative_to(records.resolve()):
        return (
            "a link to a file outside records/, which kokous does not read; "
            "copy the record into records/ instead of linking to it"
        )
    return None


def entries(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries that could be records (editors' files left out), sorted by name;
    none for a folder that is not there."""
    try:
        with os.scandir(folder) as found:
            return sorted((e for e in found if not is_editor_file(e.name)), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
