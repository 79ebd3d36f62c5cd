"""The release bundle: checksums verify, the public zip is exactly the public edition, two clean
release builds give identical bytes, a signed release verifies with the README's command and a
changed byte fails it, and the GitHub workflow runs the README's commands."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_workflow, snakemake
from tools import require


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two clean workflow copies, each built with `snakemake release`; their build/ folders."""
    builds = []
    for name in ("first", "second"):
        workdir = copy_workflow(tmp_path_factory.mktemp(name) / "workflow")
        snakemake(workdir, "release")
        builds.append(workdir / "build")
    return builds[0], builds[1]


def sums(release: Path) -> dict[str, str]:
    lines = (release / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


def test_every_checksum_verifies(releases: tuple[Path, Path]) -> None:
    release = releases[0] / "release"
    listed = sums(release)
    # A workflow copy outside any git repository is "unversioned".
    assert set(listed) == {
        f"kokous-unversioned-{edition}.{ext}"
        for edition in ("public", "internal")
        for ext in ("zip", "manifest.json")
    }
    assert {p.name for p in release.iterdir()} == {*listed, "SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name


def test_public_zip_is_exactly_the_public_edition(releases: tuple[Path, Path]) -> None:
    build = releases[0]
    public = [
        a
        for a in json.loads((build / "manifest.json").read_text("utf-8"))["artifacts"]
        if a["edition"] == "public"
    ]
    on_disk = {
        p.relative_to(build).as_posix() for p in (build / "public").rglob("*") if p.is_file()
    }
    assert {a["path"] for a in public} == on_disk
    with zipfile.ZipFile(build / "release" / "kokous-unversioned-public.zip") as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.filename: hashlib.sha256(archive.read(i)).hexdigest() for i in infos} == {
            a["path"]: a["sha256"] for a in public
        }
        for info in infos:
            assert info.date_time == infos[0].date_time
            assert info.external_attr >> 16 == 0o100644
    shipped = json.loads(
        (build / "release" / "kokous-unversioned-public.manifest.json").read_text("utf-8")
    )
    assert shipped["artifacts"] == public


def test_two_clean_release_builds_are_identical(releases: tuple[Path, Path]) -> None:
    first, second = (sorted((b / "release").iterdir()) for b in releases)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_two_clean_builds_give_every_document_the_same_provenance(
    releases: tuple[Path, Path],
) -> None:
    first, second = (
        {
            a["path"]: (a["sources"], a["records_commit"])
            for a in json.loads((b / "manifest.json").read_text("utf-8"))["artifacts"]
            if a["kind"] not in ("index", "feed", "search")
        }
        for b in releases
    )
    assert first and first == second
    assert all(sources for sources, _ in first.values())


def test_release_without_a_key_is_unsigned_and_says_so(releases: tuple[Path, Path]) -> None:
    for build in releases:
        assert not (build / "release" / "SHA256SUMS.sig").exists()
        log = (build / ".kokous" / "logs" / "write_release.log").read_text("utf-8")
        assert [line for line in log.splitlines() if "unsigned" in line] == [
            "kokous: the release in build/release is unsigned (no signing_key set)"
        ]


IDENTITY = "kirjaamo@example.fi"


@pytest.fixture(scope="module")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway Ed25519 key without a passphrase, in a folder whose name needs quoting."""
    ssh_keygen = require("ssh-keygen")["ssh-keygen"]
    key = tmp_path_factory.mktemp("signing key") / "kokous release"
    subprocess.run(
        [ssh_keygen, "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", str(key)],
        check=True,
        capture_output=True,
    )
    return key


def readme_verify_command() -> list[str]:
    """The README's check of a signature, as arguments (without its `< SHA256SUMS`)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Verifying a release", 1)[1]
    line = re.search(r"^ssh-keygen -Y verify .*$", section, re.MULTILINE)
    assert line, "README: no ssh-keygen -Y verify line under Verifying a release"
    verify, _, check = line.group(0).partition(" && ")
    assert check == "sha256sum -c SHA256SUMS"
    args, _, stdin = verify.partition(" < ")
    assert stdin == "SHA256SUMS"
    return args.split()


def verifies(release: Path, allowed_signers: Path) -> bool:
    args = readme_verify_command()
    args[args.index("-f") + 1] = str(allowed_signers)
    with (release / "SHA256SUMS").open("rb") as sums_file:
        result = subprocess.run(
            args, cwd=release, stdin=sums_file, capture_output=True, check=False
        )
    return result.returncode == 0


def sums_check(release: Path) -> bool:
    sha256sum = require("sha256sum")["sha256sum"]
    result = subprocess.run(
        [sha256sum, "-c", "SHA256SUMS"], cwd=release, capture_output=True, check=False
    )
    return result.returncode == 0


def test_signed_release_verifies_and_a_changed_byte_does_not(
    releases: tuple[Path, Path], signing_key: Path, tmp_path: Path
) -> None:
    # A copy of a built workflow, Snakemake's records of it included: adding the key reruns
    # the release job alone (a changed parameter), which now also writes the signature.
    workdir = tmp_path / "workflow"
    shutil.copytree(releases[0].parent, workdir, symlinks=True)
    snakemake(workdir, "release", "--config", f"signing_key={signing_key}")
    release = workdir / "build" / "release"
    unsigned = releases[0] / "release"
    assert {p.name for p in release.iterdir()} == {
        *(p.name for p in unsigned.iterdir()),
        "SHA256SUMS.sig",
    }
    assert (release / "SHA256SUMS").read_bytes() == (unsigned / "SHA256SUMS").read_bytes()
    log = (workdir / "build" / ".kokous" / "logs" / "write_release.log").read_text("utf-8")
    assert f"with {signing_key}" in log and "unsigned" not in log

    # The repository's allowed-signers file, with the secretariat's key added as it says.
    public_key = signing_key.with_name(signing_key.name + ".pub").read_text("ascii").strip()
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(
        (REPO / "release" / "allowed_signers").read_text("utf-8")
        + f'{IDENTITY} namespaces="kokous-release" {public_key}\n'
    )
    assert IDENTITY in readme_verify_command()
    assert verifies(release, allowed) and sums_check(release)
    # Without the key listed, nothing verifies.
    assert not verifies(release, REPO / "release" / "allowed_signers")

    # A changed byte in a zip: its checksum fails.
    archive = release / "kokous-unversioned-public.zip"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    assert not sums_check(release)
    # SHA256SUMS changed to match it: the signature fails.
    sums_text = (release / "SHA256SUMS").read_text("ascii")
    digest = sums(release)[archive.name]
    tampered = sums_text.replace(digest, hashlib.sha256(data).hexdigest())
    (release / "SHA256SUMS").write_text(tampered, "ascii")
    assert sums_check(release) and not verifies(release, allowed)

    # The key removed again: the release is rebuilt unsigned, and the signature goes.
    snakemake(workdir, "release")
    assert not (release / "SHA256SUMS.sig").exists()
    assert (release / "SHA256SUMS").read_bytes() == (unsigned / "SHA256SUMS").read_bytes()


def test_version_is_git_describe_of_the_records(tmp_path: Path) -> None:
    from kokous.release import release_version

    git_program = require("git")["git"]
    assert release_version(tmp_path) == "unversioned"
    git = [git_program, "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a.yaml").write_text("x: 1\n")
    subprocess.run([*git, "add", "a.yaml"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "records"], cwd=tmp_path, check=True)
    subprocess.run([*git, "tag", "v2025.1"], cwd=tmp_path, check=True)
    assert release_version(tmp_path) == "v2025.1"
    (tmp_path / "a.yaml").write_text("x: 2\n")
    assert release_version(tmp_path) == "v2025.1-dirty"


def quick_start_lines() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.DOTALL)
    assert block, "README: no code block under Quick start"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2, lines
    return lines


