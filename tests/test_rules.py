"""The registry of record rules (kokous.lint): every rule has a code, a summary, a severity and
a page; each is triggered by a case below (a small edit of the sample records, run through the
validator); docs/records.md holds the reference the registry generates; and ``kokous validate``
refuses the folders the workflow refuses at its start, with the same line."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from records_support import REPO, copy_records, edit, seat_the_vm_deputy

from kokous import cli, plan
from kokous.lint import all_rules, find, reference
from kokous.records import validate_tree

M = "tyonvk/meetings/2025-09-24.yaml"
"""The base of most meeting cases: a held meeting with two items and draft minutes."""
P = "tyonvk/meetings/2025-03-12.yaml"
"""A meeting with a press release."""
B = "tyonvk/body.yaml"
K = "kuntajaosto/body.yaml"
DECISION = "    decision: Ehdotus hyväksyttiin.\n"
"""The decision of M's decision item (statement_budget)."""

Setup = Callable[[Path, pytest.MonkeyPatch], None]


class Case(NamedTuple):
    code: str
    setup: list[Setup]


def change(name: str, old: str, new: str) -> Setup:
    return lambda root, _: edit(root / name, old, new)


def write(name: str, content: str) -> Setup:
    def apply(root: Path, _: pytest.MonkeyPatch) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")

    return apply


def copy(source: str, dest: str, *replacements: tuple[str, str]) -> Setup:
    def apply(root: Path, _: pytest.MonkeyPatch) -> None:
        content = (root / source).read_text(encoding="utf-8")
        for old, new in replacements:
            assert content.count(old) == 1, old
            content = content.replace(old, new)
        (root / dest).write_text(content, encoding="utf-8")

    return apply


def mkdir(name: str) -> Setup:
    return lambda root, _: (root / name).mkdir(parents=True)


def vote(text: str) -> Setup:
    """Give M's decision item the vote ``text`` (a YAML flow mapping)."""
    return change(M, DECISION, f"    votes: {text}\n{DECISION}")


def minutes(text: str) -> Setup:
    """Replace M's minutes (``status: draft``) with ``text``."""
    return change(M, "minutes:\n  status: draft", f"minutes:\n{text}")


def remove_records(root: Path, _: pytest.MonkeyPatch) -> None:
    shutil.rmtree(root)


def link_out(root: Path, _: pytest.MonkeyPatch) -> None:
    outside = root.parent / "outside.yaml"
    outside.write_text((root / M).read_text(encoding="utf-8"), encoding="utf-8")
    (root / M).unlink()
    (root / M).symlink_to(outside)


