# The manifest: every file of the editions with its checksum, and nothing else. Files that no
# job produced any more (a deleted meeting, minutes back to draft) are removed here.


rule write_manifest:
    input:
        meetings=meeting_stamps(),
        annual=annual_stamps(),
        code=CODE,
    output:
        manifest="build/manifest.json",
    shell:
        "{PYTHON} -m kokous manifest --out build --manifest {output.manifest}"
        " {input.meetings} {input.annual}"
