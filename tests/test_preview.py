"""`kokous preview` (issue 15): a saved edit reaches the served page, a broken record shows its
`file:line` error over the last good page, only 127.0.0.1 is served, and the server process
is gone when the test ends, whatever happened in it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH

MARCH = "records/tyonvk/meetings/2025-03-12.yaml"
PRESS = "tyonvk/2025/2025-03-12/press-release.fi.html"
SERVING = re.compile(r"at (http://127\.0\.0\.1:(\d+)/)")
TIMEOUT = 60.0


@dataclass
class Server:
    """A running `kokous preview` and what it has printed so far."""

    process: subprocess.Popen[str]
    workdir: Path
    url: str = ""
    lines: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def edit_and_wait(self, path: str, change: callable) -> None:
        """Apply ``change`` to a record once the page's events stream is open, and return
        when the server says the open pages must reload."""
        _, page = self.get(PRESS)
        version = re.search(r'var version = "(\d+)"', page)
        assert version, "no reload script in the served page"
        events = urllib.request.urlopen(
            f"{self.url}.kokous/events?since={version.group(1)}", timeout=TIMEOUT
        )
        with events:
            change(self.workdir / path)
            while True:
                line = events.readline().decode("utf-8")
                assert line, "the events stream ended without a reload"
                if line.startswith("data:"):
                    assert line.split(":", 1)[1].strip() != version.group(1)
                    return


def _read_lines(server: Server) -> None:
    assert server.process.stderr is not None
    for line in server.process.stderr:
        server.lines.append(line.rstrip("\n"))


def start(workdir: Path, *args: str) -> Server:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    env.pop("KOKOUS_NOW", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kokous", "preview", "--port", "0", *args],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Server(process, workdir)
    server.reader = threading.Thread(target=_read_lines, args=(server,), daemon=True)
    server.reader.start()
    return server


def wait_until_serving(server: Server) -> Server:
    import time

    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = [m for line in server.lines if (m := SERVING.search(line))]
        if found:
            server.url = found[0].group(1)
            return server
        if server.process.poll() is not None:
            pytest.fail("kokous preview exited:\n" + "\n".join(server.lines))
        time.sleep(0.05)
    pytest.fail("kokous preview did not start serving:\n" + "\n".join(server.lines))


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Every preview a test starts, killed when the test ends, passed or failed."""
    started: list[Server] = []
    yield started
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
        server.process.wait(timeout=TIMEOUT)
        if server.reader is not None:
            server.reader.join(timeout=TIMEOUT)
        if server.process.stderr is not None:
            server.process.stderr.close()
    assert all(s.process.poll() is not None for s in started)


@pytest.fixture
def preview(workflow_copy: Path, servers: list[Server]) -> Server:
    """`kokous preview` of the public edition of a copy of the sample records."""
    server = start(workflow_copy)
    servers.append(server)
    return wait_until_serving(server)


def replace_in(old: str, new: str):
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def test_a_saved_edit_reaches_the_served_page(preview: Server) -> None:
    status, before = preview.get(PRESS)
    assert status == 200
    assert "12.3.2025 Helsingissä." in before

    preview.edit_and_wait(MARCH, replace_in("12.3.2025 Helsingissä.", "12.3.2025 Tampereella."))

    status, after = preview.get(PRESS)
    assert status == 200
    assert "12.3.2025 Tampereella." in after and "12.3.2025 Helsingissä." not in after
    # The reload script is in the response only: the file the preview wrote is the build's.
    written = preview.workdir / "build/.kokous/preview/public" / PRESS
    assert "Tampereella" in written.read_text(encoding="utf-8")
    assert "EventSource" not in written.read_text(encoding="utf-8")
    # Snakemake's outputs are none of the preview's business.
    assert not (preview.workdir / "build/public").exists()


