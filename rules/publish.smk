# The publish stage of the whole build: the communications desk (index pages per edition and
# body, Atom feeds of the public press releases, the public edition's search index) and the
# manifest listing every edition file. It reads the check jobs' desk facts and the render
# jobs' parts, and Pagefind the public HTML documents; never a record. It removes the folders
# of bodies and years the records no longer hold.

if WHOLE_BUILD:
    # Pagefind names most of its index's files by their content (fragment/, index/,
    # *.pf_meta), so they cannot be listed before it runs: the folder is the output (Snakemake
    # empties it before the job), and the job lists its files in the manifest.
    SEARCH_INDEX = [directory("build/public/pagefind")] if "public" in EDITIONS else []

    rule publish_desk:
        input:
            facts=[build_path(by.facts) for by in PLAN.years],
            # The parts list every document with its sha256, so an HTML document Pagefind
            # indexes changes its part: the documents themselves are no inputs. (Snakemake
            # records every input's checksum for every output of a job, outputs x inputs
            # calls: with the public HTML as inputs that was most of an edit at N = 1000.)
            parts=[build_path(job.part) for by in PLAN.years for job in by.jobs]
            + OPARL_PARTS,
            shipped="build/.kokous/shipped/publish.sha256",
        output:
            manifest="build/manifest.json",
            pages=[build_path(p) for p in desk_pages(EDITIONS, DESK_BODIES)],
            search=SEARCH_INDEX,
        log:
            log_path("publish_desk"),
        conda:
            "../envs/kokous.yaml"
        params:
            kokous=KOKOUS,
            editions=",".join(EDITIONS),
            body_years=BODY_YEARS,
            # The records' git commit, for the entries that name none of their own (the
            # desk's pages, feeds and search index; documents name their records' commit).
            records_commit=records_commit,
            # Where build/public/ is served: the feeds' links are absolute.
            base_url=config.get("base_url") or "",
        shell:
            "{params.kokous} publish --out build --manifest {output.manifest:q}"
            " --editions {params.editions:q} --facts {input.facts:q}"
            " --parts {input.parts:q} --body-years {params.body_years:q}"
            " --records-commit {params.records_commit:q} --base-url={params.base_url:q}"
            " 2>&1 | tee {log:q}"
