"""Shared fixtures: a copy of the workflow in a temporary folder, and one full sample build.

The full build runs once per test session (about ten seconds) and is shared read-only by every
test that inspects generated files. Tests that edit records or templates copy the workflow
again (``workflow_copy``) so they never disturb the shared build.
"""

from __future__ import annotations

import os
import subprocess
import sys
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
