# The plan of the build and the helpers the rules use; no rules here.
# The plan (src/kokous/plan.py) reads the records once at the start: which body-years exist,
# which jobs build them and which meeting folders each render job writes, so Snakemake alone
# decides what is stale and a meeting folder is a target of its own
# (`snakemake build/public/tyonvk/2025/2025-03-12`). The documents inside a folder are not
# declared one by one: Snakemake pays per declared file (docs/performance.md), and
# `kokous verify` compares them with the manifest instead.

import functools
import json
import os
import re
import shlex
import sys
from glob import glob
from pathlib import Path

from snakemake.utils import validate

from kokous import plan as planning
from kokous.plan_facts import MEMO as PLAN_FACTS_MEMO
from kokous import publish as publishing

validate(config, "../schemas/config.schema.json")

RECORDS = Path(config["records"])
EDITIONS = [e for e in planning.EDITIONS if e in config["editions"]]
EXTRA_FORMATS = list(config["extra_formats"])
try:
    # The memo spares the start a YAML parse of every meeting record whose bytes it has
    # seen (src/kokous/plan_facts.py): the plan is the same with it or without it.
    PLAN = planning.make_plan(
        RECORDS,
        config["bodies"],
        EDITIONS,
        EXTRA_FORMATS,
        memo=Path("build") / PLAN_FACTS_MEMO,
    )
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


# The wildcard rules look their job up in the plan; the wildcards are constrained to the
# plan's ids once, here, so a path names a job of the plan or no job at all.
BODY_YEARS = {(by.body, str(by.year)): by for by in PLAN.years}
PUBLISHED = [by for by in PLAN.years if by.publish]
BODIES = PLAN.published_bodies
NO_MATCH = "(?!)"
# An annual report is named by its body's first language (plan: RenderJob "annual-report.fi").
ANNUAL_LANGUAGES = {by.annual.name.split(".")[1] for by in PLAN.years if by.annual}


def one_of(values):
    """A wildcard constraint matching exactly ``values``."""
    return "|".join(re.escape(str(v)) for v in sorted(set(values))) or NO_MATCH


wildcard_constraints:
    body=one_of(PLAN.bodies),
    year=one_of(by.year for by in PLAN.years),
    lang=one_of(ANNUAL_LANGUAGES),


def body_year(wildcards):
    """The plan's body-year a job's wildcards name."""
    return BODY_YEARS[(wildcards.body, wildcards.year)]


def check_records(wildcards):
    return record_paths(body_year(wildcards))


def prune_editions(wildcards):
    """A selection that names only a main body checks its subcommittees for the annual report
    without touching their files."""
    return ",".join(EDITIONS) if body_year(wildcards).publish else ""


def file_problems(wildcards):
    return body_year(wildcards).file_problems


def annual_report_inputs(wildcards):
    """The checked years an annual report is made from: its body's first, then its
    subcommittees'."""
    return [build_path(c) for c in planning.checked_inputs(PLAN, body_year(wildcards))]


def annual_released(wildcards):
    """Meetings of the family's year whose embargo the build clock has passed."""
    by = body_year(wildcards)
    return sorted(
        key
        for other in PLAN.years
        if other.year == by.year and (other.body == by.body or other.parent == by.body)
        for job in other.render
        for key in job.released
    )


def annual_commits(wildcards):
    return commits_option(body_year(wildcards).annual)


def annual_report_files(lang):
    """The annual report's files of every edition, with {body}, {year} (and ``lang``)."""
    return [
        f"build/{edition}/{{body}}/{{year}}/annual-report.{lang}.{fmt}"
        for edition in EDITIONS
        for fmt in planning.formats_of("annual-report", EXTRA_FORMATS)
    ]


def body_years_of(wildcards):
    return PLAN.body_years(wildcards.body)


def body_facts(wildcards):
    return [build_path(by.facts) for by in body_years_of(wildcards)]


def body_parts(wildcards):
    return [build_path(job.part) for by in body_years_of(wildcards) for job in by.jobs]


def body_folders(wildcards):
    return [build_path(f) for by in body_years_of(wildcards) for f in by.folders]


