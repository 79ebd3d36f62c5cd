"""The ``kokous`` command: what Snakemake's jobs run, and the secretary's helpers.

Every expected failure prints one line per problem and exits 1; an unexpected one prints one
line naming the step and the record and exits 2. No traceback reaches the terminal unless
``KOKOUS_DEBUG=1`` asks for it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# Heavy modules (jinja2, typst, the converters) are imported inside each command, so that
# `kokous validate` and each Snakemake job start no more than they need.


def _cmd_validate(args: argparse.Namespace) -> int:
    if args.explain or args.list_rules:
        return _explain_rules(args.explain, args.format)
    from .records import validate_tree

    problems = validate_tree(args.records)
    errors = [p for p in problems if getattr(p, "severity", "error") == "error"]
    for problem in problems:
        print(problem, file=sys.stderr if problem in errors else sys.stdout)
    if errors:
        print(f"kokous: {len(errors)} problem(s) in the records", file=sys.stderr)
        return 1
    print(f"kokous: the records under {args.records} are valid")
    return 0


def _explain_rules(code: str | None, form: str) -> int:
    """``--explain CODE`` prints a rule's page; ``--list-rules`` lists every rule."""
    from .lint import find, reference

    if code is None:
        print(reference.markdown() if form == "markdown" else reference.text(), end="")
        return 0
    found = find(code)
    if found is None:
        print(f"kokous: no rule {code}; kokous validate --list-rules lists them", file=sys.stderr)
        return 1
    print(found.page(), end="")
    return 0


def _editions(value: str) -> list[str]:
    from .plan import EDITIONS

    chosen = [e for e in value.split(",") if e]
    unknown = [e for e in chosen if e not in EDITIONS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"expected one or more of {', '.join(EDITIONS)}, got {value!r}"
        )
    return chosen


def _date(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _clock(value: str):
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DDTHH:MM, got {value!r}") from None


def _extra_formats(value: str) -> list[str]:
    chosen = [f for f in value.split(",") if f]
    if any(f != "odt" for f in chosen):
        raise argparse.ArgumentTypeError(f"expected odt or nothing, got {value!r}")
    return chosen


def _cmd_check(args: argparse.Namespace) -> int:
    from .build import check_year, prune_year

    check_year(args.records, args.body, args.year, args.checked, args.facts)
    if args.prune:
        prune_year(
            args.records, args.body, args.year, args.out, args.prune, args.now, args.extra_formats
        )
    return 0


_COMMIT = re.compile(r"(?:[0-9a-f]{40}|[0-9a-f]{64}|uncommitted)\Z")


def _records_commits(value: str) -> dict[str, str]:
    """``KEY=COMMIT,...``: the records' commit of each meeting (or ``annual-report``)."""
    out = {}
    for pair in filter(None, value.split(",")):
        key, _, commit = pair.partition("=")
        if not key or not _COMMIT.match(commit):
            raise argparse.ArgumentTypeError(f"not KEY=COMMIT: {pair!r}")
        out[key] = commit
    return out


def records_commits_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--records-commits",
        type=_records_commits,
        default={},
        help="KEY=COMMIT,...: the records' commit each document names (the plan's)",
    )


def _cmd_render(args: argparse.Namespace) -> int:
    from .build import render_meetings
    from .mail import MailConfig

    base_url = args.base_url.rstrip("/") + "/" if args.base_url else None
    render_meetings(
        args.checked,
        args.meetings,
        args.out,
        args.part,
        args.now,
        args.editions,
        args.extra_formats,
        args.records_commits,
        MailConfig(base_url, args.mail),
    )
    return 0


def _mail_config(value: str):
    """``--mail``: the config's ``mail``, as JSON."""
    import json

    try:
        mail = json.loads(value or "{}")
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not JSON: {exc}") from None
    if not isinstance(mail, dict):
        raise argparse.ArgumentTypeError(f"expected a JSON object, got {value!r}")
    return mail


def _cmd_annual(args: argparse.Namespace) -> int:
    from .build import render_annual_report

    render_annual_report(
        args.checked,
        args.out,
        args.part,
        args.now,
        args.editions,
        args.extra_formats,
        args.records_commits.get("annual-report"),
    )
    return 0


