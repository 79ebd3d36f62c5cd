"""Convert rendered pandoc Markdown into HTML, PDF, DOCX, plain text and ODT.

One batch (a body-year, ~10-300 documents) goes through ONE long-lived ``pandoc lua`` process
running ``pandoc_driver.lua`` (starting pandoc costs ~50 ms, a conversion inside a warm
process 5-30 ms), then through one warm in-process Typst compiler for the PDFs. Results are
kept in memory until the whole batch has converted, and only then handed to
:mod:`kokous.writer`, so a failure leaves no half-written batch behind.

A content-addressed conversion cache (``cache_dir``) skips conversions whose exact input was
converted before, so a job that reruns because its body-year changed reconverts only the
documents whose content changed.

Format settings live in ``templates/formats.yaml``; the templates, stylesheet, reference.docx
and fonts are files there and in ``fonts/`` (see :func:`format_inputs`).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import hashlib
import html
import importlib.util
import io
import json
import mimetypes
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import typst
import yaml

from kokous import docx_post, writer

from . import paths, typography

REPO = paths.ROOT
FORMATS_FILE = REPO / "templates" / "formats.yaml"
DRIVER = Path(__file__).with_name("pandoc_driver.lua")
ALL_FORMATS = ("html", "pdf", "docx", "txt", "odt")
LANGS = ("fi", "sv", "en")
RESOURCE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}$")
CACHE_VERSION = 1

# Placeholders in templates/pandoc/reference.docx's page header (scripts/make_reference_docx.py).
DOCX_HEADER_PLACEHOLDER = b"KOKOUS-HEADER"
DOCX_MARKING_PLACEHOLDER = b"KOKOUS-MARKING"


class ConversionError(RuntimeError):
    """A document could not be converted; the message names the document and format."""


@dataclass(frozen=True)
class Document:
    """One document to convert, in every format it asks for."""

    stem: PurePosixPath
    """Output path without suffix, relative to the output root."""
    markdown: str
    """pandoc Markdown body, record text already escaped; its one level-1 heading is the title
    (a press release's label and date come before it, as in the ministries' releases)."""
    lang: str
    """BCP 47 language: "fi", "sv" or "en"."""
    title: str
    """Plain-text title (HTML <title>, PDF/DOCX metadata)."""
    formats: tuple[str, ...]
    """Subset of ALL_FORMATS."""
    header: str = ""
    """Running header text for PDF/DOCX pages (also shown in the HTML page header)."""
    marking: str = ""
    """Marking such as "Sisäinen / Internal", shown on every page; "" for none."""
    banner: str = ""
    """Prominent notice at the top ("Luonnos", an embargo); "" for none."""
    resources: Mapping[str, bytes] = field(default_factory=dict)
    """Files the Markdown refers to by bare name, e.g. {"attendance.svg": b"<svg..."}."""
    author: str = ""
    """The body that issues the document (PDF /Author, DOCX dc:creator, HTML author)."""
    publisher: str = ""
    """The host ministry that publishes it (DOCX/HTML metadata, PDF keywords)."""
    date: dt.date | None = None
    """The publication or meeting date: the files' creation date (never the build's clock)."""
    provenance: Provenance | None = None
    """Where the document came from, written into every format's metadata."""


@dataclass(frozen=True)
class Provenance:
    """What a document was made from (issue 16): the project version, the records' commit and
    the record files with their sha256 (the manifest's ``sources`` of the document)."""

    version: str
    sources: tuple[tuple[str, str], ...]
    """(path, sha256) pairs, paths relative to the repository root, sorted."""
    records_commit: str | None = None
    """The records' git commit or "uncommitted"; None when the job was not told it."""

    def fields(self) -> list[tuple[str, str]]:
        """Name-value pairs for metadata that holds text (HTML meta, DOCX custom properties):
        one ``kokous-source-N`` per record file, ``path sha256:digest``."""
        out = [("kokous-version", self.version)]
        if self.records_commit is not None:
            out.append(("kokous-records-commit", self.records_commit))
        out += [
            (f"kokous-source-{i}", f"{path} sha256:{digest}")
            for i, (path, digest) in enumerate(self.sources, 1)
        ]
        return out


