"""The performance benchmark: hold the pipeline to the cost of its converters (issue 4).

Run from the repository root::

    .venv/bin/python benchmarks/bench.py                 # N = 100, 300 and 1000 meetings
    .venv/bin/python benchmarks/bench.py --quick         # N = 100 only
    .venv/bin/python benchmarks/bench.py --sizes 300

For each size it generates a synthetic corpus in a temporary copy of the workflow and measures,
in one run (see docs/performance.md for the method and the numbers):

- **cold**: ``snakemake --cores 2`` on an empty ``build/``, wall time, and the peak resident
  memory of the whole process tree (polled every 50 ms);
- **floor**: the pipeline's own Markdown documents converted as a hand-written Makefile would,
  one ``pandoc`` process per output file and one fresh Typst process per PDF, from a pool of 2;
- **limit**: the same conversions with as few processes as possible: a plain loop in 2
  workers, each one long-lived ``pandoc lua`` process and one warm in-process Typst compiler
  (``kokous.convert._convert``, no cache, no checks), writing the bytes as they come;
- **noop**: ``snakemake`` on the built tree; **startup**: the no-op of a one-rule workflow
  (medians of 5 runs each, interleaved);
- **edit**: one sentence changed in one meeting record (jobs run, documents rebuilt, median
  wall time of 5 successive edits);
- **template edit**: a change to the press-release template (jobs run, wall time);
- **preview**: ``kokous preview`` on the corpus: its start, and from saving a one-meeting edit
  to the reloaded page (the server's reload event, then the page fetched again), median of 5.
  ``--preview-only`` measures this alone, without building anything.

It prints a table and writes ``build/bench/results.json`` under the current folder. Timings are
never part of the test suite; tests/test_bench.py checks only the generator and the JSON keys.
The benchmark is a tool beside the workflow, not part of it: editing it reruns no job.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kokous.layout import copy_workflow

SOURCE = Path(__file__).resolve().parents[1]
"""The checkout this module lives in: the workflow and the sample records are copied from it."""
EPOCH = 1735689600
"""SOURCE_DATE_EPOCH of every run (2025-01-01T00:00Z): every generated meeting lies before it,
so no press release is under embargo and every run builds the same bytes."""
YEARS = 5
MEETINGS_PER_YEAR = 10
CORES = 2
DEFAULT_SIZES = (100, 300, 1000)
EDITS = 5
"""One-meeting edits per size: a run's wall time varies by ±0.2 s here, so the median of five."""
RESULT_KEYS = (
    "meetings",
    "bodies",
    "subcommittees",
    "jobs",
    "sources",
    "documents",
    "cold_s",
    "floor_s",
    "floor_sampled",
    "limit_s",
    "cold_ratio",
    "cold_cpu_s",
    "limit_cpu_s",
    "cold_cpu_ratio",
    "floor_ratio",
    "noop_s",
    "startup_s",
    "noop_ratio",
    "edit_jobs",
    "edit_documents",
    "edit_limit_s",
    "edit_s",
    "edit_ratio",
    "template_edit_jobs",
    "template_edit_s",
    "template_edit_limit_s",
    "template_edit_ratio",
    "peak_rss_mb",
    "cold_ms_per_document",
    "limit_ms_per_document",
    "floor_ms_per_document",
    "cold_ms_per_meeting",
)
"""Keys every size's entry in results.json has (tests/test_bench.py checks them)."""
PREVIEW_KEYS = (
    "preview_start_s",
    "preview_first_page_s",
    "preview_edit_s",
    "preview_edit_runs_s",
    "preview_rebuild_s",
)
"""Keys of the preview measurement (:func:`measure_preview`), in every size's entry too."""
PREVIEW_TARGET_S = 1.0
"""Issue 15: from saving a one-meeting edit to the reloaded page, at N = 1000 on two cores."""

# --------------------------------------------------------------------------- corpus

FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Ilkka",
    "Johanna",
    "Kalle",
    "Laura",
    "Matti",
    "Noora",
    "Olli",
    "Päivi",
    "Risto",
    "Satu",
    "Teemu",
    "Ulla",
    "Veikko",
    "Anni",
    "Jari",
    "Kirsi",
    "Lauri",
    "Mervi",
    "Pekka",
    "Riikka",
    "Sami",
    "Tuula",
    "Ville",
    "Elina",
    "Hannu",
    "Inkeri",
    "Markku",
]
LAST_NAMES = [
    "Aaltonen",
    "Björklund",
    "Heikkilä",
    "Hämäläinen",
    "Jokinen",
    "Karjalainen",
    "Koskinen",
    "Laine",
    "Lehtonen",
    "Mäkelä",
    "Nieminen",
    "Ojala",
    "Peltonen",
    "Rantanen",
    "Salminen",
    "Toivonen",
    "Virtanen",
    "Wikström",
    "Åberg",
    "Öhman",
]
THEMES_FI = (
    "työllisyysalueiden yhteistyö",
    "nuorten työllisyys",
    "osaamisen kehittäminen",
    "palvelujen digitalisaatio",
    "kotoutumisen tuki",
    "pitkäaikaistyöttömyys",
    "työvoiman saatavuus",
    "alueellinen ennakointi",
)
THEMES_SV = (
    "samarbetet mellan sysselsättningsområdena",
    "ungas sysselsättning",
    "kompetensutveckling",
    "digitaliseringen av tjänsterna",
    "stödet för integration",
    "långtidsarbetslösheten",
    "tillgången på arbetskraft",
    "den regionala prognostiseringen",
)
SENTENCES_FI = (
    "Sihteeristö esitteli asiasta laaditun muistion.",
    "Asiaa on valmisteltu yhteistyössä ministeriöiden kanssa.",
    "Keskustelussa korostettiin alueiden erilaisia tarpeita.",
    "Valmistelussa on kuultu järjestöjä ja kuntia.",
    "Seurantaraportti julkaistaan syksyllä.",
    "Asiasta on saatu palautetta useilta työllisyysalueilta.",
)
MONTHS = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11)
"""Meeting months of a year (ten meetings, none in July or December)."""
EDIT_ITEM = "tasks"
"""The item whose background the one-meeting edit changes (it appears in the minutes only)."""
EDIT_MARK = "suorituskykytestissä"
"""One word of the sentence each edit adds (one word: HTML output wraps lines)."""


