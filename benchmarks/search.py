"""Measure the search index of a built tree (docs/search.md): the Finnish lemma layer's build
time, the bundle's size with it, without it (Pagefind alone) and with the alternative of every
inflected form written into the index, and the query time in node.

    .venv/bin/python benchmarks/search.py build/          # any built tree (manifest.json)

A tool beside the workflow, like bench.py: it writes only into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from kokous import search
from kokous.desk import SEARCH_GLOB, pagefind_binary

QUERIES = [
    "kokouksessa",
    "neuvottelukunnan",
    "päätti",
    "toimikaudellaan",
    "jaostojen",
    "hyvinvointialueiden",
    "työllisyyden",
    "kuntien tehtävistä",
    "päätöksen",
    "lausunnon",
]
"""Finnish queries of one and two words (inflected forms; not all occur in the corpus)."""


def searched_pages(build: Path) -> list[str]:
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    kinds = ("press-release", "minutes", "annual-report")
    return sorted(
        a["path"]
        for a in manifest["artifacts"]
        if (a["edition"], a["format"]) == ("public", "html") and a["kind"] in kinds
    )


def pagefind(site: Path, bundle: Path) -> None:
    command = [pagefind_binary(), "--site", str(site), "--glob", SEARCH_GLOB]
    command += ["--root-selector", "main", "--output-path", str(bundle), "--silent"]
    subprocess.run(command, check=True, capture_output=True)


def size(folder: Path) -> dict[str, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def every_form_site(build: Path, pages: list[str], site: Path) -> None:
    """The alternative design: each Finnish page with every inflected form of its lemmas."""
    readings = search.stage_site(build, pages, site)
    for page, found in readings.items():
        forms = sorted({f for reading in found for f in search.inflected_forms(*reading)})
        target = site / Path(page).relative_to("public")
        html = (build / page).read_text(encoding="utf-8")
        extra = f"<p>{' '.join(forms)}</p></main>"
        target.write_text(html.replace("</main>", extra, 1), encoding="utf-8")


def query_times(bundle: Path, mode: str) -> dict:
    script = Path(__file__).with_name("search_query.mjs")
    result = subprocess.run(
        ["node", "--no-warnings", str(script), str(bundle), mode, "5", *QUERIES],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    build = parser.parse_args().build
    pages = searched_pages(build)
    results: dict = {"pages": len(pages), "finnish_pages": sum(".fi." in p for p in pages)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for run in ("cold", "cached"):
            # cold: no cache file yet, the transducers loaded; cached: the next build's.
            search._MEMO["words"].clear()
            search._MEMO["forms"].clear()
            wall, cpu = time.perf_counter(), time.process_time()
            with search.cached(work / "cache.json"):
                readings = search.stage_site(build, pages, work / run)
                tables = search.lemma_tables(readings)
            search.write_lemma_tables(work / "lemmas", tables)
            results[f"lemma_layer_{run}_s"] = {
                "wall": round(time.perf_counter() - wall, 1),
                "cpu": round(time.process_time() - cpu, 1),
            }
        (work / "cached").rename(work / "site")
        results["lemmas"] = len({r[0] for found in readings.values() for r in found})
        results["forms"] = sum(len(t) for t in tables.values())
        results["lookup"] = size(work / "lemmas")
        shard_sizes = sorted(p.stat().st_size for p in (work / "lemmas").rglob("*.json"))
        results["lookup"]["largest_shard"] = shard_sizes[-1]
        pagefind(work / "site", work / "with-lemmas")
        results["bundle_with_lemmas"] = size(work / "with-lemmas")
        results["bundle_with_lemmas"]["bytes"] += results["lookup"]["bytes"]
        shutil.copytree(
            work / "lemmas" / search.LEMMA_FOLDER, work / "with-lemmas" / search.LEMMA_FOLDER
        )
        plain = work / "plain-site"
        for page in pages:
            (plain / Path(page).relative_to("public")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(build / page, plain / Path(page).relative_to("public"))
        pagefind(plain, work / "plain")
        results["bundle_pagefind_alone"] = size(work / "plain")
        every_form_site(build, pages, work / "forms-site")
        pagefind(work / "forms-site", work / "every-form")
        results["bundle_every_form"] = size(work / "every-form")
        results["query_with_lemmas"] = query_times(work / "with-lemmas", "fi")
        results["query_pagefind_alone"] = query_times(work / "plain", "fi-plain")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
