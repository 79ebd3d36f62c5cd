"""Time the OParl export's jobs on a built workflow (docs/oparl.md, "What it costs").

    .venv/bin/python benchmarks/oparl_export.py WORKDIR

WORKDIR is a workflow whose public edition is built (for instance a benchmark corpus:
``bench.make_workdir`` then ``snakemake --config editions=[public]``). Each family's job is
run as Snakemake runs it (``python -m kokous oparl …``, one process), first into an empty
folder, then again over its own output (the rerun after an edit elsewhere in the family:
unchanged files are not rewritten), and then the system step; it prints one line per step
with the files written and the wall time. It writes only under WORKDIR/build/.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from kokous import oparl, plan


def cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(workdir: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one job (on a shared machine the CPU time is the steadier)."""
    start, start_cpu = time.perf_counter(), cpu()
    subprocess.run([sys.executable, "-m", "kokous", *args], cwd=workdir, check=True)
    return time.perf_counter() - start, cpu() - start_cpu


def seconds(took: tuple[float, float]) -> str:
    return f"{took[0]:.2f} s ({took[1]:.2f} s CPU)"


def main(workdir: Path) -> None:
    config = yaml.safe_load((workdir / "config/config.yaml").read_text(encoding="utf-8"))
    base, license = config["base_url"], config.get("license", oparl.DEFAULT_LICENSE)
    the_plan = plan.make_plan(workdir / config["records"], editions=["public"])
    families = oparl.family_years(the_plan)
    parts, total = [], {"cold": [0.0, 0.0], "again": [0.0, 0.0]}
    for head, years in families.items():
        part = f"build/.kokous/parts/oparl/{head}.json"
        args = ["oparl", "--out", "build", "--head", head, "--part", part]
        args += ["--base-url", base, "--license", license, "--editions", "public"]
        args += [f"build/{by.checked}" for by in years]
        shutil.rmtree(workdir / "build/public/oparl" / head, ignore_errors=True)
        cold = run(workdir, args)
        again = run(workdir, args)
        files = sum(1 for p in (workdir / "build/public/oparl" / head).rglob("*.json"))
        meetings = sum(
            1 for p in (workdir / "build/public/oparl" / head / "meeting").glob("*/*.json")
        )
        print(
            f"{head}: {files} files, {meetings} meetings: {seconds(cold)}, again {seconds(again)}"
        )
        for key, took in (("cold", cold), ("again", again)):
            total[key] = [total[key][0] + took[0], total[key][1] + took[1]]
        parts.append(part)
    system = ["oparl-system", "--out", "build", "--part", "build/.kokous/parts/oparl-system.json"]
    took = run(workdir, [*system, "--base-url", base, "--license", license, *parts])
    files = sum(1 for p in (workdir / "build/public/oparl").rglob("*.json"))
    print(f"system: {seconds(took)}")
    cold = (total["cold"][0] + took[0], total["cold"][1] + took[1])
    again = (total["again"][0] + took[0], total["again"][1] + took[1])
    print(f"whole export: {files} files in {len(families)} families: {seconds(cold)},")
    print(f"  again {seconds(again)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
