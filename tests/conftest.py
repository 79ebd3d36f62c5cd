"""Shared fixtures: a copy of the workflow in a temporary folder, and one full sample build.

The full build runs once per test session (about ten seconds) and is shared read-only by every
test that inspects generated files. Tests that edit records or templates copy the workflow
again (``workflow_copy``) so they never disturb the shared build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kokous import layout

REPO = Path(__file__).resolve().parents[1]
#: A fixed build clock (1.1.2026 00:00 UTC), so embargoes of the 2025 sample have passed and
#: output does not depend on when the tests run.
SOURCE_DATE_EPOCH = "1767225600"
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


def copy_workflow(dest: Path, records: Path | None = None) -> Path:
    """Copy the workflow into ``dest`` (records from ``records``, else the sample's)."""
    return layout.copy_workflow(REPO, dest, records or REPO / "records")


def snakemake(
    workdir: Path, *args: str, epoch: str = SOURCE_DATE_EPOCH, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run snakemake in ``workdir`` with the default profile and a fixed build clock."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    result = subprocess.run(
        [SNAKEMAKE, "--cores", "2", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and result.returncode != 0:
        pytest.fail(f"snakemake {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built_workflow(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workflow copy on which the full sample build has run once; treat it as read-only."""
    workdir = copy_workflow(tmp_path_factory.mktemp("sample") / "workflow")
    snakemake(workdir)
    return workdir


@pytest.fixture(scope="session")
def built_sample(built_workflow: Path) -> Path:
    """The ``build/`` folder of the full sample build (editions, manifest)."""
    return built_workflow / "build"


@pytest.fixture
def workflow_copy(tmp_path: Path) -> Path:
    """A fresh workflow copy of one's own, to edit and build."""
    return copy_workflow(tmp_path / "workflow")


# ---------------------------------------------------------------------------------------------
# A SLURM node for the session, when SLURM is installed (ci/provision.sh)

SLURM_START = REPO / "ci" / "slurm" / "start.sh"
SLURM_STOP = REPO / "ci" / "slurm" / "stop.sh"
SLURM_DAEMONS = ("slurmd", "slurmctld", "munged")


def slurm_ready() -> str | None:
    """None when a SLURM node answers on this machine, else why not (one line)."""
    if not shutil.which("sinfo"):
        return "SLURM client tools (sinfo) are not installed"
    result = subprocess.run(
        ["sinfo", "-h", "-N", "-o", "%T"], capture_output=True, text=True, check=False, timeout=30
    )
    state = result.stdout.strip()
    if result.returncode != 0:
        return f"sinfo failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}"
    if not state.startswith(("idle", "mixed", "allocated")):
        return f"the SLURM node is {state or 'missing'}"
    return None


def _running(daemon: str) -> bool:
    return subprocess.run(["pgrep", "-x", daemon], capture_output=True, check=False).returncode == 0


@pytest.fixture(scope="session", autouse=True)
def slurm_node() -> Iterator[str | None]:
    """None when a SLURM node answers, else why not. Where SLURM is installed but not running
    and the tests run as root, the node is started for the session and the daemons started are
    stopped when it ends. For the whole session, not one test: with the SLURM executor plugin
    installed, every Snakemake start runs ``scontrol``, which waits 10 s for a controller that
    does not answer."""
    why = slurm_ready()
    started: list[str] = []
    if why is not None and shutil.which("slurmctld") and os.geteuid() == 0:
        before = {d for d in SLURM_DAEMONS if _running(d)}
        result = subprocess.run(
            ["bash", str(SLURM_START)], capture_output=True, text=True, check=False, timeout=300
        )
        started = [d for d in SLURM_DAEMONS if d not in before and _running(d)]
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines()
            why = f"ci/slurm/start.sh exited {result.returncode}: " + " | ".join(lines[-3:])
        else:
            why = slurm_ready()
    elif why is not None and shutil.which("slurmctld"):
        why = f"{why}, and starting SLURM needs root (sudo bash ci/slurm/start.sh)"
    try:
        yield why
    finally:
        if started:
            subprocess.run(["bash", str(SLURM_STOP), *started], check=False, timeout=120)
            left = [d for d in started if _running(d)]
            assert not left, f"SLURM daemons outlived the tests: {left}"
