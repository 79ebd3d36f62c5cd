"""The one owner of output files: safe paths, atomic writes, no needless rewrites.

Like pelican's ``writers.py`` (``sanitised_join``), every path is joined onto the output root
and refused if it would land outside it. A batch is written in two phases: every file is first
staged as a temporary file beside its target, and only when all are staged are they moved into
place with ``os.replace``; a failure while staging removes the temporaries and leaves every
existing file as it was. A file whose bytes are unchanged is not touched, so its mtime stays
and downstream steps see nothing new.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

TEMP_PREFIX = ".kokous-tmp-"


class UnsafePathError(ValueError):
    """A requested output path would fall outside the output root."""


def sanitised_join(root: Path, relative: str | PurePosixPath) -> Path:
    """Return ``root / relative``, refusing absolute paths, ``..`` and escapes via symlinks."""
    rel = PurePosixPath(relative)
    text = str(relative)
    if not rel.parts or rel.is_absolute() or "\\" in text or ".." in rel.parts or "\x00" in text:
        raise UnsafePathError(f"refusing output path {text!r}: must be relative, without '..'")
    root_resolved = _resolved(root)
    target = _resolved(root_resolved.joinpath(*rel.parts[:-1])) / rel.parts[-1]
    if target.is_symlink():
        target = target.resolve()
    if not target.is_relative_to(root_resolved) or target == root_resolved:
        raise UnsafePathError(f"refusing output path {text!r}: outside {root_resolved}")
    return target


@functools.lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    """``folder`` with symlinks resolved, once per process: a job joins hundreds of files onto
    a few dozen folders, and resolving costs a system call per path component."""
    return folder.resolve()


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except FileNotFoundError:
        return False


def write_files(root: Path, files: Mapping[str | PurePosixPath, bytes]) -> list[Path]:
    """Write every ``relative path -> bytes`` under ``root`` atomically, all or nothing.

    Returns the target paths of all files (written or already up to date), in input order.
    """
    root.mkdir(parents=True, exist_ok=True)
    targets = [(sanitised_join(root, rel), data) for rel, data in files.items()]
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in targets:
            if _unchanged(target, data):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
            tmp = Path(tmp_name)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            tmp.chmod(0o644)
    except BaseException:
        _discard(tmp for tmp, _ in staged)
        raise
    for tmp, target in staged:
        tmp.replace(target)
    return [target for target, _ in targets]


def write_file(root: Path, relative: str | PurePosixPath, data: bytes) -> Path:
    """Write one file under ``root`` atomically (see :func:`write_files`)."""
    return write_files(root, {relative: data})[0]


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remove_empty_folders(root: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents below ``root`` while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent


SNAKEMAKE_MARK = ".snakemake_timestamp"
"""The file Snakemake creates in every ``directory()`` output after its job, as the folder's
modification time (snakemake.io: ``IOFile.touch``, read back by ``mtime_uncached``)."""


def settle_folder_marks(folders: Iterable[Path]) -> None:
    """Move Snakemake's mark out of each folder (a ``directory()`` output) onto the folder
    itself: its time becomes the folder's modification time, then the mark goes. Snakemake
    reads a folder without the mark by the folder's own time, so it sees the same time, and
    the editions hold nothing of Snakemake's. The job that takes the folders as inputs calls
    this (a job cannot do it for its own outputs: Snakemake makes the mark after the job)."""
    for folder in folders:
        mark = folder / SNAKEMAKE_MARK
        try:
            stamp = mark.stat()
        except FileNotFoundError:
            continue
        # Unlinking changes the folder's time, so the time is set after (to the nanosecond).
        mark.unlink()
        os.utime(folder, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def prune_folder(folder: Path, keep: Iterable[Path]) -> list[Path]:
    """Remove the files directly in ``folder`` that are not in ``keep`` (what a job no longer
    writes there: a format or language gone) and return them."""
    wanted = {Path(p) for p in keep}
    removed = []
    with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
        for entry in entries:
            path = Path(entry.path)
            if entry.is_file(follow_symlinks=False) and path not in wanted:
                path.unlink()
                removed.append(path)
    return sorted(removed)