@dataclass
class Corpus:
    """What :func:`generate_corpus` wrote."""

    records: Path
    meetings: int
    bodies: list[str]
    parents: dict[str, str]
    """Subcommittee id → parent id."""
    years: list[int]
    meeting_files: list[Path] = field(default_factory=list)

    @property
    def main_bodies(self) -> list[str]:
        return [b for b in self.bodies if b not in self.parents]


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    """Writes shared objects out in full: the records' loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump_yaml(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"# yaml-language-server: $schema={schema}\n# Synthetic benchmark record (benchmarks/bench.py).\n"
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(head + text, encoding="utf-8")


def _drop_lang(value: Any, lang: str) -> Any:
    """``value`` without the ``lang`` key in every multilingual text (press in fi and sv)."""
    if isinstance(value, dict):
        return {k: _drop_lang(v, lang) for k, v in value.items() if k != lang}
    if isinstance(value, list):
        return [_drop_lang(v, lang) for v in value]
    return value


def _rename(value: Any, names: dict[str, str]) -> Any:
    """``value`` with every sample person's full name, then surname, replaced by the new one
    (quote introductions must name their speaker)."""
    if isinstance(value, dict):
        return {k: _rename(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, names) for v in value]
    if isinstance(value, str):
        for old, new in names.items():
            value = value.replace(old, new)
    return value


def _name_map(sample: dict[str, Any], body: dict[str, Any]) -> dict[str, str]:
    """Sample name → new name, full names before surnames (longest first)."""
    pairs = {}
    for pid, person in sample["persons"].items():
        old, new = person["name"], body["persons"][pid]["name"]
        pairs[old] = new
        pairs[old.split()[-1]] = new.split()[-1]
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def _layout(meetings: int) -> tuple[int, int]:
    """(bodies, meetings per body-year) for ``meetings`` meetings over YEARS years: 20 bodies, 10 at
    1000, fewer bodies for smaller corpora (bodies = N / 50), never fewer than two bodies so
    that one of them can be a subcommittee."""
    bodies = max(2, round(meetings / (YEARS * MEETINGS_PER_YEAR)))
    per_year = max(1, round(meetings / (bodies * YEARS)))
    return bodies, per_year


def _body_ids(count: int) -> tuple[list[str], dict[str, str]]:
    """Body ids; every third body (1, 4, 7, …) is a subcommittee of the body before it."""
    ids: list[str] = []
    parents: dict[str, str] = {}
    for i in range(count):
        if i % 3 == 1:
            parent = ids[i - 1]
            ids.append(f"{parent}jaosto")
            parents[ids[-1]] = parent
        else:
            ids.append(f"nvk{i:02d}")
    return ids, parents


def _person_names(rng: random.Random, persons: dict[str, Any]) -> dict[str, str]:
    names = {}
    used = set()
    for pid in persons:
        while True:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in used:
                used.add(name)
                names[pid] = name
                break
    return names


def _main_body(sample: dict[str, Any], index: int, rng: random.Random, start: dt.date) -> dict:
    body = copy.deepcopy(sample)
    body["name"] = {
        "fi": f"Työllisyyden edistämisen neuvottelukunta {index}",
        "sv": f"Delegationen för främjande av sysselsättning {index}",
        "en": f"Advisory Board for Employment Promotion {index}",
    }
    body["short_name"] = f"TyöNK{index}"
    body["languages"] = ["fi", "sv"]
    body["appointed"]["date"] = start - dt.timedelta(days=30)
    body["term"]["start"] = start
    body["term"]["end"] = dt.date(start.year + YEARS + 1, 6, 30)
    for pid, name in _person_names(rng, body["persons"]).items():
        body["persons"][pid]["name"] = name
    for m in body["memberships"]:
        m["start"] = start
    names = _name_map(sample, body)
    for key in ("about", "tasks"):
        body[key] = _rename(body[key], names)
    return body


def _subcommittee(
    sample_sub: dict[str, Any], parent_body: dict[str, Any], parent: str, index: int, first: str
) -> dict:
    sub = copy.deepcopy(sample_sub)
    sub["parent"] = parent
    sub["name"] = {
        "fi": f"Kuntajaosto {index}",
        "sv": f"Kommunsektionen {index}",
        "en": f"Municipal Subcommittee {index}",
    }
    sub["languages"] = ["fi", "sv"]
    sub["established"] = {"meeting": first, "item": "subcommittees"}
    # The parent's roster, so the rich meeting template (chair, deputy, checkers) fits as is.
    start = dt.date.fromisoformat(first) + dt.timedelta(days=1)
    sub["memberships"] = [dict(m, start=start) for m in parent_body["memberships"]]
    return sub


def _meeting_dates(rng: random.Random, years: Sequence[int], per_year: int, sub: bool) -> list:
    dates = []
    for year in years:
        months = sorted(rng.sample(MONTHS, per_year)) if per_year <= len(MONTHS) else None
        for k in range(per_year):
            if months is not None:
                month, day = months[k], rng.randint(12, 27)
            else:  # more meetings than months: spread evenly over the year
                moment = dt.date(year, 1, 12) + dt.timedelta(days=k * 340 // per_year)
                month, day = moment.month, moment.day
            if not sub and year == years[0] and k == 0:
                month, day = 1, 5  # the parent's first meeting establishes the subcommittees
            dates.append(dt.date(year, month, day))
    return sorted(set(dates))


def _meeting(
    rich: dict[str, Any],
    confidential: dict[str, Any],
    when: dt.date,
    following: dt.date | None,
    body_name: dict[str, str],
    subcommittees: list[str],
    rng: random.Random,
    number: int,
    names: dict[str, str],
) -> dict:
    m = copy.deepcopy(rich)
    m["date"] = when
    m["start"], m["end"] = rng.choice([("9:00", "11:30"), ("13:00", "15:30"), ("10:00", "12:00")])
    m["invitation_sent"] = when - dt.timedelta(days=9)
    m["mode"] = rng.choice(["hybrid", "in_person", "hybrid"])
    # A personal deputy attends for an absent member; the others attend in person or remotely.
    attendance = []
    for a in m["attendance"]:
        a = dict(a)
        if a["person"] == "malli":
            a = {"person": "malli", "status": "absent"}
        elif a["status"] in ("present", "remote") and a["person"] != "korhonen":
            a["status"] = rng.choice(["present", "present", "remote"])
        attendance.append(a)
    attendance.insert(3, {"person": "varamies", "status": rng.choice(["present", "remote"])})
    m["attendance"] = attendance
    guest_first, guest_last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    m["guests"][0]["name"] = f"{guest_first} {guest_last}"

    theme = rng.randrange(len(THEMES_FI))
    items = []
    for item in m["items"]:
        item = dict(item)
        if "background" in item:
            extra = " ".join(rng.sample(SENTENCES_FI, 2))
            item["background"] = f"{item['background'].strip()} {extra}"
        if item.get("id") == "situation_regions":
            item["title"] = f"Tilannekuva: {THEMES_FI[theme]}"
        items.append(item)
        if item.get("id") == "situation_regions":
            items.append(copy.deepcopy(confidential))
    m["items"] = items
    m["minutes"]["checked"] = when + dt.timedelta(days=7)

    press = _drop_lang(m["press"], "en")
    press["published"] = f"{when.isoformat()}T16:00"
    press["headline"] = {
        "fi": f"{body_name['fi']}: {THEMES_FI[theme]} esillä kokouksessa {number}",
        "sv": f"{body_name['sv']}: {THEMES_SV[theme]} på mötet {number}",
    }
    press["lead"] = {
        "fi": f"{body_name['fi']} kokoontui {when.day}.{when.month}.{when.year}. "
        f"Kokouksessa käsiteltiin muun muassa teemaa {THEMES_FI[theme]}.",
        "sv": f"{body_name['sv']} sammanträdde den {when.day}.{when.month}.{when.year}. "
        f"Vid mötet behandlades bland annat {THEMES_SV[theme]}.",
    }
    blocks = []
    for block in press["body"]:
        if "subcommittees" in block:
            if not subcommittees:
                continue
            block = dict(block)
            block["subcommittees"] = dict(block["subcommittees"], bodies=list(subcommittees))
        blocks.append(block)
    press["body"] = blocks
    if following is not None:
        press["next_meeting"] = f"{following.year}-{following.month:02d}"
    else:
        press.pop("next_meeting", None)
    m["press"] = press
    return _rename(m, names)


def generate_corpus(records: Path, meetings: int = 1000, seed: int = 4) -> Corpus:
    """Write a synthetic corpus of about ``meetings`` meetings under ``records``.

    Templated from the sample records (``records/`` of this checkout): every meeting is as rich
    as TyöNVK's of 12.3.2025 (standard items, guests, a personal deputy, a press release in
    Finnish and Swedish) plus a confidential item with its legal basis; every third body is a
    subcommittee of the one before it; main bodies have a narrative per year. Deterministic for
    a given ``seed``.
    """
    sample = SOURCE / "records"
    rich = _load_yaml(sample / "tyonvk" / "meetings" / "2025-03-12.yaml")
    second = _load_yaml(sample / "tyonvk" / "meetings" / "2025-06-11.yaml")
    confidential = next(i for i in second["items"] if i.get("visibility") == "confidential")
    main_sample = _load_yaml(sample / "tyonvk" / "body.yaml")
    sub_sample = _load_yaml(sample / "kuntajaosto" / "body.yaml")
    narrative = _load_yaml(sample / "tyonvk" / "years" / "2025.yaml")

    rng = random.Random(seed)
    n_bodies, per_year = _layout(meetings)
    ids, parents = _body_ids(n_bodies)
    first_year = dt.datetime.fromtimestamp(EPOCH, dt.UTC).year - YEARS
    years = list(range(first_year, first_year + YEARS))
    corpus = Corpus(records, 0, ids, parents, years)
    bodies: dict[str, dict[str, Any]] = {}
    first_meeting: dict[str, str] = {}
    for index, body_id in enumerate(ids, start=1):
        is_sub = body_id in parents
        if is_sub:
            parent = parents[body_id]
            data = _subcommittee(sub_sample, bodies[parent], parent, index, first_meeting[parent])
            _dump_yaml(records / body_id / "body.yaml", data, "../../schemas/body.schema.json")
        else:
            data = _main_body(main_sample, index, rng, dt.date(first_year, 1, 1))
            _dump_yaml(records / body_id / "body.yaml", data, "../../schemas/body.schema.json")
        bodies[body_id] = data
        names = _name_map(main_sample, bodies[parents.get(body_id, body_id)])
        subs = sorted(s for s, p in parents.items() if p == body_id)
        dates = _meeting_dates(rng, years, per_year, is_sub)
        first_meeting[body_id] = dates[0].isoformat()
        for k, when in enumerate(dates):
            following = dates[k + 1] if k + 1 < len(dates) else None
            number = sum(1 for d in dates[: k + 1] if d.year == when.year)
            record = _meeting(
                rich, confidential, when, following, data["name"], subs, rng, number, names
            )
            path = records / body_id / "meetings" / f"{when.isoformat()}.yaml"
            _dump_yaml(path, record, "../../../schemas/meeting.schema.json")
            corpus.meeting_files.append(path)
        if not is_sub:
            for year in years:
                story = copy.deepcopy(narrative)
                in_year = [d for d in dates if d.year == year]
                for statement in story.get("statements", []):
                    statement["date"] = in_year[len(in_year) // 2]
                _dump_yaml(
                    records / body_id / "years" / f"{year}.yaml",
                    story,
                    "../../../schemas/year.schema.json",
                )
    corpus.meetings = len(corpus.meeting_files)
    return corpus


def validate_sample(corpus: Corpus, count: int = 3) -> int:
    """Load (and so validate) a few body-years, always including a subcommittee's; raise on a
    problem. Returns how many meetings were loaded."""
    from kokous.records import load_volume

    chosen = [corpus.bodies[0], *corpus.parents][:count]
    loaded = 0
    for body in chosen:
        for year in (corpus.years[0], corpus.years[-1]):
            loaded += len(load_volume(corpus.records, body, year).meetings)
    return loaded


# --------------------------------------------------------------------------- workflow copy


def make_workdir(root: Path, meetings: int, source: Path = SOURCE) -> Corpus:
    """A full copy of the workflow under ``root`` with a synthetic corpus in ``root/records``.

    The copy holds its own ``src/`` and every job runs with ``PYTHONPATH=root/src`` (see
    :func:`_env`), so a template edit in the copy reaches the rendered output exactly as it
    would in a checkout.
    """
    copy_workflow(source, root)
    return generate_corpus(root / "records", meetings)


def _env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(EPOCH)
    env["PYTHONPATH"] = str(workdir / "src")
    env.pop("KOKOUS_DEBUG", None)
    return env


def _snakemake() -> str:
    found = Path(sys.executable).with_name("snakemake")
    return str(found) if found.exists() else "snakemake"


@dataclass
class Run:
    """One snakemake run."""

    wall_s: float
    cpu_s: float
    """User + system CPU time of snakemake and every process it waited for."""
    jobs: int
    peak_rss_mb: float
    returncode: int
    log: str
    snakemake_cpu_s: float = 0.0
    """With ``poll_rss``: the CPU time of Snakemake's own process (not its jobs'), at the
    last poll before it ended."""


JOB_TOTAL = re.compile(r"^total\s+(\d+)", re.MULTILINE)


def _tree_rss(proc: Any) -> int:
    """Summed RSS of every descendant of ``proc``: snakemake and its jobs."""
    import psutil

    total = 0
    try:
        procs = proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def run_snakemake(workdir: Path, *args: str, poll_rss: bool = False, log_jobs: bool = False) -> Run:
    """Run ``snakemake --cores 2`` in ``workdir``; wall time, jobs run (from "Job stats"), and
    with ``poll_rss`` the peak summed RSS of every process this one started (50 ms polls).
    With ``log_jobs`` Snakemake also logs each job's start (the profile keeps it quiet), for
    :func:`job_profile`."""
    quiet = ("--quiet", "host") if log_jobs else ()
    cmd = [_snakemake(), "--cores", str(CORES), *quiet, *args]
    log_path = workdir / ".bench-snakemake.log"
    peak = 0
    own_cpu = 0.0
    cpu_before = _children_cpu()
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=workdir, env=_env(workdir), stdout=log, stderr=subprocess.STDOUT
        )
        if poll_rss:
            import psutil

            ps = psutil.Process()
            smk = psutil.Process(proc.pid)
            while proc.poll() is None:
                peak = max(peak, _tree_rss(ps))
                with contextlib.suppress(psutil.Error):
                    own = smk.cpu_times()
                    own_cpu = own.user + own.system
                time.sleep(0.05)
        proc.wait()
        wall = time.perf_counter() - start
    text = log_path.read_text(encoding="utf-8", errors="replace")
    found = JOB_TOTAL.search(text)
    jobs = int(found.group(1)) if found else 0
    return Run(
        wall, _children_cpu() - cpu_before, jobs, peak / 2**20, proc.returncode, text, own_cpu
    )


LOG_STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]$")
LOG_RULE = re.compile(r"^(?:local)?rule (\w+):$")
LOG_JOBID = re.compile(r"^\s+jobid: (\d+)$")
GENERATED_RENDER = re.compile(r"^render_\w+$")
"""The render rules generated per body-year and kind (rules/documents.smk): one line for all."""
LOG_FINISHED = re.compile(r"^Finished jobid: (\d+) \(Rule: (\w+)\)$")


def job_profile(log: str) -> dict[str, Any]:
    """Where a run's time went, from the timestamps Snakemake logs (whole seconds) at each
    job's start and end (a run with ``log_jobs``): the span from the first start to the last
    end (the run's wall time less its start, DAG and end); per rule, the jobs and their summed
    and longest seconds; and the seconds of the span during which 0, 1 or 2 jobs ran (what
    the scheduler left of the 2 cores)."""
    stamp = None
    rule = None
    started: dict[str, tuple[str, float]] = {}
    spans: list[tuple[str, float, float]] = []
    for line in log.splitlines():
        if found := LOG_STAMP.match(line):
            stamp = time.mktime(time.strptime(found.group(1), "%a %b %d %H:%M:%S %Y"))
        elif found := LOG_RULE.match(line):
            rule = found.group(1)
        elif (found := LOG_JOBID.match(line)) and rule is not None and stamp is not None:
            started[found.group(1)] = (rule, stamp)
            rule = None
        elif (found := LOG_FINISHED.match(line)) and found.group(1) in started:
            name, begin = started.pop(found.group(1))
            spans.append((name, begin, stamp or begin))
    rules: dict[str, dict[str, float]] = {}
    for name, begin, end in spans:
        name = GENERATED_RENDER.sub("render_*", name)
        entry = rules.setdefault(name, {"jobs": 0, "sum_s": 0.0, "max_s": 0.0})
        entry["jobs"] += 1
        entry["sum_s"] += end - begin
        entry["max_s"] = max(entry["max_s"], end - begin)
    running: dict[int, float] = {}
    # A start before an end of the same second, so the count never dips below zero.
    events = sorted([(b, -1) for _, b, _ in spans] + [(e, 1) for _, _, e in spans])
    level, last = 0, events[0][0] if events else 0.0
    for when, step in events:
        running[level] = running.get(level, 0.0) + when - last
        level, last = level - step, when
    return {
        "span_s": events[-1][0] - events[0][0] if events else 0.0,
        "rules": dict(sorted(rules.items(), key=lambda kv: -kv[1]["sum_s"])),
        "seconds_with_jobs_running": {str(k): v for k, v in sorted(running.items()) if v},
    }


def cold_build(workdir: Path) -> tuple[Run, int]:
    """The cold build as measured (its CPU, peak RSS and job log), and the documents its
    manifest lists."""
    cpu_before = _children_cpu()
    cold = _checked(run_snakemake(workdir, poll_rss=True, log_jobs=True), "cold build")
    cold.cpu_s = _children_cpu() - cpu_before
    manifest = json.loads((workdir / "build/manifest.json").read_text(encoding="utf-8"))
    return cold, len(manifest["artifacts"])


def cold_profile(cold: Run) -> dict[str, Any]:
    """Where the cold build's time went: by rule, and in Snakemake's own process."""
    return {"cold_job_profile": job_profile(cold.log), "cold_snakemake_cpu_s": cold.snakemake_cpu_s}


def _children_cpu() -> float:
    """CPU seconds (user + system) of every terminated child this process waited for, and of
    their waited-for descendants: on a machine shared with others, a steadier measure of the
    work done than wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"kokous.bench: {what} failed (exit {run.returncode}):\n{run.log[-4000:]}")
    return run


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def bare_workflow(root: Path) -> Path:
    """A one-rule workflow (``rule all: output: touch("x")``) with the same profile, run once:
    its no-op is what any snakemake run costs in this environment."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "Snakefile").write_text('rule all:\n    output:\n        touch("x"),\n')
    if (SOURCE / "profiles").is_dir():
        shutil.copytree(SOURCE / "profiles", root / "profiles", dirs_exist_ok=True)
    _checked(run_snakemake(root), "bare snakemake")
    return root


def noop_and_startup(workdir: Path, bare: Path, repeats: int = 5) -> tuple[float, float]:
    """Medians of ``repeats`` no-op runs of the workflow and of the bare one, interleaved so
    that both see the same machine (its page cache and neighbours vary from minute to
    minute, by more than the difference measured)."""
    noops, starts = [], []
    for _ in range(repeats):
        noops.append(_checked(run_snakemake(workdir), "no-op").wall_s)
        starts.append(_checked(run_snakemake(bare), "bare no-op").wall_s)
    return _median(noops), _median(starts)


SLOW_START_PLUGINS = ("snakemake_executor_plugin_slurm",)
"""Executor plugins that do work when snakemake imports them, on every start: the SLURM one
runs ``scontrol show config`` (10 s timeout), which waits seconds where scontrol is installed
and no controller answers. Measure from an environment without them (Quick start line 1)."""


def slow_start_plugins() -> list[str]:
    import importlib.util

    return [name for name in SLOW_START_PLUGINS if importlib.util.find_spec(name)]


# --------------------------------------------------------------------------- references


def pipeline_documents(corpus: Corpus) -> list[Any]:
    """The Markdown documents the pipeline converts (every body-year, both editions), rendered
    in this process outside any timing, in the order the jobs would convert them."""
    from kokous.documents import annual_report_documents, meeting_documents
    from kokous.plan import EDITIONS, build_clock
    from kokous.records import load_volume

    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    now = build_clock()
    docs: list[Any] = []
    volumes = {}
    for body in corpus.bodies:
        for year in corpus.years:
            volumes[body, year] = load_volume(corpus.records, body, year)
            for edition in EDITIONS:
                docs += meeting_documents(volumes[body, year], edition, now)
    for body in corpus.main_bodies:
        subs = [s for s, p in corpus.parents.items() if p == body]
        for year in corpus.years:
            for edition in EDITIONS:
                docs += annual_report_documents(
                    volumes[body, year], [volumes[s, year] for s in subs], edition, now
                )
    return docs


def _warm_worker() -> None:
    import kokous.convert  # noqa: F401

    time.sleep(0.3)  # long enough that each of the pool's workers takes one of these


def _convert_batch(docs: list[Any], out: str) -> int:
    """The plain loop: one ``pandoc lua`` process and the warm Typst compiler convert every
    format of ``docs``, and the bytes are written as they are."""
    from kokous.convert import _convert

    root = Path(out)
    results = _convert([(d, list(d.formats)) for d in docs], root)
    for rel, data in results.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(results)


def measure_limit(docs: Sequence[Any], out: Path) -> tuple[float, float]:
    """Wall time of converting ``docs`` with 2 workers, each a plain loop (one ``pandoc lua``
    process, one warm Typst compiler) over every other document. The workers are started and
    have imported the converter before the clock starts."""
    halves = [list(docs[k::CORES]) for k in range(CORES)]
    cpu_before = _children_cpu()
    with ProcessPoolExecutor(CORES) as pool:
        for f in [pool.submit(_warm_worker) for _ in range(CORES)]:
            f.result()
        start = time.perf_counter()
        futures = [
            pool.submit(_convert_batch, half, str(out / f"w{k}"))
            for k, half in enumerate(halves)
            if half
        ]
        for f in futures:
            f.result()
        wall = time.perf_counter() - start
    # CPU includes the workers' start and imports (≈0.5 s each): a slightly generous limit.
    return wall, _children_cpu() - cpu_before


TYPST_IMAGE_FILTER = r"""
-- The one filter a Makefile would need too: PDF/UA wants the image's alt text, which
-- pandoc's Typst writer drops (the same as image_typst() in pandoc_driver.lua).
local function typst_string(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", "\\n") .. '"'
end
function Image(el)
  local alt = pandoc.utils.stringify(el.caption)
  return pandoc.RawInline("typst", "#box(image(" .. typst_string(el.src) .. ", alt: "
    .. typst_string(alt) .. ", width: 100%))")
end
"""


def _floor_tasks(docs: Sequence[Any], work: Path) -> list[list[list[str]]]:
    """Per output file, the commands a hand-written Makefile would run: ``pandoc`` for
    html/docx/txt/odt, and for a PDF ``pandoc -t typst`` then one Typst compile in a fresh
    process. Writes each document's Markdown and resources under ``work``."""
    from kokous.convert import _repo_path, _settings

    settings = _settings()
    formats = settings["formats"]
    reader = settings["reader"]["format"] + "".join(f"-{e}" for e in settings["reader"]["disable"])
    css = _repo_path(settings["stylesheet"]).read_text(encoding="utf-8")
    fonts = sorted({str(_repo_path(f).parent) for f in formats["pdf"]["fonts"]})
    pandoc = _pandoc_path()
    work.mkdir(parents=True, exist_ok=True)
    filter_file = work / "typst-images.lua"
    filter_file.write_text(TYPST_IMAGE_FILTER, encoding="utf-8")
    lua = ["--lua-filter", str(filter_file), "-o"]
    tasks = []
    for i, doc in enumerate(docs):
        folder = work / f"d{i}"
        folder.mkdir(parents=True)
        (folder / "document.md").write_text(doc.markdown, encoding="utf-8")
        for name, data in doc.resources.items():
            (folder / name).write_bytes(data)
        meta = ["-M", f"title={doc.title}", "-M", f"lang={doc.lang}"]
        for key in ("header", "marking", "banner"):
            if getattr(doc, key):
                meta += ["-M", f"{key}={getattr(doc, key)}"]
        base = [pandoc, "-f", reader, *meta, str(folder / "document.md")]
        for fmt in doc.formats:
            out = str(folder / f"out.{fmt}")
            if fmt == "html":
                template = str(_repo_path(formats["html"]["template"]))
                extra = ["-t", "html5", "--template", template, "-V", f"css={css}"]
                tasks.append([[*base, *extra, "--section-divs", "--wrap=none", "-o", out]])
            elif fmt == "docx":
                ref = str(_repo_path(formats["docx"]["reference_doc"]))
                tasks.append([[*base, "-t", "docx", "--reference-doc", ref, "-o", out]])
            elif fmt == "txt":
                tasks.append([[*base, "-t", "plain", "--wrap=none", "-o", out]])
            elif fmt == "odt":
                tasks.append([[*base, "-t", "odt", "-o", out]])
            elif fmt == "pdf":
                typ = str(folder / "document.typ")
                template = str(_repo_path(formats["pdf"]["template"]))
                compile_pdf = (
                    "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
                    "root=sys.argv[3], font_paths=sys.argv[4:], ignore_system_fonts=True, "
                    f"pdf_standards={list(formats['pdf']['pdf_standards'])!r}, "
                    f"timestamp={int(settings['source_date_epoch'])})"
                )
                tasks.append(
                    [
                        [*base, "-t", "typst", "--template", template, "--wrap=none", *lua, typ],
                        [sys.executable, "-c", compile_pdf, typ, out, str(folder), *fonts],
                    ]
                )
    return tasks


def _pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _run_task(commands: list[list[str]], cwd: str) -> int:
    """Run one output file's commands; retried once, since on this shared machine a process
    now and then comes back with an empty output. Returns the attempts it took."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    for attempt in (1, 2):
        try:
            for cmd in commands:
                subprocess.run(cmd, check=True, cwd=cwd, env=env, capture_output=True)
            return attempt
        except subprocess.CalledProcessError as exc:
            if attempt == 2:
                raise RuntimeError(
                    f"{cmd[:2]} failed: {exc.stderr.decode(errors='replace')[-2000:]}"
                ) from exc
    return 2


def measure_floor(docs: Sequence[Any], work: Path, files: int | None = 600) -> tuple[float, float]:
    """Wall time of the naive floor: one process per output file (two per PDF) from a pool of
    2. With ``files`` set, only that many output files, drawn at random (seeded, so the mix of
    formats is kept), are converted and the time scaled up: in the floor each file costs the
    same whatever the corpus size, by construction. Returns (seconds, fraction converted)."""
    tasks = _floor_tasks(docs, work)
    chosen = (
        tasks if files is None or files >= len(tasks) else random.Random(4).sample(tasks, files)
    )
    with ProcessPoolExecutor(CORES) as pool:
        start = time.perf_counter()
        for f in [pool.submit(_run_task, t, str(work)) for t in chosen]:
            f.result()
        wall = time.perf_counter() - start
    return wall * len(tasks) / len(chosen), len(chosen) / len(tasks)


# --------------------------------------------------------------------------- edits


def _outputs(build: Path, folders: Sequence[str] = ("",)) -> dict[Path, str]:
    """Every edition file under ``build/{edition}/{folder}`` with the sha256 of its bytes.
    Bytes, not times: a job that reruns rewrites all its files, most with the same bytes (from
    the conversion cache); what an edit *rebuilds* is what changed."""
    import hashlib

    found = {}
    for edition in ("public", "internal"):
        for folder in folders:
            for path in (build / edition / folder).rglob("*"):
                if path.is_file():
                    found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _changed(before: dict[Path, str], after: dict[Path, str]) -> list[Path]:
    return sorted(p for p, t in after.items() if before.get(p) != t)


def _family_folders(corpus: Corpus, body: str, year: int) -> list[str]:
    """The folders an edit of ``body``'s year can change: its family's year and desk pages."""
    head = corpus.parents.get(body, body)
    family = [head, *(s for s, p in corpus.parents.items() if p == head)]
    return [f"{b}/{year}" for b in family]


def edited_meeting(corpus: Corpus) -> tuple[Path, str, int]:
    """The meeting the edits change, in the middle of the corpus: (file, body, year)."""
    path = corpus.meeting_files[len(corpus.meeting_files) // 2]
    return path, path.parent.parent.name, int(path.stem[:4])


def edit_one_meeting(corpus: Corpus) -> tuple[Path, str, int]:
    """Change one sentence of one meeting record (the background of its EDIT_ITEM item, which
    the minutes show): the meeting in the middle of the corpus. Returns (file, body, year)."""
    path, _, _ = edited_meeting(corpus)
    data = _load_yaml(path)
    for item in data["items"]:
        if item.get("id") == EDIT_ITEM:
            item["background"] = (
                item["background"].replace(
                    "Sihteeristö on valmistellut",
                    "Sihteeristö on edellisen kokouksen jälkeen laatinut",
                )
                + f" Muutos tehtiin {EDIT_MARK}."
            )
    _dump_yaml(path, data, "../../../schemas/meeting.schema.json")
    return path, path.parent.parent.name, int(path.stem[:4])


def rebuilt_documents(corpus: Corpus, body: str, year: int, changed: Sequence[Path], build: Path):
    """The (edited) Markdown documents whose files the edit run rewrote, each restricted to
    the formats rewritten: what the limit of the edit converts."""
    return rewritten_among(pipeline_documents_for(corpus, body, year), changed, build)


def rewritten_among(docs: Sequence[Any], changed: Sequence[Path], build: Path) -> list[Any]:
    """Those of ``docs`` (rendered after the change) whose files a run rewrote, each restricted
    to the formats rewritten: what the limit of that run converts."""
    from dataclasses import replace

    wanted: dict[str, set[str]] = {}
    for path in changed:
        rel = path.relative_to(build).as_posix()
        stem, _, suffix = rel.rpartition(".")
        wanted.setdefault(stem, set()).add(suffix)
    return [
        replace(d, formats=tuple(f for f in d.formats if f in wanted[str(d.stem)]))
        for d in docs
        if str(d.stem) in wanted
    ]


def measure_template_edit(workdir: Path, corpus: Corpus, scratch: Path) -> dict[str, Any]:
    """The press-release template edited once: the run's wall time, jobs and files rewritten,
    and the limit of the documents it rewrote (rendered from the edited template)."""
    build = workdir / "build"
    before = _outputs(build)
    edit_template(workdir)
    run = _checked(run_snakemake(workdir, log_jobs=True), "template edit")
    changed = _changed(before, _outputs(build))
    docs = rewritten_among(pipeline_documents(corpus), changed, build)
    limit = measure_limit(docs, scratch / "template-limit")[0] if docs else 0.0
    shutil.rmtree(scratch / "template-limit", ignore_errors=True)
    _say(
        f"N={corpus.meetings}: template edit {run.wall_s:.1f} s, {run.jobs} jobs, "
        f"{len(changed)} files (limit {limit:.1f} s over {len(docs)} documents)"
    )
    return {
        "template_edit_jobs": run.jobs,
        "template_edit_documents": len(changed),
        "template_edit_s": run.wall_s,
        "template_edit_limit_s": limit,
        "template_edit_ratio": run.wall_s / limit if limit else float("inf"),
        "template_edit_job_profile": job_profile(run.log),
    }


def pipeline_documents_for(corpus: Corpus, body: str, year: int) -> list[Any]:
    """The documents of one body-year's jobs (meetings, and the annual report it feeds)."""
    one = Corpus(corpus.records, 0, [body], {}, [year])
    if body in corpus.parents:
        parent = corpus.parents[body]
        subs = [s for s, p in corpus.parents.items() if p == parent]
        one = Corpus(corpus.records, 0, [parent, *subs], corpus.parents, [year])
    else:
        subs = [s for s, p in corpus.parents.items() if p == body]
        one = Corpus(corpus.records, 0, [body, *subs], corpus.parents, [year])
    return pipeline_documents(one)


def edit_template(workdir: Path) -> Path:
    """Append a sentence to the press-release template: every press release changes."""
    path = workdir / "templates" / "press-release.md.j2"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n\n(Tiedote on laadittu koneellisesti.)\n")
    return path


# --------------------------------------------------------------------------- preview

SERVING = re.compile(r"at (http://127\.0\.0\.1:\d+/)")
REBUILT = re.compile(r"rebuilt in ([0-9.]+) s")


class PreviewProcess:
    """``kokous preview`` started in a workflow copy, its stderr read line by line."""

    def __init__(self, workdir: Path) -> None:
        import threading

        self.lines: list[str] = []
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kokous", "preview", "--port", "0"],
            cwd=workdir,
            env=_env(workdir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.url = self._wait_for(SERVING).group(1)
        self.start_s = time.perf_counter() - self.started

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def _wait_for(self, pattern: re.Pattern[str], after: int = 0, timeout: float = 600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if found := pattern.search(line):
                    return found
            if self.process.poll() is not None:
                raise RuntimeError("kokous preview exited:\n" + "\n".join(self.lines[-20:]))
            time.sleep(0.01)
        raise RuntimeError("kokous preview did not answer:\n" + "\n".join(self.lines[-20:]))

    def get(self, path: str) -> str:
        import urllib.request

        with urllib.request.urlopen(self.url + path, timeout=600) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()


def measure_preview(workdir: Path, corpus: Corpus, edits: int = EDITS) -> dict[str, Any]:
    """``kokous preview`` of the public edition: its start (planning and loading every
    body-year), the first fetch of the edited meeting's minutes (rendered on demand, from the
    conversion cache when a build ran before), and ``edits`` one-meeting edits, each timed from
    the moment before the record is written to the reloaded page's bytes: the server's reload
    event on ``/.kokous/events`` (as the page's script waits for it), then the page fetched
    again, as the browser does. The page must show the edit."""
    import urllib.request

    path, body, _year = edited_meeting(corpus)
    preview = PreviewProcess(workdir)
    try:
        index = preview.get(f"{body}/index.html")
        link = re.search(rf'href="([^"]*{re.escape(path.stem)}/minutes\.[a-z]+\.html)"', index)
        if link is None:
            raise RuntimeError(f"no minutes of {path.stem} on {body}/index.html")
        page = f"{body}/{link.group(1)}"
        started = time.perf_counter()
        text = preview.get(page)
        first_page = time.perf_counter() - started
        runs, rebuilds = [], []
        for _ in range(edits):
            marks = text.count(EDIT_MARK)
            version = re.search(r'var version = "(\d+)"', text)
            if version is None:
                raise RuntimeError("no reload script in the served page")
            seen = len(preview.lines)
            events = urllib.request.urlopen(
                f"{preview.url}.kokous/events?since={version.group(1)}", timeout=600
            )
            with events:
                started = time.perf_counter()
                edit_one_meeting(corpus)
                while not events.readline().startswith(b"data:"):
                    pass
            text = preview.get(page)
            runs.append(time.perf_counter() - started)
            if text.count(EDIT_MARK) != marks + 1:
                raise RuntimeError(f"the reloaded {page} does not show the edit")
            rebuilds.append(float(preview._wait_for(REBUILT, seen).group(1)))
    finally:
        preview.stop()
    return {
        "preview_start_s": preview.start_s,
        "preview_first_page_s": first_page,
        "preview_edit_s": _median(runs),
        "preview_edit_runs_s": runs,
        "preview_rebuild_s": _median(rebuilds),
    }


# --------------------------------------------------------------------------- profile

PHASES = r"""
import json, sys, time
t0 = time.perf_counter()
import kokous.build, kokous.convert, kokous.documents, kokous.plan, kokous.records
t_import = time.perf_counter() - t0
from pathlib import Path
from kokous import convert
import hashlib
from kokous.plan import build_clock
from kokous.documents import meeting_documents
from kokous.records import load_volume
records, body, year, out = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
spent = {"pandoc_s": 0.0, "typst_s": 0.0, "docx_header_s": 0.0}
def timed(name, fn):
    def wrapper(*a, **k):
        s = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[name] += time.perf_counter() - s
    return wrapper
convert._run_pandoc = timed("pandoc_s", convert._run_pandoc)
convert._compile_pdf = timed("typst_s", convert._compile_pdf)
convert._docx_fill_header = timed("docx_header_s", convert._docx_fill_header)
t = time.perf_counter(); volume = load_volume(records, body, year); t_load = time.perf_counter() - t
t = time.perf_counter()
docs = [d for e in ("public", "internal") for d in meeting_documents(volume, e, build_clock())]
t_render = time.perf_counter() - t
t = time.perf_counter(); paths = convert.convert_documents(docs, out); t_convert = time.perf_counter() - t
t = time.perf_counter(); [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
t_stamp = time.perf_counter() - t  # the part's cost: a sha256 of every output
print(json.dumps(dict(import_s=t_import, load_validate_s=t_load, render_s=t_render,
    convert_s=t_convert, stamp_s=t_stamp, documents=len(docs), files=len(paths), **spent)))
"""


def profile_job(workdir: Path, corpus: Corpus) -> dict[str, float]:
    """Where one body-year's time goes, measured in a fresh interpreter as the jobs run it
    (interpreter start, imports, load and validation, rendering, pandoc, Typst)."""
    body, year = corpus.bodies[0], corpus.years[0]
    out = workdir / "profile-out"
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", PHASES, str(corpus.records), body, str(year), str(out)],
        cwd=workdir,
        env=_env(workdir),
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    phases = json.loads(proc.stdout.strip().splitlines()[-1])
    bare = subprocess.run([sys.executable, "-c", "pass"], check=True)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    phases["interpreter_s"] = time.perf_counter() - t
    del bare
    phases["wall_s"] = wall
    phases["body_year"] = f"{body}/{year}"
    return phases


# --------------------------------------------------------------------------- one size


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def measure(
    meetings: int,
    scratch: Path,
    floor_files: int | None = 600,
    profile: bool = True,
    compare: bool = False,
) -> dict[str, Any]:
    """Every measurement of one corpus size; see the module docstring."""
    root = scratch / f"n{meetings}"
    workdir = root / "workflow"
    _say(f"N={meetings}: generating the corpus in {workdir}")
    corpus = make_workdir(workdir, meetings)
    validate_sample(corpus)

    _say(f"N={meetings}: cold build")
    cold, documents = cold_build(workdir)
    build = workdir / "build"

    _say(
        f"N={meetings}: cold {cold.wall_s:.1f} s, {cold.cpu_s:.0f} s CPU, {cold.jobs} jobs, "
        f"{cold.peak_rss_mb:.0f} MB"
    )
    _say(f"N={meetings}: no-op and bare snakemake start (5 runs each, interleaved)")
    noop_jobs = run_snakemake(workdir).jobs
    noop, startup = noop_and_startup(workdir, bare_workflow(root / "bare"))
    _say(f"N={meetings}: no-op {noop:.2f} s ({noop_jobs} jobs), bare start {startup:.2f} s")

    os.environ["PYTHONPATH"] = str(workdir / "src")  # the pool's workers convert like the jobs
    # The edits right after the no-op, so that both meet the machine in the same state: measured
    # after the twenty minutes of the references, the edits took 2.98-3.29 s, and the same
    # edits in the same tree a few minutes later 2.69-2.92 s (this machine reclaims idle page
    # cache).
    _say(f"N={meetings}: one-meeting edit ({EDITS} successive edits of one record)")
    edits = []
    _path, body, year = edited_meeting(corpus)
    scope = _family_folders(corpus, body, year)
    for _ in range(EDITS):
        before = _outputs(build, scope)
        edit_one_meeting(corpus)
        edits.append((_checked(run_snakemake(workdir), "one-meeting edit"), before))
    edit, before = edits[-1]
    edit_s = _median([run.wall_s for run, _ in edits])
    changed = _changed(before, _outputs(build, scope))
    edit_docs = rebuilt_documents(corpus, body, year, changed, build)
    edit_limit = measure_limit(edit_docs, root / "edit-limit")[0] if edit_docs else 0.0
    _say(
        f"N={meetings}: edit {edit_s:.2f} s (median), {edit.jobs} jobs, {len(changed)} files "
        f"(limit {edit_limit:.2f} s)"
    )

    _say(f"N={meetings}: rendering the pipeline's Markdown for the references")
    docs = pipeline_documents(corpus)
    _say(f"N={meetings}: limit ({len(docs)} Markdown documents)")
    limit, limit_cpu = measure_limit(docs, root / "limit")
    _say(f"N={meetings}: limit {limit:.1f} s, {limit_cpu:.0f} s CPU")
    shutil.rmtree(root / "limit", ignore_errors=True)
    _say(f"N={meetings}: naive floor ({floor_files or 'all'} files)")
    floor, sampled = measure_floor(docs, root / "floor", floor_files)
    shutil.rmtree(root / "floor", ignore_errors=True)
    _say(f"N={meetings}: floor {floor:.1f} s")

    _say(f"N={meetings}: template edit")
    template = measure_template_edit(workdir, corpus, root)

    _say(f"N={meetings}: preview ({EDITS} one-meeting edits, save to reloaded page)")
    preview = measure_preview(workdir, corpus)
    _say(f"N={meetings}: " + preview_summary(preview))

    try:
        phases = profile_job(workdir, corpus) if profile else {}
    except subprocess.CalledProcessError as exc:  # the jobs' internals move under us
        phases = {"error": (exc.stderr or "")[-1000:]}
    result = {
        "meetings": corpus.meetings,
        "bodies": len(corpus.bodies),
        "subcommittees": len(corpus.parents),
        "years": len(corpus.years),
        "jobs": cold.jobs,
        "sources": len(docs),
        "documents": documents,
        "cold_s": cold.wall_s,
        "floor_s": floor,
        "floor_sampled": sampled,
        "limit_s": limit,
        "cold_ratio": cold.wall_s / limit,
        "cold_cpu_s": cold.cpu_s,
        "limit_cpu_s": limit_cpu,
        "cold_cpu_ratio": cold.cpu_s / limit_cpu,
        "load_average": os.getloadavg(),
        "floor_ratio": cold.wall_s / floor,
        "noop_s": noop,
        "noop_jobs": noop_jobs,
        "startup_s": startup,
        "noop_ratio": noop / startup,
        "edit_jobs": edit.jobs,
        "edit_documents": len(changed),
        "edit_limit_s": edit_limit,
        "edit_s": edit_s,
        "edit_runs_s": [run.wall_s for run, _ in edits],
        "edit_ratio": edit_s / (noop + edit_limit),
        **template,
        "peak_rss_mb": cold.peak_rss_mb,
        "cold_ms_per_document": 1000 * cold.wall_s / documents,
        "limit_ms_per_document": 1000 * limit / documents,
        "floor_ms_per_document": 1000 * floor / documents,
        "cold_ms_per_meeting": 1000 * cold.wall_s / corpus.meetings,
        **cold_profile(cold),
        "profile": phases,
        "slow_start_plugins": slow_start_plugins(),
        **preview,
    }
    if compare:
        result.update(compare_references(result, workdir, root, docs))
    return result


def preview_summary(result: dict[str, Any]) -> str:
    edit = result["preview_edit_s"]
    verdict = "met" if edit <= PREVIEW_TARGET_S else "MISSED"
    return (
        f"preview start {result['preview_start_s']:.1f} s, first page "
        f"{result['preview_first_page_s']:.2f} s, edit to reloaded page {edit:.2f} s (median; "
        f"server {result['preview_rebuild_s']:.2f} s) ≤ {PREVIEW_TARGET_S} {verdict}"
    )


def measure_preview_only(meetings: int, scratch: Path) -> dict[str, Any]:
    """The preview alone on a fresh corpus: nothing built before, so the first page is
    converted from scratch."""
    workdir = scratch / f"n{meetings}" / "workflow"
    _say(f"N={meetings}: generating the corpus in {workdir}")
    corpus = make_workdir(workdir, meetings)
    validate_sample(corpus)
    _say(f"N={meetings}: preview ({EDITS} one-meeting edits, save to reloaded page)")
    result = {"meetings": corpus.meetings, "bodies": len(corpus.bodies)}
    result.update(measure_preview(workdir, corpus))
    result["load_average"] = os.getloadavg()
    _say(f"N={meetings}: " + preview_summary(result))
    return result


# --------------------------------------------------------------------------- report

COLUMNS = (
    ("meetings", "N", "{:d}"),
    ("documents", "files", "{:d}"),
    ("jobs", "jobs", "{:d}"),
    ("cold_s", "cold s", "{:.1f}"),
    ("limit_s", "limit s", "{:.1f}"),
    ("floor_s", "floor s", "{:.1f}"),
    ("cold_ratio", "cold/limit", "{:.2f}"),
    ("cold_cpu_ratio", "CPU cold/limit", "{:.2f}"),
    ("floor_ratio", "cold/floor", "{:.2f}"),
    ("noop_s", "noop s", "{:.2f}"),
    ("startup_s", "start s", "{:.2f}"),
    ("noop_ratio", "noop/start", "{:.2f}"),
    ("edit_jobs", "edit jobs", "{:d}"),
    ("edit_s", "edit s", "{:.2f}"),
    ("edit_ratio", "edit ratio", "{:.2f}"),
    ("template_edit_jobs", "tmpl jobs", "{:d}"),
    ("peak_rss_mb", "RSS MB", "{:.0f}"),
    ("cold_ms_per_document", "ms/file", "{:.1f}"),
    ("limit_ms_per_document", "limit ms/file", "{:.1f}"),
)
TARGETS = {
    "cold_ratio": 1.3,
    "noop_ratio": 2.0,
    "edit_ratio": 1.5,
    "template_edit_ratio": 1.3,
    "peak_rss_mb": 1024,
}
"""Issue 20's targets (the one-meeting edit also ≤ 5 s at N = 1000: :data:`EDIT_TARGET_S`)."""
EDIT_TARGET_S = 5.0


def table(results: Iterable[dict[str, Any]]) -> str:
    """A Markdown table of the results, one row per size."""
    head = "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    rows = [
        "| " + " | ".join(fmt.format(r[key]) for key, _, fmt in COLUMNS) + " |" for r in results
    ]
    return "\n".join([head, rule, *rows])


def verdicts(result: dict[str, Any]) -> list[str]:
    targets = dict(TARGETS)
    if result["meetings"] >= 1000:
        targets["edit_s"] = EDIT_TARGET_S
    return [
        f"{key} {result[key]:.2f} {'≤' if result[key] <= limit else '>'} {limit}"
        f" {'met' if result[key] <= limit else 'MISSED'}"
        for key, limit in targets.items()
    ]


def compare_references(
    result: dict[str, Any], workdir: Path, root: Path, docs: Sequence[Any]
) -> dict[str, Any]:
    """``--compare``: the bare one-rule start and the plain-loop limit measured again at the
    end of the size's run, and the no-op interleaved with the start again, so the ratios
    stand on references taken in the same run, before and after the rest. The ratios use
    the mean of both measurements of each reference; ``*_first`` and ``*_again`` keep both."""
    _say(f"N={result['meetings']}: --compare: no-op and bare start again, then the limit again")
    noop, startup = noop_and_startup(workdir, bare_workflow(root / "bare-again"))
    limit, limit_cpu = measure_limit(docs, root / "limit-again")
    shutil.rmtree(root / "limit-again", ignore_errors=True)
    out = {
        "noop_first_s": result["noop_s"],
        "noop_again_s": noop,
        "startup_first_s": result["startup_s"],
        "startup_again_s": startup,
        "limit_first_s": result["limit_s"],
        "limit_again_s": limit,
        "limit_cpu_again_s": limit_cpu,
    }
    start = (result["startup_s"] + startup) / 2
    mean_limit = (result["limit_s"] + limit) / 2
    out["noop_ratio"] = ((result["noop_s"] + noop) / 2) / start
    out["cold_ratio"] = result["cold_s"] / mean_limit
    _say(
        f"N={result['meetings']}: start {result['startup_s']:.2f} → {startup:.2f} s, no-op "
        f"{result['noop_s']:.2f} → {noop:.2f} s, limit {result['limit_s']:.1f} → {limit:.1f} s"
    )
    return out


def _load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "unknown"


def _write(out: Path, results: list[dict[str, Any]]) -> None:
    payload = {
        "cores": CORES,
        "source_date_epoch": EPOCH,
        "load_average_after": _load_average(),
        "targets": TARGETS,
        "sizes": results,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/bench.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="corpus sizes in meetings, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--quick", action="store_true", help="N = 100 only")
    parser.add_argument(
        "--floor-files",
        type=int,
        default=600,
        help="output files the naive floor converts, drawn at random, its time scaled to all "
        "(default: %(default)s; 0 converts every file, which takes minutes per 1000 files)",
    )
    parser.add_argument("--out", type=Path, default=Path("build/bench/results.json"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--no-profile", action="store_true", help="skip the per-phase profile")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="measure the bare one-rule start (with the no-op) and the plain-loop limit again"
        " at the end of each size, and take the ratios against both",
    )
    parser.add_argument(
        "--preview-only",
        action="store_true",
        help="measure `kokous preview` alone (no build): start, and save to reloaded page",
    )
    args = parser.parse_args(argv)
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    if args.preview_only:
        return main_preview_only(sizes, args.out, args.keep)

    for plugin in slow_start_plugins():
        _say(
            f"warning: {plugin} is installed; it slows every snakemake start here (see "
            "SLOW_START_PLUGINS in benchmarks/bench.py): measure from a Quick-start line 1"
            " environment"
        )
    scratch = Path(tempfile.mkdtemp(prefix="kokous-bench-"))
    results = []
    try:
        for n in sizes:
            results.append(
                measure(n, scratch, args.floor_files or None, not args.no_profile, args.compare)
            )
            _say(f"N={n}: " + "; ".join(verdicts(results[-1])))
            _write(args.out, results)
    finally:
        if args.keep:
            _say(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    print(table(results))
    for r in results:
        print(f"N={r['meetings']}: " + "; ".join(verdicts(r)))
    print(f"wrote {args.out}")
    return 0


def main_preview_only(sizes: Sequence[int], out: Path, keep: bool) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="kokous-bench-"))
    results = []
    try:
        for n in sizes:
            results.append(measure_preview_only(n, scratch))
            _write(out, results)
    finally:
        if keep:
            _say(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    for r in results:
        print(f"N={r['meetings']}: " + preview_summary(r))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