def _cmd_publish_body(args: argparse.Namespace) -> int:
    import json

    from .publish import BodyStep, publish_body

    step = BodyStep(
        args.body, args.facts, args.parts, args.folders, json.loads(args.site), args.years
    )
    publish_body(args.out, step, args.part, args.summary, args.editions, args.base_url)
    return 0


def _cmd_publish_desk(args: argparse.Namespace) -> int:
    from .manifest import records_commit
    from .publish import publish_desk

    publish_desk(
        args.out,
        args.summaries,
        args.parts,
        args.manifest,
        args.editions,
        args.records_commit or records_commit(args.records),
        args.base_url,
        args.oparl_parts,
    )
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .manifest import restore_target, verify

    if not (args.out / "manifest.json").is_file():
        print(f"kokous verify: no {args.out}/manifest.json: run snakemake first", file=sys.stderr)
        print(f"{args.out}/manifest.json" if args.targets else "", end="\n" if args.targets else "")
        return 1
    problems = verify(args.out)
    if args.targets:
        targets = {
            restore_target(path)
            for problem, path in problems
            # A stray file outside the jobs' folders belongs to no job: remove it by hand.
            if problem != "unlisted" or restore_target(path) != path
        }
        print(" ".join(f"{args.out}/{t}" for t in sorted(targets)))
    else:
        for problem, path in problems:
            print(f"{args.out}/{path}: {problem}")
        if problems:
            print(
                f"kokous verify: {len(problems)} file(s) differ from {args.out}/manifest.json;"
                " restore them with: snakemake --forcerun $(kokous verify --targets)",
                file=sys.stderr,
            )
        else:
            print(f"kokous verify: the editions match {args.out}/manifest.json")
    return 1 if problems else 0


def _cmd_oparl(args: argparse.Namespace) -> int:
    from .oparl import write_family

    write_family(
        args.checked,
        args.head,
        args.out,
        args.part,
        args.base_url,
        args.license,
        args.now,
        args.extra_formats,
    )
    return 0


def _cmd_oparl_system(args: argparse.Namespace) -> int:
    from .oparl import write_system

    write_system(args.parts, args.out, args.part, args.base_url, args.license)
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from .release import write_release

    key = Path(args.signing_key) if args.signing_key else None
    write_release(
        args.out, args.manifest, args.dest, args.version, args.editions, args.records, key
    )
    if key is None:
        print(f"kokous: the release in {args.dest} is unsigned (no signing_key set)")
    else:
        print(f"kokous: signed {args.dest}/SHA256SUMS with {key} ({args.dest}/SHA256SUMS.sig)")
    return 0


def _cmd_new_meeting(args: argparse.Namespace) -> int:
    from .newmeeting import new_meeting

    path = new_meeting(args.records, args.body, args.date, same_day=args.same_day)
    print(f"kokous: wrote {path}; fill in the lines marked TODO, then run kokous validate")
    return 0


def _cmd_preview(args: argparse.Namespace) -> int:
    from .preview import run, workflow_extra_formats

    return run(args.records, args.out, args.edition, args.port, workflow_extra_formats())


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number 0-65535, got {value!r}")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kokous", description="Publishing pipeline for advisory bodies' meeting records."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], text: str):
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(func=func, step=name)
        p.add_argument("--records", type=Path, default=Path("records"), help="records folder")
        return p

    _validate_options(
        command(
            "validate", _cmd_validate, "Validate every record; exit 0 when all are valid, else 1."
        )
    )

    _job_commands(command)
    _publishing_commands(command)
    _export_commands(command)
    _secretary_commands(command)
    return parser


Command = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]
"""Adds a subcommand with its ``--records`` option (made in :func:`_parser`)."""


def _job_options(p: argparse.ArgumentParser) -> None:
    """The options every build job shares: the build folder, clock, editions and formats."""
    p.add_argument("--out", type=Path, default=Path("build"), help="the build folder")
    p.add_argument(
        "--now",
        type=_clock,
        default=None,
        help="the build clock, YYYY-MM-DDTHH:MM (default: kokous.plan.build_clock)",
    )
    p.add_argument("--editions", type=_editions, default=["public", "internal"])
    p.add_argument(
        "--extra-formats",
        type=_extra_formats,
        default=[],
        help="optional formats beside html/pdf/docx, comma-separated (odt)",
    )


