"""The no-op and the one-meeting edit of ``bench.py``, measured again on a built tree.

A cold build at N = 1000 takes about twenty minutes on two cores; this measures what an edit
costs after a change of the workflow without paying for it again. ``WORKDIR`` is a workflow
copy with a corpus of ``N`` meetings (``bench.py --keep`` leaves one under
``/tmp/kokous-bench-*/n<N>/workflow``), built and up to date. The corpus is generated again
in a scratch folder (it is seeded, so the files are the same) to know its bodies and the
edited meeting; then, with bench.py's own functions and method, the no-op and the bare start
(five each, interleaved) and five successive edits of one meeting record, each with the limit
of the documents it rewrote. Run it from the Quick-start line-1 environment, as bench.py.

    python benchmarks/edit_bench.py /tmp/kokous-bench-x/n1000/workflow 1000
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


def measure(workdir: Path, meetings: int, scratch: Path) -> dict[str, object]:
    corpus = corpus_of(workdir, meetings, scratch)
    build = workdir / "build"
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
    return {
        "meetings": meetings,
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
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("meetings", type=int)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="kokous-edit-bench-"))
    try:
        result = measure(args.workdir.resolve(), args.meetings, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
