# The files shipped with the workflow (templates, catalogs, converter settings, fonts,
# schemas, code), digested per kind of job; the digest changes only when one of them does.


rule digest_shipped_files:
    input:
        shipped_files,
    output:
        digest="build/.kokous/shipped/{kind}.sha256",
    shell:
        "sha256sum {input} > {output.digest}"
