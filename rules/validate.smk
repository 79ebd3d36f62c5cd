# Validate only: `snakemake validate` checks every record and writes nothing else. The stamp
# makes a second run free while no record or schema has changed.


rule validate:
    input:
        records=all_records,
        shipped="build/.kokous/shipped/validate.sha256",
    output:
        stamp=touch("build/.kokous/validated"),
    shell:
        "{KOKOUS} validate --records {RECORDS}"
