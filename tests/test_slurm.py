"""The full sample build through a cluster engine gives byte-identical outputs.

Preferred: a real single-node SLURM on localhost and ``profiles/slurm``: when SLURM is
installed but not answering, the ``slurm_node`` fixture (tests/conftest.py) brings it up as
root with ``ci/slurm/start.sh`` (the packages come from ``ci/provision.sh``; no test installs
anything) and stops the daemons it started when the session ends. When SLURM cannot run here, the test prints why and falls back to
Snakemake's ``cluster-generic`` executor, which hands every job to ``ci/slurm/submit-local.sh``
to run as a separate process. Either way the manifest's checksums must equal the local build's.
``KOKOUS_CLUSTER_TEST=generic`` forces the fallback. It needs the two executor plugins (it
skips without them, or fails under ``CI=true``); under ``CI=true``, which provisions and starts
SLURM, a SLURM node that does not answer fails the test instead of falling back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import REPO, copy_workflow, snakemake
from tools import in_ci, require

SUBMIT = REPO / "ci" / "slurm" / "submit-local.sh"


def checksums(build: Path) -> dict[str, str]:
    artifacts = json.loads((build / "manifest.json").read_text("utf-8"))["artifacts"]
    return {a["path"]: a["sha256"] for a in artifacts}


def test_cluster_build_matches_the_local_build(
    built_sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    slurm_node: str | None,
) -> None:
    require("snakemake_executor_plugin_slurm", "snakemake_executor_plugin_cluster_generic")
    workdir = copy_workflow(tmp_path / "workflow")
    if os.environ.get("KOKOUS_CLUSTER_TEST") == "generic":  # to exercise the fallback
        why_not = "KOKOUS_CLUSTER_TEST=generic asks for the fallback"
    else:
        why_not = slurm_node
        if why_not is not None and in_ci():
            pytest.fail(f"CI=true and no SLURM node: {why_not}", pytrace=False)
    if why_not is None:
        engine = "SLURM (single node on localhost, profiles/slurm)"
        args = [
            "--profile",
            "profiles/slurm",
            # No slurmdbd here, so sacct has no records: ask squeue (MinJobAge keeps
            # finished jobs visible long enough), and look early, the jobs are short.
            "--slurm-status-command",
            "squeue",
            "--slurm-init-seconds-before-status-checks",
            "3",
        ]
    else:
        engine = "cluster-generic (each job a separate process via ci/slurm/submit-local.sh)"
        args = [
            "--executor",
            "cluster-generic",
            "--cluster-generic-submit-cmd",
            str(SUBMIT),
            "--jobs",
            "4",
        ]
    with capsys.disabled():
        print(f"\ntest_slurm: running the sample build through {engine}")
        if why_not is not None:
            print(f"test_slurm: no real SLURM here: {why_not}")
    result = snakemake(workdir, *args, check=False)
    assert result.returncode == 0, f"{engine} build failed:\n{result.stdout}\n{result.stderr}"
    if why_not is None:
        assert "submitted with SLURM jobid" in result.stdout + result.stderr
    assert checksums(workdir / "build") == checksums(built_sample)