def _job_commands(command: Command) -> None:
    """The workflow's per-body-year jobs: check, render, annual-report."""
    p = command(
        "check",
        _cmd_check,
        "Validate one body's year; write its checked model and desk facts, and remove the"
        " files of that year the records no longer yield.",
    )
    p.add_argument("--body", required=True)
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--checked", type=Path, required=True, help="the checked model to write")
    p.add_argument("--facts", type=Path, required=True, help="the desk facts to write")
    p.add_argument(
        "--prune",
        type=_editions,
        default=[],
        help="editions whose stale files of this body-year are removed (default: none)",
    )
    _job_options(p)
    p = command(
        "render", _cmd_render, "Press releases, agendas, invitations and minutes of some meetings."
    )
    p.add_argument("--checked", type=Path, required=True, help="the body-year's checked model")
    p.add_argument("--part", type=Path, required=True, help="the manifest part to write")
    p.add_argument("meetings", nargs="+", help="meeting keys (file names without .yaml)")
    records_commits_option(p)
    p.add_argument(
        "--base-url",
        default="",
        help="where build/public/ is served: the e-mails' links start with it (empty: dropped)",
    )
    p.add_argument(
        "--mail",
        type=_mail_config,
        default={},
        help="the config's mail (JSON): the e-mails' addresses that body.yaml does not give",
    )
    _job_options(p)
    p = command("annual-report", _cmd_annual, "The annual report of a main body's year.")
    p.add_argument("--part", type=Path, required=True, help="the manifest part to write")
    p.add_argument(
        "checked", nargs="+", type=Path, help="checked models: the body's, then its subcommittees'"
    )
    records_commits_option(p)
    _job_options(p)


def _publishing_commands(command: Command) -> None:
    """The steps that gather the documents: each body's desk, the desk, verify."""
    p = command(
        "publish-body",
        _cmd_publish_body,
        "One body's index pages, feeds and search index, its manifest part and its summary.",
    )
    p.add_argument("--out", type=Path, default=Path("build"))
    p.add_argument("--body", required=True)
    p.add_argument("--editions", type=_editions, default=["public", "internal"])
    p.add_argument("--facts", nargs="*", type=Path, default=[], help="its desk facts files")
    p.add_argument("--parts", nargs="*", type=Path, default=[], help="its jobs' parts")
    p.add_argument(
        "--folders", nargs="*", type=Path, default=[], help="its meeting folders (outputs)"
    )
    p.add_argument("--years", nargs="*", type=int, default=[], help="its years")
    p.add_argument("--site", default="{}", help="every body's site facts (JSON)")
    p.add_argument("--part", type=Path, required=True, help="the manifest part to write")
    p.add_argument("--summary", type=Path, required=True, help="the summary to write")
    p.add_argument(
        "--base-url",
        default="",
        help="the address build/public/ is served from, for the feeds' absolute links",
    )
    p = command(
        "publish-desk", _cmd_publish_desk, "The desk's pages and feeds and build/manifest.json."
    )
    p.add_argument("--out", type=Path, default=Path("build"))
    p.add_argument("--manifest", type=Path, default=Path("build/manifest.json"))
    p.add_argument("--editions", type=_editions, default=["public", "internal"])
    p.add_argument("--summaries", nargs="*", type=Path, default=[], help="bodies' summaries")
    p.add_argument("--parts", nargs="*", type=Path, default=[], help="bodies' manifest parts")
    p.add_argument("--oparl-parts", nargs="*", type=Path, default=[], help="OParl parts")
    p.add_argument(
        "--records-commit",
        default=None,
        help="the records' git commit for the manifest (default: asked of git in --records)",
    )
    p.add_argument("--base-url", default="", help="the address build/public/ is served from")
    p = command(
        "verify",
        _cmd_verify,
        "Compare build/public and build/internal with build/manifest.json: name every missing,"
        " altered and unlisted file; exit 1 if there is one.",
    )
    p.add_argument("--out", type=Path, default=Path("build"), help="the build folder")
    p.add_argument(
        "--targets",
        action="store_true",
        help="print the outputs that restore them, for snakemake --forcerun",
    )


