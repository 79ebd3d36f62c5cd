"""What the preview adds to every HTML page it serves (the files on disk stay the build's
bytes): a script that reloads the page when the preview's version moves on, and a banner
listing the records' errors on top."""

from __future__ import annotations

import html
import re

EVENTS_PATH = "/.kokous/events"
"""The server-sent events of the reload; ``build/<edition>/`` has no ``.kokous`` folder."""

RELOAD_SCRIPT = """<script>
(function () {
  var version = "%(version)s";
  var events = new EventSource("%(events)s?since=" + version);
  events.onmessage = function (event) {
    if (event.data !== version) { events.close(); location.reload(); }
  };
})();
</script>
"""
ERROR_BANNER = (
    '<div id="kokous-preview-errors" role="alert" style="position:sticky;top:0;z-index:2147483647;'
    "margin:0;padding:0.75em 1em;background:#fff0f0;color:#700;border-bottom:3px solid #a00;"
    'font:0.9rem/1.4 monospace;white-space:pre-wrap;text-align:left">%(text)s</div>\n'
)
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)


def decorate(data: bytes, version: int, error_lines: list[str]) -> bytes:
    """An HTML page as served: the reload script waiting on ``version`` before ``</body>``,
    and the ``error_lines`` in a banner after ``<body>``."""
    script = RELOAD_SCRIPT % {"version": version, "events": EVENTS_PATH}
    insert_top = b""
    if error_lines:
        text = "kokous preview: the records have errors; the page shows the last good build.\n"
        text += "\n".join(error_lines)
        insert_top = (ERROR_BANNER % {"text": html.escape(text)}).encode("utf-8")
    opened = _BODY_OPEN.search(data)
    if opened and insert_top:
        data = data[: opened.end()] + b"\n" + insert_top + data[opened.end() :]
    elif insert_top:
        data = insert_top + data
    closes = list(_BODY_CLOSE.finditer(data))
    at = closes[-1].start() if closes else len(data)
    return data[:at] + script.encode("utf-8") + data[at:]
