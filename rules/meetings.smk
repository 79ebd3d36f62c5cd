# Press releases and minutes: one job per body and year. Each job validates the year's
# records before it writes anything, and reconverts only the documents whose content changed.


rule build_meetings:
    input:
        records=meeting_records,
        shipped="build/.kokous/shipped/meetings.sha256",
    output:
        stamp="build/.kokous/stamps/{body}/{year}/meetings.json",
    params:
        editions=EDITIONS,
        extra_formats=EXTRA_FORMATS,
        released_embargoes=released_embargoes,
    shell:
        "{PYTHON} -m kokous build-meetings --records {RECORDS} --out build"
        " --body {wildcards.body} --year {wildcards.year}"
        " --editions {params.editions} --extra-formats={params.extra_formats}"
        " --stamp {output.stamp}"


rule press:
    input:
        meeting_stamps(),


rule minutes:
    input:
        meeting_stamps(),