# --------------------------------------------------------------------------- settings


@functools.cache
def _settings() -> dict[str, Any]:
    return yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))


def _repo_path(relative: str) -> Path:
    return REPO / relative


def _format_files(fmt: str) -> list[Path]:
    """Files that the output of one format depends on, besides the converter itself."""
    settings = _settings()
    spec = settings["formats"][fmt]
    files: list[Path] = []
    if fmt == "html":
        files += [_repo_path(spec["template"]), _repo_path(settings["stylesheet"])]
    elif fmt == "pdf":
        files += [_repo_path(spec["template"]), *(_repo_path(f) for f in spec["fonts"])]
    elif fmt == "docx":
        files.append(_repo_path(spec["reference_doc"]))
    return files


def _converter_files() -> list[Path]:
    return [
        FORMATS_FILE,
        Path(__file__).resolve(),
        DRIVER,
        Path(writer.__file__).resolve(),
        Path(docx_post.__file__).resolve(),
        Path(typography.__file__).resolve(),
    ]


def format_inputs() -> list[Path]:
    """Every file a conversion depends on: declare these as workflow inputs."""
    seen: dict[Path, None] = dict.fromkeys(_converter_files())
    for fmt in ALL_FORMATS:
        seen.update(dict.fromkeys(_format_files(fmt)))
    return list(seen)


@functools.cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def pandoc_path() -> str:
    """The pandoc binary of the pypandoc-binary wheel, found without importing pypandoc (whose
    import pulls in urllib and http.client: ~35 ms of every build job's start)."""
    spec = importlib.util.find_spec("pypandoc")
    for folder in spec.submodule_search_locations if spec else ():
        binary = Path(folder) / "files" / "pandoc"
        if binary.is_file():
            return str(binary)
    import pypandoc  # a pypandoc without the bundled binary: let it find one

    return pypandoc.get_pandoc_path()


@functools.cache
def _tool_versions() -> str:
    # The binary's identity without starting it (starting pandoc costs ~50 ms).
    pandoc = Path(pandoc_path())
    st = pandoc.stat()
    return f"pandoc:{pandoc}:{st.st_size}:{int(st.st_mtime)};typst:{typst.__version__}"


def _suffix(fmt: str) -> str:
    return _settings()["formats"][fmt]["suffix"]


def _output_path(doc: Document, fmt: str) -> PurePosixPath:
    return PurePosixPath(f"{doc.stem}{_suffix(fmt)}")


@functools.cache
def _format_fingerprint(fmt: str) -> list[tuple[str, str]]:
    """The converter's and the format's own files with their digests: the same for every
    document of a job, so computed once per format (resolving paths per document was a
    measurable part of a job that reconverts nothing)."""
    return [
        (str(p.relative_to(REPO)) if p.is_relative_to(REPO) else str(p), _file_digest(p))
        for p in [*_converter_files(), *_format_files(fmt)]
    ]


