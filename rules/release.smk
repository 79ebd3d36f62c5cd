# The release bundle: per edition a reproducible zip and its manifest, and SHA256SUMS over
# them, in build/release/, named with the records' version (git describe, else "unversioned").


def records_version(wildcards):
    """`git describe` of the records, when a release is asked for (not at every start)."""
    from kokous.release import release_version

    return release_version(RECORDS)


rule write_release:
    input:
        manifest="build/manifest.json",
        shipped="build/.kokous/shipped/release.sha256",
    output:
        sums="build/release/SHA256SUMS",
    params:
        editions=EDITIONS,
        # A new tag or commit of the records renames the bundle, so it reruns the job.
        version=records_version,
    shell:
        "{KOKOUS} release --records {RECORDS} --out build"
        " --manifest {input.manifest} --dest build/release"
        " --version {params.version} --editions {params.editions}"


rule release:
    input:
        "build/release/SHA256SUMS",
