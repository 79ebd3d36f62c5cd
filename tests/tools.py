"""Where the external checkers come from, and what happens when one is missing.

A test that needs a program, an npm or optional Python package, or a font asks for exactly
that here (:func:`require`, :func:`require_font`). Locally, a test whose need is missing skips
with a one-line reason naming the package to install. Under ``CI=true`` the same test fails
instead, so CI never passes by skipping. Everything listed here is installed by
``sudo ci/provision.sh`` (Debian packages, then the npm packages pinned in package-lock.json)
or by the test lock file.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
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
    "fc-list": ("fc-list", "Debian package fontconfig"),
    "fc-match": ("fc-match", "Debian package fontconfig"),
    "git": ("git", "Debian package git"),
    "ssh-keygen": ("ssh-keygen", "Debian package openssh-client"),
    "sha256sum": ("sha256sum", "Debian package coreutils"),
}
NODE_FILES = {
    "axe-core": NODE_MODULES / "axe-core" / "axe.min.js",
    "vnu-jar": NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar",
    "playwright-core": NODE_MODULES / "playwright-core" / "package.json",
}
VENVS = {
    "oparl-importer": (
        REPO / ".venv-oparl-importer" / "bin" / "python",
        "the venv ci/provision.sh makes from requirements-oparl-importer.lock",
    ),
}
PYTHON_MODULES = {
    "pikepdf": "pikepdf",
    "pypdf": "pypdf",
    "docx": "python-docx",
    "stadt_bonn_oparl_api_client": "stadt-bonn-oparl-api-client",
    "snakemake_executor_plugin_slurm": "snakemake-executor-plugin-slurm",
    "snakemake_executor_plugin_cluster_generic": "snakemake-executor-plugin-cluster-generic",
}
# family -> where it comes from
FONTS = {"Noto Sans": "Debian package fonts-noto-core"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _find(name: str) -> tuple[str | None, str]:
    if name in PROGRAMS:
        command, origin = PROGRAMS[name]
        return shutil.which(command), origin
    if name in NODE_FILES:
        path = NODE_FILES[name]
        return (str(path) if path.is_file() else None), f"npm package {name}"
    if name in VENVS:
        python, origin = VENVS[name]
        return (str(python) if python.is_file() else None), origin
    if name in PYTHON_MODULES:
        found = importlib.util.find_spec(name) is not None
        return (name if found else None), f"PyPI package {PYTHON_MODULES[name]}"
    raise KeyError(f"unknown tool {name!r}")


def missing(reason: str) -> None:
    """Skip with ``reason`` (one line), or fail under ``CI=true``."""
    if in_ci():
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def require(*names: str) -> dict[str, str]:
    """Return {name: path} for every tool; skip (locally) or fail (CI=true) if any is missing."""
    found: dict[str, str] = {}
    absent: list[str] = []
    hint = "pip install -e '.[test]'"
    for name in names:
        path, origin = _find(name)
        if path is None:
            absent.append(f"{name} not installed ({origin})")
            if name not in PYTHON_MODULES:
                hint = PROVISION
        else:
            found[name] = path
    if absent:
        missing(f"{'; '.join(absent)}; {hint}")
    return found


def require_font(family: str | None, drawn_for: str | None = None) -> None:
    """Skip (locally) or fail (CI=true) unless fontconfig, which LibreOffice and Chromium ask
    for their fonts, has ``family`` (None: any font at all); with ``drawn_for``, unless it also
    draws that family (a font a document names but the machine lacks, such as Arial) in
    ``family``."""
    tools = require("fc-list", "fc-match")
    pattern = f":family={family}" if family else ":"
    listed = subprocess.run(
        [tools["fc-list"], pattern, "family"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if not listed.stdout.strip():
        if family is None:
            missing(f"fontconfig lists no font at all; {PROVISION}")
        missing(f"font {family} not installed ({FONTS[family]}); {PROVISION}")
    if drawn_for is None or family is None:
        return
    matched = subprocess.run(
        [tools["fc-match"], "--format=%{family}", drawn_for],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    drawn = matched.stdout.split(",")[0].strip()
    if drawn != family:
        missing(
            f"fontconfig draws {drawn_for} in {drawn or 'no font'}, not {family} ({FONTS[family]})"
        )