def cache_key(doc: Document, fmt: str) -> str:
    """sha256 over everything that determines the bytes of ``doc`` in format ``fmt``."""
    parts = {
        "markdown": doc.markdown,
        "lang": doc.lang,
        "title": doc.title,
        "header": doc.header,
        "marking": doc.marking,
        "banner": doc.banner,
        "author": doc.author,
        "publisher": doc.publisher,
        "date": doc.date.isoformat() if doc.date else None,
        "provenance": dataclasses.asdict(doc.provenance) if doc.provenance else None,
        "resources": {
            name: hashlib.sha256(data).hexdigest() for name, data in sorted(doc.resources.items())
        },
        "format": fmt,
        "files": _format_fingerprint(fmt),
        "tools": _tool_versions(),
        "cache_version": CACHE_VERSION,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


# --------------------------------------------------------------------------- validation


def _validate(docs: Sequence[Document], out_root: Path) -> None:
    seen: dict[PurePosixPath, PurePosixPath] = {}
    for doc in docs:
        where = f"document {doc.stem}"
        if doc.lang not in LANGS:
            raise ConversionError(f"{where}: lang: expected one of {list(LANGS)}, got {doc.lang!r}")
        if not doc.title.strip():
            raise ConversionError(f"{where}: empty title")
        for fmt in doc.formats:
            if fmt not in ALL_FORMATS:
                raise ConversionError(
                    f"{where}: format: expected one of {list(ALL_FORMATS)}, got {fmt!r}"
                )
            rel = _output_path(doc, fmt)
            writer.sanitised_join(out_root, rel)
            if rel in seen:
                raise ConversionError(f"{where}: output {rel} requested twice")
            seen[rel] = doc.stem
        for name in doc.resources:
            # document.typ is the Typst source's own name inside the per-document root.
            if not RESOURCE_NAME.match(name) or ".." in name or name == "document.typ":
                raise ConversionError(f"{where}: resource name {name!r} must be a bare file name")


# --------------------------------------------------------------------------- cache


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / key


def _cached(cache_dir: Path | None, key: str) -> bytes | None:
    """The converted bytes kept under ``key``, or None. Each entry starts with the sha256 of
    its bytes, so a damaged entry is a miss, never a wrong document."""
    if cache_dir is None:
        return None
    try:
        blob = _cache_path(cache_dir, key).read_bytes()
    except OSError:
        return None
    digest, _, data = blob.partition(b"\n")
    if hashlib.sha256(data).hexdigest().encode() != digest:
        return None
    return data


def _keep(cache_dir: Path, converted: Mapping[str, bytes]) -> None:
    writer.write_files(
        cache_dir,
        {
            f"{key[:2]}/{key}": hashlib.sha256(data).hexdigest().encode() + b"\n" + data
            for key, data in converted.items()
        },
    )


# --------------------------------------------------------------------------- conversion


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # DOCX/ODT core properties and zip entry dates come from this clock (pandoc honours it).
    # Fixed, not the build's: a document's bytes follow its content (and the conversion cache
    # keys on content), never the day it was built.
    env["SOURCE_DATE_EPOCH"] = str(_settings()["source_date_epoch"])
    env.pop("LUA_INIT", None)
    env.pop("LUA_PATH", None)
    env.pop("LUA_CPATH", None)
    return env


def _run_pandoc(jobs: list[dict[str, Any]], work: Path) -> None:
    settings = _settings()
    reader = settings["reader"]["format"] + "".join(
        f"-{ext}" for ext in settings["reader"]["disable"]
    )
    payload = {
        "config": {
            "reader": reader,
            "html_template": str(_repo_path(settings["formats"]["html"]["template"])),
            "typst_template": str(_repo_path(settings["formats"]["pdf"]["template"])),
            "stylesheet": str(_repo_path(settings["stylesheet"])),
            "reference_doc": str(_repo_path(settings["formats"]["docx"]["reference_doc"])),
        },
        "documents": jobs,
    }
    proc = subprocess.run(
        [pandoc_path(), "lua", str(DRIVER)],
        input=json.dumps(payload).encode("utf-8"),
        capture_output=True,
        cwd=work,
        env=_env(),
        check=False,
    )
    if proc.returncode != 0:
        raise ConversionError(
            f"pandoc lua failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}"
        )
    result = json.loads(proc.stdout.decode("utf-8") or "{}")
    errors = result.get("errors") or []
    if errors:
        lines = [f"{jobs[e['index']]['stem']} [{e['format']}]: {e['message']}" for e in errors]
        raise ConversionError("conversion failed:\n" + "\n".join(lines))


@functools.cache
def _typst_compiler() -> typst.Compiler:
    # Fonts are loaded once per process; only the repo's fonts (and Typst's embedded math
    # and mono fonts) are used, never the machine's.
    fonts_dir = {_repo_path(f).parent for f in _settings()["formats"]["pdf"]["fonts"]}
    return typst.Compiler(font_paths=sorted(str(d) for d in fonts_dir), ignore_system_fonts=True)


def _compile_pdf(source: Path, root: Path) -> bytes:
    spec = _settings()["formats"]["pdf"]
    pdf = _typst_compiler().compile(
        input=str(source),
        root=str(root),
        format="pdf",
        pdf_standards=list(spec["pdf_standards"]),
        timestamp=int(_settings()["source_date_epoch"]),
    )
    assert isinstance(pdf, bytes)
    return pdf


#: Typst source drawing one SVG (passed as sys.inputs["svg"]) at its own size on a white page.
_SVG_AS_PAGE = (
    b"#set page(width: auto, height: auto, margin: 0pt, fill: white)\n"
    b'#image(bytes(sys.inputs.at("svg")), format: "svg")\n'
)


def _svg_png(svg: bytes) -> bytes:
    """The PNG Word shows beside an SVG (kokous.docx_post), drawn by Typst with the PDF's
    fonts, so the chart reads the same in every format."""
    png = _typst_compiler().compile(
        input=_SVG_AS_PAGE,
        format="png",
        ppi=_settings()["formats"]["docx"]["svg_png_ppi"],
        sys_inputs={"svg": svg.decode("utf-8")},
    )
    assert isinstance(png, bytes)
    return png


def _docx_fill_header(
    data: bytes, header: str, marking: str, date: dt.date | None = None, author: str = ""
) -> bytes:
    """Put the running header and marking into the page header pandoc kept from the
    reference.docx, and the document's own date and author (dc:creator) into its core
    properties (pandoc stamps the batch's one SOURCE_DATE_EPOCH and would print an author in
    the body too), rewriting the zip with the entries' own dates."""
    header_xml = html.escape(header, quote=False).encode("utf-8")
    marking_xml = html.escape(marking, quote=False).encode("utf-8")
    creator_xml = html.escape(author, quote=False).encode("utf-8")
    stamp = f"{date.isoformat()}T00:00:00Z".encode("ascii") if date else None
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("word/header") and info.filename.endswith(".xml"):
                content = content.replace(DOCX_HEADER_PLACEHOLDER, header_xml)
                content = content.replace(DOCX_MARKING_PLACEHOLDER, marking_xml)
            elif info.filename == "docProps/core.xml":
                if stamp:
                    content = _CORE_DATE.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
                content = content.replace(
                    b"<dc:creator></dc:creator>", b"<dc:creator>" + creator_xml + b"</dc:creator>"
                )
            new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = info.external_attr
            dst.writestr(new, content)
    return out.getvalue()


_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)([^<]*)(</dcterms:)")
_ODT_DATE = re.compile(rb"(<(?:meta:creation-date|dc:date)>)([^<]*)(</)")