def body_year_numbers(wildcards):
    return [by.year for by in body_years_of(wildcards)]


# What every desk page shows of every body (the navigation): a parameter of each body's
# publish job, so renaming a body reruns them all and none reads another body's files.
SITE = json.dumps(
    publishing.site_facts(
        {b: f for b, f in PLAN.raw_bodies.items() if b in BODIES}, PLAN.bodies
    ),
    ensure_ascii=False,
    sort_keys=True,
)


def missing(paths):
    """The paths that do not exist: a declared output asked for only when it is missing."""
    return [p for p in paths if not os.path.lexists(p)]


def selection_targets():
    """A body selection's documents: the check of each body-year and the part of each render
    and annual-report job (one output per job), and any of their folders and files that is
    missing."""
    targets = [build_path(by.checked) for by in PLAN.years]
    for by in PUBLISHED:
        targets += [build_path(job.part) for job in by.jobs]
        outputs = by.folders + (by.annual.files if by.annual else [])
        targets += missing(build_path(f) for f in outputs)
    return targets


def desk_targets():
    """The manifest (the final step's output, which reads every body's publish job), and any
    of the desk's and the bodies' pages and feeds and the bodies' search bundles that is
    missing."""
    outputs = [build_path(p) for p in publishing.desk_pages(EDITIONS)]
    for body in BODIES:
        outputs += [build_path(p) for p in publishing.body_pages(EDITIONS, body)]
        if "public" in EDITIONS:
            outputs.append(f"build/public/pagefind/{body}")
    return ["build/manifest.json", *missing(outputs)]


def build_targets(wildcards):
    """What `all` asks for: one output of every job, and every declared output of the
    editions that is missing. Snakemake reruns a job for a missing output only when a job
    that needs to run, or a target, asks for it; asking for every meeting folder instead
    made Snakemake look up the producer of thousands of paths at every start (the no-op at
    N = 1000, docs/performance.md). So a deleted meeting folder, annual report or desk page
    is still rebuilt, and `-n` names it. A document inside a meeting folder is no declared
    output: `kokous verify` finds it missing. A body selection builds its bodies' documents
    only; the whole build adds the manifest."""
    targets = selection_targets()
    if WHOLE_BUILD:
        targets += desk_targets()
    return targets


# Files shipped with the workflow are inputs, so editing one reruns exactly the jobs using it.
def shipped(*patterns):
    """The files (not folders) matching any of the glob patterns, sorted."""
    found = {f for pattern in patterns for f in glob(pattern, recursive=True)}
    return sorted(f for f in found if Path(f).is_file())


