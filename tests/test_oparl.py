"""The OParl 1.1 export of the public edition (issue 16): every file the plan names and no
other, every object valid against the JSON Schemas written from the OParl specification
(schemas/oparl/), every link resolving inside the export or to a published document with the
size and checksum stated, every decision of the public minutes in it, and nothing the public
edition leaves out."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, SOURCE_DATE_EPOCH
from extract import normalised, text_of
from referencing import Registry, Resource

from kokous import oparl, plan
from kokous.build import load_checked

SCHEMAS = REPO / "schemas" / "oparl"
BASE = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))["base_url"]
CLOCK = dt.datetime(2026, 1, 1, 2, 0)  # SOURCE_DATE_EPOCH of the tests, in Helsinki


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
        if p.is_file()
    }


def objects(value: object):
    """Every OParl object in ``value`` (one with a ``type``), nested ones too."""
    if isinstance(value, dict):
        if "type" in value and "id" in value:
            yield value
        for v in value.values():
            yield from objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects(v)


def strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


# ------------------------------------------------------------------------------ files


def test_the_export_writes_exactly_the_files_the_plan_names(
    built_workflow: Path, export: dict[str, object]
) -> None:
    the_plan = plan.make_plan(built_workflow / "records", now=CLOCK)
    assert sorted(export) == oparl.planned_files(the_plan)
    assert "public/oparl/system.json" in export
    # The draft minutes of 24.9.2025 and no press release: the meeting has no public document.
    assert not any("2025-09-24" in path for path in export)


def test_a_body_named_oparl_is_refused_with_one_line(tmp_path: Path) -> None:
    the_plan = plan.Plan({"oparl": None}, [], CLOCK)
    with pytest.raises(oparl.OParlError, match=r"^records/oparl: .*rename the folder$"):
        oparl.planned_files(the_plan)


def test_meeting_lists_are_paged_by_the_page_size() -> None:
    assert oparl.meeting_list_pages(0) == ["meetings.json"]
    assert oparl.meeting_list_pages(100) == ["meetings.json"]
    assert oparl.meeting_list_pages(101) == ["meetings.json", "meetings-2.json"]


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
            assert obj["id"] not in ids or ids[obj["id"]] == obj, obj["id"]
            ids[obj["id"]] = obj
    records_text = "".join(p.read_text("utf-8") for p in sorted(REPO.glob("records/**/*.yaml")))
    unresolved = []
    for content in export.values():
        for url in strings(content):
            if not url.startswith(("http://", "https://")):
                continue
            if not url.startswith(BASE):
                # The spec's type URLs, else a link the records give (a body's website).
                assert url.startswith(oparl.SCHEMA) or url in records_text, url
                continue
            page, _, fragment = url.partition("#")
            relative = "public/" + page.removeprefix(BASE)
            if relative.endswith("/"):
                relative += "index.html"  # the desk's page
            if page.startswith(BASE + "oparl/"):
                if relative not in export or (fragment and url not in ids):
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
        (m["person"].rsplit("-", 1)[1], m["startDate"], m["votingRight"], m["onBehalfOf"])
        for p in persons
        for m in p["membership"]
        if m["organization"] == org
    }
    assert found == {
        (m["person"], m["start"].isoformat(), m["post"] in ("chair", "member"),
         BASE + f"oparl/tyonvk/organizations.json#organisation-{m['on_behalf_of']}")
        for m in roster["memberships"]
    }  # fmt: skip
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
        files = oparl.Export([volume], BASE, built_sample, now).build()
        return files["public/oparl/tyonvk/meeting/tyonvk/2025-06-11.json"]  # type: ignore[return-value]

    before = meeting_at(release - dt.timedelta(minutes=1))
    assert headline not in json.dumps(before, ensure_ascii=False)
    assert not [f for f in before["auxiliaryFile"] if "press-release" in f["fileName"]]
    after = meeting_at(release)
    assert [f for f in after["auxiliaryFile"] if f["fileName"] == "press-release.fi.pdf"]


def test_the_same_models_give_the_same_bytes(built_sample: Path, tmp_path: Path) -> None:
    checked = sorted((built_sample / ".kokous/checked").glob("*/*.pickle"))
    files = oparl.Export([load_checked(p) for p in checked], BASE, built_sample, CLOCK).build()
    again = oparl.Export([load_checked(p) for p in reversed(checked)], BASE, built_sample, CLOCK)
    assert {k: oparl.encode(v) for k, v in files.items()} == {
        k: oparl.encode(v) for k, v in again.build().items()
    }
    written = {k: (built_sample / k).read_bytes() for k in files}
    assert written == {k: oparl.encode(v) for k, v in files.items()}


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
    assert oparl.planned_files(plan.Plan({"tyonvk": None}, [], CLOCK)) == []
