"""The OParl export as other people's software sees it (issue 22): the sample's public edition
served over HTTP by ``python -m http.server`` on 127.0.0.1, its export made for that address,
and read by two OParl clients from PyPI (docs/oparl.md, "Clients used"):

meine-stadt-transparent's importer, in its own venv (.venv-oparl-importer), imports the export
from ``system.json`` into its database: every object of every type must be stored under its
OParl id, none left, no warning logged.

Stadt Bonn's client (``stadt-bonn-oparl-api-client``) crawls it with its HTTP client, and its
OParl models load every object and list page. What they do is asserted type by type:

- ``System``, ``File``, ``AgendaItem``, ``Location``: load as they are.
- ``Meeting``, ``Person``, ``Membership``, ``Organization``, ``Paper`` (and their lists): its
  models are those of Bonn's own proxy API, whose ``id`` is a UUID and whose ``id_ref`` holds
  the OParl id. They refuse every object at its ``id`` and nothing else: the same object with a
  UUID ``id`` and the OParl id as ``id_ref`` loads, every embedded object with it.
- ``Body``: the package has no model.

"Loads" means more than ``from_dict`` not raising: the package's generated models keep a
value they cannot parse as it is, so a loaded model must hold no unparsed embedded object, no
unparsed date, and no property outside the OParl 1.1 schema of its type.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from conftest import REPO
from oparl_support import CLOCK, LICENSE, kind, objects, strings
from tools import require

from kokous import oparl
from kokous.build import load_checked


@dataclass(frozen=True)
class Served:
    base: str
    """The address the public edition is served at."""
    public: Path
    """The folder served."""


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


@pytest.fixture(scope="module")
def bonn() -> ModuleType:
    """Stadt Bonn's OParl API client; without it a skip (locally) or a failure (CI=true)."""
    require("stadt_bonn_oparl_api_client")
    importlib.import_module("stadt_bonn_oparl_api_client.models")
    return importlib.import_module("stadt_bonn_oparl_api_client")


@pytest.fixture(scope="module")
def crawl(served: Served, bonn: ModuleType) -> dict[str, dict]:
    """Every export URL reachable from system.json by following links, with what it returned
    (through the package's HTTP client)."""
    http = bonn.Client(base_url=served.base).get_httpx_client()
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
    kinds = {kind(o) for c in crawl.values() for o in objects(c)}
    assert {"Meeting", "Person", "Paper", "File", "Membership", "AgendaItem"} <= kinds
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


def test_every_link_resolves(served: Served, crawl: dict[str, dict], bonn: ModuleType) -> None:
    """Links out of the export (documents, the desk's pages) resolve on the same server, and
    every file states the size and SHA-512 of what its accessUrl serves."""
    http = bonn.Client(base_url=served.base).get_httpx_client()
    outside = {
        s
        for c in crawl.values()
        for s in strings(c)
        if s.startswith(served.base) and not s.startswith(served.base + "oparl/")
    }
    assert outside
    bad = [url for url in sorted(outside) if http.get(url).status_code != 200]
    assert bad == []
    files = {o["id"]: o for c in crawl.values() for o in objects(c) if kind(o) == "File"}
    for f in files.values():
        if f["accessUrl"].startswith(served.base):
            data = http.get(f["accessUrl"]).content
            assert (len(data), hashlib.sha512(data).hexdigest()) == (
                f["size"],
                f["sha512Checksum"],
            )


# ---------------------------------------------------------------------- the package's models

AS_GIVEN = {
    "System": ("SystemResponse",),
    "File": ("FileResponse", "OParlFile"),
    "AgendaItem": ("AgendaItemResponse", "OParlAgendaItem"),
    "Location": ("LocationResponse", "OParlLocation"),
}
"""The package's models that load the export's objects as they are, by OParl type."""

BONN_IDS = {
    "Meeting": ("MeetingResponse", "Meeting"),
    "Person": ("PersonResponse", "Person"),
    "Membership": ("MembershipResponse", "Membership"),
    "Organization": ("OrganizationResponse", "Organization"),
    "Paper": ("PaperResponse", "Paper"),
}
"""The package's models of Bonn's proxy API: they load an object only with a UUID ``id`` and
the OParl id as ``id_ref``."""

UNMODELLED = {"Body"}
"""The OParl types of the export the package has no model for."""

LIST_MODELS = {
    "files": "FileListResponse",
    "meetings": "MeetingListResponse",
    "persons": "PersonListResponse",
    "memberships": "MembershipListResponse",
    "organizations": "OrganizationListResponse",
    "papers": "PaperListResponse",
}
"""The package's models of the export's lists, by the list's file name (without its page)."""

