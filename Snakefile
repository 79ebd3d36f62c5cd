# kokous: meeting records → press releases, minutes and annual reports.
# Each stage lives in rules/<stage>.smk; helpers that find records live in rules/common.smk.


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/shipped.smk"
include: "rules/validate.smk"
include: "rules/documents.smk"
include: "rules/publish.smk"
include: "rules/release.smk"


rule all:
    default_target: True
    input:
        "build/manifest.json",
