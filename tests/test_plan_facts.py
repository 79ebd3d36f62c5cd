"""The memo of what the plan reads of the records (src/kokous/plan_facts.py, issue 20): the
plan is the same with it or without it after every kind of edit, a second start parses no
record it has seen, and a memo it cannot trust is ignored."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from kokous import plan, plan_facts

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 1, 1, 12, 0)

#: (file under records/, text in it, its replacement): edits that change the plan.
EDITS = [
    ("tyonvk/meetings/2025-06-11.yaml", "\nstatus: held\n", "\nstatus: cancelled\n"),
    ("tyonvk/meetings/2025-09-24.yaml", "  status: draft\n", "  status: checked\n"),
    (
        "tyonvk/meetings/2025-03-12.yaml",
        "  published: 2025-03-12T16:00\n",
        "  published: 2026-03-12T16:00\n  embargo: true\n",
    ),
    ("tyonvk/body.yaml", "languages: [fi, sv, en]", "languages: [fi, sv]"),
    ("tyonvk/body.yaml", "personal_data_display_days: 30", "personal_data_display_days: 900"),
    ("kuntajaosto/body.yaml", "parent: tyonvk", "parent: tietojaosto"),
    ("tietojaosto/meetings/2025-09-02.yaml", "minutes:\n", "minutes: [\n"),
]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    shutil.copytree(REPO / "records", folder)
    return folder


def _plans(records: Path, memo: Path) -> tuple[plan.Plan, plan.Plan]:
    return (
        plan.make_plan(records, now=NOW, memo=memo),
        plan.make_plan(records, now=NOW),
    )


def test_the_plan_is_the_same_with_the_memo_or_without_it_after_every_edit(
    records: Path, tmp_path: Path
) -> None:
    memo = tmp_path / "build" / plan_facts.MEMO
    remembered, fresh = _plans(records, memo)
    assert remembered == fresh
    assert memo.is_file()
    for name, old, new in EDITS:
        path = records / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        before = remembered
        remembered, fresh = _plans(records, memo)
        assert remembered == fresh, name
        assert remembered != before, f"the edit of {name} did not change the plan"


def test_a_second_start_parses_no_record_it_has_seen(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = tmp_path / "build" / plan_facts.MEMO
    first = plan.make_plan(records, now=NOW, memo=memo)
    parsed: list[str] = []
    real_load = yaml.load

    def counting_load(stream, Loader):
        parsed.append(stream[:40])
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(plan_facts.yaml, "load", counting_load)
    assert plan.make_plan(records, now=NOW, memo=memo) == first
    assert parsed == []
    edited = records / "tyonvk/meetings/2025-06-11.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert plan.make_plan(records, now=NOW, memo=memo) == first
    assert len(parsed) == 1, "only the edited record is parsed again"


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        '{"version": "x", "fields": {}}',
        '{"fields": []}',
        "[]",
    ],
)
def test_a_memo_it_cannot_trust_is_ignored(records: Path, tmp_path: Path, stored: str) -> None:
    memo = tmp_path / "plan-facts.json"
    memo.write_text(stored, encoding="utf-8")
    remembered, fresh = _plans(records, memo)
    assert remembered == fresh
    assert json.loads(memo.read_text(encoding="utf-8"))["version"] != "x"


def test_an_entry_of_another_version_is_never_used(records: Path, tmp_path: Path) -> None:
    """Entries written by other code (another version of what is read) are not trusted, even
    under the right keys: here each claims its meeting was cancelled."""
    memo = tmp_path / "plan-facts.json"
    plan.make_plan(records, now=NOW, memo=memo)
    stored = json.loads(memo.read_text(encoding="utf-8"))
    for key, fields in stored["fields"].items():
        if key.startswith("meeting:"):
            fields["status"] = "cancelled"
    stored["version"] = "an older reading"
    memo.write_text(json.dumps(stored), encoding="utf-8")
    remembered, fresh = _plans(records, memo)
    assert remembered == fresh


def test_a_value_json_cannot_hold_is_read_but_not_remembered(tmp_path: Path) -> None:
    body = tmp_path / "body.yaml"
    body.write_text("name: {fi: Testi}\nshort_name: 2025-01-01\n", encoding="utf-8")
    memo = plan_facts.FieldsMemo(tmp_path / "memo.json")
    fields = memo.read(body, "body")
    assert fields["short_name"] == dt.date(2025, 1, 1)
    assert memo.used == {}
    meeting = tmp_path / "m.yaml"
    meeting.write_text("status: held\nitems: [{standard: opening}]\n", encoding="utf-8")
    assert memo.read(meeting)["has_items"] is True
    memo.save()
    stored = json.loads((tmp_path / "memo.json").read_text(encoding="utf-8"))
    assert [k.split(":")[0] for k in stored["fields"]] == ["meeting"]