UUID_REFUSED = "badly formed hexadecimal UUID string"
"""What Python's ``uuid.UUID`` says of an OParl id, a URL."""


def with_bonn_ids(value: object) -> object:
    """``value`` as Bonn's proxy API gives it: every object of the types ``BONN_IDS`` names,
    embedded ones too, with a UUID ``id`` and the OParl id as ``id_ref``; nothing else
    changed."""
    if isinstance(value, list):
        return [with_bonn_ids(v) for v in value]
    if not isinstance(value, dict):
        return value
    copy = {k: with_bonn_ids(v) for k, v in value.items()}
    if "id" in copy and kind(copy) in BONN_IDS:
        copy["id_ref"] = copy["id"]
        copy["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, copy["id"]))
    return copy


@pytest.fixture(scope="module")
def spec_properties() -> dict[str, set[str]]:
    """The properties OParl 1.1 gives each type (schemas/oparl/, written from the spec), and
    those of a list page, its ``links`` and its ``pagination``."""
    folder = REPO / "schemas/oparl"
    out = {
        p.name.removesuffix(".schema.json"): set(json.loads(p.read_text("utf-8"))["properties"])
        for p in folder.glob("*.schema.json")
        if p.name != "common.schema.json"
    }
    page = json.loads((folder / "ObjectList.schema.json").read_text("utf-8"))["properties"]
    out["Links"], out["Pagination"] = (
        set(page["links"]["properties"]),
        set(page["pagination"]["properties"]),
    )
    return out


def model_type(model: object) -> str:
    """The OParl type (or list part) a model of the package stands for, from its name."""
    name = type(model).__name__
    for part in ("Links", "Pagination"):
        if part in name:
            return part
    if name.endswith("ListResponse"):
        return "ObjectList"
    return name.removesuffix("Response").removeprefix("OParl")


def unparsed(model: object, spec: dict[str, set[str]], where: str) -> list[str]:
    """What the package's model kept without loading it (its generated ``from_dict`` keeps a
    value it cannot parse as it is): an embedded object left a dict, a date left a string, a
    property it does not know that OParl 1.1 does not give its type either."""
    problems = []
    for field in attrs.fields(type(model)):
        value = getattr(model, field.name)
        if field.name == "additional_properties":
            unknown = set(value) - spec.get(model_type(model), set())
            problems += [f"{where}: {p} is no OParl property" for p in sorted(unknown)]
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                problems.append(f"{where}.{field.name}: not loaded")
            elif isinstance(item, str) and re.search(r"datetime\.date", str(field.type)):
                problems.append(f"{where}.{field.name}: date {item!r} not parsed")
            elif attrs.has(type(item)):
                problems += unparsed(item, spec, f"{where}.{field.name}")
    return problems


def unique(crawl: dict[str, dict]) -> dict[str, dict]:
    """Every object of the crawl, embedded or not, once: by its id, as fetched at its id."""
    return {o["id"]: crawl.get(o["id"], o) for c in crawl.values() for o in objects(c)}


def test_every_type_of_the_export_is_loaded_or_its_rejection_documented(
    crawl: dict[str, dict], bonn: ModuleType
) -> None:
    kinds = {kind(o) for o in unique(crawl).values()}
    assert kinds == set(AS_GIVEN) | set(BONN_IDS) | UNMODELLED
    names = set(dir(bonn.models))
    assert {n for models in [*AS_GIVEN.values(), *BONN_IDS.values()] for n in models} <= names
    # Were a Body model added, the Body would join AS_GIVEN or BONN_IDS.
    assert [n for n in names for t in UNMODELLED if n.removeprefix("OParl").startswith(t)] == []


def test_the_clients_models_load_every_object_as_given(
    crawl: dict[str, dict], bonn: ModuleType, spec_properties: dict[str, set[str]]
) -> None:
    loaded: dict[str, int] = {}
    problems: list[str] = []
    for obj in unique(crawl).values():
        for name in AS_GIVEN.get(kind(obj), ()):
            model = getattr(bonn.models, name).from_dict(obj)
            problems += unparsed(model, spec_properties, f"{obj['id']} ({name})")
            if kind(obj) == "File":
                assert (model.id, model.access_url, model.size, model.sha_512_checksum) == (
                    obj["id"], obj["accessUrl"], obj["size"], obj["sha512Checksum"],
                )  # fmt: skip
            elif kind(obj) == "AgendaItem":
                assert (model.id, model.order, model.public) == (
                    obj["id"], obj["order"], obj["public"],
                )  # fmt: skip
            loaded[name] = loaded.get(name, 0) + 1
    assert problems == []
    assert set(loaded) == {n for models in AS_GIVEN.values() for n in models}
    assert loaded["SystemResponse"] == 1


def test_the_bonn_models_refuse_only_the_oparl_id(
    crawl: dict[str, dict], bonn: ModuleType, spec_properties: dict[str, set[str]]
) -> None:
    """Each of Bonn's models refuses the object at its ``id`` (a URL, where Bonn's API has a
    UUID) and at nothing else: with Bonn's ids it loads, every embedded object too."""
    loaded: dict[str, int] = {}
    problems: list[str] = []
    for obj in unique(crawl).values():
        for name in BONN_IDS.get(kind(obj), ()):
            model_class = getattr(bonn.models, name)
            with pytest.raises(ValueError, match=UUID_REFUSED):
                model_class.from_dict(obj)
            model = model_class.from_dict(with_bonn_ids(obj))
            assert model.id_ref == obj["id"]
            problems += unparsed(model, spec_properties, f"{obj['id']} ({name})")
            loaded[name] = loaded.get(name, 0) + 1
    assert problems == []
    assert set(loaded) == {n for models in BONN_IDS.values() for n in models}


def test_the_clients_list_models_load_every_list_page(
    crawl: dict[str, dict], bonn: ModuleType, spec_properties: dict[str, set[str]]
) -> None:
    """Files as they are; the lists of Bonn's types with Bonn's ids, refused without."""
    pages: dict[str, int] = {}
    problems: list[str] = []
    for url, content in crawl.items():
        list_name = re.sub(r"(-[0-9]+)?\.json$", "", url.rsplit("/", 1)[-1])
        if "data" not in content or list_name not in LIST_MODELS:
            continue
        model_class = getattr(bonn.models, LIST_MODELS[list_name])
        if any(kind(o) in BONN_IDS for o in content["data"]):
            with pytest.raises(ValueError, match=UUID_REFUSED):
                model_class.from_dict(content)
            content = with_bonn_ids(content)
        page = model_class.from_dict(content)
        assert len(page.data) == len(content["data"]), url
        problems += unparsed(page, spec_properties, url)
        pages[list_name] = pages.get(list_name, 0) + 1
    assert problems == []
    assert set(pages) == set(LIST_MODELS)


def test_the_client_requires_the_licence_the_system_names(
    crawl: dict[str, dict], bonn: ModuleType
) -> None:
    system = next(c for c in crawl.values() if c.get("type") == oparl.SCHEMA + "System")
    assert bonn.models.SystemResponse.from_dict(system).license_ == LICENSE
    unlicensed = {k: v for k, v in system.items() if k != "license"}
    with pytest.raises(KeyError, match="license"):
        bonn.models.SystemResponse.from_dict(unlicensed)


def test_organization_types_are_in_the_clients_vocabulary(
    crawl: dict[str, dict], bonn: ModuleType
) -> None:
    known = {t.value for t in bonn.models.OrganizationType}
    types = {o["organizationType"] for o in unique(crawl).values() if kind(o) == "Organization"}
    assert types and types <= known


# ------------------------------------------------------- meine-stadt-transparent's importer

IMPORTER = REPO / "tests/oparl_importer"
"""The importer's Django settings and the script that runs it (import_oparl.py)."""

IMPORTED_TYPES = {"LegislativeTerm", "Consultation"}
"""The types the importer stores that the export does not have (no legislative terms, no
consultations: a statement is a body's own, not one it was consulted on)."""


def test_meine_stadt_transparent_imports_every_object(
    served: Served, crawl: dict[str, dict], tmp_path: Path
) -> None:
    """The importer of meine-stadt-transparent (a council information site whose importer
    loads every OParl type into its database) reads the export from system.json: every object
    of every type, by its OParl id, and nothing left unimported, refused or warned about."""
    python = require("oparl-importer")["oparl-importer"]
    env = {
        **os.environ,
        "PYTHONPATH": str(IMPORTER),
        "DJANGO_SETTINGS_MODULE": "importer_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'importer.sqlite3'}",
    }
    result = subprocess.run(
        [python, str(IMPORTER / "import_oparl.py"), served.base + "oparl/system.json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout.splitlines()[-1])
    expected: dict[str, list[str]] = {t: [] for t in IMPORTED_TYPES}
    for obj in unique(crawl).values():
        if kind(obj) != "System":  # the importer reads it, and stores what it lists
            expected.setdefault(kind(obj), []).append(obj["id"])
    assert report["stored"] == {t: sorted(ids) for t, ids in expected.items()}
    assert report["left"] == []
    assert report["warnings"] == []
