"""``kokous preview``: the secretary's live view of one edition while a record is written.

The one warm process of the project. It plans the records once, loads every body-year into the
typed model once, and then serves the edition at ``http://127.0.0.1:PORT/`` with the paths it
has under ``build/<edition>/``. ``watchfiles`` reports each saved file under ``records/`` and
``templates/``; an edit reloads only the body-year it belongs to and re-renders only the edited
meeting's documents (HTML at once, the other formats and every other page when asked for), then
tells the open page to reload itself. A record error is printed and shown on top of the page as
``file:line: field: message``, and the page stays the last good one.

Nothing here is a second build: every step is the workflow's own function.

- :func:`kokous.plan.make_plan` and :func:`kokous.plan.plan_body_year` decide which documents
  exist (as for the Snakefile and the check job);
- :func:`kokous.records.load_volume` and :func:`kokous.desk.volume_facts` load and check a
  body-year (as the check job does);
- :func:`kokous.documents.meeting_documents` and :func:`~kokous.documents.annual_report_documents`
  render, :func:`kokous.convert.convert_documents` converts (as the render jobs do, with the
  same conversion cache under ``build/.kokous/cache``);
- :func:`kokous.desk.render_indexes` and :func:`~kokous.desk.render_feeds` make the desk pages
  (as the publish step does).

**Where it writes.** Into ``build/.kokous/preview/<edition>/`` only, never into the files
Snakemake declares. Snakemake decides what is stale from the mtimes of its declared outputs and
its own metadata of the job that wrote them; a file the preview wrote there would look
up to date to Snakemake while its job's other outputs, its part and the manifest were not, and
a preview rendering one meeting of a ten-meeting job cannot write what that job would. So
``snakemake`` stays the build of record and sees only files its own jobs wrote. The two share
the content-addressed conversion cache, which is safe by construction (an entry is the bytes
of its exact input, written atomically): a document the preview converted costs the next
``snakemake`` run nothing, and the reverse.

**The clock.** The build clock (:func:`kokous.plan.build_clock`: ``SOURCE_DATE_EPOCH`` when
set, else now) is read once at the start, and decides embargoes for the whole session, as one
``snakemake`` run reads it once; restart the preview to move it on.

**The reload.** Every HTML response, and only the response (the files on disk stay the build's
bytes), gets a small script that listens to ``/.kokous/events`` (server-sent events) and
reloads the page when the preview's version moves on, and when the records have errors, a
banner listing them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import html
import http.server
import mimetypes
import re
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from . import build, desk, plan, writer
from .errors import KokousError, RecordsInvalid
from .layout import is_editor_file
from .manifest import document_facts, source_commits

PREVIEW_FOLDER = PurePosixPath(".kokous/preview")
"""Where the preview writes, under ``build/``: no Snakemake job declares anything there."""
CACHE_FOLDER = PurePosixPath(".kokous/cache/conversions")
"""The render jobs' conversion cache (:func:`kokous.build._convert_and_list`), shared."""
EVENTS_PATH = "/.kokous/events"
"""The server-sent events of the reload; ``build/<edition>/`` has no ``.kokous`` folder."""
HEARTBEAT_S = 15.0
"""A comment line this often keeps an idle events stream open through proxies and browsers."""
DESK_NAMES = tuple(
    desk.page_file(stem, lang, suffix)
    for stem, suffix in (("index", "html"), ("feed", "atom"))
    for lang in desk.SITE_LANGUAGES
)
"""File names of the desk's pages in every language (:func:`kokous.desk.desk_pages`)."""
CONTENT_TYPES = {".atom": "application/atom+xml", ".txt": "text/plain; charset=utf-8"}

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
NOT_BUILT = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>kokous preview</title>'
    b"</head><body><p>Not built: the records below have errors.</p></body></html>\n"
)
FAILED = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>kokous preview</title>'
    "</head><body><pre>%(message)s</pre></body></html>\n"
)
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)


class PortUnavailable(KokousError):
    """The port asked for is taken (another preview, another server)."""


