"""Every HTML page of both editions in a real browser (issue 5): axe-core finds no WCAG 2.1 A
or AA violation in Debian's headless Chromium, the Nu HTML Checker finds no error, nothing
scrolls sideways at 320 px, and the print stylesheet hides navigation and prints link
addresses. The same Chromium run writes screenshots to test-artifacts/screenshots/.

One Chromium (tests/a11y/check.mjs) checks every page and one JVM runs the Nu checker on all
of them, so the suite stays fast on two cores.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from a11y.browser import ARTIFACTS, html_pages, pdf_first_pages, run_browser, run_vnu
from tools import require

# Every page kind, in each edition (the index pages are checked whenever they exist).
PAGE_KINDS = {
    "press release fi": re.compile(r"/press-release\.fi\.html$"),
    "press release sv": re.compile(r"/press-release\.sv\.html$"),
    "press release en": re.compile(r"/press-release\.en\.html$"),
    "minutes": re.compile(r"/minutes\.[a-z]{2}\.html$"),
    "annual report": re.compile(r"/annual-report\.[a-z]{2}\.html$"),
}
EDITIONS = ("public", "internal")
PHONE = 320


@pytest.fixture(scope="module")
def pages(built_sample: Path) -> dict[str, Path]:
    found = html_pages(built_sample)
    assert found, f"no HTML pages under {built_sample}"
    return found


@pytest.fixture(scope="module")
def browser_report(pages: dict[str, Path]) -> dict[str, dict]:
    tools = require("node", "chromium", "axe-core", "playwright-core")
    report = run_browser(pages, screenshots=ARTIFACTS, chromium=tools["chromium"])
    return {page["name"]: page for page in report["pages"]}


def test_every_page_kind_in_both_editions(pages: dict[str, Path]) -> None:
    missing = [
        f"{edition}: {kind}"
        for edition in EDITIONS
        for kind, pattern in PAGE_KINDS.items()
        if not any(name.startswith(f"{edition}/") and pattern.search(name) for name in pages)
    ]
    assert not missing, f"page kinds not built: {missing}"


def test_axe_finds_no_wcag21_aa_violations(browser_report: dict[str, dict]) -> None:
    found = [
        f"{name}: {v['id']} ({v['impact']}) {v['help']} at "
        + ", ".join(n["target"] for n in v["nodes"][:3])
        for name, page in browser_report.items()
        for v in page["violations"]
    ]
    assert not found, "\n".join(found)


def test_nu_html_checker_finds_no_errors(pages: dict[str, Path], built_sample: Path) -> None:
    require("java", "vnu-jar")
    errors = run_vnu(list(pages.values()))
    lines = [
        f"{Path(e.get('url', '').removeprefix('file:')).name}:{e.get('lastLine', '?')}: "
        f"{e['message']}"
        for e in errors
    ]
    assert not lines, "\n".join(lines)


def test_no_horizontal_scroll_at_320px(browser_report: dict[str, dict]) -> None:
    wide = {
        name: page["scrollWidth320"]
        for name, page in browser_report.items()
        if page["scrollWidth320"]["scrollWidth"] > PHONE
    }
    assert not wide, "\n".join(
        f"{n}: scrollWidth {w['scrollWidth']} px, wide: {w['wide']}" for n, w in wide.items()
    )


def test_print_stylesheet_hides_navigation_and_shows_links(
    browser_report: dict[str, dict],
) -> None:
    problems = []
    for name, page in browser_report.items():
        printed = page["print"]
        if not printed["hasPrintRules"]:
            problems.append(f"{name}: no @media print rules")
        if printed["navShown"]:
            problems.append(f"{name}: {printed['navShown']} <nav> shown in print")
        if printed["linksWithoutUrl"]:
            problems.append(f"{name}: printed links without address {printed['linksWithoutUrl']}")
    assert not problems, "\n".join(problems)


def test_screenshots_of_every_page_and_pdf(
    browser_report: dict[str, dict], built_sample: Path
) -> None:
    require("pdftoppm")
    shots = [Path(s) for page in browser_report.values() for s in page.get("screenshots", [])]
    assert len(shots) == 2 * len(browser_report)
    shots += pdf_first_pages(built_sample, ARTIFACTS)
    empty = [s.name for s in shots if not s.is_file() or s.stat().st_size < 1000]
    assert not empty, f"missing or empty screenshots: {empty}"
