# Annual reports: one job per main body and year, covering its subcommittees.


rule build_annual_report:
    input:
        records=annual_records,
        shipped="build/.kokous/shipped/annual-report.sha256",
    output:
        stamp="build/.kokous/stamps/{body}/{year}/annual-report.json",
    params:
        editions=EDITIONS,
        extra_formats=EXTRA_FORMATS,
    shell:
        "{PYTHON} -m kokous build-annual-report --records {RECORDS} --out build"
        " --body {wildcards.body} --year {wildcards.year}"
        " --editions {params.editions} --extra-formats={params.extra_formats}"
        " --stamp {output.stamp}"


rule annual:
    input:
        annual_stamps(),
