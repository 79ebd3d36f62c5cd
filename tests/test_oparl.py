"""The OParl 1.1 export of the public edition (issues 16 and 22): every object a file of its own
returning it at its id, every object valid against the JSON Schemas written from the OParl
specification (schemas/oparl/), the spec's vocabulary, a licence, no back-reference in an
embedded object, every link resolving inside the export or to a published document with the
size and checksum stated, every decision of the public minutes in it, and nothing the public
edition leaves out."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import pickle
import re
import shutil
from html import unescape
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, SOURCE_DATE_EPOCH
from extract import normalised, text_of
from oparl_support import BASE, CLOCK, LICENSE, objects, strings
from referencing import Registry, Resource

from kokous import oparl, plan
from kokous.build import load_checked
from kokous.oparl import lists

SCHEMAS = REPO / "schemas" / "oparl"


def test_the_clock_is_the_tests_build_clock() -> None:
    epoch = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.UTC)
    assert epoch.astimezone(oparl.HELSINKI).replace(tzinfo=None) == CLOCK


@pytest.fixture(scope="module")
def export(built_sample: Path) -> dict[str, object]:
    """Every file of the sample's export, relative to ``build/``, parsed."""
    folder = built_sample / "public" / "oparl"
    return {
        p.relative_to(built_sample).as_posix(): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")  # Snakemake's .snakemake_timestamp
    }


# ------------------------------------------------------------------------------ files


def test_every_object_is_returned_at_its_id(export: dict[str, object]) -> None:
    """Fetch by id over the whole export: each object's id names the file that holds it as
    its own content (same id, same type), embedded or not."""
    found = 0
    for content in export.values():
        for obj in objects(content):
            found += 1
            assert obj["id"].startswith(BASE + "oparl/") and "#" not in obj["id"], obj["id"]
            own = export.get("public/" + obj["id"].removeprefix(BASE))
            assert isinstance(own, dict), f"{obj['id']} returns nothing"
            assert (own["id"], own["type"]) == (obj["id"], obj["type"])
    assert found > 100


def test_every_file_of_the_export_is_an_object_or_a_list_page(export: dict[str, object]) -> None:
    for path, content in export.items():
        assert isinstance(content, dict)
        url = BASE + path.removeprefix("public/")
        if "data" in content:
            assert content["links"]["self"] == url
        else:
            assert content["id"] == url
    # The draft minutes of 24.9.2025 and no press release: the meeting has no public document.
    assert not any("2025-09-24" in path for path in export)
    assert "public/oparl/system.json" in export


def test_embedded_objects_are_their_own_file_without_back_references(
    export: dict[str, object],
) -> None:
    """OParl 1.1 § 3: an embedded object leaves out its reference to the parent, which it
    gives when fetched on its own; otherwise it is the same object."""
    # The spec's back-references (schema/strings.yml: "Rückreferenz ... nur dann ausgegeben,
    # wenn das ... Objekt einzeln abgerufen wird").
    back = {
        "AgendaItem": {"meeting"},
        "File": {"meeting", "agendaItem", "paper", "person"},
        "Membership": {"person"},
        "Location": {"bodies", "organizations", "persons", "meetings", "papers"},
    }
    nested = [
        child
        for content in export.values()
        for top in content.get("data", [content])  # type: ignore[union-attr]
        for value in top.values()
        for child in objects(value)
    ]
    assert {o["type"].removeprefix(oparl.SCHEMA) for o in nested} >= set(back)
    for child in nested:
        kind = child["type"].removeprefix(oparl.SCHEMA)
        assert not back.get(kind, set()) & set(child), child["id"]
        own = export["public/" + child["id"].removeprefix(BASE)]
        assert {k: v for k, v in own.items() if k not in back.get(kind, set())} == child  # type: ignore[union-attr]
        if kind in ("AgendaItem", "Membership"):
            assert back[kind] <= set(own), child["id"]  # type: ignore[arg-type]


