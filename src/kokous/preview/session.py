"""The preview session: the warm models, what is rendered from them, and the version the open
pages wait on, behind one lock."""

from __future__ import annotations

import datetime as dt
import mimetypes
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .. import desk, plan
from . import injection
from .models import Models
from .rebuilding import Renderer
from .watching import classify, has_records

DESK_NAMES = tuple(
    desk.page_file(stem, lang, suffix)
    for stem, suffix in (("index", "html"), ("feed", "atom"))
    for lang in desk.SITE_LANGUAGES
)
"""File names of the desk's pages in every language (:func:`kokous.desk.desk_pages`)."""
CONTENT_TYPES = {".atom": "application/atom+xml", ".txt": "text/plain; charset=utf-8"}
NOT_BUILT = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>kokous preview</title>'
    b"</head><body><p>Not built: the records below have errors.</p></body></html>\n"
)


def say(message: str) -> None:
    print(f"kokous preview: {message}", file=sys.stderr, flush=True)


class Preview:
    """The warm state: the plan and checked model of every body-year (:attr:`models`), which
    files under ``out_root`` are current (:attr:`renderer`), and the version the open pages
    wait on."""

    def __init__(
        self,
        records: Path,
        build_root: Path,
        edition: str,
        now: dt.datetime | None = None,
        extra_formats: Iterable[str] = (),
    ) -> None:
        self.records = records
        self.edition = edition
        self.now = now or plan.build_clock()
        self.extra_formats = list(extra_formats)
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.version = 0
        self.stopping = False
        self.models = Models(records, self.now, self.extra_formats)
        self.renderer = Renderer(self.models, build_root, edition, self.now, self.extra_formats)

    # ------------------------------------------------------------------ loading and edits

    def load_all(self) -> None:
        """Plan the whole tree and load every body-year (the preview's start, and what an
        edit the preview cannot place reloads)."""
        with self.lock:
            if self.models.load_all():
                self.renderer.forget_all()

    def apply(self, paths: Iterable[Path]) -> None:
        """Bring the state up to the saved files ``paths``, re-render the HTML of an edited
        meeting, and move the version on so that the open pages reload."""
        started = time.perf_counter()
        with self.lock:
            edit = classify(paths, self.models)
            if edit.templates_changed:
                self.renderer.forget_templates()
            if edit.whole:
                self.load_all()
            else:
                self._reload(edit.touched)
            self.models.errors.pop("render", None)
            for body, year, meeting in edit.edited:
                if (body, year) in self.models.volumes and (body, year) not in self.models.errors:
                    with self.renderer.rendering():
                        self.renderer.render_meeting_html(body, year, meeting)
            self.version += 1
            self.changed.notify_all()
        problems = sum(len(lines) for lines in self.models.errors.values())
        say(
            f"rebuilt in {time.perf_counter() - started:.2f} s"
            + (f"; {problems} problem(s), showing the last good pages" if problems else "")
        )

    def _reload(self, touched: set[tuple[str, int]]) -> None:
        """Check the touched body-years again; forget those whose body or last record is
        gone; their documents are stale either way."""
        models = self.models
        for body, year in sorted(touched):
            if not (self.records / body / "body.yaml").is_file():
                models.forget((body, year))
            elif models.load(body, year) and not has_records(models.years[(body, year)]):
                models.forget((body, year))  # its last meeting deleted
            self.renderer.invalidate(body, year)

    # ------------------------------------------------------------------ serving

    def page(self, path: str) -> tuple[int, bytes, str]:
        """The response to a GET of ``path`` (URL path, decoded): status, bytes, type."""
        with self.lock:
            rel = path.lstrip("/")
            if rel == "" or rel.endswith("/"):
                rel += "index.html"
            if ".." in rel.split("/") or "\\" in rel or "\x00" in rel:
                return 404, b"not found\n", "text/plain; charset=utf-8"
            full = f"{self.edition}/{rel}"
            # The desk is made again after an edit only when a desk page is asked for: at
            # N = 1000 it costs half a second, a document page nothing of it.
            data = None
            if PurePosixPath(rel).name in DESK_NAMES:
                data = self.renderer.desk_pages().get(full)
            if data is None:
                data = self.renderer.document(full)
            if data is None and self.models.errors and rel.endswith(".html"):
                # Not built yet, and the records have errors: the banner says which.
                return 503, NOT_BUILT, "text/html; charset=utf-8"
            if data is None:
                return 404, b"not found\n", "text/plain; charset=utf-8"
            suffix = PurePosixPath(rel).suffix
            kind = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(rel)[0]
            kind = kind or "application/octet-stream"
            if suffix == ".html":
                kind = "text/html; charset=utf-8"
            return 200, data, kind

    # ------------------------------------------------------------------ the reload

    def decorate(self, data: bytes) -> bytes:
        """An HTML page as served: the reload script, and the records' errors on top."""
        with self.lock:
            errors = self.models.errors
            lines = [line for key in sorted(errors, key=str) for line in errors[key]]
            version = self.version
        return injection.decorate(data, version, lines)

    def wait_for_change(self, since: str, timeout: float) -> int | None:
        """The version once it differs from ``since``; None after ``timeout`` or on stop."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.stopping or str(self.version) != since, timeout=timeout
            )
            if self.stopping or str(self.version) == since:
                return None
            return self.version

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
