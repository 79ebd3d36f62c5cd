"""The records' commit in every document (issue 16): each names the commit its own record files
were last changed in, or "uncommitted"; committing one meeting's record changes that meeting's
documents and no other's."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

from conftest import snakemake
from test_typography import pdf_keywords
from tools import require

from kokous import layout

MARCH = "tyonvk/2025/2025-03-12"
JUNE = "tyonvk/2025/2025-06-11"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        [require("git")["git"], "-c", "user.name=Sihteeri", "-c", "user.email=s@example.fi", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def named_commits(build: Path, stem: str) -> set[str]:
    """The commit the HTML, PDF and DOCX of ``stem`` (under build/public) and their manifest
    entries name; each of them must name exactly one."""
    html = (build / f"public/{stem}.html").read_text(encoding="utf-8")
    custom = zipfile.ZipFile(build / f"public/{stem}.docx").read("docProps/custom.xml").decode()
    entries = json.loads((build / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    named = {
        "html": re.findall(r'<meta name="kokous-records-commit" content="([^"]+)">', html),
        "pdf": [
            k.split(": ", 1)[1]
            for k in pdf_keywords(build / f"public/{stem}.pdf")
            if k.startswith("kokous-records-commit: ")
        ],
        "docx": re.findall(r'name="kokous-records-commit"[^>]*><vt:lpwstr>([^<]+)<', custom),
        "manifest": [
            a["records_commit"]
            for a in entries
            if a["path"].startswith(f"public/{stem}.") and a["format"] in ("html", "pdf", "docx")
        ],
    }
    for where, commits in named.items():
        assert commits and len(set(commits)) == 1, (stem, where, commits)
    return {c for commits in named.values() for c in commits}


def test_each_document_names_the_commit_of_its_own_records(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    workdir = layout.copy_workflow(repo, tmp_path / "workflow", repo / "records")
    git(workdir, "init", "-q")
    git(workdir, "add", "records")
    git(workdir, "commit", "-q", "-m", "records")
    first = git(workdir, "rev-parse", "HEAD")
    build = workdir / "build"
    snakemake(workdir)
    assert named_commits(build, f"{MARCH}/minutes.fi") == {first}
    assert named_commits(build, f"{JUNE}/press-release.fi") == {first}

    # An edit not yet committed: that meeting's documents say so, the others keep theirs.
    record = workdir / "records/tyonvk/meetings/2025-03-12.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "# tarkistettu\n", encoding="utf-8")
    june = (build / f"public/{JUNE}/minutes.fi.pdf").read_bytes()
    snakemake(workdir)
    assert named_commits(build, f"{MARCH}/minutes.fi") == {"uncommitted"}
    assert named_commits(build, f"{JUNE}/minutes.fi") == {first}
    assert (build / f"public/{JUNE}/minutes.fi.pdf").read_bytes() == june

    # Committed: the meeting's documents name the new commit; the others are untouched.
    git(workdir, "commit", "-q", "-am", "note")
    second = git(workdir, "rev-parse", "HEAD")
    snakemake(workdir)
    assert named_commits(build, f"{MARCH}/press-release.sv") == {second}
    assert named_commits(build, f"{JUNE}/minutes.fi") == {first}
    assert (build / f"public/{JUNE}/minutes.fi.pdf").read_bytes() == june