def test_organization_types_are_the_specs_and_mapped_from_the_records(
    export: dict[str, object],
) -> None:
    spec = json.loads((SCHEMAS / "Organization.schema.json").read_text("utf-8"))
    vocabulary = spec["properties"]["organizationType"]["enum"]
    assert "Gremium" in vocabulary and "gremium" not in vocabulary
    organizations = [
        o for c in export.values() for o in objects(c) if o["type"].endswith("/Organization")
    ]
    bodies = {p.parent.name for p in REPO.glob("records/*/body.yaml")}
    roster = yaml.safe_load((REPO / "records/tyonvk/body.yaml").read_text(encoding="utf-8"))
    seen = set()
    for org in organizations:
        assert org["organizationType"] in vocabulary, org["id"]
        assert org["classification"], org["id"]
        name = org["id"].rsplit("/", 1)[1].removesuffix(".json")
        if "/organization/" in org["id"]:
            assert name in bodies and org["organizationType"] == "Gremium"
        else:
            assert name in roster["organisations"] or name in {
                o for p in REPO.glob("records/*/body.yaml")
                for o in yaml.safe_load(p.read_text("utf-8")).get("organisations", {})
            }  # fmt: skip
            assert org["organizationType"] == "Institution"
        seen.add(org["organizationType"])
    assert seen == {"Gremium", "Institution"}


def test_system_bodies_and_files_name_the_configured_licence(export: dict[str, object]) -> None:
    assert LICENSE.startswith("https://creativecommons.org/licenses/by/4.0")
    licensed = [
        o
        for c in export.values()
        for o in objects(c)
        if o["type"].removeprefix(oparl.SCHEMA) in ("System", "Body", "File")
    ]
    assert {o["type"].removeprefix(oparl.SCHEMA) for o in licensed} == {"System", "Body", "File"}
    assert [o["id"] for o in licensed if o.get("license") != LICENSE] == []


def test_the_licence_is_a_setting_with_a_default() -> None:
    schema = json.loads((REPO / "schemas/config.schema.json").read_text("utf-8"))
    setting = schema["properties"]["license"]
    assert setting["default"] == oparl.DEFAULT_LICENSE
    jsonschema.validate(LICENSE, setting)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("CC BY 4.0", setting)


def test_the_system_lists_the_families_bodies(export: dict[str, object]) -> None:
    system = export["public/oparl/system.json"]
    bodies = export["public/oparl/" + system["body"].removeprefix(BASE + "oparl/")]  # type: ignore[index]
    assert [b["id"] for b in bodies["data"]] == [BASE + "oparl/tyonvk/body.json"]  # type: ignore[index]
    assert bodies["data"][0] == export["public/oparl/tyonvk/body.json"]  # type: ignore[index]


def test_export_system_pages_its_list_of_bodies() -> None:
    bodies = [
        {"id": f"{BASE}oparl/b{n:03}/body.json", "type": oparl.SCHEMA + "Body",
         "created": "2025-01-01T00:00:00+02:00", "modified": f"2025-02-{n % 28 + 1:02}T00:00:00+02:00"}
        for n in range(oparl.PAGE_SIZE + 1)
    ]  # fmt: skip
    files = oparl.export_system(bodies, BASE, LICENSE)
    assert sorted(files) == [
        "public/oparl/bodies-2.json", "public/oparl/bodies.json", "public/oparl/system.json"
    ]  # fmt: skip
    second = json.loads(files["public/oparl/bodies-2.json"])
    assert [b["id"] for b in second["data"]] == [bodies[-1]["id"]]
    assert second["links"]["prev"] == BASE + "oparl/bodies.json"
    system = json.loads(files["public/oparl/system.json"])
    assert system["modified"] == max(b["modified"] for b in bodies)
    assert system["license"] == LICENSE
    # Called without a licence, the System names the one every Body names.
    licensed = [{**b, "license": "https://example.org/licence"} for b in bodies]
    unnamed = json.loads(oparl.export_system(licensed, BASE)["public/oparl/system.json"])
    assert unnamed["license"] == "https://example.org/licence"
    # What the workflow declares is what the step writes.
    heads = [f"b{n:03}" for n in range(oparl.PAGE_SIZE + 1)]
    assert sorted(oparl.system_files(heads)) == sorted(files)


def test_a_body_named_oparl_is_refused_with_one_line(tmp_path: Path) -> None:
    the_plan = plan.Plan({"oparl": None}, [], CLOCK)
    with pytest.raises(oparl.OParlError, match=r"^records/oparl: .*rename the folder$"):
        oparl.family_years(the_plan)


