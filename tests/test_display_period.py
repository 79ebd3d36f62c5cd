"""Display periods (issue 16): a guest's name leaves the public edition when the build clock
passes the body's display period, with no record edited, and nothing else changes."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import snakemake
from extract import text_of

from kokous import layout

HELSINKI = ZoneInfo("Europe/Helsinki")
MEETING = "public/tyonvk/2025/2025-03-12/minutes.fi"
GUEST = "Erkki Esitelmä"
ROLE = "erityisasiantuntija, Suomen Kuntaliitto"


def epoch(*moment: int) -> str:
    return str(int(dt.datetime(*moment, tzinfo=HELSINKI).timestamp()))


def digests(build: Path) -> dict[str, str]:
    return {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in build.rglob("*")
        if p.is_file() and not p.relative_to(build).as_posix().startswith(".kokous/")
    }


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def test_a_guest_name_leaves_the_public_edition_when_the_display_period_ends(
    tmp_path: Path,
) -> None:
    repo = Path(__file__).resolve().parents[1]
    workdir = layout.copy_workflow(repo, tmp_path / "workflow", repo / "records")
    build = workdir / "build"
    # TyöNVK keeps guests' names 30 days after the minutes were checked (19.3.2025): until
    # 18.4.2025 at midnight.
    snakemake(workdir, epoch=epoch(2025, 4, 10, 12))
    shown = digests(build)
    assert GUEST in text_of(build / f"{MEETING}.html")
    # The clock moves within the period: nothing changes.
    snakemake(workdir, epoch=epoch(2025, 4, 17, 12))
    assert changed(shown, digests(build)) == set()

    snakemake(workdir, epoch=epoch(2025, 4, 18, 12))
    withdrawn = digests(build)
    minutes = {p for p in withdrawn if p.startswith(f"{MEETING}.")}
    assert minutes
    # The OParl export states the minutes' size and checksum: each minutes file's File object,
    # the meeting's file and the list pages holding them.
    meeting = "public/oparl/tyonvk/meeting/tyonvk/2025-03-12"
    lists = {f"public/oparl/tyonvk/{name}.json" for name in ("meetings", "files")}
    oparl = {f"{meeting}.json", *lists} | {f"{meeting}/file/{Path(p).name}.json" for p in minutes}
    # The search index holds the public minutes' text: its files for Finnish change too.
    search = {p for p in shown.keys() | withdrawn.keys() if p.startswith("public/pagefind/")}
    assert changed(shown, withdrawn) - search == minutes | {"manifest.json"} | oparl
    for path in sorted(minutes):
        text = " ".join(text_of(build / path).split())
        assert GUEST not in text, path
        assert ROLE in text.replace("\\", ""), path
    # The internal edition keeps the name.
    assert GUEST in text_of(build / "internal/tyonvk/2025/2025-03-12/minutes.fi.pdf")
