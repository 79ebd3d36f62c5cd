"""Run the external checkers in batches: one Chromium for every page, one JVM for the Nu HTML
Checker, one pdftoppm per PDF. Callers find the tools with tests/tools.py first."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHECK_JS = HERE / "check.mjs"
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 360]


def html_pages(root: Path) -> dict[str, Path]:
    """Every HTML page under an output folder, by its path relative to it."""
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*.html"))
        if ".kokous" not in p.relative_to(root).parts
    }


def run_browser(
    pages: dict[str, Path], screenshots: Path | None = None, chromium: str | None = None
) -> dict:
    """axe-core, 320 px reflow and print checks (and screenshots) for every page in ONE
    Chromium (``chromium``, the one tests/tools.py found; else check.mjs's default);
    returns check.mjs's report."""
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    job = {
        "pages": [{"name": name, "path": str(path)} for name, path in pages.items()],
        "axe": str(AXE),
        "tags": WCAG_TAGS,
        "screenshots": str(screenshots) if screenshots else None,
        "widths": WIDTHS,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fh:
        json.dump(job, fh)
        fh.flush()
        proc = subprocess.run(
            ["node", str(CHECK_JS), fh.name],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "CHROMIUM": chromium} if chromium else None,
            timeout=600,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"check.mjs failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def run_vnu(files: list[Path]) -> list[dict]:
    """Nu HTML Checker errors for all files, in one JVM."""
    proc = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    try:
        report = json.loads(proc.stderr)
    except ValueError as exc:
        raise RuntimeError(f"vnu gave no JSON ({proc.returncode}):\n{proc.stderr[-4000:]}") from exc
    return [
        m for m in report.get("messages", []) if m.get("type") in {"error", "non-document-error"}
    ]


def pdf_first_pages(root: Path, out: Path) -> list[Path]:
    """PNG of the first page of every PDF under ``root`` (pdftoppm, 80 dpi)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for pdf in sorted(root.rglob("*.pdf")):
        rel = pdf.relative_to(root)
        if ".kokous" in rel.parts:
            continue
        prefix = out / rel.as_posix().replace("/", "__")
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(prefix),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        written.append(prefix.with_name(prefix.name + ".png"))
    return written
