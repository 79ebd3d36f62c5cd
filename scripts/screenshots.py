"""Refresh the screenshots in docs/images/: every page kind of the sample build as a reader sees
it, in Chromium at 1280 and 360 px, as its PDF's first pages, and as its DOCX drawn by
LibreOffice.

    .venv/bin/python scripts/screenshots.py [--build DIR] [--rebuild]

Uses the build in DIR (default build/); runs the workflow on the sample records first when
build/ holds no build yet, or with --rebuild. Needs what the browser and Word checks of
the tests need: node with `npm ci` done, Chromium, LibreOffice (soffice) and pdftoppm.

Writes docs/images/<kind>.<form>.png, where kind is press-release, press-release-sv,
minutes, agenda, annual-report, desk (the edition's index) or desk-body (a body's page), and form is
html-1280, html-360, pdf-<page>, or docx-<page>. README.md shows some of them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from a11y.browser import WIDTHS, run_browser

IMAGES = REPO / "docs" / "images"
MEETING = "public/tyonvk/2025/2025-03-12"

#: The page kinds, by the file (without suffix) shown for each, relative to the build.
DOCUMENTS = {
    "press-release": f"{MEETING}/press-release.fi",
    "press-release-sv": f"{MEETING}/press-release.sv",
    "minutes": f"{MEETING}/minutes.fi",
    # Agendas are the members' in the sample (agenda_publication: never): the internal one.
    "agenda": "internal/tyonvk/2025/2025-03-12/agenda.fi",
    "annual-report": "public/tyonvk/2025/annual-report.fi",
}
DESK = {"desk": "public/index", "desk-body": "public/tyonvk/index"}
#: PDF and DOCX pages shown per document (the annual report's second page holds its tables).
PAGES = {"annual-report": 2}
#: Resolution of the PDF and DOCX page images.
DPI = 80


def build(root: Path, rebuild: bool) -> None:
    """Run the workflow (it writes build/) when asked to or when there is no build yet."""
    if rebuild or not (root / "manifest.json").is_file():
        if root != REPO / "build":
            raise SystemExit(f"{root}: no build here (the workflow builds into build/)")
        subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2"], cwd=REPO, check=True)


def html_shots(root: Path, work: Path) -> list[Path]:
    pages = {
        kind: root / f"{stem}.html"
        for kind, stem in {**DOCUMENTS, **DESK}.items()
        if (root / f"{stem}.html").is_file()
    }
    run_browser(pages, screenshots=work)
    written = []
    for kind in pages:
        for width in WIDTHS:
            target = IMAGES / f"{kind}.html-{width}.png"
            shutil.copyfile(work / f"{kind}.{width}.png", target)
            written.append(target)
    return written


def page_images(pdf: Path, kind: str, form: str) -> list[Path]:
    """PNGs of the first pages of ``pdf`` as docs/images/<kind>.<form>-<n>.png."""
    last = PAGES.get(kind, 1)
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", str(last), str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    written = []
    # pdftoppm numbers the pages with as many digits as the document's page count needs.
    for n, image in enumerate(sorted(prefix.parent.glob(f"{prefix.name}-*.png")), start=1):
        target = IMAGES / f"{kind}.{form}-{n}.png"
        shutil.copyfile(image, target)
        written.append(target)
    return written


def pdf_shots(root: Path, work: Path) -> list[Path]:
    written = []
    for kind, stem in DOCUMENTS.items():
        pdf = work / f"{kind}.pdf"
        shutil.copyfile(root / f"{stem}.pdf", pdf)
        written += page_images(pdf, kind, "pdf")
    return written


def docx_shots(root: Path, work: Path) -> list[Path]:
    """Every DOCX drawn by LibreOffice, in ONE soffice with a profile of its own (so that it
    neither meets another LibreOffice running on the machine nor leaves settings behind)."""
    docx_dir, pdf_dir = work / "docx", work / "docx-pdf"
    docx_dir.mkdir()
    for kind, stem in DOCUMENTS.items():
        shutil.copyfile(root / f"{stem}.docx", docx_dir / f"{kind}.docx")
    profile = work / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            *sorted(str(p) for p in docx_dir.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    written = []
    for kind in DOCUMENTS:
        written += page_images(pdf_dir / f"{kind}.pdf", kind, "docx")
    return written


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=REPO / "build", help="the build folder")
    parser.add_argument("--rebuild", action="store_true", help="run the workflow first")
    args = parser.parse_args(argv)
    root = args.build.resolve()
    build(root, args.rebuild)
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kokous-shots-") as tmp:
        work = Path(tmp)
        (work / "html").mkdir()
        shots = html_shots(root, work / "html") + pdf_shots(root, work) + docx_shots(root, work)
    print(f"{len(shots)} screenshots in {IMAGES.relative_to(REPO)}/")


if __name__ == "__main__":
    main(sys.argv[1:])