def test_a_broken_record_shows_its_error_and_keeps_the_last_good_page(preview: Server) -> None:
    status, good = preview.get(PRESS)
    assert status == 200 and "kokous-preview-errors" not in good
    record = preview.workdir / MARCH
    lines = record.read_text(encoding="utf-8").splitlines()
    line = 1 + lines.index("  checked: 2025-03-19")
    expected = f"{MARCH}:{line}: K002 minutes.checked:"

    preview.edit_and_wait(MARCH, replace_in("  checked: 2025-03-19", "  checked: 2025-13-45"))

    status, broken = preview.get(PRESS)
    assert status == 200
    assert expected in broken
    assert "12.3.2025 Helsingissä." in broken  # the last good page stays
    assert any(expected in out for out in preview.lines), preview.lines

    preview.edit_and_wait(MARCH, replace_in("  checked: 2025-13-45", "  checked: 2025-03-19"))
    status, mended = preview.get(PRESS)
    assert status == 200 and "kokous-preview-errors" not in mended


def test_the_internal_edition_only_when_asked(
    preview: Server, workflow_copy: Path, servers: list[Server]
) -> None:
    _, public = preview.get("index.html")
    internal = start(workflow_copy, "--edition", "internal")
    servers.append(internal)
    wait_until_serving(internal)
    _, inside = internal.get("index.html")
    assert "Sisäinen" in inside and "Sisäinen" not in public
    # Draft minutes (the sample's 24.9.2025) exist in the internal edition only.
    draft = "tyonvk/2025/2025-09-24/minutes.fi.html"
    assert preview.get(draft)[0] == 404
    assert internal.get(draft)[0] == 200


def test_it_listens_on_localhost_only_and_stops_cleanly(preview: Server) -> None:
    port = int(SERVING.search("\n".join(preview.lines)).group(2))
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT):
        pass
    outside = [
        a[4][0]
        for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        if not a[4][0].startswith("127.")
    ]
    for address in outside:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=5):
            pass

    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=TIMEOUT) == 0
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


def test_the_preview_serves_the_bytes_snakemake_builds(
    built_workflow: Path, tmp_path: Path, servers: list[Server]
) -> None:
    """Same code, same bytes: the documents the preview writes to its own folder and the desk
    pages it serves (the reload script taken out) are the build's."""
    import shutil

    workdir = Path(shutil.copytree(built_workflow, tmp_path / "built", symlinks=True))
    server = start(workdir, "--edition", "internal")
    servers.append(server)
    wait_until_serving(server)
    build = workdir / "build"
    documents = [
        "tyonvk/2025/2025-03-12/minutes.fi.html",
        "tyonvk/2025/2025-03-12/press-release.sv.pdf",
        "tyonvk/2025/2025-09-24/minutes.fi.docx",
        "tyonvk/2025/annual-report.fi.pdf",
        "tietojaosto/2025/2025-09-02/minutes.fi.html",
    ]
    for path in documents:
        assert server.get(path)[0] == 200, path
        preview_file = build / ".kokous/preview/internal" / path
        assert preview_file.read_bytes() == (build / "internal" / path).read_bytes(), path
    for page in ("index.html", "tyonvk/index.html"):
        status, served = server.get(page)
        assert status == 200
        without_script = re.sub(r"<script>\n.*?</script>\n", "", served, flags=re.DOTALL)
        assert without_script != served
        assert without_script == (build / "internal" / page).read_text(encoding="utf-8"), page


def test_a_template_edit_reaches_the_page_and_a_broken_template_keeps_the_last_good_one(
    preview: Server,
) -> None:
    template = "templates/press-release.md.j2"

    def append(text: str):
        def change(path: Path) -> None:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(text)

        return change

    preview.edit_and_wait(template, append("\n\nTiedote esikatselussa.\n"))
    status, edited = preview.get(PRESS)
    assert status == 200 and "Tiedote esikatselussa." in edited

    preview.edit_and_wait(template, append("\n{% if %}\n"))
    status, broken = preview.get(PRESS)
    assert status == 200
    assert re.search(r"templates/press-release\.md\.j2:\d+: ", broken), broken[-2000:]
    assert "Tiedote esikatselussa." in broken
