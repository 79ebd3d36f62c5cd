"""The sample corpus validates, derives what it should, and no mutation of a record ever yields
anything but clean one-line problems. Also: the schemas are complete and documented, and
records written from docs/records.md alone (tests/fixtures/independent) behave as documented."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from records_support import RECORDS, REPO, copy_records, edit, errors

from kokous import records as records_mod
from kokous import yamlfile
from kokous.errors import RecordsInvalid
from kokous.records import load_volume, validate_tree

SCHEMAS = REPO / "schemas"
DOCS = REPO / "docs" / "records.md"
INDEPENDENT = REPO / "tests" / "fixtures" / "independent" / "records"
ONE_LINE = re.compile(r"^[^:]+(:\d+)?: .+$")


# ---------------------------------------------------------------------------------------------
# The sample corpus


def test_sample_validates_with_only_the_known_warnings() -> None:
    problems = validate_tree(RECORDS)
    assert [p for p in problems if p.is_error] == []
    # The real seed headline is 103 characters: house style says at most 100, so a warning.
    assert [str(p) for p in problems] == [
        (
            "records/tyonvk/meetings/2025-03-12.yaml:114: K403 press.headline.fi: warning: the headline"
            " is 103 characters; house style is about 60-70, at most 100"
        ),
    ]


def test_sample_derived_numbers_and_quorum() -> None:
    volume = load_volume(RECORDS, "tyonvk", 2025)
    got = {
        m.key: (m.numbering, m.items[0].number, m.items[-1].number, m.quorum)
        for m in volume.meetings
    }
    q = records_mod.Quorum
    assert got == {
        "2025-03-12": ("1/2025", 1, 11, q(10, 9, 6, True, True)),
        # Liisa Lainaus arrived at 17 §: nine were present at the legality item, 13 §.
        "2025-06-11": ("2/2025", 12, 20, q(10, 9, 6, True, True)),
        "2025-09-24": ("3/2025", 21, 27, q(10, 8, 6, True, True)),
    }
    deputies = {
        m.key: [(a.person, a.deputising_for) for a in m.attendance if a.deputising_for]
        for m in volume.meetings
    }
    assert deputies == {
        "2025-03-12": [],
        "2025-06-11": [("mallinen", "kuvitelma")],
        "2025-09-24": [("perusarvo", "lainaus")],
    }
    m2 = volume.meetings[1]
    security = next(i for i in m2.items if i.id == "security_review")
    assert (security.number, security.visibility, str(security.legal_basis)) == (
        18,
        "confidential",
        "JulkL 24 § 1 mom. 7 k",
    )
    assert [a.number for i in m2.items for a in i.attachments] == [1, 2]
    assert sorted(volume.subcommittees) == ["kuntajaosto", "tietojaosto", "yhdyspintajaosto"]
    assert volume.narrative is not None and len(volume.narrative.statements) == 1
    assert [str(w.field) for w in volume.warnings] == ["press.headline.fi"]


def test_subcommittee_numbers_run_on_their_own() -> None:
    volume = load_volume(RECORDS, "tietojaosto", 2025)
    (meeting,) = volume.meetings
    assert (meeting.numbering, [i.number for i in meeting.items]) == ("1/2025", [1, 2, 3, 4, 5, 6])
    assert meeting.quorum == records_mod.Quorum(4, 3, 2, True, True)
    assert volume.body.established == records_mod.Established("2025-03-12", "subcommittees")
    # A subcommittee sees its parent's roster.
    assert "korhonen" in volume.body.persons and "tem" in volume.body.organisations


def test_every_record_points_at_its_schema() -> None:
    for path in sorted(RECORDS.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "body" if path.name == "body.yaml" else path.parent.name.rstrip("s")
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path}: first line must be the yaml-language-server $schema comment"
        target = (path.parent / match[1]).resolve()
        assert target == SCHEMAS / f"{kind}.schema.json", path


def test_first_section_override_may_skip_ahead(tmp_path: Path) -> None:
    root = copy_records(tmp_path)
    edit(
        root / "tyonvk/meetings/2025-06-11.yaml",
        "mode: remote\n",
        "mode: remote\nfirst_section: 40\nnumber: 5\n",
    )
    volume = load_volume(root, "tyonvk", 2025)
    assert [(m.number, m.items[0].number) for m in volume.meetings] == [(1, 1), (5, 40), (6, 49)]


def test_lacking_quorum_can_be_acknowledged(tmp_path: Path) -> None:
    root = copy_records(tmp_path)
    edit(
        root / "tyonvk/meetings/2025-09-24.yaml",
        "{person: korhonen, status: present}",
        "{person: korhonen, status: absent}",
    )
    shown = "records/tyonvk/meetings/2025-09-24.yaml"
    assert errors(root) == [
        (
            f"{shown}:19: K361 attendance: no quorum: 7 of 10 voting members present, 6 needed and the "
            "chair or vice-chair must attend; set quorum_lacking_acknowledged: true to publish the "
            "minutes anyway"
        ),
        (
            f"{shown}:48: K362 items[5].outcome: no quorum at 26 § (7 of 10 voting members present, 6 "
            "needed): nothing can be decided; record what happened with outcome: deferred, "
            "returned or withdrawn"
        ),
    ]
    edit(
        root / "tyonvk/meetings/2025-09-24.yaml",
        "mode: in_person\n",
        "mode: in_person\nquorum_lacking_acknowledged: true\n",
    )
    # Acknowledging the lack of quorum publishes the minutes, but decides nothing: the record
    # must still say what happened to the decision item.
    assert len(errors(root)) == 1
    edit(
        root / "tyonvk/meetings/2025-09-24.yaml",
        "    decision: Ehdotus hyväksyttiin.\n",
        # Deferred, so no decision text (that would be an error): the outcome says it.
        "    outcome: deferred\n",
    )
    assert errors(root) == []
    meeting = load_volume(root, "tyonvk", 2025).meetings[2]
    assert meeting.quorum is not None and not meeting.quorum.reached
    assert not any(item.decided for item in meeting.items)


# ---------------------------------------------------------------------------------------------
# No traceback, ever


def test_a_bug_in_a_check_becomes_one_clean_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(records_mod, "compute_quorum", broken)
    lines = [str(p) for p in validate_tree(RECORDS) if p.is_error]
    assert lines and all(ONE_LINE.match(line) for line in lines)
    assert (
        "records/tyonvk/meetings/2025-03-12.yaml: K000 internal error while checking this record"
        " (ZeroDivisionError: division by zero); please report it to the kokous maintainers"
    ) in lines
    with pytest.raises(RecordsInvalid):
        load_volume(RECORDS, "tyonvk", 2025)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_records(tmp_path_factory.mktemp("mutations"))


MUTABLE = [
    "tyonvk/body.yaml",
    "tyonvk/meetings/2025-03-12.yaml",
    "tyonvk/meetings/2025-06-11.yaml",
    "tyonvk/meetings/2025-09-24.yaml",
    "tyonvk/years/2025.yaml",
    "tietojaosto/body.yaml",
    "tietojaosto/meetings/2025-09-02.yaml",
]


def _paths(data: Any, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=6,
)
junk_key = st.sampled_from(["decission", "tittle", "date", "id", "fi", "x"]) | st.text(
    min_size=1, max_size=12
)


def _assert_clean(root: Path) -> None:
    try:
        problems = validate_tree(root)
    except Exception as exc:  # noqa: BLE001 - the failure this test looks for
        pytest.fail(f"validate_tree raised {type(exc).__name__}: {exc}")
    for problem in problems:
        line = str(problem)
        assert ONE_LINE.match(line), line
        assert "\n" not in line
        assert "internal error" not in line, line


def _mutate(data: dict[str, Any], draw: Any) -> None:
    paths = [p for p in _paths(data) if p]
    path = draw(st.sampled_from(paths))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    op = draw(st.sampled_from(["delete", "replace", "retype", "junk_key"]))
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = draw(junk)
    elif op == "retype":
        value = parent[last]
        parent[last] = [value] if not isinstance(value, list) else {"x": value}
    else:
        target = parent[last] if isinstance(parent[last], dict) else parent
        if isinstance(target, dict):
            target[draw(junk_key)] = draw(junk)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_data_mutations_never_crash(scratch: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(MUTABLE))
    path = scratch / name
    original = (RECORDS / name).read_text(encoding="utf-8")
    record, _ = yamlfile.load(RECORDS / name)
    for _ in range(data.draw(st.integers(1, 3))):
        _mutate(record, data.draw)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        _assert_clean(scratch)
    finally:
        path.write_text(original, encoding="utf-8")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_text_mutations_never_crash(scratch: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(MUTABLE))
    path = scratch / name
    original = (RECORDS / name).read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1))
    noise = data.draw(
        st.text(max_size=40)
        | st.sampled_from(
            [": ", "- ", "{", "[", "&a x", "*a", "!!binary x", "\t", "'", '"', "\x00"]
        )
    )
    how = data.draw(st.sampled_from(["replace", "insert", "append_to_line", "truncate"]))
    if how == "replace":
        lines[i] = noise + "\n"
    elif how == "insert":
        lines.insert(i, noise + "\n")
    elif how == "append_to_line":
        lines[i] = lines[i].rstrip("\n") + noise + "\n"
    else:
        lines = lines[:i]
    path.write_bytes("".join(lines).encode("utf-8", errors="surrogatepass"))
    try:
        _assert_clean(scratch)
    finally:
        path.write_text(original, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The schemas: standard, complete, documented


def _schemas() -> dict[str, dict[str, Any]]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")
    }


def _walk(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}/{i}")


def test_schemas_are_valid_draft_2020_12() -> None:
    schemas = _schemas()
    assert set(schemas) == {
        "body.schema.json",
        "meeting.schema.json",
        "year.schema.json",
        "common.schema.json",
        "config.schema.json",
    }
    for schema in schemas.values():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description_and_objects_are_closed() -> None:
    for name, schema in _schemas().items():
        for where, node in _walk(schema):
            for prop, sub in (
                node.get("properties", {}).items()
                if "properties" in node
                and isinstance(node["properties"], dict)
                and not where.endswith("/properties")
                else []
            ):
                assert sub.get("description"), f"{name}{where}/properties/{prop} has no description"
            if node.get("type") == "object" or (
                "properties" in node and not where.endswith("/properties")
            ):
                assert "additionalProperties" in node, (
                    f"{name}{where} must set additionalProperties"
                )


def test_every_property_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    missing = set()
    for schema in _schemas().values():
        for where, node in _walk(schema):
            if where.endswith("/properties"):
                continue
            for prop in (
                node.get("properties", {}) if isinstance(node.get("properties"), dict) else ()
            ):
                if f"`{prop}`" not in docs and not re.search(rf"\b{prop}:", docs):
                    missing.add(prop)
    assert not missing, f"docs/records.md does not mention: {sorted(missing)}"


# ---------------------------------------------------------------------------------------------
# Records written by someone else from docs/records.md alone


def test_independent_records_validate() -> None:
    assert [str(p) for p in validate_tree(INDEPENDENT)] == []
    volume = load_volume(INDEPENDENT, "kulturradet", 2024)
    assert volume.body.primary_language == "sv"
    first, second = volume.meetings
    assert (first.numbering, second.numbering) == ("1/2024", "2/2024")
    assert [i.number for i in second.items] == [7, 8, 9, 10]
    # at_least_half of 4 seats; ledamot1 absent, his personal deputy supp1 stands in.
    assert first.quorum == records_mod.Quorum(4, 3, 2, True, True)
    assert [(a.person, a.deputising_for) for a in first.attendance if a.deputising_for] == [
        ("supp1", "ledamot1")
    ]
    vote = second.items[2].vote
    assert vote is not None and (vote.votes_for, vote.votes_against) == (3, 1)
    sub = load_volume(INDEPENDENT, "ungdomsdelegationen", 2024)
    assert sub.body.parent == "kulturradet" and sub.meetings[0].items[-1].number == 3


MEETING = "kulturradet/meetings/2024-02-07.yaml"
SHOWN = f"records/{MEETING}"

DOCUMENTED = [
    # "listing a deputy as present while the member is present (or remote) is an error"
    (
        MEETING,
        "{person: ledamot1, status: absent, reason: semester}",
        "{person: ledamot1, status: remote}",
        [
            f"{SHOWN}:15: K343 attendance[2].person: 'supp1' is the personal deputy of 'ledamot1', who is also present; a deputy attends only for an absent member"
        ],
    ),
    # "An item or attachment that is internal or confidential must cite its legal_basis"
    (
        MEETING,
        "    legal_basis: JulkL 24 § 1 mom. 20 k\n",
        "",
        [
            f"{SHOWN}:34: K322 items[4].legal_basis: a confidential item must cite its legal basis, e.g. 'JulkL 24 § 1 mom. 7 k'"
        ],
    ),
    # "Every press text needs every publication language of the body."
    (
        MEETING,
        "    fi: Esimerkkikylän kulttuurineuvosto asetti 7.2.2024 nuorisojaoston.\n",
        "",
        [
            f"{SHOWN}:54: K405 press.lead.fi: missing the Finnish text (fi:); kulturradet publishes in sv, fi"
        ],
    ),
    # "Minutes are written in the meeting's language only" (a plain string is the primary, sv)
    (
        MEETING,
        "language: sv",
        "language: fi",
        [
            f"{SHOWN}:29: K388 items[3].title: missing the Finnish text (fi:), the language of this meeting and its minutes",
            f"{SHOWN}:32: K388 items[3].proposal: missing the Finnish text (fi:), the language of this meeting and its minutes",
            f"{SHOWN}:33: K388 items[3].decision: missing the Finnish text (fi:), the language of this meeting and its minutes",
            f"{SHOWN}:41: K388 items[4].background: missing the Finnish text (fi:), the language of this meeting and its minutes",
            f"{SHOWN}:42: K388 items[4].decision: missing the Finnish text (fi:), the language of this meeting and its minutes",
            f"{SHOWN}:44: K388 items[4].attachments[0].title: missing the Finnish text (fi:), the language of this meeting and its minutes",
        ],
    ),
    # "A meeting without quorum is an error": chair_required is false, at_least_half of 4 is 2
    (
        MEETING,
        "  - {person: supp1, status: present}\n",
        "  - {person: supp1, status: absent}\n",
        [],
    ),
    (
        MEETING,
        "  - {person: ordf, status: present}\n  - {person: ledamot1, status: absent, reason: semester}\n  - {person: supp1, status: present}\n",
        "  - {person: ordf, status: absent}\n  - {person: ledamot1, status: absent, reason: semester}\n  - {person: supp1, status: absent}\n",
        [
            f"{SHOWN}:12: K361 attendance: no quorum: 1 of 4 voting members present, 2 needed; set quorum_lacking_acknowledged: true to publish the minutes anyway",
            # Without a quorum nothing is decided, and an absent member presents nothing.
            f"{SHOWN}:28: K362 items[3].outcome: no quorum at 4 § (1 of 4 voting members present, 2 needed): nothing can be decided; record what happened with outcome: deferred, returned or withdrawn",
            f"{SHOWN}:40: K347 items[4].presenter: 'ordf' is absent from this meeting",
        ],
    ),
    # "Inside {…}, a comma separates entries: quote a text that contains a comma"
    (
        MEETING,
        '{sv: "Stadshuset, sessionssalen", fi: "Kaupungintalo, valtuustosali"}',
        "{sv: Stadshuset, sessionssalen, fi: Kaupungintalo, valtuustosali}",
        [
            f"{SHOWN}:8: K002 location.place.sessionssalen: unknown field 'sessionssalen'; known fields: en, fi, sv",
            f"{SHOWN}:8: K002 location.place.valtuustosali: unknown field 'valtuustosali'; known fields: en, fi, sv",
        ],
    ),
    # "approved_at: the meeting key of a later meeting of the same body, whose record must exist"
    (
        MEETING,
        "approved_at: 2024-04-10",
        "approved_at: 2024-04-11",
        [f"{SHOWN}:48: K007 minutes.approved_at: no meeting record 2024-04-11.yaml of kulturradet"],
    ),
    # "a count, when also given, must match its list"
    (
        "kulturradet/meetings/2024-04-10.yaml",
        "      named_against: [ledamot2]\n",
        "      named_against: [ledamot2]\n      for: 4\n",
        [
            # Also true: the count is one more than the voting members present.
            "records/kulturradet/meetings/2024-04-10.yaml:22: K371 items[2].votes.for: 4 votes for, but named_for lists 3 persons",
            "records/kulturradet/meetings/2024-04-10.yaml:22: K377 items[2].votes.for: 5 votes in all (4 for, 1 against, 0 abstaining) but only 4 voting members were present at this item; check the counts and the attendance",
        ],
    ),
    # "established: … Both must exist."
    (
        "ungdomsdelegationen/body.yaml",
        "item: ungdomsdelegation}",
        "item: ungdom}",
        [
            "records/ungdomsdelegationen/body.yaml:7: K005 established.item: no item 'ungdom' in kulturradet's meeting 2024-02-07"
        ],
    ),
    # "Overrides … never back into numbers already used"
    (
        "kulturradet/meetings/2024-04-10.yaml",
        "language: sv\n",
        "language: sv\nfirst_section: 6\n",
        [
            "records/kulturradet/meetings/2024-04-10.yaml:7: K304 first_section: § 6 overlaps the previous meeting, which ends at § 6; first_section must be at least 7"
        ],
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), DOCUMENTED)
def test_independent_records_fail_as_documented(
    name: str, old: str, new: str, expected: list[str], tmp_path: Path
) -> None:
    root = tmp_path / "records"
    shutil.copytree(INDEPENDENT, root)
    edit(root / name, old, new)
    assert errors(root) == expected
