# Helpers that find records and list files, and the handlers that end a run; no rules here.
# The helpers read directory listings and each body's `parent:` line only, once per run, so
# Snakemake's start stays flat however many meetings there are.

import sys
from glob import glob
from pathlib import Path

from kokous.build import build_clock
from kokous.layout import body_ids, meeting_keys, narrative_years, parent_of

PYTHON = sys.executable
RECORDS = Path(config["records"])
EDITIONS = ",".join(config["editions"])
EXTRA_FORMATS = ",".join(config.get("extra_formats") or [])
# Read once per run: input functions ask for them once per job.
PARENTS = {b: parent_of(RECORDS, b) for b in body_ids(RECORDS)}
SUBCOMMITTEES = {b: sorted(s for s, p in PARENTS.items() if p == b) for b in PARENTS}
BODIES = [b for b in PARENTS if not config["bodies"] or b in config["bodies"]]
MAIN_BODIES = [b for b in BODIES if PARENTS[b] is None]
SUBCOMMITTEE_BODIES = [b for b in BODIES if PARENTS[b] is not None]
MEETINGS = {b: meeting_keys(RECORDS, b) for b in PARENTS}
NARRATIVE_YEARS = {b: narrative_years(RECORDS, b) for b in PARENTS}
NOW = build_clock().isoformat(timespec="minutes")


wildcard_constraints:
    body="|".join(BODIES) or "(?!)",
    year=r"\d{4}",
    kind="|".join(["meetings", "year", "publish", "validate", "release"]),


# Files shipped with the workflow are inputs, so editing one reruns exactly the jobs using it.
def shipped(*patterns):
    """The files (not folders) matching any of the glob patterns, sorted."""
    found = {f for pattern in patterns for f in glob(pattern, recursive=True)}
    return sorted(f for f in found if Path(f).is_file())


CODE = shipped("src/kokous/*.py", "src/kokous/*.lua")
CONVERTER = shipped("templates/formats.yaml", "templates/pandoc/*", "fonts/**/*")
CATALOGS = shipped("locale/*/LC_MESSAGES/*.po")
SCHEMAS = shipped("schemas/*.json")
MEETING_TEMPLATES = shipped(
    "templates/press-release*.j2",
    "templates/minutes*.j2",
    "templates/_*.j2",
    "templates/partials/*.j2",
)
ANNUAL_TEMPLATES = shipped(
    "templates/annual-report*.j2", "templates/_*.j2", "templates/partials/*.j2"
)


# Each job depends on one digest of the shipped files its kind uses, not on each of them:
# Snakemake then checks one input per job instead of about fifty (measurably faster to start
# with a thousand meetings), and editing a template still reruns exactly the jobs of the
# kinds that use it.
SHIPPED = {
    "meetings": MEETING_TEMPLATES + CATALOGS + CONVERTER + SCHEMAS + CODE,
    "year": sorted(set(MEETING_TEMPLATES + ANNUAL_TEMPLATES))
    + CATALOGS
    + CONVERTER
    + SCHEMAS
    + CODE,
    "publish": ["templates/pandoc/kokous.css", *CODE],
    "validate": SCHEMAS + CODE,
    "release": CODE,
}


def shipped_files(wildcards):
    return SHIPPED[wildcards.kind]


def body_records(body):
    """The body's record, and its parent's for a subcommittee (shared roster)."""
    parent = PARENTS[body]
    files = [RECORDS / body / "body.yaml"]
    return files + ([RECORDS / parent / "body.yaml"] if parent else [])


def volume_records(body, year):
    """Every record one body's year is built from: the body, its subcommittees (listed in
    press releases), its meetings of that year and the year's narrative."""
    files = body_records(body)
    files += [RECORDS / sub / "body.yaml" for sub in SUBCOMMITTEES[body]]
    files += [
        RECORDS / body / "meetings" / f"{key}.yaml"
        for key in MEETINGS[body]
        if key.startswith(f"{year}-")
    ]
    if year in NARRATIVE_YEARS[body]:
        files.append(RECORDS / body / "years" / f"{year}.yaml")
    return [str(f) for f in files]


def meeting_records(wildcards):
    return volume_records(wildcards.body, int(wildcards.year))


def year_records(wildcards):
    year = int(wildcards.year)
    files = volume_records(wildcards.body, year)
    for sub in SUBCOMMITTEES[wildcards.body]:
        files += volume_records(sub, year)
    return sorted(set(files))


def meeting_years(body):
    """Calendar years in which the body has meeting records."""
    return sorted({int(key[:4]) for key in MEETINGS[body] if key[:4].isdigit()})


def annual_years(body):
    """Years a main body has an annual report for: its own or a subcommittee's meetings, or a
    narrative."""
    years = set(meeting_years(body)) | set(NARRATIVE_YEARS[body])
    for sub in SUBCOMMITTEES[body]:
        years |= set(meeting_years(sub))
    return sorted(years)


YEAR_STAMPS = [
    f"build/.kokous/stamps/{body}/{year}/year.json"
    for body in MAIN_BODIES
    for year in annual_years(body)
]
STAMPS = YEAR_STAMPS + [
    f"build/.kokous/stamps/{body}/{year}/meetings.json"
    for body in SUBCOMMITTEE_BODIES
    for year in meeting_years(body)
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
    return sum(1 for moment in embargoes if moment <= NOW)


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
