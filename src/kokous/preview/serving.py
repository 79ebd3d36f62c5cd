"""The preview's HTTP server: 127.0.0.1 only, one thread per request, the pages of
:meth:`kokous.preview.session.Preview.page` with the reload script, and the server-sent events
the script listens to."""

from __future__ import annotations

import contextlib
import html
import http.server
import threading
from collections.abc import Iterator

from ..errors import KokousError
from .injection import EVENTS_PATH
from .session import Preview, say

HEARTBEAT_S = 15.0
"""A comment line this often keeps an idle events stream open through proxies and browsers."""
FAILED = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>kokous preview</title>'
    "</head><body><pre>%(message)s</pre></body></html>\n"
)


class PortUnavailable(KokousError):
    """The port asked for is taken (another preview, another server)."""


def _handler(preview: Preview) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "kokous-preview"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            from urllib.parse import parse_qs, unquote, urlsplit

            url = urlsplit(self.path)
            if url.path == EVENTS_PATH:
                since = parse_qs(url.query).get("since", [""])[0]
                self._events(since)
                return
            try:
                status, data, kind = preview.page(unquote(url.path))
            except Exception as exc:  # noqa: BLE001 (one line to the terminal and the page)
                message = f"{url.path}: {type(exc).__name__}: {exc}"
                say(message)
                status, kind = 500, "text/html; charset=utf-8"
                data = (FAILED % {"message": html.escape(message)}).encode("utf-8")
            if kind.startswith("text/html"):
                data = preview.decorate(data)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _events(self, since: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            with contextlib.suppress(OSError):
                while not preview.stopping:
                    version = preview.wait_for_change(since, HEARTBEAT_S)
                    if version is not None:
                        self.wfile.write(f"data: {version}\n\n".encode())
                        self.wfile.flush()
                        return
                    self.wfile.write(b": waiting\n\n")
                    self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            pass  # one line per request would bury the record errors

    return Handler


@contextlib.contextmanager
def serving(preview: Preview, port: int) -> Iterator[http.server.ThreadingHTTPServer]:
    """The HTTP server on 127.0.0.1 only, in a thread, stopped on leaving."""
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    except OSError as error:
        raise PortUnavailable(
            f"kokous preview: cannot listen on 127.0.0.1:{port} ({error.strerror});"
            " choose another with --port N, or --port 0 for any free one"
        ) from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="kokous-preview", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
        thread.join()