def _odt_set_dates(data: bytes, date: dt.date | None) -> bytes:
    """The ODT's creation date and date: the document's own, as for DOCX. Every entry keeps its
    compression (the ``mimetype`` entry stays first and stored, as OpenDocument requires)."""
    if date is None:
        return data
    stamp = f"{date.isoformat()}T00:00:00Z".encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "meta.xml":
                content = _ODT_DATE.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            dst.writestr(info, content)
    return out.getvalue()


def _convert(
    pending: list[tuple[Document, list[str]]], out_root: Path
) -> dict[PurePosixPath, bytes]:
    """Convert the pending (document, formats) pairs into memory."""
    tmp_base = out_root / ".kokous" / "tmp"
    tmp_base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="batch-", dir=tmp_base))
    try:
        jobs = [
            _pandoc_job(doc, formats, work / f"r{i}", work / f"o{i}")
            for i, (doc, formats) in enumerate(pending)
        ]
        _run_pandoc(jobs, work)
        results: dict[PurePosixPath, bytes] = {}
        for i, (doc, formats) in enumerate(pending):
            for fmt in formats:
                produced = work / f"o{i}" / f"out.{fmt}"
                results[_output_path(doc, fmt)] = _finished(doc, fmt, produced, work / f"r{i}")
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pandoc_job(doc: Document, formats: list[str], res_dir: Path, out_dir: Path) -> dict[str, Any]:
    """What the pandoc driver is told of one document: its text and metadata, its resources
    (written to ``res_dir``) and where each format goes (in ``out_dir``)."""
    # Each document gets a folder holding only its own resources: it is the Typst
    # root, so nothing outside it can be read while compiling.
    res_dir.mkdir()
    out_dir.mkdir()
    resources = []
    for name, data in sorted(doc.resources.items()):
        (res_dir / name).write_bytes(data)
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        resources.append({"name": name, "path": str(res_dir / name), "mime": mime, "data_uri": uri})
    outputs = {("typst" if fmt == "pdf" else fmt): str(out_dir / f"out.{fmt}") for fmt in formats}
    return {
        "stem": str(doc.stem),
        # Non-breaking spaces by rule (kokous.typography), in every format alike.
        "markdown": typography.bind(doc.markdown, doc.lang),
        "lang": doc.lang,
        "title": doc.title,
        "header": doc.header,
        "marking": doc.marking,
        "banner": doc.banner,
        "resources": resources,
        "outputs": outputs,
        "author": doc.author,
        "publisher": doc.publisher,
        "date": doc.date.isoformat() if doc.date else "",
        "provenance": doc.provenance.fields() if doc.provenance else [],
    }