def test_github_workflow_runs_the_readme_quick_start_verbatim() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "build.yml").read_text("utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1); either spelling is the trigger block.
    triggers = workflow.get("on", workflow.get(True))
    assert "push" in triggers and "v*" in triggers["push"]["tags"]
    jobs = workflow["jobs"]

    def run_lines(job: str) -> list[str]:
        return [
            line.strip()
            for step in jobs[job]["steps"]
            for line in str(step.get("run", "")).splitlines()
        ]

    setup, test = quick_start_lines()
    assert setup in run_lines("build") and test in run_lines("build")
    uploads = [s for s in jobs["build"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert uploads and "build/public" in uploads[0]["with"]["path"]
    release = jobs["release"]
    assert "refs/tags/v" in release["if"]
    assert setup in run_lines("release")
    assert any(line.startswith(".venv/bin/snakemake release") for line in run_lines("release"))
    assert any(line.startswith("gh release create") for line in run_lines("release"))


def test_ci_is_pinned_scheduled_and_provisioned_like_the_project_ci() -> None:
    text = (REPO / ".github" / "workflows" / "build.yml").read_text("utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))
    # A scheduled run rebuilds, so that an embargo lifts without a commit.
    assert triggers["schedule"][0]["cron"]
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    steps = workflow["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")) for s in steps]
    _, test = quick_start_lines()
    provision = next(i for i, r in enumerate(runs) if "ci/provision.sh" in r)
    assert provision < next(i for i, r in enumerate(runs) if test in r)
    assert workflow["jobs"]["build"]["env"]["CI"] == "true"
    # The project's own CI runs the same test line, after the same provisioning.
    ci_run = (REPO / ".ci" / "run").read_text("utf-8")
    assert test in ci_run and "ci/provision.sh" in ci_run
    # The set-up installs the hash-pinned lock files.
    for line in quick_start_lines():
        assert "--require-hashes -r requirements" in line


def test_a_key_that_cannot_sign_fails_in_one_line(tmp_path: Path) -> None:
    from kokous.errors import BuildFailed
    from kokous.release import sign

    require("ssh-keygen")  # sign() runs it; without it the message says it is not installed
    not_a_key = tmp_path / "key"
    not_a_key.write_text("not a key\n")
    with pytest.raises(BuildFailed, match=r"^signing_key .*: ssh-keygen could not sign") as err:
        sign(b"x\n", not_a_key)
    assert "\n" not in str(err.value)
