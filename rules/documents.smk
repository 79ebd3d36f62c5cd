# The publications: render jobs of at most ten meetings of a body-year write their press
# releases, agendas, invitations and minutes; one job per main body and year writes the annual
# report, which covers its subcommittees. Each job declares every file it writes (the plan says
# which: see src/kokous/plan.py) and a part listing them for the manifest.

for body_year in PLAN.years:
    for job in body_year.render:

        rule:
            name:
                rule_name("render", body_year.body, body_year.year, job.name)
            input:
                checked=build_path(body_year.checked),
                shipped="build/.kokous/shipped/render.sha256",
            output:
                part=build_path(job.part),
                documents=[build_path(f) for f in job.files],
            log:
                log_path(rule_name("render", body_year.body, body_year.year, job.name)),
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

    if body_year.annual:

        rule:
            name:
                rule_name("annual_report", body_year.body, body_year.year)
            input:
                checked=annual_report_inputs(body_year),
                shipped="build/.kokous/shipped/render.sha256",
            output:
                part=build_path(body_year.annual.part),
                documents=[build_path(f) for f in body_year.annual.files],
            log:
                log_path(rule_name("annual_report", body_year.body, body_year.year)),
            conda:
                "../envs/kokous.yaml"
            params:
                kokous=KOKOUS,
                # The embargoes passed among the family's meetings: the report lists the
                # press releases issued.
                released=annual_released(body_year),
                records_commits=commits_option(body_year.annual),
                editions=",".join(EDITIONS),
                extra_formats=",".join(EXTRA_FORMATS),
            shell:
                "{params.kokous} annual-report --part {output.part:q}"
                " --out build --editions {params.editions:q}"
                " --extra-formats={params.extra_formats:q}"
                " --records-commits={params.records_commits:q} {input.checked:q}"
                " 2>&1 | tee {log:q}"


# Named targets: every document of one kind.
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
