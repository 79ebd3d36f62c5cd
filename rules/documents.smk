# The publications: one job per body and year. A subcommittee's job writes the press releases
# and minutes of its meetings; a main body's job writes its own and the year's annual report,
# which covers its subcommittees. Each job validates its records before it writes anything and
# reconverts only the documents whose content changed.


rule build_meetings:
    input:
        records=meeting_records,
        shipped="build/.kokous/shipped/meetings.sha256",
    output:
        stamp="build/.kokous/stamps/{body}/{year}/meetings.json",
    wildcard_constraints:
        body="|".join(SUBCOMMITTEE_BODIES) or "(?!)",
    params:
        editions=EDITIONS,
        extra_formats=EXTRA_FORMATS,
        released_embargoes=released_embargoes,
    shell:
        "{PYTHON} -m kokous build-meetings --records {RECORDS} --out build"
        " --body {wildcards.body} --year {wildcards.year}"
        " --editions {params.editions} --extra-formats={params.extra_formats}"
        " --stamp {output.stamp}"


rule build_year:
    input:
        records=year_records,
        shipped="build/.kokous/shipped/year.sha256",
    output:
        stamp="build/.kokous/stamps/{body}/{year}/year.json",
    wildcard_constraints:
        body="|".join(MAIN_BODIES) or "(?!)",
    params:
        editions=EDITIONS,
        extra_formats=EXTRA_FORMATS,
        released_embargoes=released_embargoes,
    shell:
        "{PYTHON} -m kokous build-year --records {RECORDS} --out build"
        " --body {wildcards.body} --year {wildcards.year}"
        " --editions {params.editions} --extra-formats={params.extra_formats}"
        " --stamp {output.stamp}"


# Named targets. A job builds every kind of its body and year, so `press` and `minutes` build
# the same jobs; `annual` builds the main bodies' years only.
rule press:
    input:
        STAMPS,


rule minutes:
    input:
        STAMPS,


rule annual:
    input:
        YEAR_STAMPS,
