"""What the preview renders: a document file of the plan when it is asked for and not current,
the edited meeting's HTML at once, and the desk pages; each with the workflow's own functions,
into ``build/.kokous/preview/<edition>/``."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .. import build, desk, plan, writer
from ..manifest import document_facts, source_commits
from .config import workflow_base_url
from .models import Models, problem_line

PREVIEW_FOLDER = PurePosixPath(".kokous/preview")
"""Where the preview writes, under ``build/``: no Snakemake job declares anything there."""
CACHE_FOLDER = PurePosixPath(".kokous/cache/conversions")
"""The render jobs' conversion cache (:func:`kokous.build._convert_and_list`), shared."""


class Renderer:
    """Which files under ``out_root`` are current (``fresh``), and how to make one that is
    not: from the :class:`~kokous.preview.models.Models` as they are now."""

    def __init__(
        self,
        models: Models,
        build_root: Path,
        edition: str,
        now: dt.datetime,
        extra_formats: list[str],
    ) -> None:
        self.models = models
        self.edition = edition
        self.now = now
        self.extra_formats = extra_formats
        self.out_root = (build_root / PREVIEW_FOLDER).resolve()
        self.cache = (build_root / CACHE_FOLDER).resolve()
        self.fresh: set[str] = set()
        """Files under ``out_root`` converted from the current models and templates."""
        self._desk: dict[str, bytes] | None = None

    # ------------------------------------------------------------------ what is stale

    def forget_all(self) -> None:
        """Every model was loaded again: nothing rendered is current."""
        self.fresh.clear()
        self._desk = None

    def forget_templates(self) -> None:
        """A template, stylesheet or format setting changed: drop what the converter and the
        renderer keep per process, so the next conversion reads the files again."""
        from .. import convert, render

        render.environment.cache_clear()
        convert._settings.cache_clear()
        convert._file_digest.cache_clear()
        convert._format_fingerprint.cache_clear()
        self.forget_all()

    def invalidate(self, body: str, year: int) -> None:
        """An edit of a body-year changes its documents (§ and meeting numbers run through the
        year), its family's annual report and the desk."""
        head = self.models.parents.get(body) or body
        stale = (f"{self.edition}/{body}/{year}/", f"{self.edition}/{head}/{year}/annual-report.")
        self.fresh = {f for f in self.fresh if not f.startswith(stale)}
        self._desk = None

    # ------------------------------------------------------------------ what is asked for

    def desk_pages(self) -> dict[str, bytes]:
        """The edition's index pages and feeds, as the publish step makes them, from the
        loaded body-years' desk facts and the plan's documents (the desk lists files by their
        paths only)."""
        if self._desk is None:
            models = self.models
            loaded = [by for key, by in sorted(models.years.items()) if key in models.facts]
            artifacts = [document_facts(f) for by in loaded for f in by.files]
            bodies = desk.gather_facts([models.facts[k] for k in sorted(models.facts)], artifacts)
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

    def document(self, rel: str) -> bytes | None:
        """A document file of the plan, converted now unless it is current."""
        parts = rel.split("/")
        if len(parts) < 4 or not parts[2].isdigit():
            return None
        key = (parts[1], int(parts[2]))
        by = self.models.years.get(key)
        if by is None or rel not in by.files:
            return None
        if rel not in self.fresh:
            with self.rendering():
                self._render_file(rel, key)
        last = self.out_root / rel
        if rel not in self.fresh and not ("render" in self.models.errors and last.is_file()):
            return None
        return last.read_bytes()  # current, or the last good one under a render error

    def render_meeting_html(self, body: str, year: int, meeting: str) -> None:
        """The HTML of the edited meeting's documents, the page a secretary looks at."""
        volume = self.models.volumes[(body, year)]
        docs = [
            dataclasses.replace(d, formats=("html",))
            for d in self._meeting_documents(volume, meeting)
            if "html" in d.formats
        ]
        self._convert(docs)

    @contextlib.contextmanager
    def rendering(self) -> Iterator[None]:
        """A template or converter failure (a template being written, say) is shown like a
        record error, and the preview goes on with the last good pages."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 (one line in the terminal and the page)
            self.models.fail("render", [problem_line(exc)])

    # ------------------------------------------------------------------ as the jobs make them

    def _render_file(self, rel: str, key: tuple[str, int]) -> None:
        stem, fmt = rel.rsplit(".", 1)
        volume = self.models.volumes.get(key)
        if volume is None:
            return
        if PurePosixPath(rel).name.startswith("annual-report."):
            docs = self._annual_report_documents(volume, key)
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

    def _annual_report_documents(self, volume, key: tuple[str, int]) -> list:
        """A family's annual report as its render job makes it, provenance included."""
        from ..documents import annual_report_documents

        body, year = key
        subs = [
            self.models.volumes[(b, year)]
            for b, parent in sorted(self.models.parents.items())
            if parent == body and (b, year) in self.models.volumes
        ]
        docs = annual_report_documents(volume, subs, self.edition, self.now)
        # Every record of the family's year, as the plan groups them (assign_commits).
        family = sorted({name for v in (volume, *subs) for name in v.sources})
        commits = source_commits(self.models.records, {plan.ANNUAL_REPORT: family})
        docs, _ = build.with_provenance(
            docs, lambda _facts: build.annual_report_sources(volume, subs), commits
        )
        return docs

    def _meeting_documents(self, volume, key: str) -> list:
        """A meeting's documents as its render job makes them, provenance included."""
        from ..documents import meeting_documents

        meeting = next(m for m in volume.meetings if m.key == key)
        docs = meeting_documents(volume, self.edition, self.now, {key})
        files = plan.meeting_record_files(volume.body.id, self.models.parents, key)
        docs, _ = build.with_provenance(
            docs,
            lambda facts: build.meeting_sources(volume, meeting, str(facts["kind"])),
            source_commits(self.models.records, {key: files}),
        )
        return docs

    def _render_mails(self, volume, meeting: str, docs: list) -> None:
        """A meeting's e-mails and calendar files, as its render job makes them: from the
        documents they are made from (converted first), by :func:`kokous.mail.meeting_mails`."""
        from ..mail import meeting_mails, workflow_mail_config

        self._convert(docs)
        read = lambda r: (self.out_root / r).read_bytes()
        files = meeting_mails(
            volume, self.edition, self.now, read, {meeting}, workflow_mail_config()
        )
        writer.write_files(self.out_root, files)
        self.fresh.update(str(r) for r in files)

    def _convert(self, docs: list) -> None:
        from ..convert import convert_documents

        if not docs:
            return
        paths = convert_documents(docs, self.out_root, self.cache)
        self.fresh.update(p.relative_to(self.out_root).as_posix() for p in paths)
