#!/usr/bin/env bash
# The fallback "cluster" for tests/test_slurm.py when no SLURM can run: Snakemake's
# cluster-generic executor calls this with a job script; it starts the script as a separate,
# detached process (its own session, like a batch job) and prints the job id (the pid).
# Snakemake then waits for the job script's own success or failure marker files.
set -euo pipefail
jobscript="$1"
setsid bash "$jobscript" >"$jobscript.log" 2>&1 </dev/null &
echo $!