def broken_rule(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("kokous.lint.schedule.today", broken)


HELD_WITHOUT_ANYTHING = "date: 2025-10-01\nstatus: held\nlanguage: fi\n"
PLANNED = "date: 2027-05-24\nstatus: planned\nlanguage: fi\n"

CASES = [
    # K0xx: reading
    Case("K000", [broken_rule]),
    Case("K001", [change(M, "status: held\n", "status: held\nstatus: held\n")]),
    Case("K002", [change(M, "mode: in_person\n", "mode: in_persn\n")]),
    Case(
        "K003",
        [change(M, "{person: henkilo, status: present}", "{person: henkil, status: present}")],
    ),
    Case(
        "K004", [change(B, "post: member, on_behalf_of: stm,", "post: member, on_behalf_of: sstm,")]
    ),
    Case(
        "K005",
        [
            change(
                M,
                "{person: henkilo, status: present}",
                "{person: henkilo, status: present, arrived_at: x}",
            )
        ],
    ),
    Case("K006", [change(K, "parent: tyonvk", "parent: tyonvkk")]),
    Case("K007", [change(K, "  meeting: 2025-03-12\n", "  meeting: 2025-03-13\n")]),
    Case("K008", [change(K, "parent: tyonvk", "parent: kuntajaosto")]),
    Case("K009", [change(P, "published: 2025-03-12T16:00", "published: 2025-02-30T16:00")]),
    # K1xx: files and folders
    Case("K100", [remove_records]),
    Case(
        "K101",
        [lambda root, _: shutil.copytree(root / "kuntajaosto", root / "kuntajaosto (kopio)")],
    ),
    Case("K102", [mkdir("uusi-jaosto"), mkdir("uusi_jaosto")]),
    Case("K103", [mkdir("arkisto")]),
    Case("K104", [write("uusi/body.yml", "name: Uusi\n")]),
    Case("K105", [write("tyonvk/meetings/notes.txt", "muistiinpanoja\n")]),
    Case("K106", [write("tyonvk/years/vuosi.yaml", "summary: x\n")]),
    Case("K107", [copy(M, "tyonvk/meetings/2025-10-01.YAML")]),
    Case("K108", [link_out]),
    # K20x: the roster
    Case("K201", [change("yhdyspintajaosto/body.yaml", "parent: tyonvk", "parent: kuntajaosto")]),
    Case(
        "K202",
        [
            change(
                B,
                "post: permanent_expert, on_behalf_of: tem, start: 2025-01-30}",
                "post: permanent_expert, on_behalf_of: tem, start: 2025-01-30, end: 2025-01-01}",
            )
        ],
    ),
    Case(
        "K203",
        [
            change(
                B, "post: deputy, deputy_for: malli,", "post: deputy, seat: stm, deputy_for: malli,"
            )
        ],
    ),
    Case("K204", [change(B, "post: deputy, deputy_for: malli,", "post: deputy, seat: stm,")]),
    Case("K205", [change(B, "post: deputy, deputy_for: malli,", "post: deputy,")]),
    Case("K206", [change(B, "deputy_for: oletus,", "deputy_for: testi,")]),
    Case("K207", [change(B, "deputy_for: malli,", "deputy_for: wessman,")]),
    Case(
        "K208", [change(B, "post: permanent_expert,", "post: permanent_expert, deputy_for: malli,")]
    ),
    Case("K209", [change(B, "post: permanent_expert,", "post: permanent_expert, seat: tem,")]),
    Case(
        "K210",
        [
            change(B, "{person: malli, post: member,", "{person: malli, post: member, seat: s1,"),
            change(
                B,
                "{person: kuvitelma, post: member,",
                "{person: kuvitelma, post: member, seat: s1,",
            ),
        ],
    ),
    Case("K211", [change(B, "post: vice_chair,", "post: chair,")]),
    Case(
        "K212",
        [
            change(
                B,
                "{person: mallikas, post: permanent_expert,",
                "{person: malli, post: permanent_expert,",
            )
        ],
    ),
    # K22x: settings
    Case("K221", [change(K, "established:\n  meeting: 2025-03-12\n  item: subcommittees\n", "")]),
    Case("K222", [change(B, "short_name: TyöNVK\n", "short_name: TyöNVK\nmandate: jotain\n")]),
    Case("K223", [change(B, "  end: 2027-06-30\n", "  end: 2024-06-30\n")]),
    Case("K224", [change(B, "  rule: more_than_half\n", "  rule: fixed\n")]),
    Case("K225", [change(B, "  rule: more_than_half\n", "  rule: more_than_half\n  count: 5\n")]),
    Case(
        "K226",
        [change(B, "  kind: none\n  provision:", "  kind: none\n  appealable: true\n  provision:")],
    ),
    Case("K227", [change(B, "  kind: none\n  provision:", "  kind: rectification\n  provision:")]),
    Case(
        "K228",
        [
            change(
                B,
                "minutes_type: poytakirja\n",
                "minutes_type: poytakirja\nitem_titles:\n  poytakirja:\n    openning: Avaus\n",
            )
        ],
    ),
    Case("K229", [change(B, "languages: [fi, sv, en]\n", "")]),
    # K30x: schedule
    Case("K301", [change(M, "date: 2025-09-24\n", "date: 2025-09-25\n")]),
    Case("K302", [change(M, 'end: "14:45"', 'end: "12:45"')]),
    Case("K303", [change(M, "status: held\n", "status: held\nnumber: 1\n")]),
    Case("K304", [change(M, "status: held\n", "status: held\nfirst_section: 3\n")]),
    Case("K305", [change(M, "invitation_sent: 2025-09-15\n", "invitation_sent: 2025-09-30\n")]),
    Case("K306", [change("tietojaosto/meetings/2025-09-02.yaml", "language: fi", "language: sv")]),
    Case(
        "K307",
        [copy(M, "tyonvk/meetings/2024-09-24.yaml", ("date: 2025-09-24", "date: 2024-09-24"))],
    ),
    Case(
        "K308",
        [
            copy(
                "tietojaosto/meetings/2025-09-02.yaml",
                "tietojaosto/meetings/2025-03-04.yaml",
                ("date: 2025-09-02", "date: 2025-03-04"),
            )
        ],
    ),
    Case("K309", [change(M, "status: held\n", "status: planned\n")]),
    Case(
        "K310",
        [copy(M, "tyonvk/meetings/2027-05-24.yaml", ("date: 2025-09-24", "date: 2027-05-24"))],
    ),
    Case(
        "K311",
        [copy(M, "tyonvk/meetings/2025-09-27.yaml", ("date: 2025-09-24", "date: 2025-09-27"))],
    ),
    Case("K312", [change(M, "status: held\n", "status: cancelled\n")]),
    Case("K313", [change(M, "status: held\n", "status: cancelled\n")]),
    # K314-K318: invitations and planned times
    Case(
        "K314",
        [
            change(
                M,
                "invitation_sent: 2025-09-15\n",
                'invitations: [{sent: 2025-09-30, start: "13:00", end: "14:45"}]\n',
            )
        ],
    ),
    Case(
        "K315",
        [
            change(
                M,
                "invitation_sent: 2025-09-15\n",
                'invitation_sent: 2025-09-15\ninvitations: [{sent: 2025-09-16, start: "13:00"}]\n',
            )
        ],
    ),
    Case("K316", [change(M, "status: held\n", "status: planned\n")]),
    Case(
        "K317",
        [
            change(M, "status: held\n", "status: planned\n"),
            change(
                M,
                "invitation_sent: 2025-09-15\n",
                'invitations: [{sent: 2025-09-15, start: "09:00", end: "14:45"}]\n',
            ),
        ],
    ),
    Case(
        "K318",
        [
            change(
                M,
                "invitation_sent: 2025-09-15\n",
                'invitation_sent: 2025-09-15\nplanned_start: "15:00"\nplanned_end: "13:00"\n',
            )
        ],
    ),
    # K32x: items
    Case("K321", [change(M, "  - id: statement_budget\n", "  - id: subcommittee_reports\n")]),
    Case(
        "K322",
        [
            change(
                M,
                "    kind: decision\n    presenter: sihteeri\n",
                "    kind: decision\n    visibility: confidential\n    presenter: sihteeri\n",
            )
        ],
    ),
    Case(
        "K323",
        [
            change(
                M,
                "      - title: Lausuntoluonnos työllisyyspalvelujen rahoituksen seurannasta\n",
                "      - {title: Lausuntoluonnos, visibility: internal}\n",
            )
        ],
    ),
    Case(
        "K324",
        [change(M, "    kind: information\n", "    kind: information\n    outcome: decided\n")],
    ),
    Case("K325", [change(M, "    title: Jaostojen kuulumiset\n", "")]),
    Case("K326", [write("tyonvk/meetings/2027-05-24.yaml", PLANNED)]),
    Case("K327", [change(M, "status: held\n", "status: planned\n")]),
    Case(
        "K328",
        [write("tyonvk/meetings/2027-05-24.yaml", PLANNED + "items:\n  - {id: x, title: X}\n")],
    ),
    Case("K329", [write("tyonvk/meetings/2025-10-01.yaml", HELD_WITHOUT_ANYTHING)]),
    Case(
        "K330",
        [
            change(M, DECISION, ""),
            change(M, "    proposal: Neuvottelukunta antaa liitteen mukaisen lausunnon.\n", ""),
        ],
    ),
    # K34x: attendance
    Case(
        "K341",
        [
            change(
                "tietojaosto/meetings/2025-09-02.yaml",
                "  - {person: mallikas, status: present}\n",
                "  - {person: mallikas, status: present}\n  - {person: asiakas, status: present}\n",
            )
        ],
    ),
    Case(
        "K342",
        [
            lambda root, _: seat_the_vm_deputy(root / B),
            change(B, "end: 2025-10-31}", "end: 2025-08-31}"),
            change(
                M, "{person: kuvitelma, status: present}", "{person: mallinen, status: present}"
            ),
        ],
    ),
    Case(
        "K343",
        [change(M, "{person: lainaus, status: absent}", "{person: lainaus, status: present}")],
    ),
    Case("K344", [change(B, "name: Liisa Lainaus\n", "name: Liisa Lainas\n")]),
    Case(
        "K345",
        [
            change(
                M,
                "{person: henkilo, status: present}",
                "{person: henkilo, status: present, reason: sairaus}",
            )
        ],
    ),
    Case(
        "K346",
        [
            change(
                M,
                "  - {person: sihteeri, status: present}\n",
                "  - {person: sihteeri, status: present}\n" * 2,
            )
        ],
    ),
    Case(
        "K347",
        [change(M, "{person: wessman, status: present}", "{person: wessman, status: absent}")],
    ),
    Case("K348", [change(M, "  - {person: henkilo, status: present}\n", "")]),
    Case("K349", [write("tyonvk/meetings/2025-10-01.yaml", HELD_WITHOUT_ANYTHING)]),
    Case(
        "K350",
        [
            change(
                M,
                "{person: asiakas, status: absent}",
                "{person: asiakas, status: absent, left_after: opening}",
            )
        ],
    ),
    Case(
        "K351",
        [
            change(
                M,
                "{person: henkilo, status: present}",
                "{person: henkilo, status: present, arrived_at: statement_budget, left_after: opening}",
            )
        ],
    ),
    Case(
        "K352",
        [change(M, DECISION, "    motions:\n      - {by: asiakas, text: Hylätään.}\n" + DECISION)],
    ),
    # K36x: quorum
    Case(
        "K361",
        [change(M, "{person: korhonen, status: present}", "{person: korhonen, status: absent}")],
    ),
    Case(
        "K362",
        [change(M, "{person: korhonen, status: present}", "{person: korhonen, status: absent}")],
    ),
    # K37x: votes
    Case(
        "K371",
        [
            vote(
                "{method: named, for: 3, named_for: [malli, kuvitelma], named_against: [oletus], jaa: A, ei: B}"
            )
        ],
    ),
    Case(
        "K372",
        [
            vote(
                "{method: secret, for: 2, against: 1, named_for: [malli, kuvitelma], jaa: A, ei: B}"
            )
        ],
    ),
    Case("K373", [vote("{for: 5, against: 2, lot: ei, jaa: A, ei: B}")]),
    Case("K374", [vote("{for: 3, against: 3, jaa: A, ei: B}")]),
    Case("K375", [vote("{for: 5, against: 2, jaa: A}")]),
    Case(
        "K376",
        [
            vote(
                "{method: named, named_for: [malli, kuvitelma], named_against: [malli], jaa: A, ei: B}"
            )
        ],
    ),
    Case("K377", [vote("{for: 12, against: 2, jaa: A, ei: B}")]),
    # K38x: minutes
    Case("K381", [minutes("  status: checked\n  checked: 2025-09-30\n  checkers: [malli]")]),
    Case("K382", [minutes("  status: approved")]),
    Case("K383", [minutes("  status: approved\n  approved_at: 2025-06-11")]),
    Case(
        "K384",
        [
            change(M, "status: held\n", "status: planned\n"),
            minutes("  status: checked\n  checked: 2025-09-30\n  checkers: [malli, kuvitelma]"),
        ],
    ),
    Case(
        "K385",
        [
            minutes(
                "  status: checked\n  checked: 2025-09-30\n  checkers: [malli, kuvitelma]\n  approved_at: 2025-12-03"
            )
        ],
    ),
    Case(
        "K386",
        [minutes("  status: checked\n  checked: 2025-09-20\n  checkers: [malli, kuvitelma]")],
    ),
    Case(
        "K387",
        [minutes("  status: checked\n  checked: 2099-09-30\n  checkers: [malli, kuvitelma]")],
    ),
    Case(
        "K388",
        [
            change(
                M,
                "    background: Tietojaosto on kokoontunut ensimmäisen kerran 2.9.2025.\n",
                "    background: {sv: Datasektionen har sammanträtt.}\n",
            )
        ],
    ),
    # K39x: what signed minutes depend on
    Case("K391", [change(M, DECISION, "    outcome: deferred\n" + DECISION)]),
    Case(
        "K392",
        [
            change(
                M,
                "    attachments:\n      - title: Lausuntoluonnos työllisyyspalvelujen rahoituksen"
                " seurannasta\n",
                "",
            )
        ],
    ),
    Case("K393", [change(M, "invitation_sent: 2025-09-15\n", "")]),
    Case("K394", [change(M, "title: Jaostojen kuulumiset\n", "title: Seuraava kokous\n")]),
    # K40x: press
    Case(
        "K401",
        [
            change(
                P,
                "            Korhonen kertoo neuvottelukuntaan",
                "            kertoo neuvottelukuntaan",
            )
        ],
    ),
    Case("K402", [change(P, "  next_meeting: 2025-06", "  next_meeting: 2025-02")]),
    Case("K403", []),  # the sample's own headline is 103 characters
    Case(
        "K404",
        [
            change(
                P,
                "      ensimmäisen kerran 12.3.2025 Helsingissä.\n",
                "      ensimmäisen kerran 12.3.2025 Helsingissä. Toinen. Kolmas.\n",
            )
        ],
    ),
    Case(
        "K405",
        [
            change(
                P,
                "    sv: Riksomfattande delegationen för främjande av sysselsättning är ett forum för"
                " arbetskraftsservicen\n",
                "",
            )
        ],
    ),
    Case("K406", [change(P, "published: 2025-03-12T16:00", "published: 2024-03-12T16:00")]),
    Case("K407", [change(P, "published: 2025-03-12T16:00", "published: 2025-05-12T16:00")]),
    # K50x: years, and across meetings
    Case("K501", [write("tyonvk/years/2024.yaml", "summary: Vuosi ennen asettamista.\n")]),
    Case("K502", [write("tyonvk/years/2031.yaml", "summary: Vuosi.\n")]),
    Case(
        "K503", [change("tyonvk/years/2025.yaml", "  - date: 2025-09-24", "  - date: 2024-09-24")]
    ),
    Case(
        "K511",
        [
            copy(
                M,
                "tyonvk/meetings/2025-09-24-2.yaml",
                ('start: "13:00"', 'start: "14:00"'),
                ('end: "14:45"', 'end: "15:00"'),
            )
        ],
    ),
    Case("K512", [change(M, "status: held\n", "status: cancelled\n")]),
    Case("K513", [change(M, "status: held\n", "status: planned\n")]),
    # K60x: text
    Case(
        "K601",
        [
            change(
                M,
                "    title: Jaostojen kuulumiset\n",
                "    title: |\n      Jaostojen\n      kuulumiset\n",
            )
        ],
    ),
    Case(
        "K602",
        [
            change(
                M,
                "    decision: Merkittiin tiedoksi.\n",
                "    decision: Merkittiin tiedoksi \U00013000.\n",
            )
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_case_triggers_its_rule(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_records(tmp_path)
    for step in case.setup:
        step(root, monkeypatch)
    rule = find(case.code)
    assert rule is not None
    found = [p for p in validate_tree(root) if p.code == case.code]
    assert found, f"{case.code} not reported"
    assert {p.severity for p in found} == {rule.severity}
    assert all(f" {case.code} " in str(p) for p in found)


def test_every_rule_has_a_code_a_page_and_a_case() -> None:
    rules = all_rules()
    assert len(rules) > 90
    for rule in rules:
        assert re.fullmatch(r"K\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.severity in ("error", "warning"), rule.code
        assert rule.summary and rule.summary[0].isupper(), rule.code
        for part in ("Why:", "Example:", "Fix:"):
            assert part in rule.doc, f"{rule.code}'s page has no {part}"
        assert rule.code[1] == {"reading": "0", "folders": "1"}.get(rule.topic, rule.code[1])
    assert len({r.name for r in rules}) == len(rules), "two rules with one name"
    assert [c.code for c in CASES] == [r.code for r in rules], "each rule needs one case, in order"


def test_docs_hold_the_reference_the_registry_generates() -> None:
    held = reference.in_document(REPO / "docs" / "records.md")
    assert held is not None, "docs/records.md lost its rules reference markers"
    assert held == reference.markdown(), "run: python scripts/rules_reference.py"


def test_explain_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--explain", "k305"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("K305 invitation-after-meeting (error; field: invitation_sent)\n")
    assert "The invitation is dated after the meeting." in out and "Fix:" in out
    assert cli.main(["validate", "--explain", "K999"]) == 1
    assert "no rule K999" in capsys.readouterr().err


def test_list_rules_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--list-rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == [r.code for r in all_rules()]
    assert cli.main(["validate", "--list-rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == reference.markdown()


@pytest.mark.parametrize("name", ["kuntajaosto (kopio)", "jaosto$(touch X)", "a-b"])
def test_validate_refuses_what_the_workflow_refuses_at_start(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_records(tmp_path)
    shutil.copytree(root / "kuntajaosto", root / name)
    if name == "a-b":
        shutil.copytree(root / "kuntajaosto", root / "a_b")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(plan.PlanError) as refused:
        plan.scan(Path("records"))
    # What snakemake prints at start: "kokous: " and the PlanError's lines.
    at_start = str(refused.value).splitlines()
    assert cli.main(["validate"]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert at_start and all(line in printed for line in at_start), (at_start, printed)
    assert not (tmp_path / "X").exists()
