# The publish stage of the whole build: the communications desk (index pages per edition and
# body, Atom feeds of the public press releases) and the manifest listing every edition file.
# It reads the check jobs' desk facts and the render jobs' parts, never a record or a
# document, and removes the folders of bodies and years the records no longer hold.

if WHOLE_BUILD:

    rule publish_desk:
        input:
            facts=[build_path(by.facts) for by in PLAN.years],
            parts=[build_path(job.part) for by in PLAN.years for job in by.jobs]
            + OPARL_PARTS,
            shipped="build/.kokous/shipped/publish.sha256",
        output:
            manifest="build/manifest.json",
            pages=[build_path(p) for p in desk_pages(EDITIONS, DESK_BODIES)],
        log:
            log_path("publish_desk"),
        conda:
            "../envs/kokous.yaml"
        params:
            kokous=KOKOUS,
            editions=",".join(EDITIONS),
            body_years=BODY_YEARS,
            # The records' git commit, stamped on every document's entry here rather than in
            # the render jobs: a new commit reruns this step alone.
            records_commit=records_commit,
        shell:
            "{params.kokous} publish --out build --manifest {output.manifest:q}"
            " --editions {params.editions:q} --facts {input.facts:q}"
            " --parts {input.parts:q} --body-years {params.body_years:q}"
            " --records-commit {params.records_commit:q} 2>&1 | tee {log:q}"