def test_lists_are_paged_by_the_page_size() -> None:
    def names(count: int) -> list[str]:
        return [url for url, _page in lists.pages(f"{BASE}oparl/x/meetings.json", [{}] * count)]

    first = f"{BASE}oparl/x/meetings.json"
    assert names(0) == [first]
    assert names(oparl.PAGE_SIZE) == [first]
    assert names(oparl.PAGE_SIZE + 1) == [first, f"{BASE}oparl/x/meetings-2.json"]


# ------------------------------------------------------------------------------ schemas


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft202012Validator]:
    """A validator per schema file of schemas/oparl/, by the OParl type it checks (and
    ``ObjectList``)."""
    resources = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    out = {}
    for uri, resource in resources:
        name = uri.rsplit("/", 1)[1].removesuffix(".schema.json")
        out[name] = jsonschema.Draft202012Validator(resource.contents, registry=registry)
    return out


def check(validators, obj: dict) -> list[str]:
    kind = str(obj.get("type", "")).removeprefix(oparl.SCHEMA)
    if kind not in validators:
        return [f"{obj.get('id')}: no schema for type {obj.get('type')!r}"]
    return [f"{obj.get('id')}: {e.message}" for e in validators[kind].iter_errors(obj)]


def test_every_object_passes_the_schema_written_from_the_spec(
    export: dict[str, object], validators
) -> None:
    problems = []
    seen_types = set()
    for path, content in export.items():
        assert isinstance(content, dict)
        if "data" in content:  # a list page
            problems += [
                f"{path}: {e.message}" for e in validators["ObjectList"].iter_errors(content)
            ]
            items = content["data"]
        else:
            items = [content]
        for obj in items:
            problems += check(validators, obj)
        seen_types |= {o["type"] for o in objects(content)}
    assert problems == []
    expected = {
        "System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem",
        "File", "Paper", "Location",
    }  # fmt: skip
    assert seen_types == {oparl.SCHEMA + t for t in expected}


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a File without accessUrl", lambda m: m["resultsProtocol"].pop("accessUrl")),
        (
            "a type of another version",
            lambda m: m.update(type="https://schema.oparl.org/1.0/Meeting"),
        ),
        ("a date-time without an offset", lambda m: m.update(start="2025-06-11T09:00:00")),
        ("a property the spec has not", lambda m: m.update(secret="x")),
        ("an AgendaItem without order", lambda m: m["agendaItem"][0].pop("order")),
        ("a string for a boolean", lambda m: m["agendaItem"][0].update(public="true")),
        ("no modified", lambda m: m.pop("modified")),
        ("a relative URL", lambda m: m["organization"].append("tyonvk/organization/x.json")),
    ],
)
def test_the_schemas_reject_what_the_spec_forbids(
    export: dict[str, object], validators, what: str, change
) -> None:
    meeting = copy.deepcopy(export["public/oparl/tyonvk/meeting/tyonvk/2025-06-11.json"])
    assert isinstance(meeting, dict)
    assert check(validators, meeting) == []
    change(meeting)
    assert check(validators, meeting) != [], what


def test_list_pages_link_the_next_page_and_count_their_elements(
    export: dict[str, object],
) -> None:
    for path, content in export.items():
        if not (isinstance(content, dict) and "data" in content):
            continue
        p, links = content["pagination"], content["links"]
        assert links["self"] == BASE + path.removeprefix("public/"), path
        assert (p["currentPage"] < p["totalPages"]) == ("next" in links), path
        assert p["totalElements"] >= len(content["data"]), path


# ------------------------------------------------------------------------------ links


def test_every_link_resolves_inside_the_export_or_to_a_published_document(
    built_sample: Path, export: dict[str, object]
) -> None:
    ids = {}
    for content in export.values():
        for obj in objects(content):
            # The same object everywhere (embedded ones without back-references: tested above).
            assert ids.setdefault(obj["id"], obj["type"]) == obj["type"], obj["id"]
    records_text = "".join(p.read_text("utf-8") for p in sorted(REPO.glob("records/**/*.yaml")))
    unresolved = []
    for content in export.values():
        for url in strings(content):
            if not url.startswith(("http://", "https://")):
                continue
            if not url.startswith(BASE):
                # The spec's type URLs, the configured licence, else a link the records give
                # (a body's website).
                assert url.startswith(oparl.SCHEMA) or url == LICENSE or url in records_text, url
                continue
            relative = "public/" + url.removeprefix(BASE)
            if relative.endswith("/"):
                relative += "index.html"  # the desk's page
            if url.startswith(BASE + "oparl/"):
                if relative not in export:
                    unresolved.append(url)
            elif not (built_sample / relative).is_file():
                unresolved.append(url)
    assert unresolved == []


