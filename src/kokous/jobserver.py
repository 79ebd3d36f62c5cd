"""The warm parent of the workflow's jobs: a fork server (as Android's zygote, or
:mod:`multiprocessing`'s ``forkserver``, do it), started by :mod:`kokous.jobclient`.

It imports what the jobs import once, then waits on a Unix socket under the build folder. For
each command a client sends (its arguments, working folder, environment, umask, and its
stdin/stdout/stderr as file descriptors), it forks a child that becomes that command: no
interpreter start, no imports, the same output, the same exit status. Nothing but imports
happens here before a fork, so every command starts from the same clean state a fresh
interpreter would have, and reads records, templates and settings itself.

It exits when no command came for ``KOKOUS_JOBSERVER_IDLE`` seconds (default 900), when its
socket is removed (``build/`` deleted) or on SIGTERM. One server per socket: a lock file
next to it makes a second server started in a race exit at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import marshal
import os
import select
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path

from .jobclient import STATUS

IDLE_S = float(os.environ.get("KOKOUS_JOBSERVER_IDLE", "900"))
_held: list = []  # the lock file, closed in each child so that only the server holds it


def preload() -> None:
    """Import what the commands import (0.3 s a job otherwise). Imports only: anything a
    command computes from files must be computed in the command, after the fork."""
    import jsonschema  # noqa: F401 (the record checks import it when a record changed)
    import typst  # noqa: F401

    from . import (  # noqa: F401
        build,
        cli,
        convert,
        desk,
        documents,
        i18n,
        records,
        release,
        render,
        schema,
    )


def _recv_exactly(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("client went away")
        data += chunk
    return data


def _watch_client(conn: socket.socket) -> None:
    """Interrupt the command when its client stops waiting (Snakemake cancelled the job)."""
    with contextlib.suppress(OSError):
        conn.recv(1)
    os.kill(os.getpid(), signal.SIGINT)


def _become_command(conn: socket.socket, fds: list[int], request: dict) -> None:
    """In the forked child: take the client's place and run its command; never returns."""
    status = 1
    try:
        for signum in (signal.SIGTERM, signal.SIGCHLD):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            if fd != target:
                os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        time.tzset()
        os.umask(request["umask"])
        sys.argv = ["kokous", *request["argv"]]
        threading.Thread(target=_watch_client, args=(conn,), daemon=True).start()
        from .cli import main

        status = main(request["argv"])
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        status = 130
    except BaseException:  # noqa: BLE001 (reported like cli.main reports a crash, then exit)
        traceback.print_exc()
        status = 2
    finally:
        # The client leaves as soon as it has the status, which wakes the watcher: from here
        # on an interrupt has nothing left to stop. Whatever happened, this process ends here
        # and never returns into the server's loop.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            with contextlib.suppress(OSError):
                conn.sendall(STATUS.pack(status))
        finally:
            os._exit(status & 0xFF)


def _serve_one(conn: socket.socket, listener: socket.socket) -> int | None:
    """Receive one command and fork its child; the child's pid, or None on a bad request."""
    fds: list[int] = []
    try:
        header, fds, _flags, _addr = socket.recv_fds(conn, STATUS.size, 3)
        if len(fds) != 3 or len(header) != STATUS.size:
            raise ConnectionError("incomplete request")
        request = marshal.loads(_recv_exactly(conn, STATUS.unpack(header)[0]))
        if not isinstance(request, dict):
            raise TypeError("not a request")
    except (OSError, ValueError, EOFError, TypeError):
        for fd in fds:
            os.close(fd)
        conn.close()
        return None
    pid = os.fork()
    if pid == 0:
        listener.close()
        for held in _held:
            held.close()
        _become_command(conn, fds, request)
    for fd in fds:
        os.close(fd)
    conn.close()
    return pid


def serve(path: str, idle_s: float = IDLE_S) -> int:
    preload()
    lock = Path(path[: -len(".sock")] + ".lock").open("a")  # noqa: SIM115 (held for life)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another server holds this socket
    _held.append(lock)
    socket_file = Path(path)
    socket_file.unlink(missing_ok=True)  # left by a server that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o077)  # only this user may hand the server commands
    listener.bind(path)
    os.umask(old_mask)
    listener.listen(16)
    inode = socket_file.stat().st_ino
    pid_file = Path(path[: -len(".sock")] + ".pid")
    pid_file.write_text(f"{os.getpid()}\n", encoding="ascii")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    children: set[int] = set()
    last = time.monotonic()
    while not stop.is_set():
        ready, _, _ = select.select([listener], [], [], 1.0)
        if ready:
            try:
                conn, _addr = listener.accept()
            except OSError:  # the client gave up before we got to it
                continue
            pid = _serve_one(conn, listener)
            if pid is not None:
                children.add(pid)
            last = time.monotonic()
        for pid in list(children):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            children.discard(pid)
        try:
            moved = socket_file.stat().st_ino != inode
        except FileNotFoundError:
            moved = True
        if moved or (not children and time.monotonic() - last > idle_s):
            break
    listener.close()
    with contextlib.suppress(FileNotFoundError):
        if socket_file.stat().st_ino == inode:
            socket_file.unlink()
        if pid_file.read_text(encoding="ascii").strip() == str(os.getpid()):
            pid_file.unlink()
    return 0


def stop_servers(out_root: Path) -> list[int]:
    """Stop the job servers of a build folder (tests, the benchmark); their pids."""
    stopped = []
    for pid_file in (out_root / ".kokous" / "jobserver").glob("*.pid"):
        with contextlib.suppress(ValueError, ProcessLookupError, FileNotFoundError):
            pid = int(pid_file.read_text(encoding="ascii"))
            # A server removes its pid file when it leaves; one that was killed leaves it, and
            # its pid may since belong to another process.
            cmdline = Path(f"/proc/{pid}/cmdline")
            if cmdline.parent.parent.is_dir() and b"kokous.jobserver" not in cmdline.read_bytes():
                raise ProcessLookupError(pid)
            os.kill(pid, signal.SIGTERM)
            stopped.append(pid)
        pid_file.unlink(missing_ok=True)
    return stopped


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1]))