# kokous's code and the rules themselves (the profile leaves out Snakemake's own code trigger).
CODE = shipped("src/kokous/**/*.py", "src/kokous/*.lua", "Snakefile", "rules/*.smk")
ANNUAL_TEMPLATE = "templates/annual-report.md.j2"
DOCUMENT_SHARED = (
    shipped(
        "templates/partials/*.j2",
        "templates/formats.yaml",
        "templates/pandoc/*",
        "fonts/**/*",
        "locale/*/LC_MESSAGES/*.po",
    )
    + CODE
)
SHIPPED = {
    # The check refuses characters the PDF's fonts lack (rule K602, kokous.lint.text).
    "check": shipped("schemas/*.json", "templates/formats.yaml", "fonts/*.ttf") + CODE,
    # A meeting's documents and the annual report each have their templates, so that editing
    # the press release's reruns no annual report (65 jobs of a template edit at N = 1000).
    "render": sorted(set(shipped("templates/*.j2")) - {ANNUAL_TEMPLATE})
    + DOCUMENT_SHARED,
    "annual": [ANNUAL_TEMPLATE, *DOCUMENT_SHARED],
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


@functools.cache
def outputs_by_kind():
    """Per kind of document, the outputs holding its documents: the meeting folders with
    one, or the annual reports' files. One pass over the plan's files (the five named targets
    asked for them one pass each: 0.3 s of every start at N = 300)."""
    found = {}
    for by in PUBLISHED:
        for job in by.jobs:
            for f in job.files:
                folder, _, name = f.rpartition("/")
                output = f if job is by.annual else folder
                found.setdefault(name.split(".", 1)[0], set()).add(build_path(output))
    return found


def documents_of_kind(kind):
    return sorted(outputs_by_kind().get(kind, ()))


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
    return folder_commit()


@functools.cache
def folder_commit():
    from kokous.manifest import records_commit as commit_of

    return commit_of(RECORDS)


def settle_marks():
    """Move Snakemake's marks out of every folder output the plan declares (meeting folders,
    search bundles, the OParl export's folders) onto the folders' own times, after a run
    (kokous.writer.settle_folder_marks). The jobs that read those folders do it during a
    whole build; a run that asks for a meeting folder alone, or a body selection, has no such
    job, and leaves nothing of Snakemake's in the editions either."""
    from kokous.writer import settle_folder_marks

    folders = [Path(build_path(f)) for by in PUBLISHED for f in by.folders]
    folders += sorted(Path("build/public/pagefind").glob("*/"))
    folders += sorted(Path("build/public/oparl").glob("*/"))
    settle_folder_marks(folders)


# Snakemake 9 enforces its job rate limit (--max-jobs-per-timespan, 100/1s by default) with
# threading.Timers: a scheduling round that leaves jobs waiting for a core starts one, and the
# round it wakes starts the next, so every finished job adds a chain that reruns the job
# selection (a stat of each waiting job's inputs) every second. A cold build at N = 3000 (907
# jobs) spent 1,400 s of its 4,600 s of CPU in Snakemake's own process, most of it there
# (py-spy, docs/performance.md). A local run has no submission rate to keep, so the
# Snakefile's onstart handler drops the limit for it; the scheduler then selects jobs only when
# one finishes. A cluster run keeps the limit (a cluster has a submission rate to respect).
def drop_local_rate_limit():
    if workflow.local_exec:
        workflow.scheduler.job_rate_limiter = None


# Where the limit stays (a cluster run), the interpreter waits for the last pending timer
# before it exits: such a run ended about a second after its work was done (measured at
# N = 1000 when local runs still had the limit: 1.3 s from "unlocking" to exit). The work is
# done when the Snakefile's onsuccess and onerror handlers call this, so the pending timers
# have nothing left to schedule.
def cancel_pending_timers():
    import threading

    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


# The OParl export (rules/oparl.smk): its families of bodies and the files the publish stage
# reads.
from kokous import oparl

try:
    OPARL_FAMILIES = (
        oparl.family_years(PLAN)
        if WHOLE_BUILD and "public" in EDITIONS and config.get("base_url")
        else {}
    )
except oparl.OParlError as error:
    sys.exit(f"kokous: {error}")
OPARL_HEADS = list(OPARL_FAMILIES)
# Per family its manifest entries and Body object, which the final step reads.
OPARL_PARTS = [f"build/.kokous/parts/oparl/{head}.json" for head in OPARL_HEADS]
OPARL_SYSTEM = [build_path(f) for f in oparl.system_files(OPARL_HEADS)]
OPARL_SYSTEM_PART = "build/.kokous/parts/oparl-system.json"
# What `all` asks for: a deleted file of a family's folder is not noticed (the folder is the
# output), a deleted folder is.
OPARL_FILES = (
    [f"build/public/oparl/{head}" for head in OPARL_HEADS] + OPARL_SYSTEM
    if OPARL_HEADS
    else []
)


def oparl_checked(wildcards):
    return [build_path(by.checked) for by in OPARL_FAMILIES[wildcards.head]]


def oparl_render_parts(wildcards):
    """The family's render jobs' parts: a part changes whenever a document of its job does."""
    return [
        build_path(job.part)
        for by in OPARL_FAMILIES[wildcards.head]
        for job in by.render
    ]


def oparl_released(wildcards):
    """The family's meetings whose embargo the build clock has passed: a press release joins
    the export then."""
    return [
        key
        for by in OPARL_FAMILIES[wildcards.head]
        for job in by.render
        for key in job.released
    ]