def _finished(doc: Document, fmt: str, produced: Path, res_dir: Path) -> bytes:
    """The bytes of ``doc`` in ``fmt`` from what pandoc ``produced``: the PDF compiled from
    its Typst source (in the document's resource folder), a DOCX's header filled in and its
    figures finished, an ODT dated."""
    if fmt == "pdf":
        source = res_dir / "document.typ"
        shutil.move(produced, source)
        try:
            return _compile_pdf(source, res_dir)
        except typst.TypstError as exc:
            raise ConversionError(f"{doc.stem} [pdf]: {exc}") from exc
    data = produced.read_bytes()
    if fmt == "docx":
        data = _docx_fill_header(data, doc.header, doc.marking, doc.date, doc.author)
        data = docx_post.finish(data, _svg_png)
    elif fmt == "odt":
        data = _odt_set_dates(data, doc.date)
    return data


def convert_documents(
    docs: Sequence[Document], out_root: Path, cache_dir: Path | None = None
) -> list[Path]:
    """Write every format of every document under ``out_root``; return the written paths.

    With ``cache_dir``, a content-addressed conversion cache (the way ccache sits under make):
    a document's format is converted only when no earlier run converted the very same input
    (:func:`cache_key`: its Markdown, metadata and resources, the format's template, style and
    font files, this module, the pandoc driver and the tool versions). What a job writes never
    depends on the cache, only how long it takes: deleting ``build/.kokous/cache`` is safe.
    """
    out_root = Path(out_root)
    _validate(docs, out_root)
    results: dict[PurePosixPath, bytes] = {}
    pending: list[tuple[Document, list[str]]] = []
    keys: dict[PurePosixPath, str] = {}
    for doc in docs:
        todo = []
        for fmt in doc.formats:
            rel = _output_path(doc, fmt)
            keys[rel] = key = cache_key(doc, fmt)
            data = _cached(cache_dir, key)
            if data is None:
                todo.append(fmt)
            else:
                results[rel] = data
        if todo:
            pending.append((doc, todo))

    converted = _convert(pending, out_root) if pending else {}
    if cache_dir is not None and converted:
        _keep(cache_dir, {keys[rel]: data for rel, data in converted.items()})
    results.update(converted)
    writer.write_files(out_root, {rel: results[rel] for rel in keys})
    return [writer.sanitised_join(out_root, rel) for rel in keys]
