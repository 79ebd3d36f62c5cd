# The publish stage of the whole build, per body and then once. Each body's job writes its
# desk pages (index pages of both editions, feeds), its search index and its manifest part
# and summary, from its body-years' desk facts and its jobs' parts, never a record or a
# document; it moves Snakemake's marks out of its meeting folders. The final step reads a few
# files per body, not per document, and writes the desk's own pages and feeds and
# build/manifest.json (src/kokous/publish.py). Each removes the folders the records no longer
# hold: a body's its years', the final step the bodies'.

if WHOLE_BUILD:
    # Pagefind names most of its index's files by their content, so they cannot be listed
    # before it runs: the body's bundle folder is the output, its files are in the manifest.
    SEARCH_BUNDLES = "public" in EDITIONS

    rule publish_body:
        input:
            facts=body_facts,
            # The parts list every document with its sha256, so a changed document changes
            # its part: the documents themselves are no inputs.
            parts=body_parts,
            shipped="build/.kokous/shipped/publish.sha256",
        output:
            pages=[build_path(p) for p in publishing.body_pages(EDITIONS, "{body}")],
            search=(
                [update(directory("build/public/pagefind/{body}"))]
                if SEARCH_BUNDLES
                else []
            ),
            part="build/.kokous/publish/{body}/part.json",
            summary="build/.kokous/publish/{body}/summary.json",
        log:
            "build/.kokous/logs/publish_body_{body}.log",
        conda:
            "../envs/kokous.yaml"
        # Its search index loads the Finnish lexicon (about 1.5 GB): one such job at a time
        # where the profile sets the resource (profiles/default), and its memory asked for
        # on a cluster (profiles/slurm gives other jobs 1000 MB).
        resources:
            finnish_lexicon=1,
            mem_mb=2000,
        params:
            kokous=KOKOUS,
            editions=",".join(EDITIONS),
            years=body_year_numbers,
            # Its meeting folders, to move Snakemake's marks out of: no inputs, or every
            # start would look up their producers (the parts already order this job after
            # the render jobs, and `all` asks for a missing folder).
            folders=body_folders,
            site=SITE,
            # Where build/public/ is served: the feeds' links are absolute.
            base_url=config.get("base_url") or "",
        shell:
            "{params.kokous} publish-body --out build --body {wildcards.body:q}"
            " --editions {params.editions:q} --facts {input.facts:q}"
            " --parts {input.parts:q} --folders {params.folders:q} --years {params.years}"
            " --site {params.site:q} --part {output.part:q} --summary {output.summary:q}"
            " --base-url={params.base_url:q} 2>&1 | tee {log:q}"

    rule publish_desk:
        input:
            summaries=expand("build/.kokous/publish/{body}/summary.json", body=BODIES),
            parts=expand("build/.kokous/publish/{body}/part.json", body=BODIES),
            search=(
                expand("build/public/pagefind/{body}", body=BODIES)
                if SEARCH_BUNDLES
                else []
            ),
            oparl=OPARL_PARTS,
            shipped="build/.kokous/shipped/publish.sha256",
        output:
            manifest="build/manifest.json",
            pages=[build_path(p) for p in publishing.desk_pages(EDITIONS)],
        log:
            log_path("publish_desk"),
        conda:
            "../envs/kokous.yaml"
        params:
            kokous=KOKOUS,
            editions=",".join(EDITIONS),
            # The records' git commit, for the OParl export's entries (documents name their
            # own records' commit, desk files none).
            records_commit=records_commit,
            base_url=config.get("base_url") or "",
        shell:
            "{params.kokous} publish-desk --out build --manifest {output.manifest:q}"
            " --editions {params.editions:q} --summaries {input.summaries:q}"
            " --parts {input.parts:q} --oparl-parts {input.oparl:q}"
            " --records-commit {params.records_commit:q} --base-url={params.base_url:q}"
            " 2>&1 | tee {log:q}"
