"""The benchmark's untimed parts: the synthetic corpus and the shape of results.json.

Nothing here measures time (timings belong to `benchmarks/bench.py`, never to the tests).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kokous.records import load_volume

# The benchmark is a tool beside the package (editing it reruns no build job).
_spec = importlib.util.spec_from_file_location(
    "bench", Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench"] = bench  # dataclasses look their module up while the class is made
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> bench.Corpus:
    return bench.generate_corpus(tmp_path_factory.mktemp("bench") / "records", meetings=10)


def test_corpus_has_the_requested_meetings_and_a_subcommittee(corpus: bench.Corpus) -> None:
    assert corpus.meetings == 10
    assert len(corpus.bodies) == 2
    assert corpus.parents == {corpus.bodies[1]: corpus.bodies[0]}
    assert len(corpus.years) == bench.YEARS


def test_every_generated_body_year_is_valid(corpus: bench.Corpus) -> None:
    loaded = 0
    for body in corpus.bodies:
        for year in corpus.years:
            loaded += len(load_volume(corpus.records, body, year).meetings)
    assert loaded == corpus.meetings


def test_meetings_are_as_rich_as_the_sample(corpus: bench.Corpus) -> None:
    volume = load_volume(corpus.records, corpus.bodies[0], corpus.years[0])
    meeting = volume.meetings[0]
    assert len(meeting.items) >= 11
    assert any(item.visibility == "confidential" and item.legal_basis for item in meeting.items)
    assert meeting.guests
    assert meeting.press is not None
    assert set(volume.body.languages) == {"fi", "sv"}


def test_generation_is_deterministic(tmp_path: Path, corpus: bench.Corpus) -> None:
    again = bench.generate_corpus(tmp_path / "records", meetings=10)
    for mine, theirs in zip(corpus.meeting_files, again.meeting_files, strict=True):
        assert mine.read_bytes() == theirs.read_bytes()


def test_layout_at_the_issue_sizes() -> None:
    assert bench._layout(1000) == (20, 10)
    assert bench._layout(300) == (6, 10)
    assert bench._layout(100) == (2, 10)


def test_the_edit_changes_one_meeting_sentence(tmp_path: Path) -> None:
    corpus = bench.generate_corpus(tmp_path / "records", meetings=10)
    before = {p: p.read_bytes() for p in corpus.meeting_files}
    path, body, year = bench.edit_one_meeting(corpus)
    changed = [p for p in corpus.meeting_files if p.read_bytes() != before[p]]
    assert changed == [path]
    assert path.parent.parent.name == body
    load_volume(corpus.records, body, year)  # still valid


def test_results_have_every_key_and_a_table() -> None:
    result = dict.fromkeys(bench.RESULT_KEYS, 1)
    result.update(meetings=10, documents=10, jobs=3, edit_jobs=3, template_edit_jobs=2)
    issue_keys = {
        "meetings",
        "documents",
        "cold_s",
        "floor_s",
        "limit_s",
        "cold_ratio",
        "floor_ratio",
        "noop_s",
        "startup_s",
        "noop_ratio",
        "edit_jobs",
        "edit_s",
        "edit_ratio",
        "peak_rss_mb",
        "template_edit_jobs",
    }
    assert issue_keys <= set(bench.RESULT_KEYS)
    text = bench.table([result])
    assert text.count("\n") == 2
    json.dumps(result)


def test_measure_returns_every_result_key() -> None:
    # The keys measure() fills, read from its source, so that no timed run is needed.
    import inspect

    source = inspect.getsource(bench.measure) + inspect.getsource(bench.measure_template_edit)
    for key in bench.RESULT_KEYS:
        assert f'"{key}":' in source, key


JOB_LOG = """\
Building DAG of jobs...
[Mon Dec  7 06:00:00 2026]
rule check_body_year:
    input: records/a/body.yaml
    jobid: 3
    reason: Missing output files
[Mon Dec  7 06:00:00 2026]
localrule render_a_2020_meetings_1:
    jobid: 5
[Mon Dec  7 06:00:04 2026]
Finished jobid: 3 (Rule: check_body_year)
1 of 3 steps (33%) done
[Mon Dec  7 06:00:04 2026]
rule check_body_year:
    jobid: 4
[Mon Dec  7 06:00:10 2026]
Finished jobid: 5 (Rule: render_a_2020_meetings_1)
[Mon Dec  7 06:00:12 2026]
Finished jobid: 4 (Rule: check_body_year)
"""


def test_job_profile_sums_each_rules_jobs_and_the_cores_left_idle() -> None:
    profile = bench.job_profile(JOB_LOG)
    assert profile["span_s"] == 12.0
    assert profile["rules"] == {
        "check_body_year": {"jobs": 2, "sum_s": 12.0, "max_s": 8.0},
        "render_*": {"jobs": 1, "sum_s": 10.0, "max_s": 10.0},
    }
    # 06:00:00-06:00:10 two jobs, 06:00:10-06:00:12 one.
    assert profile["seconds_with_jobs_running"] == {"2": 10.0, "1": 2.0}
