# Helpers that find records and list files, and the handlers that end a run; no rules here.
# The helpers read directory listings and each body's `parent:` line only, once per run, so
# Snakemake's start stays flat however many meetings there are.

import functools
import shlex
import sys
from glob import glob
from pathlib import Path

from kokous import jobclient
from kokous.layout import body_ids, meeting_keys, narrative_years, parent_of

PYTHON = sys.executable
# Every kokous command runs in a warm job server (see kokous.jobclient): a client that imports
# a few standard modules starts in 20-40 ms, where `python -m kokous` spends 0.3 s importing.
KOKOUS = " ".join(
    shlex.quote(part) for part in (PYTHON, "-I", "-S", jobclient.__file__)
)
RECORDS = Path(config["records"])
EDITIONS = ",".join(config["editions"])
EXTRA_FORMATS = ",".join(config.get("extra_formats") or [])
# Read once per run: input functions ask for them once per job.
PARENTS = {b: parent_of(RECORDS, b) for b in body_ids(RECORDS)}
MEETINGS = {b: meeting_keys(RECORDS, b) for b in PARENTS}
NARRATIVE_YEARS = {b: narrative_years(RECORDS, b) for b in PARENTS}


def is_family_head(body):
    """Whether a body is built by a job of its own: a main body, or a body whose parent is
    missing or is itself a subcommittee (its job then reports that record error)."""
    parent = PARENTS[body]
    return parent is None or parent not in PARENTS or PARENTS[parent] is not None


# One job per family and year: a main body with its subcommittees. The annual report covers
# the subcommittees, so the main body's job loads their records anyway; building their press
# releases and minutes there too keeps one job where there were two in a row (measured at
# N = 1000: 105 jobs became 69, and a subcommittee edit runs one job instead of two).
FAMILIES = {
    head: [head] + [b for b in PARENTS if PARENTS[b] == head and not is_family_head(b)]
    for head in PARENTS
    if is_family_head(head)
}
SELECTED = {b for b in PARENTS if not config["bodies"] or b in config["bodies"]}
# The family members a job builds: all of them unless `bodies` names only some.
MEMBERS = {h: [b for b in f if b in SELECTED] for h, f in FAMILIES.items()}
MEMBERS = {h: members for h, members in MEMBERS.items() if members}


wildcard_constraints:
    body="|".join(MEMBERS) or "(?!)",
    year=r"\d{4}",
    kind="|".join(["year", "publish", "validate", "release"]),


# Files shipped with the workflow are inputs, so editing one reruns exactly the jobs using it.
def shipped(*patterns):
    """The files (not folders) matching any of the glob patterns, sorted."""
    found = {f for pattern in patterns for f in glob(pattern, recursive=True)}
    return sorted(f for f in found if Path(f).is_file())


CODE = shipped("src/kokous/*.py", "src/kokous/*.lua")
CONVERTER = shipped("templates/formats.yaml", "templates/pandoc/*", "fonts/**/*")
CATALOGS = shipped("locale/*/LC_MESSAGES/*.po")
SCHEMAS = shipped("schemas/*.json")
TEMPLATES = shipped("templates/*.j2", "templates/partials/*.j2")


# Each job depends on one digest of the shipped files its kind uses, not on each of them:
# Snakemake then checks one input per job instead of about fifty (measurably faster to start
# with a thousand meetings), and editing a template still reruns exactly the jobs of the
# kinds that use it.
SHIPPED = {
    "year": TEMPLATES + CATALOGS + CONVERTER + SCHEMAS + CODE,
    "publish": ["templates/pandoc/kokous.css", *CODE],
    "validate": SCHEMAS + CODE,
    "release": CODE,
}


def shipped_files(wildcards):
    return SHIPPED[wildcards.kind]


def family_years(head):
    """Years a family has a job for: any member's meetings, or a narrative."""
    years = set()
    for body in FAMILIES[head]:
        years.update(int(key[:4]) for key in MEETINGS[body] if key[:4].isdigit())
        years.update(NARRATIVE_YEARS[body])
    return sorted(years)


def family_records(wildcards):
    """Every record a family's year is built from: each member's body, meetings of that year
    and narrative, and the parent's body of a head that names one (shared roster). Plain
    strings, not paths: Snakemake asks once per job at every start."""
    head, year = wildcards.body, wildcards.year
    files = []
    parent = PARENTS[head]
    if parent in PARENTS:
        files.append(f"{RECORDS}/{parent}/body.yaml")
    for body in FAMILIES[head]:
        files.append(f"{RECORDS}/{body}/body.yaml")
        files += [
            f"{RECORDS}/{body}/meetings/{key}.yaml"
            for key in MEETINGS[body]
            if key.startswith(year) and key[4:5] == "-"
        ]
        if int(year) in NARRATIVE_YEARS[body]:
            files.append(f"{RECORDS}/{body}/years/{year}.yaml")
    return files


STAMPS = [
    f"build/.kokous/stamps/{head}/{year}/year.json"
    for head in MEMBERS
    for year in family_years(head)
]


def all_records(wildcards):
    """Every record file (for validate-only; listed only when that target is asked for)."""
    return sorted(glob(f"{RECORDS}/**/*.yaml", recursive=True))


def released_embargoes(wildcards):
    """How many of the job's embargoed press releases the build clock has passed. The job
    lists their times in build/.kokous/embargoes/ (only when it has any, so most jobs cost one
    failed open here); when one passes, this parameter changes and Snakemake reruns the job, so the
    release reaches the public edition without any record being edited."""
    import json

    path = f"build/.kokous/embargoes/{wildcards.body}/{wildcards.year}.json"
    try:
        with open(path, encoding="utf-8") as handle:
            embargoes = json.load(handle)
    except FileNotFoundError:
        return 0
    now = build_now()
    return sum(1 for moment in embargoes if moment <= now)


@functools.cache
def build_now():
    """The build clock, as the embargo files write times. Imported only when a job has an
    embargo: kokous.build and zoneinfo are not needed at any other start."""
    from kokous.build import build_clock

    return build_clock().isoformat(timespec="minutes")


# Snakemake 9 re-evaluates its job rate limit (--max-jobs-per-timespan, 100/1s by default) on a
# threading.Timer after every scheduling round, and the interpreter waits for the last one before
# it exits: every run that executed a job ended about a second after its work was done (measured
# at N = 1000: 1.3 s from "unlocking" to exit). The work is done when these handlers run, so the
# pending timers have nothing left to schedule.
def cancel_pending_timers():
    import threading

    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


onsuccess:
    cancel_pending_timers()


onerror:
    cancel_pending_timers()
