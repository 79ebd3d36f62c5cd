# The publications: one job per family (a main body and its subcommittees) and year. It writes
# the press releases and minutes of the members' meetings and the main body's annual report,
# which covers its subcommittees. Each job validates its records before it writes anything and
# reconverts only the documents whose content changed.


rule build_year:
    input:
        records=family_records,
        shipped="build/.kokous/shipped/year.sha256",
    output:
        stamp="build/.kokous/stamps/{body}/{year}/year.json",
    params:
        members=lambda wildcards: ",".join(MEMBERS[wildcards.body]),
        editions=EDITIONS,
        extra_formats=EXTRA_FORMATS,
        released_embargoes=released_embargoes,
    shell:
        "{KOKOUS} build-year --records {RECORDS} --out build"
        " --body {wildcards.body} --members {params.members} --year {wildcards.year}"
        " --editions {params.editions} --extra-formats={params.extra_formats}"
        " --stamp {output.stamp}"


# Named targets. A job builds every kind of its family's year, so all three build the same
# jobs; they are kept as the names a secretary asks for.
rule press:
    input:
        STAMPS,


rule minutes:
    input:
        STAMPS,


rule annual:
    input:
        STAMPS,
