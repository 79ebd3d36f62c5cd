"""The performance benchmark: hold the pipeline to the cost of its converters (issue 4).

Run from the repository root::

    .venv/bin/python -m kokous.bench                 # N = 100, 300 and 1000 meetings
    .venv/bin/python -m kokous.bench --quick         # N = 100 only
    .venv/bin/python -m kokous.bench --sizes 300

For each size it generates a synthetic corpus in a temporary copy of the workflow and measures,
in one run (see docs/performance.md for the method and the numbers):

- **cold**: ``snakemake --cores 2`` on an empty ``build/``, wall time, and the peak resident
  memory of the whole process tree (polled every 50 ms);
- **floor**: the pipeline's own Markdown documents converted as a hand-written Makefile would,
  one ``pandoc`` process per output file and one fresh Typst process per PDF, from a pool of 2;
- **limit**: the same conversions with as few processes as possible: 2 workers, each one
  long-lived ``pandoc lua`` converter (:func:`kokous.convert.convert_documents`) and one
  in-process Typst compiler;
- **noop**: a second ``snakemake``; **startup**: the no-op of a one-rule workflow;
- **edit**: one sentence changed in one meeting record (jobs run, wall time, documents rebuilt);
- **template edit**: a change to the press-release template (jobs run, wall time).

It prints a table and writes ``build/bench/results.json`` under the current folder. Timings are
never part of the test suite; tests/test_bench.py checks only the generator and the JSON keys.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCE = Path(__file__).resolve().parents[2]
"""The checkout this module lives in: the workflow and the sample records are copied from it."""
WORKFLOW_PARTS = (
    "Snakefile",
    "rules",
    "config",
    "profiles",
    "templates",
    "locale",
    "schemas",
    "fonts",
    "src",
    "pyproject.toml",
)
"""What a copy of the workflow needs (never build/, .git or .venv)."""
EPOCH = 1735689600
"""SOURCE_DATE_EPOCH of every run (2025-01-01T00:00Z): every generated meeting lies before it,
so no press release is under embargo and every run builds the same bytes."""
YEARS = 5
MEETINGS_PER_YEAR = 10
CORES = 2
DEFAULT_SIZES = (100, 300, 1000)
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
    "peak_rss_mb",
    "cold_ms_per_document",
    "limit_ms_per_document",
    "floor_ms_per_document",
    "cold_ms_per_meeting",
)
"""Keys every size's entry in results.json has (tests/test_bench.py checks them)."""

# --------------------------------------------------------------------------- corpus

FIRST_NAMES = (
    "Aino Eero Helmi Ilkka Johanna Kalle Laura Matti Noora Olli Päivi Risto Satu Teemu Ulla "
    "Veikko Anni Jari Kirsi Lauri Mervi Pekka Riikka Sami Tuula Ville Elina Hannu Inkeri Markku"
).split()
LAST_NAMES = (
    "Aaltonen Björklund Heikkilä Hämäläinen Jokinen Karjalainen Koskinen Laine Lehtonen Mäkelä "
    "Nieminen Ojala Peltonen Rantanen Salminen Toivonen Virtanen Wikström Åberg Öhman"
).split()
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
    head = f"# yaml-language-server: $schema={schema}\n# Synthetic benchmark record (kokous.bench).\n"
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
    """(bodies, meetings per body-year) for ``meetings`` meetings over YEARS years: 20 × 10 at
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
    from .records import load_volume

    chosen = [corpus.bodies[0], *corpus.parents][:count]
    loaded = 0
    for body in chosen:
        for year in (corpus.years[0], corpus.years[-1]):
            loaded += len(load_volume(corpus.records, body, year).meetings)
    return loaded