def _export_commands(command: Command) -> None:
    """The open data and the release: oparl, oparl-system, release."""
    p = command("oparl", _cmd_oparl, "One family's OParl 1.1 JSON (public/oparl/HEAD/).")
    p.add_argument("--head", required=True, help="the family's main body")
    p.add_argument("--base-url", required=True, help="the public edition's URL, ending in /")
    p.add_argument("--license", required=True, help="the URL of the data's licence")
    p.add_argument("--part", type=Path, required=True, help="the part to write")
    p.add_argument("checked", nargs="+", type=Path, help="the family's checked body-years")
    _job_options(p)
    p = command(
        "oparl-system", _cmd_oparl_system, "The OParl entry point (public/oparl/system.json)."
    )
    p.add_argument("--out", type=Path, default=Path("build"), help="the build folder")
    p.add_argument("--base-url", required=True, help="the public edition's URL, ending in /")
    p.add_argument("--license", required=True, help="the URL of the data's licence")
    p.add_argument("--part", type=Path, required=True, help="the part to write")
    p.add_argument("parts", nargs="+", type=Path, help="the families' parts")
    p = command("release", _cmd_release, "Zip each edition with SHA256SUMS into build/release/.")
    p.add_argument("--out", type=Path, default=Path("build"))
    p.add_argument("--manifest", type=Path, default=Path("build/manifest.json"))
    p.add_argument("--dest", type=Path, default=Path("build/release"))
    p.add_argument("--version", default=None, help="default: git describe of the records")
    p.add_argument("--editions", type=_editions, default=["public", "internal"])
    p.add_argument(
        "--signing-key",
        default="",
        help="SSH key to sign SHA256SUMS with (SHA256SUMS.sig); empty: unsigned (default)",
    )


def _secretary_commands(command: Command) -> None:
    """What a secretary runs by hand: new-meeting, preview."""
    p = command(
        "new-meeting", _cmd_new_meeting, "Start a meeting record prefilled from the roster."
    )
    p.add_argument("--body", required=True)
    p.add_argument("--date", required=True, type=_date)
    p.add_argument(
        "--same-day",
        action="store_true",
        help="a further meeting on a day that already has one (file <date>-2.yaml, -3, …)",
    )
    p = command(
        "preview",
        _cmd_preview,
        "Serve one edition on http://127.0.0.1:PORT/ and rebuild what each saved record or"
        " template changes; Ctrl-C stops.",
    )
    p.add_argument("--port", type=_port, default=8000, help="0 picks a free port (default 8000)")
    p.add_argument(
        "--edition",
        choices=("public", "internal"),
        default="public",
        help="the edition to serve (default public; internal only when asked)",
    )
    p.add_argument("--out", type=Path, default=Path("build"), help="the build folder")


def _validate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--explain", metavar="CODE", help="print the page of rule CODE (e.g. K305)")
    p.add_argument("--list-rules", action="store_true", help="list every rule with its code")
    p.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="of --list-rules: one line per rule (text), or the reference of docs/records.md",
    )


def _stop_on_terminate(signum: int, frame: object) -> None:
    # Snakemake stops a job with SIGTERM: leave through the same cleanup as Ctrl-C, so the
    # writer removes what it had staged and no half-written file stays behind.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGTERM, _stop_on_terminate)
    args = _parser().parse_args(argv)
    from .errors import KokousError

    where = " ".join(
        f"{k}={getattr(args, k)}" for k in ("body", "year") if getattr(args, k, None) is not None
    )
    try:
        return args.func(args)
    except KokousError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kokous: interrupted; no file was half written", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("KOKOUS_DEBUG"):
            raise
        print(
            f"kokous {args.step}{' ' + where if where else ''}: internal error: "
            f"{type(exc).__name__}: {exc} (set KOKOUS_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
