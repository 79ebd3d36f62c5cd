# The publish stage: the communications desk (index pages per edition and body, Atom feeds of
# the public press releases) and the manifest listing every edition file, desk pages included.
# Files that no job produced any more (a deleted meeting, minutes back to draft) are removed.


rule write_manifest:
    input:
        stamps=STAMPS,
        shipped="build/.kokous/shipped/publish.sha256",
    output:
        manifest="build/manifest.json",
    params:
        editions=EDITIONS,
    shell:
        "{KOKOUS} publish --out build"
        " --editions {params.editions} --manifest {output.manifest}"
        " {input.stamps}"
