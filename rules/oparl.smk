# The public edition as OParl 1.1 data (src/kokous/oparl.py): one job reads every checked
# body-year and the public documents the render jobs wrote (for their size and SHA-512) and
# writes build/public/oparl/, every file of it declared (the plan names them: meetings with a
# public document, the families of bodies), and a part listing them for the manifest.
# Without base_url no export is built: its URLs must be absolute. Included before the
# publish stage, which reads OPARL_PARTS.

from kokous import oparl

try:
    OPARL_FILES = (
        [build_path(f) for f in oparl.planned_files(PLAN)]
        if WHOLE_BUILD and "public" in EDITIONS and config.get("base_url")
        else []
    )
except oparl.OParlError as error:
    sys.exit(f"kokous: {error}")
# The export's manifest entries, which the publish step adds to build/manifest.json.
OPARL_PART = "build/.kokous/parts/oparl.json"
OPARL_PARTS = [OPARL_PART] if OPARL_FILES else []


if OPARL_FILES:

    rule oparl_export:
        input:
            checked=[build_path(by.checked) for by in PLAN.years],
            # A part changes whenever a document of its job does.
            parts=[build_path(job.part) for by in PLAN.years for job in by.render],
            shipped="build/.kokous/shipped/oparl.sha256",
        output:
            part=OPARL_PART,
            export=OPARL_FILES,
        log:
            log_path("oparl_export"),
        conda:
            "../envs/kokous.yaml"
        params:
            kokous=KOKOUS,
            base_url=config.get("base_url"),
            extra_formats=",".join(EXTRA_FORMATS),
            # The embargoes the build clock has passed: a press release joins the export.
            released=[
                key for by in PLAN.years for job in by.render for key in job.released
            ],
        shell:
            "{params.kokous} oparl --out build --part {output.part:q}"
            " --base-url {params.base_url:q}"
            " --extra-formats={params.extra_formats:q} {input.checked:q} 2>&1 | tee {log:q}"
