# The plan of the build and the helpers the rules use; no rules here.
# The plan (src/kokous/plan.py) reads the records once at the start: which body-years exist,
# which jobs build them and every file each job writes, so Snakemake alone decides what is
# stale and every document is a target of its own (`snakemake build/public/…/minutes.fi.pdf`).

import json
import os
import shlex
import sys
from glob import glob
from pathlib import Path

from snakemake.utils import validate

from kokous import plan as planning
from kokous.desk import desk_pages
from kokous.stamps import drop_folder_stamps

validate(config, "../schemas/config.schema.json")

RECORDS = Path(config["records"])
EDITIONS = [e for e in planning.EDITIONS if e in config["editions"]]
EXTRA_FORMATS = list(config["extra_formats"])
try:
    PLAN = planning.make_plan(RECORDS, config["bodies"], EDITIONS, EXTRA_FORMATS)
except planning.PlanError as error:
    # One line naming what to change, and no job runs.
    sys.exit(f"kokous: {error}")

# Every job of this run reads the clock the plan was made with (kokous.plan.build_clock), so the
# plan and the documents agree on embargoes. It is no rule parameter (that would rerun every
# job each minute): a job whose output depends on it has the embargoes it has passed as one.
os.environ["KOKOUS_NOW"] = planning.format_clock(PLAN.now)


# Passed on to jobs that run elsewhere (SLURM).
envvars:
    "KOKOUS_NOW",


# The whole build publishes the desk and the manifest; a body selection builds its bodies'
# documents only.
WHOLE_BUILD = not config["bodies"]
# The interpreter of this Snakemake, named the same however Snakemake was started (bin/python3
# and bin/python of one environment are one interpreter): it is a parameter of every job.
PYTHON = Path(sys.executable).with_name("python")
KOKOUS = " ".join(
    shlex.quote(part)
    for part in (str(PYTHON if PYTHON.exists() else sys.executable), "-m", "kokous")
)


def rule_name(*parts):
    """A name for a generated rule, made of ids that may hold '-' (Snakemake's names are
    identifiers)."""
    return "_".join(str(p).replace("-", "_") for p in parts)


def build_path(relative):
    return f"build/{relative}"


def log_path(name):
    return f"build/.kokous/logs/{name}.log"


def records_root(wildcards, input):
    """The records folder, from a job's first record (its body's body.yaml)."""
    return str(Path(input.records[0]).parents[1])


def record_paths(body_year):
    return [f"{RECORDS}/{r}" for r in body_year.records]


def annual_report_inputs(body_year):
    """The checked years an annual report is made from: its body's first, then its
    subcommittees'."""
    return [build_path(c) for c in planning.checked_inputs(PLAN, body_year)]


def annual_released(body_year):
    """Meetings of the family's year whose embargo the build clock has passed."""
    return sorted(
        key
        for by in PLAN.years
        if by.year == body_year.year
        and (by.body == body_year.body or by.parent == body_year.body)
        for job in by.render
        for key in job.released
    )


DESK_BODIES = sorted({by.body for by in PLAN.years})
BODY_YEARS = [f"{by.body}/{by.year}" for by in PLAN.years]
DOCUMENTS = [build_path(f) for f in PLAN.files]


def build_targets(wildcards):
    """Every document, so that a deleted one is rebuilt (Snakemake reruns a job for a missing
    output only when something asks for that file); the whole build adds the manifest, desk
    and OParl export (rules/oparl.smk), a selection the checks of its body-years."""
    if WHOLE_BUILD:
        return ["build/manifest.json", *DOCUMENTS, *OPARL_FILES]
    return DOCUMENTS + [build_path(by.checked) for by in PLAN.years]


# Files shipped with the workflow are inputs, so editing one reruns exactly the jobs using it.
def shipped(*patterns):
    """The files (not folders) matching any of the glob patterns, sorted."""
    found = {f for pattern in patterns for f in glob(pattern, recursive=True)}
    return sorted(f for f in found if Path(f).is_file())


# kokous's code and the rules themselves (the profile leaves out Snakemake's own code trigger).
CODE = shipped("src/kokous/**/*.py", "src/kokous/*.lua", "Snakefile", "rules/*.smk")
SHIPPED = {
    # The check refuses characters the PDF's fonts lack (rule K602, kokous.lint.text).
    "check": shipped("schemas/*.json", "templates/formats.yaml", "fonts/*.ttf") + CODE,
    "render": shipped(
        "templates/*.j2",
        "templates/partials/*.j2",
        "templates/formats.yaml",
        "templates/pandoc/*",
        "fonts/**/*",
        "locale/*/LC_MESSAGES/*.po",
    )
    + CODE,
    "publish": shipped(
        "templates/pandoc/kokous.css",
        "templates/desk/*.j2",
        "templates/desk/*.js",
        "locale/*/LC_MESSAGES/*.po",
    )
    + CODE,
    "release": CODE,
    "oparl": CODE,
}


def shipped_files(wildcards):
    return SHIPPED[wildcards.kind]


def documents_of_kind(kind):
    # os.path on strings: the three named targets are listed at every start, and a Path per
    # document cost 0.3 s of it with 22 000 documents.
    return [f for f in DOCUMENTS if os.path.basename(f).startswith(f"{kind}.")]


# The release is signed when signing_key names a key: the key is then an input of the release
# and the signature one of its outputs; without one, neither is declared.
SIGNING_KEY = (
    [os.path.expanduser(config["signing_key"])] if config.get("signing_key") else []
)
SIGNATURE = ["build/release/SHA256SUMS.sig"] if SIGNING_KEY else []


def records_version(wildcards):
    """`git describe` of the records, asked only when a release is built."""
    from kokous.release import release_version

    return release_version(RECORDS)


def commits_option(job):
    """A job's records commits as its command line takes them (KEY=COMMIT,...)."""
    return ",".join(
        f"{key}={commit}" for key, commit in sorted(job.records_commits.items())
    )


def records_commit(wildcards):
    """The records' git commit for the manifest (else "uncommitted"), asked once per run and
    only when the publish step is planned: one `git status` of the records folder."""
    from kokous.manifest import records_commit as commit_of

    return commit_of(RECORDS)


# Snakemake 9 re-evaluates its job rate limit (--max-jobs-per-timespan, 100/1s by default) on a
# threading.Timer after every scheduling round, and the interpreter waits for the last one before
# it exits: every run that executed a job ended about a second after its work was done (measured
# at N = 1000: 1.3 s from "unlocking" to exit). The work is done when the Snakefile's onsuccess
# and onerror handlers call this, so the pending timers have nothing left to schedule.
def cancel_pending_timers():
    import threading

    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()
