# kokous: meeting records → press releases, minutes and annual reports.
# Each stage lives in rules/<stage>.smk; rules/common.smk reads the records' plan (which
# jobs exist and which files each writes: src/kokous/plan.py) and holds the helpers.


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/shipped.smk"
include: "rules/validate.smk"
include: "rules/documents.smk"
include: "rules/oparl.smk"
include: "rules/publish.smk"
include: "rules/release.smk"


rule all:
    default_target: True
    input:
        build_targets,


onstart:
    drop_local_rate_limit()


onsuccess:
    settle_marks()
    cancel_pending_timers()


onerror:
    settle_marks()
    cancel_pending_timers()
