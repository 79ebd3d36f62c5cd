"""The desk's facts of a body's year: what its check job knows and the manifest does not
(headline, lead, publication time, embargo, minutes status, body names, publisher), written
by the check job as ``{year}.desk.json`` and merged by the publish steps (:mod:`kokous.desk`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .errors import BuildFailed


def _clean(text) -> dict[str, str]:
    """A record text per language as it should print: the documents' own cleaning (control
    and bidi-override characters dropped, whitespace collapsed), so a desk page or feed shows
    exactly what the document shows."""
    from .render import clean_text

    return {lang: clean_text(value) for lang, value in text.values.items()}


def volume_facts(volume) -> dict[str, object]:
    """The desk facts of one body's year, JSON-ready, written by its check job."""
    body = volume.body
    meetings = {}
    for m in volume.meetings:
        press = None
        if m.press:
            press = {
                "published": m.press.published.isoformat(timespec="minutes"),
                "embargo": m.press.embargo,
                "headline": _clean(m.press.headline),
                "lead": _clean(m.press.lead),
            }
        meetings[m.key] = {
            "date": m.date.isoformat(),
            "number": m.number,
            "status": m.status,
            "type": m.type,
            "minutes": m.minutes.status if m.minutes else None,
            "press": press,
        }
    return {"body": body_facts(body), "meetings": meetings}


def _clean_str(value: str | None) -> str | None:
    from .render import clean_text

    return clean_text(value) if value else value


def body_facts(body) -> dict[str, object]:
    host = body.organisations.get(body.host) if body.host else None
    return {
        "id": body.id,
        "name": _clean(body.name),
        "short_name": _clean_str(body.short_name),
        "languages": list(body.languages),
        "parent": body.parent,
        # The host ministry publishes the body's documents (record field ``host``).
        "publisher": _clean(host.name) if host else None,
        # How long guests' names stay in the public edition: the desk states the policy.
        "display_days": body.personal_data_display_days,
    }


@dataclass
class BodyFacts:
    id: str
    name: dict[str, str]
    short_name: str | None
    languages: list[str]
    parent: str | None
    publisher: dict[str, str] | None = None
    display_days: int | None = None
    """The body's display period of non-members' names in the public edition."""
    meetings: dict[str, dict] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.languages[0] if self.languages else "fi"

    def title(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get(self.lang) or self.id


def gather_facts(year_facts: Sequence[dict], artifacts: Sequence[Mapping]) -> dict[str, BodyFacts]:
    """Merge the body-years' desk facts: every body and meeting the artifacts name has some."""
    bodies: dict[str, BodyFacts] = {}

    def merge(facts: dict) -> None:
        b = facts["body"]
        target = bodies.setdefault(
            b["id"],
            BodyFacts(
                b["id"],
                b["name"],
                b["short_name"],
                b["languages"],
                b["parent"],
                b.get("publisher"),
                b.get("display_days"),
            ),
        )
        target.meetings.update(facts.get("meetings") or {})

    for facts in year_facts:
        merge(facts)
    missing = sorted(
        {
            f"{a['body']}/{a['year']}"
            for a in artifacts
            # The OParl export's entries name no body.
            if (a["body"] is not None and a["body"] not in bodies)
            or (a.get("meeting") and a["meeting"] not in bodies[a["body"]].meetings)
        }
    )
    if missing:
        raise BuildFailed(f"no desk facts for {', '.join(missing)}; run snakemake again")
    return bodies