def test_every_file_states_the_size_and_sha512_of_the_published_document(
    built_sample: Path, export: dict[str, object]
) -> None:
    files = [o for c in export.values() for o in objects(c) if o["type"].endswith("/File")]
    assert files
    for f in files:
        data = (built_sample / "public" / f["accessUrl"].removeprefix(BASE)).read_bytes()
        assert f["size"] == len(data)
        assert f["sha512Checksum"] == hashlib.sha512(data).hexdigest()
        assert f["fileName"] == f["accessUrl"].rsplit("/", 1)[1]


def test_memberships_carry_role_voting_right_organisation_and_dates(
    export: dict[str, object],
) -> None:
    roster = yaml.safe_load((REPO / "records/tietojaosto/body.yaml").read_text(encoding="utf-8"))
    persons = export["public/oparl/tyonvk/persons.json"]["data"]  # type: ignore[index]
    org = BASE + "oparl/tyonvk/organization/tietojaosto.json"
    found = {
        (p["id"], m["startDate"], m["votingRight"], m["onBehalfOf"])
        for p in persons
        for m in p["membership"]
        if m["organization"] == org
    }
    assert found == {
        (BASE + f"oparl/tyonvk/person/{m['person']}.json", m["start"].isoformat(),
         m["post"] in ("chair", "member"),
         BASE + f"oparl/tyonvk/represented/{m['on_behalf_of']}.json")
        for m in roster["memberships"]
    }  # fmt: skip
    # Fetched on its own, a membership names its person; the organisation lists it.
    listed = export["public/oparl/tyonvk/organization/tietojaosto.json"]["membership"]  # type: ignore[index]
    assert len(listed) == len(roster["memberships"])
    for url in listed:
        own = export["public/" + url.removeprefix(BASE)]
        assert (own["person"], own["startDate"], own["organization"]) in {  # type: ignore[index]
            (p, start, org) for p, start, _v, _o in found
        }
    sub = export["public/oparl/tyonvk/organization/tietojaosto.json"]
    assert sub["subOrganizationOf"] == BASE + "oparl/tyonvk/organization/tyonvk.json"  # type: ignore[index]


def test_the_statements_of_the_annual_report_are_papers(
    built_sample: Path, export: dict[str, object]
) -> None:
    narrative = yaml.safe_load((REPO / "records/tyonvk/years/2025.yaml").read_text("utf-8"))
    papers = export["public/oparl/tyonvk/papers.json"]["data"]  # type: ignore[index]
    assert [(p["date"], p["name"]) for p in papers] == [
        (s["date"].isoformat(), s["title"]["fi"]) for s in narrative["statements"]
    ]
    report = normalised(text_of(built_sample / "public/tyonvk/2025/annual-report.fi.html"))
    assert all(normalised(p["name"]) in report for p in papers)


# ------------------------------------------------------------------------------ round trip


def public_minutes(built_sample: Path) -> list[Path]:
    return sorted((built_sample / "public").glob("*/*/*/minutes.*.html"))


def test_every_decision_of_the_public_minutes_is_in_the_export(
    built_sample: Path, export: dict[str, object]
) -> None:
    minutes = public_minutes(built_sample)
    assert len(minutes) == 3  # 12.3. and 11.6. of TyöNVK, 2.9. of the tietojaosto
    for html in minutes:
        body, _year, key = html.parent.relative_to(built_sample / "public").parts
        meeting = export[f"public/oparl/tyonvk/meeting/{body}/{key}.json"]
        items = meeting["agendaItem"]  # type: ignore[index]
        text = normalised(text_of(html))
        # The minutes' headings "N § Title", in order, are the agenda items.
        headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html.read_text(encoding="utf-8"), re.DOTALL)
        shown = [normalised(unescape(re.sub(r"<[^>]+>", "", h))) for h in headings if "§" in h]
        assert [f"{i['number']} § {i['name']}" for i in items] == shown
        # Every line of an item's resolution text is in the minutes.
        for item in items:
            for line in item.get("resolutionText", "").splitlines():
                assert normalised(line) in text, (key, line)
        # Every decision the record gives a public item is the item's resolution text.
        record = yaml.safe_load((REPO / f"records/{body}/meetings/{key}.yaml").read_text("utf-8"))
        for order, raw in enumerate(record["items"], start=1):
            item = items[order - 1]
            assert item["order"] == order
            public = raw.get("visibility", "public") == "public"
            assert item["public"] is public
            if public and raw.get("decision"):
                assert normalised(item["resolutionText"]) == normalised(raw["decision"])
            if not public:
                assert normalised(raw["decision"]) not in normalised(item.get("resolutionText", ""))