def say(message: str) -> None:
    print(f"kokous preview: {message}", file=sys.stderr, flush=True)


class Preview:
    """The warm state: the plan and checked model of every body-year, which files under
    ``out_root`` are current, and the version the open pages wait on."""

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
        self.out_root = (build_root / PREVIEW_FOLDER).resolve()
        self.cache = (build_root / CACHE_FOLDER).resolve()
        self.now = now or plan.build_clock()
        self.extra_formats = list(extra_formats)
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.version = 0
        self.stopping = False
        self.years: dict[tuple[str, int], plan.BodyYear] = {}
        self.parents: dict[str, str | None] = {}
        self.bodies: tuple[dict, dict[str, str | None]] | None = None
        """Every ``body.yaml`` as read and the bodies' parents (:func:`kokous.plan.read_bodies`),
        read again when a ``body.yaml`` changes."""
        self.volumes: dict[tuple[str, int], object] = {}
        self.facts: dict[tuple[str, int], dict] = {}
        self.errors: dict[object, list[str]] = {}
        self.fresh: set[str] = set()
        """Files under ``out_root`` converted from the current models and templates."""
        self._desk: dict[str, bytes] | None = None

    # ------------------------------------------------------------------ loading

    def load_all(self) -> None:
        """Plan the whole tree and load every body-year (the preview's start, and what an
        edit the preview cannot place reloads)."""
        with self.lock:
            self.errors.pop("records", None)
            try:
                whole = plan.make_plan(
                    self.records, (), plan.EDITIONS, self.extra_formats, self.now
                )
            except plan.PlanError as error:
                self._fail("records", str(error).splitlines())
                return
            self.parents = dict(whole.bodies)
            self.bodies = plan.read_bodies(plan.scan_records(self.records))
            planned = {(by.body, by.year): by for by in whole.years}
            for key in [k for k in self.years if k not in planned]:
                self._forget(key)
            for (body, year), by in planned.items():
                self._load(body, year, by)
            self.fresh.clear()
            self._desk = None

    def _fail(self, key: object, lines: list[str]) -> None:
        self.errors[key] = lines
        for line in lines:
            print(line, file=sys.stderr, flush=True)

    def _forget(self, key: tuple[str, int]) -> None:
        self.volumes.pop(key, None)
        self.facts.pop(key, None)
        self.errors.pop(key, None)
        self.years.pop(key, None)

    def _load(self, body: str, year: int, by: plan.BodyYear | None = None) -> bool:
        """Check one body-year as its check job does, and plan it (``by``, else as the check
        job plans it); on a record error keep the last good model and plan, and remember the
        error."""
        from .records import load_volume

        key = (body, year)
        try:
            volume = load_volume(self.records, body, year)
            if self.bodies is None or body not in self.bodies[1]:
                self.bodies = plan.read_bodies(plan.scan_records(self.records))
            if by is None:
                by = plan.plan_body_year(
                    self.records,
                    body,
                    year,
                    plan.EDITIONS,
                    self.extra_formats,
                    self.now,
                    bodies=self.bodies,
                )
        except RecordsInvalid as invalid:
            self._fail(key, [str(p) for p in invalid.problems])
            return False
        except KokousError as error:
            self._fail(key, str(error).splitlines())
            return False
        except Exception as exc:  # noqa: BLE001 (a bug must not end the secretary's session)
            where = f"{self.records.as_posix()}/{body}"
            self._fail(key, [f"{where}: internal error checking {year}: {_render_problem(exc)}"])
            return False
        finally:
            if key not in self.years and by is not None:
                self.years[key] = by  # known, though never good yet
        for warning in volume.warnings:
            print(warning, file=sys.stderr, flush=True)
        self.volumes[key] = volume
        self.facts[key] = desk.volume_facts(volume)
        self.years[key] = by
        self.errors.pop(key, None)
        return True

    # ------------------------------------------------------------------ edits

    def apply(self, paths: Iterable[Path]) -> None:
        """Bring the state up to the saved files ``paths``, re-render the HTML of an edited
        meeting, and move the version on so that the open pages reload."""
        started = time.perf_counter()
        with self.lock:
            records = self.records.resolve()
            templates_changed = False
            touched: set[tuple[str, int]] = set()
            edited: list[tuple[str, int, str]] = []
            whole = False
            for path in paths:
                path = path.resolve()
                if any(is_editor_file(part) for part in path.parts):
                    continue
                if not path.is_relative_to(records):
                    templates_changed = True
                    continue
                place = _record_place(path.relative_to(records).parts)
                if place is None:
                    # A new or removed body, or a stray file the checks report; not an
                    # editor's temporary file that came and went before this look.
                    whole = whole or path.exists() or len(path.relative_to(records).parts) < 3
                    continue
                body, year, meeting = place
                if year is None and body not in self.parents:
                    whole = True  # a new body
                    continue
                if year is None:  # body.yaml: its family's years
                    self.bodies = plan.read_bodies(plan.scan_records(self.records))
                    self.parents.update(self.bodies[1])
                    touched |= {k for k in self.years if body in (k[0], self.parents.get(k[0]))}
                    touched |= {k for k in self.years if k[0] == self.parents.get(body)}
                    continue
                touched.add((body, year))
                if meeting:
                    edited.append((body, year, meeting))
            if templates_changed:
                self._forget_templates()
            if whole:
                self.load_all()
            else:
                for body, year in sorted(touched):
                    if not (self.records / body / "body.yaml").is_file():
                        self._forget((body, year))
                    elif self._load(body, year) and not _has_records(self.years[(body, year)]):
                        self._forget((body, year))  # its last meeting deleted
                    self._invalidate(body, year)
            self.errors.pop("render", None)
            for body, year, meeting in edited:
                if (body, year) in self.volumes and (body, year) not in self.errors:
                    with self._rendering():
                        self._render_meeting_html(body, year, meeting)
            self.version += 1
            self.changed.notify_all()
        problems = sum(len(lines) for lines in self.errors.values())
        say(
            f"rebuilt in {time.perf_counter() - started:.2f} s"
            + (f"; {problems} problem(s), showing the last good pages" if problems else "")
        )

    def _forget_templates(self) -> None:
        """A template, stylesheet or format setting changed: drop what the converter and the
        renderer keep per process, so the next conversion reads the files again."""
        from . import convert, render

        render.environment.cache_clear()
        convert._settings.cache_clear()
        convert._file_digest.cache_clear()
        convert._format_fingerprint.cache_clear()
        self.fresh.clear()
        self._desk = None

    def _invalidate(self, body: str, year: int) -> None:
        """An edit of a body-year changes its documents (§ and meeting numbers run through the
        year), its family's annual report and the desk."""
        head = self.parents.get(body) or body
        stale = (f"{self.edition}/{body}/{year}/", f"{self.edition}/{head}/{year}/annual-report.")
        self.fresh = {f for f in self.fresh if not f.startswith(stale)}
        self._desk = None

    def _render_meeting_html(self, body: str, year: int, meeting: str) -> None:
        """The HTML of the edited meeting's documents, the page a secretary looks at."""

        volume = self.volumes[(body, year)]
        docs = [
            dataclasses.replace(d, formats=("html",))
            for d in self._meeting_documents(volume, meeting)
            if "html" in d.formats
        ]
        self._convert(docs)

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
                data = self._desk_pages().get(full)
            if data is None:
                data = self._document(full)
            if data is None and self.errors and rel.endswith(".html"):
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

    def _desk_pages(self) -> dict[str, bytes]:
        """The edition's index pages and feeds, as the publish step makes them, from the
        loaded body-years' desk facts and the plan's documents (the desk lists files by their
        paths only)."""
        if self._desk is None:
            loaded = [by for key, by in sorted(self.years.items()) if key in self.facts]
            artifacts = [document_facts(f) for by in loaded for f in by.files]
            bodies = desk.gather_facts([self.facts[k] for k in sorted(self.facts)], artifacts)
            pubs = {e: desk.publications(artifacts, e) for e in plan.EDITIONS}
            css = desk.CSS.read_text(encoding="utf-8")
            # No search box (the preview builds no search index); feeds when base_url is set.
            site = desk.site_facts(bodies, desk.normalised_base_url(workflow_base_url()))
            pages = desk.render_indexes(pubs, bodies, css, site)
            if self.edition == "public" and site.base_url:
                pages.update(desk.render_feeds(pubs["public"], bodies, site))
            prefix = f"{self.edition}/"
            self._desk = {rel: p[0] for rel, p in pages.items() if rel.startswith(prefix)}
        return self._desk

    def _document(self, rel: str) -> bytes | None:
        """A document file of the plan, converted now unless it is current."""
        parts = rel.split("/")
        if len(parts) < 4 or not parts[2].isdigit():
            return None
        key = (parts[1], int(parts[2]))
        by = self.years.get(key)
        if by is None or rel not in by.files:
            return None
        if rel not in self.fresh:
            with self._rendering():
                self._render_file(rel, key)
        last = self.out_root / rel
        if rel not in self.fresh and not ("render" in self.errors and last.is_file()):
            return None
        return last.read_bytes()  # current, or the last good one under a render error

    @contextlib.contextmanager
    def _rendering(self) -> Iterator[None]:
        """A template or converter failure (a template being written, say) is shown like a
        record error, and the preview goes on with the last good pages."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 (one line in the terminal and the page)
            self._fail("render", [_render_problem(exc)])

    def _render_file(self, rel: str, key: tuple[str, int]) -> None:
        from .documents import annual_report_documents

        body, year = key
        stem, fmt = rel.rsplit(".", 1)
        volume = self.volumes.get(key)
        if volume is None:
            return
        if PurePosixPath(rel).name.startswith("annual-report."):
            subs = [
                self.volumes[(b, year)]
                for b, parent in sorted(self.parents.items())
                if parent == body and (b, year) in self.volumes
            ]
            docs = annual_report_documents(volume, subs, self.edition, self.now)
            # Every record of the family's year, as the plan groups them (assign_commits).
            family = sorted({name for v in (volume, *subs) for name in v.sources})
            commits = source_commits(self.records, {plan.ANNUAL_REPORT: family})
            docs, _ = build.with_provenance(
                docs, lambda _facts: build.annual_report_sources(volume, subs), commits
            )
        else:
            docs = self._meeting_documents(volume, rel.split("/")[3])
        docs = build.with_extra_formats(docs, self.extra_formats)
        if fmt in plan.MAIL_FORMATS:
            self._render_mails(volume, rel.split("/")[3], docs)
            return
        self._convert(
            [
                dataclasses.replace(d, formats=(fmt,))
                for d in docs
                if str(d.stem) == stem and fmt in d.formats
            ]
        )

    def _meeting_documents(self, volume, key: str) -> list:
        """A meeting's documents as its render job makes them, provenance included."""
        from .documents import meeting_documents

        meeting = next(m for m in volume.meetings if m.key == key)
        docs = meeting_documents(volume, self.edition, self.now, {key})
        files = plan.meeting_record_files(volume.body.id, self.parents, key)
        docs, _ = build.with_provenance(
            docs,
            lambda facts: build.meeting_sources(volume, meeting, str(facts["kind"])),
            source_commits(self.records, {key: files}),
        )
        return docs

    def _render_mails(self, volume, meeting: str, docs: list) -> None:
        """A meeting's e-mails and calendar files, as its render job makes them: from the
        documents they are made from (converted first), by :func:`kokous.mail.meeting_mails`."""
        from .mail import meeting_mails, workflow_mail_config

        self._convert(docs)
        read = lambda r: (self.out_root / r).read_bytes()
        files = meeting_mails(
            volume, self.edition, self.now, read, {meeting}, workflow_mail_config()
        )
        writer.write_files(self.out_root, files)
        self.fresh.update(str(r) for r in files)

    def _convert(self, docs: list) -> None:
        from .convert import convert_documents

        if not docs:
            return
        paths = convert_documents(docs, self.out_root, self.cache)
        self.fresh.update(p.relative_to(self.out_root).as_posix() for p in paths)

    # ------------------------------------------------------------------ the reload

    def decorate(self, data: bytes) -> bytes:
        """An HTML page as served: the reload script, and the records' errors on top."""
        with self.lock:
            script = RELOAD_SCRIPT % {"version": self.version, "events": EVENTS_PATH}
            lines = [line for key in sorted(self.errors, key=str) for line in self.errors[key]]
        insert_top = b""
        if lines:
            text = "kokous preview: the records have errors; the page shows the last good build.\n"
            text += "\n".join(lines)
            insert_top = (ERROR_BANNER % {"text": html.escape(text)}).encode("utf-8")
        opened = _BODY_OPEN.search(data)
        if opened and insert_top:
            data = data[: opened.end()] + b"\n" + insert_top + data[opened.end() :]
        elif insert_top:
            data = insert_top + data
        closes = list(_BODY_CLOSE.finditer(data))
        at = closes[-1].start() if closes else len(data)
        return data[:at] + script.encode("utf-8") + data[at:]

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


