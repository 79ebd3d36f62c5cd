"""The OParl export as other people's software sees it (issue 22): the sample's public edition
served over HTTP by ``python -m http.server`` on 127.0.0.1, its export made for that address,
crawled from ``system.json`` with the HTTP client of Stadt Bonn's OParl API client
(``stadt-bonn-oparl-api-client`` on PyPI) and its objects loaded with that package's OParl
models.

What the package's models can load: ``System`` (which it requires to name a ``license``),
``File``, ``AgendaItem`` and ``Location``. Its ``Meeting``, ``Person``, ``Organization``,
``Paper`` and ``Membership`` models are those of Bonn's own proxy API (a UUID ``id`` and an
``id_ref`` property OParl does not have), so they reject every OParl server's objects, ours
too; those are checked by the crawl (fetched at their id, every link resolving) and by the
spec's vocabulary where the package has one (``OrganizationType``). docs/oparl.md says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from stadt_bonn_oparl_api_client import Client, models

from kokous import oparl
from kokous.build import load_checked

LICENSE = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))["license"]
CLOCK = dt.datetime(2026, 1, 1, 2, 0)  # SOURCE_DATE_EPOCH of the tests, in Helsinki


@dataclass(frozen=True)
class Served:
    base: str
    """The address the public edition is served at."""
    public: Path
    """The folder served."""


MODELS = {
    "System": models.SystemResponse,
    "File": models.FileResponse,
    "AgendaItem": models.AgendaItemResponse,
    "Location": models.LocationResponse,
}
"""The package's models that load OParl objects as the spec gives them."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def export_for(build: Path, base: str) -> None:
    """Make ``build``'s export anew for ``base`` with the export's own jobs: one per family
    (the documents' sizes and checksums read from ``build/public/``), then the system from
    their parts."""
    shutil.rmtree(build / "public/oparl")
    volumes = {p: load_checked(p) for p in sorted(build.glob(".kokous/checked/*/*.pickle"))}
    heads = oparl.families({v.body.id: v.body.parent for v in volumes.values()})
    parts = []
    for head, members in heads.items():
        checked = [p for p, v in volumes.items() if v.body.id in members]
        parts.append(build / f".kokous/parts/oparl/{head}.json")
        oparl.write_family(checked, head, build, parts[-1], base, LICENSE, CLOCK)
    oparl.write_system(parts, build, build / ".kokous/parts/oparl-system.json", base, LICENSE)


@pytest.fixture(scope="module")
def served(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The public edition served on 127.0.0.1; the server stops with the module."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    # A copy of the sample's build, so the shared one stays as it is.
    build = tmp_path_factory.mktemp("served") / "build"
    shutil.copytree(built_sample / "public", build / "public")
    shutil.copytree(built_sample / ".kokous/checked", build / ".kokous/checked")
    export_for(build, base)
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=build / "public",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield Served(base, build / "public")
    finally:
        server.terminate()
        server.wait(timeout=10)


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def objects(value: object) -> Iterator[dict]:
    if isinstance(value, dict):
        if "type" in value and "id" in value:
            yield value
        for v in value.values():
            yield from objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects(v)


@pytest.fixture(scope="module")
def crawl(served: Served) -> dict[str, dict]:
    """Every export URL reachable from system.json by following links, with what it returned
    (through the package's HTTP client)."""
    http = Client(base_url=served.base).get_httpx_client()
    fetched: dict[str, dict] = {}
    queue = [served.base + "oparl/system.json"]
    while queue:
        url = queue.pop()
        if url in fetched:
            continue
        response = http.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("application/json"), url
        fetched[url] = response.json()
        queue += [s for s in strings(fetched[url]) if s.startswith(served.base + "oparl/")]
    return fetched


def test_the_crawl_reaches_every_file_of_the_export(served: Served, crawl: dict[str, dict]) -> None:
    """From system.json alone, a client reaches every meeting, person, paper and file, and
    every other object and list page: every file of the export."""
    on_disk = {
        served.base + p.relative_to(served.public).as_posix()
        for p in (served.public / "oparl").rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    assert set(crawl) == on_disk
    kinds = [o["type"].removeprefix(oparl.SCHEMA) for c in crawl.values() for o in objects(c)]
    assert {"Meeting", "Person", "Paper", "File", "Membership", "AgendaItem"} <= set(kinds)
    for content in crawl.values():
        for obj in objects(content):
            assert obj["id"] in crawl, obj["id"]


def test_every_object_returns_itself_at_its_id(crawl: dict[str, dict]) -> None:
    for url, content in crawl.items():
        if "data" in content:
            assert content["links"]["self"] == url
        else:
            assert content["id"] == url
            assert content["type"].startswith(oparl.SCHEMA)


def test_every_link_resolves(served: Served, crawl: dict[str, dict]) -> None:
    """Links out of the export (documents, the desk's pages) resolve on the same server, and
    every file states the size and SHA-512 of what its accessUrl serves."""
    http = Client(base_url=served.base).get_httpx_client()
    outside = {
        s
        for c in crawl.values()
        for s in strings(c)
        if s.startswith(served.base) and not s.startswith(served.base + "oparl/")
    }
    assert outside
    bad = [url for url in sorted(outside) if http.get(url).status_code != 200]
    assert bad == []
    files = {o["id"]: o for c in crawl.values() for o in objects(c) if o["type"].endswith("File")}
    for f in files.values():
        if f["accessUrl"].startswith(served.base):
            data = http.get(f["accessUrl"]).content
            assert (len(data), hashlib.sha512(data).hexdigest()) == (
                f["size"],
                f["sha512Checksum"],
            )


def test_the_clients_models_load_every_object_they_model(crawl: dict[str, dict]) -> None:
    loaded: dict[str, int] = {}
    for content in crawl.values():
        for obj in objects(content):
            kind = obj["type"].removeprefix(oparl.SCHEMA)
            if kind not in MODELS:
                continue
            model = MODELS[kind].from_dict(obj)
            if kind != "System":
                assert model.id == obj["id"]
            if kind == "File":
                assert (model.access_url, model.size) == (obj["accessUrl"], obj.get("size"))
            if kind == "AgendaItem":
                assert model.order == obj["order"]
            loaded[kind] = loaded.get(kind, 0) + 1
    assert set(loaded) == set(MODELS)
    assert loaded["System"] == 1


def test_the_client_requires_the_licence_the_system_names(crawl: dict[str, dict]) -> None:
    system = next(c for c in crawl.values() if c.get("type") == oparl.SCHEMA + "System")
    assert models.SystemResponse.from_dict(system).license_ == LICENSE
    unlicensed = {k: v for k, v in system.items() if k != "license"}
    with pytest.raises(KeyError, match="license"):
        models.SystemResponse.from_dict(unlicensed)


def test_organization_types_are_in_the_clients_vocabulary(crawl: dict[str, dict]) -> None:
    known = {t.value for t in models.OrganizationType}
    types = {
        o["organizationType"]
        for c in crawl.values()
        for o in objects(c)
        if o["type"] == oparl.SCHEMA + "Organization"
    }
    assert types and types <= known
