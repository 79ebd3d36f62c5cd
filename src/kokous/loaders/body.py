"""A body's record (``records/<id>/body.yaml``) as the model's :class:`~kokous.model.Body`;
a subcommittee's roster is its parent's, with the parent built first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import lint
from ..errors import RecordProblem, RecordsInvalid
from ..layout import body_ids
from ..lint import reading
from ..lint.settings import appeal_kind
from ..lint.subjects import BodySubject
from ..mail_records import mail_settings
from ..model import (
    Appeal,
    Body,
    Contact,
    Established,
    JobTitle,
    Membership,
    Organisation,
    Person,
    QuorumRule,
)
from ..recordpaths import display_path, link_problem
from ..schema import suggest
from .record import Record, date, read, text


def body_record(records: Path, body_id: str, problems: list[RecordProblem]) -> Record:
    """The body's record, read; RecordsInvalid when there is none to read."""
    path = records / body_id / "body.yaml"
    if reason := link_problem(records, path):
        shown = display_path(records, path)
        raise RecordsInvalid([RecordProblem(shown, 0, "", reason, code="K108")])
    if not path.is_file():
        where = f"records/{body_id}"
        raise RecordsInvalid([RecordProblem(where, 0, "", "no body.yaml here", code="K103")])
    return Record(path, display_path(records, path), "body", problems)


def load_body(
    records: Path, body_id: str, problems: list[RecordProblem], chain: tuple[str, ...] = ()
) -> Body:
    """Build one body (and its parent, first), then judge it by the body rules of
    :mod:`kokous.lint`; every problem goes to ``problems``."""
    rec = body_record(records, body_id, problems)
    parent = _parent(rec, records, body_id, problems, chain)
    body = build_body(rec, body_id, parent)
    lint.run("body", BodySubject(body, rec.data, parent, records), rec.problem)
    return body


def _parent(
    rec: Record,
    records: Path,
    body_id: str,
    problems: list[RecordProblem],
    chain: tuple[str, ...],
) -> Body | None:
    parent_id = rec.data.get("parent")
    if not parent_id:
        return None
    if parent_id == body_id or parent_id in chain:
        message = f"'{parent_id}' cannot be the parent: the chain loops"
        rec.problem(("parent",), message, code=reading.PARENT_LOOP)
        return None
    if not (records / parent_id / "body.yaml").is_file():
        message = f"no body '{parent_id}' under records/{suggest(parent_id, body_ids(records))}"
        rec.problem(("parent",), message, code=reading.UNKNOWN_BODY)
        return None
    parent = load_body(records, parent_id, problems, (*chain, body_id))
    if rec.data.get("established"):
        _check_established(rec, records, parent, rec.data["established"])
    return parent


def _roster(
    rec: Record, parent: Body | None, primary: str
) -> tuple[dict[str, Organisation], dict[str, Person]]:
    d, t = rec.data, lambda v: text(v, primary)
    organisations = dict(parent.organisations) if parent else {}
    for oid, o in (d.get("organisations") or {}).items():
        organisations[oid] = Organisation(oid, t(o["name"]), t(o.get("short_name")))
    persons = dict(parent.persons) if parent else {}
    for pid, p in (d.get("persons") or {}).items():
        titles = tuple(
            JobTitle(t(j["title"]), j.get("organisation"), date(j.get("start")), date(j.get("end")))
            for j in p.get("titles") or ()
        )
        persons[pid] = Person(pid, p["name"].strip(), titles, p.get("genitive"))
        for i, j in enumerate(p.get("titles") or ()):
            if j.get("organisation") and j["organisation"] not in organisations:
                _unknown_organisation(
                    rec,
                    ("persons", pid, "titles", i, "organisation"),
                    j["organisation"],
                    organisations,
                )
    return organisations, persons


def _unknown_organisation(rec: Record, where: tuple, oid: str, known: dict[str, Any]) -> None:
    message = f"no organisation '{oid}' in the roster" + suggest(oid, known)
    rec.problem(where, message, code=reading.UNKNOWN_ORGANISATION)


def _memberships(
    rec: Record, parent: Body | None, organisations: dict, persons: dict
) -> tuple[Membership, ...]:
    memberships = tuple(
        Membership(
            m["person"],
            m["post"],
            m.get("on_behalf_of"),
            m.get("deputy_for"),
            date(m["start"]),
            date(m.get("end")),
            m.get("seat"),
        )
        for m in rec.data.get("memberships") or ()
    )
    if parent is None and rec.data.get("parent"):
        return memberships  # the roster is the missing parent's: one error on parent says it all
    for i, m in enumerate(memberships):
        if m.person not in persons:
            message = f"no person '{m.person}' in the roster" + suggest(m.person, persons)
            rec.problem(("memberships", i, "person"), message, code=reading.UNKNOWN_PERSON)
        if m.on_behalf_of and m.on_behalf_of not in organisations:
            where = ("memberships", i, "on_behalf_of")
            _unknown_organisation(rec, where, m.on_behalf_of, organisations)
    return memberships


