# The publications. Render jobs of at most ten meetings of a body-year write their press
# releases, agendas, invitations and minutes: each declares one folder per meeting and
# edition in which the meeting has documents (the plan says which), and a part listing every
# file it wrote for the manifest. Their outputs differ in number from job to job, which a
# wildcard rule cannot express, so they are generated from the plan; the annual report (one
# job per main body and year, covering its subcommittees) has a fixed shape and is a
# wildcard rule.
#
# The folders are flagged update(): Snakemake does not empty them before the job (it backs
# them up and restores them if the job fails), so the writer leaves every unchanged file as
# it was, mtime included, and the job itself removes what it no longer writes there.

for by in PUBLISHED:
    for job in by.render:

        rule:
            name:
                rule_name("render", by.body, by.year, job.name)
            input:
                checked=build_path(by.checked),
                shipped="build/.kokous/shipped/render.sha256",
            output:
                part=build_path(job.part),
                folders=[update(directory(build_path(f))) for f in job.folders],
            log:
                log_path(rule_name("render", by.body, by.year, job.name)),
            conda:
                "../envs/kokous.yaml"
            params:
                kokous=KOKOUS,
                meetings=job.meetings,
                editions=",".join(EDITIONS),
                extra_formats=",".join(EXTRA_FORMATS),
                # The embargoes the build clock has passed: one passing reruns the job, so the
                # release reaches the public edition without a record being edited.
                released=job.released,
                # The display periods the build clock has passed: one passing reruns the job,
                # so the guests' names leave the public minutes without a record being edited.
                names_withdrawn=job.names_withdrawn,
                # The records' commit each document names: committing a meeting's record
                # reruns its job (and no other).
                records_commits=commits_option(job),
                # The e-mails' links start with base_url, and their addresses fall back to
                # the config's mail: changing either reruns the jobs.
                base_url=config.get("base_url") or "",
                mail=json.dumps(config.get("mail") or {}, sort_keys=True),
            shell:
                "{params.kokous} render --checked {input.checked:q} --part {output.part:q}"
                " --out build --editions {params.editions:q}"
                " --extra-formats={params.extra_formats:q}"
                " --base-url={params.base_url:q} --mail={params.mail:q}"
                " --records-commits={params.records_commits:q} {params.meetings:q}"
                " 2>&1 | tee {log:q}"


rule write_annual_report:
    input:
        checked=annual_report_inputs,
        shipped="build/.kokous/shipped/annual.sha256",
    output:
        part="build/.kokous/parts/{body}/{year}/annual-report.{lang}.json",
        documents=annual_report_files("{lang}"),
    log:
        "build/.kokous/logs/annual_report_{body}_{year}_{lang}.log",
    conda:
        "../envs/kokous.yaml"
    params:
        kokous=KOKOUS,
        # The embargoes passed among the family's meetings: the report lists the press
        # releases issued.
        released=annual_released,
        records_commits=annual_commits,
        editions=",".join(EDITIONS),
        extra_formats=",".join(EXTRA_FORMATS),
    shell:
        "{params.kokous} annual-report --part {output.part:q}"
        " --out build --editions {params.editions:q}"
        " --extra-formats={params.extra_formats:q}"
        " --records-commits={params.records_commits:q} {input.checked:q}"
        " 2>&1 | tee {log:q}"


# Named targets: the outputs holding every document of one kind (meeting folders, or the
# annual reports' files).
rule press:
    input:
        documents_of_kind("press-release"),


rule minutes:
    input:
        documents_of_kind("minutes"),


rule annual:
    input:
        documents_of_kind("annual-report"),


rule agendas:
    input:
        documents_of_kind("agenda"),


rule invitations:
    input:
        documents_of_kind("invitation"),
