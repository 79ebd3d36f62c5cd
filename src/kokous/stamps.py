"""Snakemake's marks in folder outputs, taken out of the editions.

After every job Snakemake touches each ``directory()`` output, and in a real folder that means
writing ``.snakemake_timestamp`` into it: the time it reads as the folder's. Inside
``build/public`` or ``build/internal`` that file would be published (and the release zips
and the manifest never list it). At the end of a run, :func:`drop_folder_stamps` removes each
one and gives its folder the stamp's time instead, which Snakemake reads when a folder has no
stamp (``snakemake.io``: "No timestamp, hence go on as if it is a file"), so what is stale
stays stale and what is current stays current.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

STAMP = ".snakemake_timestamp"


def drop_folder_stamps(roots: Iterable[str]) -> int:
    """Remove every Snakemake stamp under ``roots`` (folders that may not exist), setting each
    folder's times to its stamp's; return how many there were."""
    dropped = 0
    for root in roots:
        for folder, _, files in os.walk(root):
            if STAMP not in files:
                continue
            stamp = Path(folder) / STAMP
            times = stamp.stat()
            stamp.unlink()  # this changes the folder's mtime, so set it afterwards
            os.utime(folder, ns=(times.st_atime_ns, times.st_mtime_ns))
            dropped += 1
    return dropped