def test_nothing_the_public_edition_leaves_out_is_in_the_export(
    built_sample: Path, export: dict[str, object]
) -> None:
    dump = json.dumps(export, ensure_ascii=False)
    # The sample's canaries: a confidential item's content, an internal item's background, a
    # guest without consent, a reason for absence.
    assert "KANARIA" not in dump
    assert "Ulkopuolinen" not in dump
    assert "Talousarvioesityksen valmistelutilanne" not in dump  # a title not to publish
    assert "555 0199" not in dump  # a non-public phone number
    # The meeting of 24.9. has draft minutes only: its items are nowhere.
    assert "Jaostojen kuulumiset" not in dump
    # Every person named is named in the public edition.
    public_text = " ".join(
        normalised(text_of(p)) for p in sorted((built_sample / "public").glob("*/*/**/*.html"))
    )
    persons = export["public/oparl/tyonvk/persons.json"]["data"]  # type: ignore[index]
    assert persons
    assert [p["name"] for p in persons if p["name"] not in public_text] == []


def test_an_embargoed_press_release_joins_the_export_when_its_embargo_ends(
    built_sample: Path,
) -> None:
    volume = load_checked(built_sample / ".kokous/checked/tyonvk/2025.pickle")
    june = next(m for m in volume.meetings if m.key == "2025-06-11")
    assert june.press is not None
    june.press = dataclasses.replace(june.press, embargo=True)
    headline = june.press.headline.get("fi")
    release = june.press.published

    def meeting_at(now: dt.datetime) -> dict:
        family = oparl.Family(
            "tyonvk", [volume], oparl.Urls(BASE, "tyonvk"), LICENSE, now, built_sample
        )
        objects = oparl.export_family(family).objects
        return objects[BASE + "oparl/tyonvk/meeting/tyonvk/2025-06-11.json"]

    before = meeting_at(release - dt.timedelta(minutes=1))
    assert headline not in json.dumps(before, ensure_ascii=False)
    assert not [f for f in before["auxiliaryFile"] if "press-release" in f["fileName"]]
    after = meeting_at(release)
    assert [f for f in after["auxiliaryFile"] if f["fileName"] == "press-release.fi.pdf"]


def test_the_same_models_give_the_same_bytes(built_sample: Path, export: dict) -> None:
    checked = sorted((built_sample / ".kokous/checked").glob("*/*.pickle"))
    files, body, _sources = oparl.family_files(
        checked, "tyonvk", built_sample, BASE, LICENSE, CLOCK
    )
    again, _body, _sources = oparl.family_files(
        checked[::-1], "tyonvk", built_sample, BASE, LICENSE, CLOCK
    )
    assert files == again
    written = {k: (built_sample / k).read_bytes() for k in files}
    assert written == files
    assert sorted(files) == sorted(p for p in export if p.startswith("public/oparl/tyonvk/"))
    assert oparl.encode(body) == files["public/oparl/tyonvk/body.json"]


def test_the_manifest_lists_every_export_file_with_its_records(
    built_sample: Path, export: dict[str, object]
) -> None:
    manifest = json.loads((built_sample / "manifest.json").read_text("utf-8"))["artifacts"]
    entries = {a["path"]: a for a in manifest if a["kind"] == "oparl"}
    assert sorted(entries) == sorted(export)
    meeting = entries["public/oparl/tyonvk/meeting/tyonvk/2025-06-11.json"]
    assert {s["path"] for s in meeting["sources"]} == {
        "records/tyonvk/body.yaml",
        "records/tyonvk/meetings/2025-06-11.yaml",
    }
    system = {s["path"] for s in entries["public/oparl/system.json"]["sources"]}
    assert system == {p.relative_to(REPO).as_posix() for p in REPO.glob("records/**/*.yaml")}


