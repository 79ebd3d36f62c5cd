# The release bundle: per edition a reproducible zip and its manifest, and SHA256SUMS over
# them, in build/release/, named with the records' version (git describe, else "unversioned").
# With signing_key set, SHA256SUMS is signed (SHA256SUMS.sig); the key is then an input, so a
# new key re-signs, and the signature an output (SIGNING_KEY and SIGNATURE: rules/common.smk).


rule write_release:
    input:
        manifest="build/manifest.json",
        shipped="build/.kokous/shipped/release.sha256",
        signing_key=SIGNING_KEY,
    output:
        sums="build/release/SHA256SUMS",
        signature=SIGNATURE,
    log:
        log_path("write_release"),
    conda:
        "../envs/kokous.yaml"
    params:
        kokous=KOKOUS,
        records=str(RECORDS),
        editions=",".join(EDITIONS),
        # A new tag or commit of the records renames the bundle, so it reruns the job.
        version=records_version,
    shell:
        "{params.kokous} release --records {params.records:q} --out build"
        " --manifest {input.manifest:q} --dest build/release"
        " --version {params.version:q} --editions {params.editions:q}"
        " --signing-key={input.signing_key:q} 2>&1 | tee {log:q}"


rule release:
    input:
        "build/release/SHA256SUMS",
