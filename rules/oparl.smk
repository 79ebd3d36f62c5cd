# The public edition as OParl 1.1 data (src/kokous/oparl/): one job per family of bodies (a
# main body and its subcommittees) reads the family's checked body-years and the public
# documents its render jobs wrote (for their size and SHA-512) and writes its folder
# build/public/oparl/{head}/, one file per object, declared as one update(directory()) (a
# per-object declaration would be tens of thousands of files), and a part: the folder's
# manifest entries and the family's Body object. The entry point, system.json and its list of
# bodies, is made from the parts alone (OPARL_PARTS). Without base_url no export is built: its
# URLs must be absolute. Its helpers (OPARL_FAMILIES, OPARL_PARTS, …) are in common.smk.

if OPARL_HEADS:

    rule oparl_family:
        input:
            checked=oparl_checked,
            parts=oparl_render_parts,
            shipped="build/.kokous/shipped/oparl.sha256",
        output:
            # update(): Snakemake keeps the folder (it would empty it before the job), so
            # the job rewrites only the files whose bytes change and the rest keep their
            # mtime; it restores its backup copy of the folder if the job fails.
            export=update(directory("build/public/oparl/{head}")),
            part="build/.kokous/parts/oparl/{head}.json",
        log:
            "build/.kokous/logs/oparl_family/{head}.log",
        wildcard_constraints:
            head="|".join(OPARL_HEADS),
        conda:
            "../envs/kokous.yaml"
        params:
            kokous=KOKOUS,
            base_url=config.get("base_url"),
            license=config["license"],
            extra_formats=",".join(EXTRA_FORMATS),
            released=oparl_released,
        shell:
            "{params.kokous} oparl --out build --head {wildcards.head:q}"
            " --part {output.part:q} --base-url {params.base_url:q}"
            " --license {params.license:q} --extra-formats={params.extra_formats:q}"
            " {input.checked:q} 2>&1 | tee {log:q}"

    # The entry point, system.json and its list of bodies, from the families' parts (a file
    # per family, never a document): it also removes the folders of families gone.
    rule oparl_system:
        input:
            parts=OPARL_PARTS,
            shipped="build/.kokous/shipped/oparl.sha256",
        output:
            system=OPARL_SYSTEM,
            part=OPARL_SYSTEM_PART,
        log:
            log_path("oparl_system"),
        conda:
            "../envs/kokous.yaml"
        params:
            kokous=KOKOUS,
            base_url=config.get("base_url"),
            license=config["license"],
        shell:
            "{params.kokous} oparl-system --out build --part {output.part:q}"
            " --base-url {params.base_url:q} --license {params.license:q}"
            " {input.parts:q} 2>&1 | tee {log:q}"

    # The final publish step lists the system's files in the manifest beside the families'.
    OPARL_PARTS = OPARL_PARTS + [OPARL_SYSTEM_PART]