def contacts(
    rec: Record, where: tuple, value: Any, primary: str, persons: dict[str, Person]
) -> tuple[Contact, ...]:
    """The contacts (``Lisätietoja``) a body or a press release gives."""
    found = []
    for i, c in enumerate(value or ()):
        if c["person"] not in persons:
            message = f"no person '{c['person']}' in the roster" + suggest(c["person"], persons)
            rec.problem((*where, i, "person"), message, code=reading.UNKNOWN_PERSON)
        found.append(
            Contact(
                c["person"],
                text(c.get("role"), primary),
                c.get("phone"),
                bool(c.get("phone_public", False)),
            )
        )
    return tuple(found)


def build_body(rec: Record, body_id: str, parent: Body | None) -> Body:
    """The model of a body's record (``parent`` built already, or None)."""
    d = rec.data
    languages = tuple(d.get("languages") or (parent.languages[:1] if parent else ("fi",)))
    primary = languages[0]
    organisations, persons = _roster(rec, parent, primary)
    memberships = _memberships(rec, parent, organisations, persons)
    found_contacts = contacts(rec, ("contacts",), d.get("contacts"), primary, persons)
    if d.get("host") and d["host"] not in organisations:
        _unknown_organisation(rec, ("host",), d["host"], organisations)
    return Body(
        id=body_id,
        path=rec.display,
        languages=languages,
        parent=d.get("parent"),
        host=d.get("host") or (parent.host if parent else None),
        email_pattern=text(d.get("email_pattern"), primary)
        or (parent.email_pattern if parent else None),
        contacts=found_contacts or (parent.contacts if parent else ()),
        organisations=organisations,
        persons=persons,
        memberships=memberships,
        personal_data_display_days=d.get("personal_data_display_days")
        or (parent.personal_data_display_days if parent else None),
        mail=mail_settings(d.get("mail"), primary, parent.mail if parent else None),
        **_description(d, primary),
        **_settings(d, primary),
    )


def _description(d: dict[str, Any], primary: str) -> dict[str, Any]:
    """What a body's documents say about it: names, mandate, legal basis, term, tasks."""
    t = lambda v: text(v, primary)
    appointed, term = d.get("appointed") or {}, d.get("term") or {}
    about, website = d.get("about") or {}, d.get("website") or {}
    established = d.get("established")
    return {
        "name": t(d["name"]),
        "short_name": d.get("short_name"),
        "noun": t(d.get("noun")),
        "full_name": t(d.get("full_name")),
        "mandate": t(d.get("mandate")),
        "established": Established(established["meeting"], established["item"])
        if established
        else None,
        "legal_basis": t(d.get("legal_basis")),
        "appointed_on": date(appointed.get("date")),
        "appointed_by": t(appointed.get("by")),
        "term_start": date(term.get("start")),
        "term_end": date(term.get("end")),
        "term_description": t(term.get("description")),
        "tasks": t(d.get("tasks")),
        "about_heading": t(about.get("heading")),
        "about_text": t(about.get("text")),
        "website_label": t(website.get("label")),
        "website_url": t(website.get("url")),
    }


def _settings(d: dict[str, Any], primary: str) -> dict[str, Any]:
    """How a body works: quorum rule, kind of minutes, agenda publication, appeal, titles."""
    t = lambda v: text(v, primary)
    quorum, appeal = d.get("quorum") or {}, d.get("appeal") or {}
    return {
        "quorum": QuorumRule(
            quorum.get("rule", "more_than_half"),
            quorum.get("chair_required", True),
            quorum.get("count"),
        ),
        "minutes_type": d.get("minutes_type", "poytakirja"),
        "agenda_publication": d.get("agenda_publication", "never"),
        "appeal": Appeal(
            appeal_kind(appeal),
            t(appeal.get("provision")),
            appeal.get("period_days"),
            t(appeal.get("authority")),
        ),
        "item_titles": {
            mtype: {std: t(title) for std, title in titles.items()}
            for mtype, titles in (d.get("item_titles") or {}).items()
        },
    }


def item_ids(data: dict[str, Any]) -> list[str]:
    """Item ids of a meeting record, as the loader assigns them."""
    ids = []
    for i, it in enumerate(data.get("items") or ()):
        item_id = (it.get("id") or it.get("standard")) if isinstance(it, dict) else None
        ids.append(item_id if isinstance(item_id, str) else f"item{i + 1}")
    return ids


def _check_established(
    rec: Record, records: Path, parent: Body, established: dict[str, str]
) -> None:
    """``established`` names a meeting of the parent and an item in it."""
    key, item = established["meeting"], established["item"]
    path = records / parent.id / "meetings" / f"{key}.yaml"
    if not path.is_file() or link_problem(records, path):
        message = f"no meeting record {key}.yaml of {parent.id}"
        rec.problem(("established", "meeting"), message, code=reading.UNKNOWN_MEETING)
        return
    try:
        data, _ = read(path, display_path(records, path), "meeting")
    except RecordsInvalid:
        # That meeting reports its own errors (validate_tree, the parent's volume); checking
        # against a broken record would only add noise. The check runs again once it is fixed.
        return
    ids = item_ids(data)
    if item not in ids:
        message = f"no item '{item}' in {parent.id}'s meeting {key}{suggest(item, ids)}"
        rec.problem(("established", "item"), message, code=reading.UNKNOWN_ITEM)
