# The files shipped with the workflow (templates, catalogs, converter settings, fonts,
# schemas, code), digested per kind of job (SHIPPED in common.smk): each job depends on one
# digest instead of some fifty files (Snakemake checks one input per job), and editing a
# template still reruns exactly the jobs of the kinds that use it.


wildcard_constraints:
    kind="|".join(SHIPPED),


rule digest_shipped_files:
    input:
        shipped_files,
    output:
        digest="build/.kokous/shipped/{kind}.sha256",
    log:
        "build/.kokous/logs/digest_shipped_files_{kind}.log",
    conda:
        "../envs/kokous.yaml"
    shell:
        "sha256sum {input:q} > {output.digest:q} 2> {log:q}"
