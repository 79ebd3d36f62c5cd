"""Where the external checkers come from, and what happens when one is missing.

Locally, a test whose tool is missing skips with a one-line reason naming the package to
install. Under ``CI=true`` the same test fails instead, so CI never passes by skipping.
Everything listed here is installed by ``sudo ci/provision.sh`` (Debian packages, then the npm
packages pinned in package-lock.json).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
PROVISION = "run sudo ci/provision.sh"

# name -> (how to find it, where it comes from)
PROGRAMS = {
    "chromium": ("chromium", "Debian package chromium"),
    "java": ("java", "Debian package default-jre-headless"),
    "soffice": ("soffice", "Debian package libreoffice-writer-nogui"),
    "pdftoppm": ("pdftoppm", "Debian package poppler-utils"),
    "node": ("node", "Debian package nodejs"),
}
NODE_FILES = {
    "axe-core": NODE_MODULES / "axe-core" / "axe.min.js",
    "vnu-jar": NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar",
    "playwright-core": NODE_MODULES / "playwright-core" / "package.json",
}
PYTHON_MODULES = {"pikepdf": "pikepdf", "pypdf": "pypdf", "docx": "python-docx"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _find(name: str) -> tuple[str | None, str]:
    if name in PROGRAMS:
        command, origin = PROGRAMS[name]
        return shutil.which(command), origin
    if name in NODE_FILES:
        path = NODE_FILES[name]
        return (str(path) if path.is_file() else None), f"npm package {name}"
    if name in PYTHON_MODULES:
        found = importlib.util.find_spec(name) is not None
        return (name if found else None), f"PyPI package {PYTHON_MODULES[name]}"
    raise KeyError(f"unknown tool {name!r}")


def require(*names: str) -> dict[str, str]:
    """Return {name: path} for every tool; skip (locally) or fail (CI=true) if any is missing."""
    found: dict[str, str] = {}
    missing: list[str] = []
    hint = "pip install -e '.[test]'"
    for name in names:
        path, origin = _find(name)
        if path is None:
            missing.append(f"{name} not installed ({origin})")
            if name not in PYTHON_MODULES:
                hint = PROVISION
        else:
            found[name] = path
    if missing:
        reason = f"{'; '.join(missing)}; {hint}"
        if in_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return found
