"""The job server: commands run in a forked child of a warm server (kokous.jobserver), reached
by a client that starts in milliseconds (kokous.jobclient), and behave as if run directly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, copy_workflow, snakemake

from kokous import jobclient
from kokous.writer import TEMP_PREFIX

CLIENT = [sys.executable, "-I", "-S", jobclient.__file__]


def run_client(workdir: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLIENT, *argv],
        cwd=workdir,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def server_pids(workdir: Path) -> set[int]:
    folder = workdir / "build/.kokous/jobserver"
    return {int(p.read_text()) for p in folder.glob("*.pid")} if folder.is_dir() else set()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes (its parent, the client that started it, has exited
    # in these tests, so it is reaped by init soon).
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def workdir(tmp_path: Path):
    workdir = copy_workflow(tmp_path / "workflow")
    yield workdir
    from kokous.jobserver import stop_servers

    stop_servers(workdir / "build")


def break_a_record(workdir: Path) -> None:
    record = workdir / "records/tyonvk/meetings/2025-03-12.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("status: held", "status: hel", 1),
        encoding="utf-8",
    )


def test_a_command_in_the_server_prints_and_exits_as_run_directly(workdir: Path) -> None:
    break_a_record(workdir)
    direct = run_client(workdir, "validate", KOKOUS_JOBSERVER="off")
    assert not server_pids(workdir)
    served = run_client(workdir, "validate")
    (pid,) = server_pids(workdir)
    again = run_client(workdir, "validate")
    assert server_pids(workdir) == {pid} and alive(pid)  # the second command reused it
    assert direct.returncode == served.returncode == again.returncode == 1
    assert direct.stderr.startswith("records/tyonvk/meetings/2025-03-12.yaml:")
    assert (served.stdout, served.stderr) == (direct.stdout, direct.stderr)
    assert (again.stdout, again.stderr) == (direct.stdout, direct.stderr)
    # A usage error too: argparse's exit status and message come back.
    usage = run_client(workdir, "build-year", "--year", "x")
    assert usage.returncode == 2 and "usage: kokous build-year" in usage.stderr


def test_an_edited_package_is_served_by_a_new_server(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "kokous"
    package.mkdir()
    module = package / "build.py"
    module.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(jobclient, "PACKAGE", str(package))
    before = jobclient.server_key()
    assert jobclient.server_key() == before
    module.write_text("A = 22\n", encoding="utf-8")
    assert jobclient.server_key() != before
    edited = jobclient.server_key()
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    assert jobclient.server_key() != edited


def test_the_server_leaves_when_idle_and_when_its_socket_is_removed(workdir: Path) -> None:
    assert run_client(workdir, "validate", KOKOUS_JOBSERVER_IDLE="1").returncode == 0
    (pid,) = server_pids(workdir)
    assert wait_until(lambda: not alive(pid))
    assert not list((workdir / "build/.kokous/jobserver").glob("*.sock"))

    assert run_client(workdir, "validate").returncode == 0
    (pid,) = server_pids(workdir) - {pid}
    assert alive(pid)
    for socket_file in (workdir / "build/.kokous/jobserver").glob("*.sock"):
        socket_file.unlink()
    assert wait_until(lambda: not alive(pid))


def test_a_stopped_client_interrupts_its_command_which_leaves_no_file(workdir: Path) -> None:
    build = workdir / "build"
    args = ["build-year", "--body", "tyonvk", "--year", "2025", "--out", "build"]
    args += ["--stamp", "build/.kokous/stamps/tyonvk/2025/year.json"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    client = subprocess.Popen(
        [*CLIENT, *args], cwd=workdir, env=env, stderr=subprocess.PIPE, text=True
    )
    # Stop it once the conversion has begun (its scratch folder exists).
    scratch = build / ".kokous/tmp"
    assert wait_until(lambda: scratch.is_dir() and any(scratch.iterdir()), timeout=60)
    client.send_signal(signal.SIGTERM)
    _out, err = client.communicate(timeout=60)
    assert client.returncode == 130, err
    assert "kokous: interrupted; no file was half written" in err
    assert not (build / ".kokous/stamps/tyonvk/2025/year.json").exists()
    assert not any(scratch.iterdir())
    assert not [p for p in build.rglob(f"{TEMP_PREFIX}*")]
    # The server is still there for the next command.
    (pid,) = server_pids(workdir)
    assert alive(pid)


def test_without_a_usable_server_the_command_runs_directly(workdir: Path) -> None:
    # No folder for the socket can be made (a file is in the way): the client runs the
    # command itself, with the same result.
    (workdir / "build/.kokous").mkdir(parents=True)
    (workdir / "build/.kokous/jobserver").write_text("not a folder\n", encoding="utf-8")
    break_a_record(workdir)
    result = run_client(workdir, "validate")
    direct = run_client(workdir, "validate", KOKOUS_JOBSERVER="off")
    assert result.returncode == direct.returncode == 1
    assert result.stderr == direct.stderr


def test_a_slurm_job_runs_its_command_directly(workdir: Path) -> None:
    result = run_client(workdir, "validate", SLURM_JOB_ID="4242")
    assert result.returncode == 0, result.stderr
    assert not server_pids(workdir)


def test_the_workflow_runs_its_commands_in_the_server(workdir: Path) -> None:
    snakemake(workdir, "validate")
    (pid,) = server_pids(workdir)
    assert alive(pid)
