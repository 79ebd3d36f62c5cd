"""Screenshots of every HTML page (1280 and 360 px wide) and of the first page of every PDF.

    .venv/bin/python tests/a11y/screenshots.py [OUTPUT_ROOT] [SHOTS_DIR]

OUTPUT_ROOT defaults to build/, SHOTS_DIR to test-artifacts/screenshots/ (ignored by git).
tests/test_accessibility.py writes the same files on every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from a11y.browser import ARTIFACTS, REPO, html_pages, pdf_first_pages, run_browser


def main(argv: list[str]) -> None:
    root = Path(argv[0]) if argv else REPO / "build"
    out = Path(argv[1]) if len(argv) > 1 else ARTIFACTS
    report = run_browser(html_pages(root), screenshots=out)
    shots = [s for page in report["pages"] for s in page.get("screenshots", [])]
    shots += pdf_first_pages(root, out)
    print(f"{len(shots)} screenshots in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
