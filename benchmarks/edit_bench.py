"""The no-op and the one-meeting edit of ``bench.py``, measured again on a built tree; with
``--cold``, first the cold build and the plain-loop limit too.

A cold build at N = 1000 takes about twenty minutes on two cores; this measures what an edit
costs after a change of the workflow without paying for it again. ``WORKDIR`` is a workflow
copy with a corpus of ``N`` meetings (``bench.py --keep`` leaves one under
``/tmp/kokous-bench-*/n<N>/workflow``), built and up to date. The corpus is generated again
in a scratch folder (it is seeded, so the files are the same) to know its bodies and the
edited meeting; then, with bench.py's own functions and method, the no-op and the bare start
(five each, interleaved) and five successive edits of one meeting record, each with the limit
of the documents it rewrote. Run it from the Quick-start line-1 environment, as bench.py.

    python benchmarks/edit_bench.py /tmp/kokous-bench-x/n1000/workflow 1000
    python benchmarks/edit_bench.py --cold WORKDIR 1000   # build/ removed, built again first
    python benchmarks/edit_bench.py --new WORKDIR 3000    # a new copy and corpus, then --cold
    python benchmarks/edit_bench.py --template WORKDIR 1000  # and the template edit last

``--cold`` and ``--template`` log each job's start and end, and the result has the run's
profile by rule (``bench.job_profile``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # the benchmark beside this file, importable once its folder is on the path


def corpus_of(workdir: Path, meetings: int, scratch: Path) -> bench.Corpus:
    """The corpus ``bench.generate_corpus`` wrote into ``workdir/records``."""
    generated = bench.generate_corpus(scratch / "records", meetings)
    records = workdir / "records"
    files = [records / p.relative_to(generated.records) for p in generated.meeting_files]
    missing = [p for p in files if not p.is_file()]
    if missing:
        raise SystemExit(f"{workdir}: not a corpus of {meetings} meetings ({missing[0]} missing)")
    return bench.Corpus(
        records, generated.meetings, generated.bodies, generated.parents, generated.years, files
    )


def measure_cold(workdir: Path, corpus: bench.Corpus, scratch: Path) -> dict[str, object]:
    """bench.py's cold build (``build/`` removed first) and its plain-loop limit."""
    shutil.rmtree(workdir / "build", ignore_errors=True)
    shutil.rmtree(workdir / ".snakemake", ignore_errors=True)
    bench._say(f"N={corpus.meetings}: cold build")
    cold, documents = bench.cold_build(workdir)
    bench._say(f"N={corpus.meetings}: cold {cold.wall_s:.1f} s, {cold.peak_rss_mb:.0f} MB")
    os.environ["PYTHONPATH"] = str(workdir / "src")
    docs = bench.pipeline_documents(corpus)
    limit, limit_cpu = bench.measure_limit(docs, scratch / "limit")
    bench._say(f"N={corpus.meetings}: limit {limit:.1f} s ({len(docs)} documents)")
    return {
        "jobs": cold.jobs,
        "documents": documents,
        "sources": len(docs),
        "cold_s": cold.wall_s,
        "cold_cpu_s": cold.cpu_s,
        "limit_s": limit,
        "limit_cpu_s": limit_cpu,
        "cold_ratio": cold.wall_s / limit,
        "cold_cpu_ratio": cold.cpu_s / limit_cpu,
        "peak_rss_mb": cold.peak_rss_mb,
        "cold_ms_per_document": 1000 * cold.wall_s / documents,
        "limit_ms_per_document": 1000 * limit / documents,
        **bench.cold_profile(cold),
    }


def measure(
    workdir: Path, meetings: int, scratch: Path, cold: bool = False, template: bool = False
) -> dict[str, object]:
    corpus = corpus_of(workdir, meetings, scratch)
    build = workdir / "build"
    built = measure_cold(workdir, corpus, scratch) if cold else {}
    bench._say(f"N={meetings}: no-op and bare start (5 runs each, interleaved)")
    first = bench._checked(bench.run_snakemake(workdir), "no-op")
    noop, startup = bench.noop_and_startup(workdir, bench.bare_workflow(scratch / "bare"))
    os.environ["PYTHONPATH"] = str(workdir / "src")
    _path, body, year = bench.edited_meeting(corpus)
    scope = bench._family_folders(corpus, body, year)
    runs = []
    for _ in range(bench.EDITS):
        before = bench._outputs(build, scope)
        bench.edit_one_meeting(corpus)
        run = bench._checked(bench.run_snakemake(workdir, poll_rss=True), "one-meeting edit")
        runs.append((run, bench._changed(before, bench._outputs(build, scope))))
        bench._say(f"N={meetings}: edit {run.wall_s:.2f} s, {run.jobs} jobs")
    last, changed = runs[-1]
    docs = bench.rebuilt_documents(corpus, body, year, changed, build)
    edit_limit = bench.measure_limit(docs, scratch / "edit-limit")[0] if docs else 0.0
    edit_s = bench._median([run.wall_s for run, _ in runs])
    templated = bench.measure_template_edit(workdir, corpus, scratch) if template else {}
    return {
        "meetings": meetings,
        **built,
        "noop_jobs": first.jobs,
        "noop_s": noop,
        "startup_s": startup,
        "noop_ratio": noop / startup,
        "edit_s": edit_s,
        "edit_runs_s": [run.wall_s for run, _ in runs],
        "edit_jobs": last.jobs,
        "edit_documents": len(changed),
        "edit_limit_s": edit_limit,
        "edit_ratio": edit_s / (noop + edit_limit),
        "edit_peak_rss_mb": max(run.peak_rss_mb for run, _ in runs),
        "load_average": os.getloadavg(),
        "slow_start_plugins": bench.slow_start_plugins(),
        **templated,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("meetings", type=int)
    parser.add_argument("--cold", action="store_true", help="a cold build and the limit first")
    parser.add_argument(
        "--new",
        action="store_true",
        help="make WORKDIR first: a copy of this workflow with a generated corpus (implies --cold)",
    )
    parser.add_argument(
        "--template", action="store_true", help="the press-release template edit last"
    )
    args = parser.parse_args(argv)
    if args.new:
        bench._say(f"N={args.meetings}: generating the corpus in {args.workdir}")
        bench.make_workdir(args.workdir.resolve(), args.meetings)
    scratch = Path(tempfile.mkdtemp(prefix="kokous-edit-bench-"))
    try:
        result = measure(
            args.workdir.resolve(),
            args.meetings,
            scratch,
            args.cold or args.new,
            args.template,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