def _render_problem(exc: Exception) -> str:
    """One line for a failure while rendering: ``file:line: message`` for a template."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"templates/{exc.name}" if exc.name else (exc.filename or "templates")
        return f"{where}:{exc.lineno}: {exc.message}"
    text = f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())


def _has_records(by: plan.BodyYear) -> bool:
    return any(f"/{folder}/" in r for r in by.records for folder in ("meetings", "years"))


def _record_place(parts: tuple[str, ...]) -> tuple[str, int | None, str | None] | None:
    """(body, year, meeting key) of a record file by its path under ``records/``; year None
    for a ``body.yaml``; None for anything else (a folder, a new body: reload everything)."""
    if len(parts) == 2 and parts[1] == "body.yaml":
        return parts[0], None, None
    if len(parts) == 3 and parts[2].endswith(".yaml") and parts[2][:4].isdigit():
        stem = parts[2].removesuffix(".yaml")
        if parts[1] == "meetings":
            return parts[0], int(stem[:4]), stem
        if parts[1] == "years" and stem.isdigit():
            return parts[0], int(stem), None
    return None


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


def run(
    records: Path,
    build_root: Path,
    edition: str,
    port: int,
    extra_formats: Iterable[str] = (),
) -> int:
    """Serve ``edition`` until Ctrl-C (or SIGTERM); returns the exit status."""
    import watchfiles

    from . import paths

    started = time.perf_counter()
    preview = Preview(records, build_root, edition, extra_formats=extra_formats)
    say(f"loading {records} (build clock {plan.format_clock(preview.now)})")
    preview.load_all()
    templates = paths.ROOT / "templates"
    with serving(preview, port) as server:
        host, bound = server.server_address[:2]
        say(
            f"{len(preview.volumes)} body-years loaded in {time.perf_counter() - started:.1f} s;"
            f" serving the {edition} edition at http://{host}:{bound}/ (Ctrl-C stops)"
        )
        try:
            for changes in watchfiles.watch(records, templates, step=50, debounce=1600):
                preview.apply(Path(path) for _change, path in changes)
        except KeyboardInterrupt:
            pass
    say("stopped")
    return 0


def workflow_base_url() -> str | None:
    """``base_url`` of ``config/config.yaml``: the feeds' addresses start with it."""
    import yaml

    from . import paths

    try:
        config = yaml.safe_load((paths.ROOT / "config" / "config.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    value = config.get("base_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) else None


def workflow_extra_formats() -> list[str]:
    """The optional formats the workflow's configuration switches on (``extra_formats`` of
    ``config/config.yaml``), so the preview plans the files a plain ``snakemake`` plans."""
    import yaml

    from . import paths

    try:
        config = yaml.safe_load((paths.ROOT / "config" / "config.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    chosen = config.get("extra_formats") if isinstance(config, dict) else None
    return [str(f) for f in chosen] if isinstance(chosen, list) else []
