"""K22x: a body's settings: term, quorum rule, appeal notice, languages, titles."""

from __future__ import annotations

from collections.abc import Iterator

from ..schema import suggest
from .registry import Finding, rule
from .subjects import BodySubject

STANDARD_ITEMS = (
    "opening",
    "legality",
    "checkers",
    "previous_minutes",
    "agenda",
    "next_meeting",
    "closing",
)
"""The standard items of a meeting (``standard:``), whose titles a body may reword."""


@rule("K221", "subcommittee-without-established", scope="body", field="established")
def subcommittee_established(subject: BodySubject) -> Iterator[Finding]:
    """A subcommittee does not say where it was set up.

    Why: the annual report says which meeting of the parent set the subcommittee up, and no
    meeting of the subcommittee can be earlier.
    Example: a body.yaml with ``parent: tyonvk`` and no ``established:``.
    Fix: add ``established: {meeting: 2025-03-12, item: jaostot}``.
    """
    if subject.parent and not subject.data.get("established"):
        yield ("established",), "a subcommittee needs established: {meeting, item}"


@rule("K222", "mandate-without-parent", scope="body", field="parent")
def subcommittee_fields_need_parent(subject: BodySubject) -> Iterator[Finding]:
    """A main body gives mandate or established, which only subcommittees have.

    Why: these fields describe a subcommittee's place under its parent; in a main body
    they most likely mean a forgotten ``parent:``.
    Example: ``mandate: …`` in a body.yaml without ``parent:``.
    Fix: add parent: <main body>, or remove mandate and established.
    """
    d = subject.data
    if not d.get("parent") and (d.get("established") or d.get("mandate")):
        yield ("parent",), "mandate and established are for subcommittees, which need parent"


@rule("K223", "term-ends-before-start", scope="body", field="term.end")
def term_order(subject: BodySubject) -> Iterator[Finding]:
    """The body's term ends before it starts.

    Why: meetings and year records are checked to lie within the term.
    Example: ``term: {start: 2025-01-30, end: 2023-04-30}``.
    Fix: correct the year of start or end.
    """
    term = subject.data.get("term") or {}
    if term.get("start") and term.get("end") and term["end"] < term["start"]:
        yield ("term", "end"), f"the term ends ({term['end']}) before it starts"


@rule("K224", "fixed-quorum-without-count", scope="body", field="quorum.count")
def fixed_quorum_count(subject: BodySubject) -> Iterator[Finding]:
    """A fixed quorum rule without the number of members it needs.

    Why: ``rule: fixed`` means a fixed number of members present; the number is count.
    Example: ``quorum: {rule: fixed}``.
    Fix: add count: <members present>, or choose another rule.
    """
    quorum = subject.data.get("quorum") or {}
    if quorum.get("rule") == "fixed" and not quorum.get("count"):
        yield ("quorum", "count"), "a fixed quorum rule needs count: <members present>"


@rule("K225", "count-without-fixed-quorum", scope="body", field="quorum.count")
def count_only_for_fixed(subject: BodySubject) -> Iterator[Finding]:
    """A quorum count with a rule that computes its own.

    Why: only ``rule: fixed`` reads count; with another rule it would be silently ignored.
    Example: ``quorum: {rule: more_than_half, count: 10}``.
    Fix: remove count, or set rule: fixed.
    """
    quorum = subject.data.get("quorum") or {}
    if quorum.get("count") and quorum.get("rule") != "fixed":
        yield ("quorum", "count"), "count is for rule: fixed"


def appeal_kind(appeal: dict) -> str:
    """The kind of appeal notice a body's ``appeal:`` gives (none, appeal, rectification …)."""
    return appeal.get("kind") or ("appeal" if appeal.get("appealable") else "none")


@rule("K226", "appeal-contradiction", scope="body", field="appeal.appealable")
def appeal_consistent(subject: BodySubject) -> Iterator[Finding]:
    """The appeal notice's appealable says the opposite of its kind.

    Why: the minutes print either an appeal notice or a statement that no appeal lies; the
    two fields must agree which.
    Example: ``appeal: {kind: none, appealable: true}``.
    Fix: remove appealable (kind is enough), or correct it.
    """
    appeal = subject.data.get("appeal") or {}
    kind = appeal_kind(appeal)
    if "kind" in appeal and "appealable" in appeal and appeal["appealable"] != (kind != "none"):
        yield ("appeal", "appealable"), f"contradicts kind: {kind}"


@rule("K227", "appeal-incomplete", scope="body", field="appeal")
def appeal_complete(subject: BodySubject) -> Iterator[Finding]:
    """An appeal notice without its provision, period or authority.

    Why: a claim for rectification or an appeal cites the provision it rests on, the period
    (e.g. 30 days, Hallintolaki 49 c §) and where it is made; a notice without them misleads.
    Example: ``appeal: {kind: rectification, period_days: 30}``.
    Fix: add provision, period_days and authority.
    """
    appeal = subject.data.get("appeal") or {}
    kind = appeal_kind(appeal)
    if kind != "none":
        for name in ("provision", "period_days", "authority"):
            if not appeal.get(name):
                yield ("appeal", name), f"an appeal notice of kind {kind} needs {name}"


@rule("K228", "unknown-standard-item", scope="body", field="item_titles")
def item_titles_standard(subject: BodySubject) -> Iterator[Finding]:
    """The titles of item_titles reword a standard item that does not exist.

    Why: only the standard items (opening, legality, checkers, previous_minutes, agenda,
    closing) have titles to reword; a misspelt one would be ignored.
    Example: ``item_titles: {poytakirja: {openning: Kokouksen avaus}}``.
    Fix: use a standard item's name (the message suggests the nearest).
    """
    for mtype, titles in (subject.data.get("item_titles") or {}).items():
        for std in titles:
            if std not in STANDARD_ITEMS:
                yield (
                    ("item_titles", mtype, std),
                    f"no standard item '{std}'" + suggest(std, STANDARD_ITEMS),
                )


@rule("K229", "main-body-without-languages", scope="body", field="languages")
def main_body_languages(subject: BodySubject) -> Iterator[Finding]:
    """A main body does not list its publication languages.

    Why: a state authority informs in Finnish and Swedish (Kielilaki 32 §); which languages a
    body publishes in is its decision, made once in body.yaml (a subcommittee follows its
    parent).
    Example: a body.yaml without ``languages:``.
    Fix: add ``languages: [fi, sv, en]`` (the first is the primary language).
    """
    # A subcommittee whose parent could not be built (K006, K008) is judged as a main body.
    if subject.parent is None and not subject.data.get("languages"):
        yield ("languages",), "a main body must list its publication languages"
