"""Run one ``kokous`` command in a warm job server, or directly when there is none to be had.

The workflow's rules call this file as ``python -I -S jobclient.py <command> ...``: an
interpreter that imports a few modules of the standard library starts and connects in 20-40
ms, where ``python -m kokous`` spends 0.3 s importing jinja2, babel, jsonschema and the
package before any work. The server (:mod:`kokous.jobserver`) has made those imports once; it
forks a child per command, which takes this process's stdin, stdout and stderr, working
folder, environment and umask, so the command runs, prints and exits as if started here.

The server is found by a socket under the build folder whose name is a digest of the code it
runs (the package's files, the interpreter, ``PYTHONPATH``, the host, the working folder), so
an edited kokous never runs in a server started before the edit. The first command starts one;
it exits after ``KOKOUS_JOBSERVER_IDLE`` seconds (default 900) without a command, or when its
build folder is removed. ``KOKOUS_JOBSERVER=off`` runs every command directly, and so do a
SLURM job and any failure to reach a server.

Standard library only, and few of its modules (no typing, contextlib, socket, signal or
json), and no import of the package: this must stay cheap to start. The request goes as
``marshal`` data to a server of the same interpreter.
"""

from __future__ import annotations

import _signal  # the C module: `signal` would import enum
import _socket  # the C module: `socket` would add 15 ms of imports (enum, selectors)
import hashlib
import marshal
import os
import struct
import sys
import time

PACKAGE = os.path.dirname(os.path.abspath(__file__))
STATUS = struct.Struct("!i")
# Unix socket paths are limited to 108 bytes; the socket is named relative to the working
# folder, so only a very deep build folder comes near it (the command then runs directly).
MAX_SOCKET_PATH = 100
START_TIMEOUT_S = 20.0


def server_key() -> str:
    """What the server runs: every file of the package (name, size, mtime), the interpreter,
    the module search path, and where it found the workflow's files."""
    digest = hashlib.sha256()
    # The host too: a build folder on a shared disk may be built from several machines. And
    # the working folder and KOKOUS_WORKFLOW: where the server's imports found the workflow's
    # templates and catalogs (kokous.paths decides when it is imported).
    for name in (
        os.uname().nodename,
        sys.executable,
        sys.version,
        os.environ.get("PYTHONPATH", ""),
        os.environ.get("KOKOUS_WORKFLOW", ""),
        os.getcwd(),
    ):
        digest.update(name.encode() + b"\0")
    with os.scandir(PACKAGE) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_file():
                stat = entry.stat()
                digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def socket_path(out: str) -> str:
    return os.path.join(out, ".kokous", "jobserver", f"{server_key()}.sock")


def _out_folder(argv: list[str]) -> str:
    """The command's build folder (``--out``), where its server's socket lives."""
    for i, arg in enumerate(argv):
        if arg == "--out" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--out="):
            return arg.split("=", 1)[1]
    return "build"


def _connect(path: str) -> _socket.socket | None:
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return sock


def _start_server(path: str):  # a subprocess.Popen (the typing import costs 9 ms here)
    import subprocess  # only here: the clients after the first need not import it

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    log = open(path[: -len(".sock")] + ".log", "ab")  # noqa: SIM115 (handed to the child)
    with log:
        return subprocess.Popen(
            [sys.executable, "-m", "kokous.jobserver", path],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            # Its own session: Ctrl-C in the terminal or Snakemake stopping a job must not
            # take the server (and the other jobs it runs) down with this one command.
            start_new_session=True,
            env=os.environ,
        )


def _server(path: str) -> _socket.socket | None:
    """A connection to the server at ``path``, started when there is none."""
    sock = _connect(path)
    if sock is not None:
        return sock
    try:
        server = _start_server(path)
    except OSError:  # no folder for the socket, say: run the command directly
        return None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        time.sleep(0.02)
        sock = _connect(path)
        if sock is not None:
            return sock
        # Exit status 0: another client's server won the race and is binding the socket.
        if server.poll() not in (None, 0):
            return None
    return None


def _run_directly(argv: list[str]) -> None:
    os.execve(sys.executable, [sys.executable, "-m", "kokous", *argv], os.environ)


def _receive_status(sock: _socket.socket) -> int | None:
    data = b""
    while len(data) < STATUS.size:
        try:
            chunk = sock.recv(STATUS.size - len(data))
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return STATUS.unpack(data)[0]


def main(argv: list[str]) -> int:
    out = _out_folder(argv)
    path = socket_path(out)
    usable = (
        os.environ.get("KOKOUS_JOBSERVER", "on") != "off"
        # A batch system's job runs in an allocation that ends with it (and takes its
        # processes along): a server would be started for one command and never reused.
        and "SLURM_JOB_ID" not in os.environ
        and hasattr(_socket, "AF_UNIX")
        and hasattr(os, "fork")
        and len(path) <= MAX_SOCKET_PATH
    )
    sock = _server(path) if usable else None
    if sock is None:
        _run_directly(argv)
    assert sock is not None
    request = marshal.dumps(
        {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": _umask()}
    )
    fds = (_socket.SOL_SOCKET, _socket.SCM_RIGHTS, struct.pack("3i", 0, 1, 2))
    try:
        sock.sendmsg([STATUS.pack(len(request))], [fds])
        sock.sendall(request)
    except OSError:  # the server went away between connect and request
        _run_directly(argv)

    def interrupt(signum: int, _frame: object) -> None:
        # Closing our half tells the command to stop (it raises KeyboardInterrupt, so it
        # cleans up like a command interrupted in a terminal); its status still comes back.
        try:  # noqa: SIM105 (contextlib costs 8 ms of imports here)
            sock.shutdown(_socket.SHUT_WR)
        except OSError:
            pass

    _signal.signal(_signal.SIGINT, interrupt)
    _signal.signal(_signal.SIGTERM, interrupt)
    status = _receive_status(sock)
    if status is None:
        print("kokous: the job server's process ended without a status", file=sys.stderr)
        return 1
    return status


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
