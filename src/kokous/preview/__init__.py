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

**Its parts.** :mod:`.models` loads and keeps the checked models, :mod:`.watching` says what a
saved file touches, :mod:`.rebuilding` renders what is asked for and not current,
:mod:`.session` ties them together behind one lock, :mod:`.serving` answers HTTP and
:mod:`.injection` adds the reload script and the error banner to each page.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from .. import plan
from .config import workflow_base_url, workflow_extra_formats
from .injection import EVENTS_PATH
from .rebuilding import CACHE_FOLDER, PREVIEW_FOLDER
from .serving import PortUnavailable, serving
from .session import Preview, say

__all__ = [
    "CACHE_FOLDER",
    "EVENTS_PATH",
    "PREVIEW_FOLDER",
    "PortUnavailable",
    "Preview",
    "run",
    "say",
    "serving",
    "workflow_base_url",
    "workflow_extra_formats",
]


def run(
    records: Path,
    build_root: Path,
    edition: str,
    port: int,
    extra_formats: Iterable[str] = (),
) -> int:
    """Serve ``edition`` until Ctrl-C (or SIGTERM); returns the exit status."""
    import watchfiles

    from .. import paths

    started = time.perf_counter()
    preview = Preview(records, build_root, edition, extra_formats=extra_formats)
    say(f"loading {records} (build clock {plan.format_clock(preview.now)})")
    preview.load_all()
    templates = paths.ROOT / "templates"
    with serving(preview, port) as server:
        host, bound = server.server_address[:2]
        say(
            f"{len(preview.models.volumes)} body-years loaded in "
            f"{time.perf_counter() - started:.1f} s;"
            f" serving the {edition} edition at http://{host}:{bound}/ (Ctrl-C stops)"
        )
        try:
            for changes in watchfiles.watch(records, templates, step=50, debounce=1600):
                preview.apply(Path(path) for _change, path in changes)
        except KeyboardInterrupt:
            pass
    say("stopped")
    return 0