def test_no_export_is_planned_without_a_checked_year(tmp_path: Path) -> None:
    # A body folder without meetings or narratives has no year, so no model to export.
    assert oparl.family_years(plan.Plan({"tyonvk": None}, [], CLOCK)) == {}


def test_the_plan_exports_each_family_once_with_its_body_years(built_workflow: Path) -> None:
    the_plan = plan.make_plan(built_workflow / "records", now=CLOCK)
    years = oparl.family_years(the_plan)
    assert list(years) == ["tyonvk"]
    assert sorted({by.body for by in years["tyonvk"]}) == sorted({by.body for by in the_plan.years})


def test_an_edit_of_one_meeting_rewrites_its_objects_and_the_lists_holding_it(
    built_sample: Path, tmp_path: Path
) -> None:
    """The family's job over its own output rewrites only the files whose bytes change: the
    edited meeting's, the list page and the Body holding it; every other file keeps its
    mtime (deploy tools that compare mtimes upload nothing else)."""
    build = tmp_path / "build"
    shutil.copytree(built_sample / "public", build / "public")
    checked = sorted((built_sample / ".kokous/checked").glob("*/*.pickle"))
    part = build / ".kokous/parts/oparl/tyonvk.json"
    oparl.write_family(checked, "tyonvk", build, part, BASE, LICENSE, CLOCK)

    def state() -> dict[str, tuple[bytes, int]]:
        folder = build / "public/oparl/tyonvk"
        return {
            p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    before = state()
    # The meeting of 11.6.2025 ran an hour longer.
    volume = load_checked(built_sample / ".kokous/checked/tyonvk/2025.pickle")
    june = next(i for i, m in enumerate(volume.meetings) if m.key == "2025-06-11")
    volume.meetings[june] = dataclasses.replace(volume.meetings[june], end=dt.time(17, 30))
    edited = tmp_path / "tyonvk-2025.pickle"
    edited.write_bytes(pickle.dumps(volume))
    checked = [edited if p.parts[-2:] == ("tyonvk", "2025.pickle") else p for p in checked]
    oparl.write_family(checked, "tyonvk", build, part, BASE, LICENSE, CLOCK)
    after = state()

    assert sorted(after) == sorted(before)
    changed = {p for p in after if after[p][0] != before[p][0]}
    touched = {p for p in after if after[p][1] != before[p][1]}
    assert changed == touched
    assert "meeting/tyonvk/2025-06-11.json" in changed
    # Its own objects (the closing item states the end time too), the lists of meetings and of
    # the objects it embeds (agenda items, files, locations), and the Body.
    holding = re.compile(r"(meetings|agenda-items|files|locations)(-[0-9]+)?\.json")
    assert [
        p
        for p in changed
        if not p.startswith("meeting/tyonvk/2025-06-11/")
        and p not in ("meeting/tyonvk/2025-06-11.json", "body.json")
        and not holding.fullmatch(p)
    ] == []
    assert json.loads(part.read_text("utf-8"))["body"] == json.loads(after["body.json"][0])


def test_the_system_step_removes_the_folders_of_families_no_longer_held(
    built_sample: Path, tmp_path: Path
) -> None:
    build = tmp_path / "build"
    shutil.copytree(built_sample / "public/oparl", build / "public/oparl")
    gone = build / "public/oparl/lakkautettu"  # a main body whose records were deleted
    (gone / "meeting").mkdir(parents=True)
    (gone / "body.json").write_text("{}", encoding="utf-8")
    (build / "public/oparl/bodies-3.json").write_text("{}", encoding="utf-8")
    part = built_sample / ".kokous/parts/oparl/tyonvk.json"
    oparl.write_system([part], build, tmp_path / "system.json", BASE, LICENSE)
    assert not gone.exists() and not (build / "public/oparl/bodies-3.json").exists()
    kept = sorted(p.name for p in (build / "public/oparl").iterdir())
    assert kept == ["bodies.json", "system.json", "tyonvk"]
    assert (build / "public/oparl/tyonvk/body.json").is_file()
