#!/usr/bin/env bash
# Bring up a single-node SLURM cluster on localhost: munge for authentication, slurmctld as
# the controller, slurmd as the one compute node (2 CPUs). Run as root; idempotent. The
# packages come from ci/provision.sh: this script installs nothing.
# Used by tests/test_slurm.py, which stops what it started (ci/slurm/stop.sh); see
# docs/cluster.md.
#
# Exit status: 0 when `sinfo` shows the node idle; non-zero (with the reason on stderr) when
# SLURM cannot run here, so the caller can fall back to the cluster-generic executor.
set -euo pipefail

log() { echo "ci/slurm/start.sh: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root (installs packages, starts daemons)"
  exit 2
fi

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  log "slurmctld, slurmd or munged is not installed: run sudo bash ci/provision.sh"
  exit 7
fi

CONF_DIR=/etc/slurm
STATE=/var/lib/slurm-kokous
mkdir -p "$CONF_DIR" "$STATE/ctld" "$STATE/d" /var/log/slurm /run/munge /etc/munge
chown -R slurm:slurm "$STATE" /var/log/slurm 2>/dev/null || true

# Munge: one key, created once; the daemon must own its folders.
if [[ ! -s /etc/munge/munge.key ]]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0700 /etc/munge
chmod 0400 /etc/munge/munge.key
if ! pgrep -x munged >/dev/null; then
  log "starting munged"
  runuser -u munge -- /usr/sbin/munged --force
fi
munge -n | unmunge >/dev/null || { log "munge does not round-trip a credential"; exit 3; }

# slurm.conf: the node is this host under the name localhost. No cgroups (containers rarely
# allow them): linuxproc tracks processes, and task/affinity is left out for the same reason.
# SlurmdUser root so slurmd can start jobs as the submitting user.
cat >"$CONF_DIR/slurm.conf" <<CONF
ClusterName=kokous
SlurmctldHost=localhost
SlurmUser=slurm
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=localhost CPUs=2 RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
# No cgroup.conf: Slurm 22.05 has no "CgroupPlugin=disabled" and slurmd refuses to start with it;
# without the file it autodetects and, with proctrack/linuxproc and task/none, uses no cgroups.
rm -f "$CONF_DIR/cgroup.conf"

if ! pgrep -x slurmctld >/dev/null; then
  log "starting slurmctld"
  /usr/sbin/slurmctld -c || { log "slurmctld failed to start; see /var/log/slurm/slurmctld.log"; tail -5 /var/log/slurm/slurmctld.log >&2 || true; exit 4; }
fi
if ! pgrep -x slurmd >/dev/null; then
  log "starting slurmd"
  /usr/sbin/slurmd -c || { log "slurmd failed to start; see /var/log/slurm/slurmd.log"; tail -5 /var/log/slurm/slurmd.log >&2 || true; exit 5; }
fi

for _ in $(seq 1 30); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  case "$state" in
    idle*|mixed*|allocated*) log "node localhost is $state"; exit 0 ;;
    down*|drain*) scontrol update NodeName=localhost State=RESUME 2>/dev/null || true ;;
  esac
  sleep 1
done
log "the node did not come up (state: ${state:-none}); last log lines:"
tail -5 /var/log/slurm/slurmd.log /var/log/slurm/slurmctld.log >&2 2>/dev/null || true
exit 6
