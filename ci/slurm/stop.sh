#!/usr/bin/env bash
# Stop the daemons ci/slurm/start.sh started: the ones named as arguments (slurmd, slurmctld,
# munged), so that a test stops exactly what it brought up. Run as root; idempotent.
set -euo pipefail

for daemon in "$@"; do
  case "$daemon" in
    slurmd | slurmctld | munged) ;;
    *) echo "ci/slurm/stop.sh: not a SLURM daemon: $daemon" >&2; exit 2 ;;
  esac
  pkill -x "$daemon" || true
  for _ in $(seq 1 20); do
    pgrep -x "$daemon" >/dev/null || break
    sleep 0.5
  done
  pkill -9 -x "$daemon" || true
done
