"""The annual report's matters: the items handled by theme with their decisions, the count of
decisions that stand, statements and press releases."""

from __future__ import annotations

from .. import i18n
from ..model import Item
from ..volume import Volume
from .annual_view import YearView
from .editions import is_embargoed
from .minutes_items import OUTCOMES
from .minutes_votes import vote_outcome
from .redaction import redact_meeting

#: Decision texts that say only that the proposal was adopted, in any of the languages (compared
#: in lower case, without the final full stop). The annual report lists a decision without its
#: item's proposal around it, so for these it says what the proposal was.
GENERIC_DECISIONS = frozenset(
    {
        # fi
        "ehdotus hyväksyttiin",
        "päätösehdotus hyväksyttiin",
        "esitys hyväksyttiin",
        "ehdotus hyväksyttiin yksimielisesti",
        "päätösehdotus hyväksyttiin yksimielisesti",
        "hyväksyttiin",
        "hyväksyttiin ehdotuksen mukaisesti",
        "hyväksyttiin päätösehdotuksen mukaisesti",
        "hyväksyttiin päätösehdotus",
        "päätösehdotus hyväksyttiin sellaisenaan",
        # sv
        "förslaget godkändes",
        "beslutsförslaget godkändes",
        "förslaget godkändes enhälligt",
        "godkändes",
        "godkändes enligt förslaget",
        "beslutsförslaget godkändes utan ändringar",
        # en
        "the proposal was adopted",
        "the proposal was approved",
        "proposal adopted",
        "proposal approved",
        "adopted",
        "approved",
        "adopted as proposed",
        "approved as proposed",
    }
)


def below_quorum_outcome(item: Item) -> str:
    """What became of an item handled without a quorum: the record's outcome (deferred,
    returned, withdrawn), else deferred: it could not be decided."""
    return item.outcome if item.outcome in ("deferred", "returned", "withdrawn") else "deferred"


def is_generic_decision(text: str, lang: str) -> bool:
    """True for a decision text that only says the proposal was adopted ("Ehdotus
    hyväksyttiin.", or the catalog's own sentence in ``lang``)."""
    norm = " ".join(text.split()).rstrip(".").casefold()
    own = i18n.gettext_for(lang)(OUTCOMES["decided"]).rstrip(".").casefold()
    return norm in GENERIC_DECISIONS or norm == own


class MatterSections(YearView):
    """The matters part of the annual report's view."""

    def _shown_items(self, volume: Volume):
        """(meeting, item) of the year's held meetings as the edition may show them: the
        public report leaves out meetings whose minutes are still a draft (a decision stands
        once its minutes are checked) and non-public items without a public title."""
        for m in volume.meetings:
            if m.status != "held":
                continue
            if self.public and (m.minutes is None or m.minutes.status == "draft"):
                continue
            shown = redact_meeting(m, self.lang) if self.public else m
            for item in shown.items:
                if item.standard or (self.public and not item.is_public and not item.public_title):
                    continue
                yield m, item

    def matters(
        self, volume: Volume | None = None, quorate: bool = True
    ) -> list[tuple[str, list[str]]]:
        """Non-standard items by theme, each "Title (5 §, 12.3.2025): decision"; with
        ``quorate=False`` the items handled while the meeting lacked a quorum, which the
        report sets apart so that none reads as a valid decision."""
        volume = volume or self.volume
        themes: dict[str, list[str]] = {}
        for m, item in self._shown_items(volume):
            if item.below_quorum == quorate:
                continue
            theme = item.theme.get(self.lang) if item.theme else self._("Other matters")
            line = f"{item.title.get(self.lang)} ({item.number} §, " + (
                f"{i18n.format_date_numeric(m.date)})"
            )
            if item.below_quorum:
                # Nothing was decided: the outcome, never a decision text (issue 21).
                line += f": {self._(OUTCOMES[below_quorum_outcome(item)])}"
            elif item.decision and item.decided:
                line += f": {self.decision_text(item)}"
            elif item.outcome not in ("decided", "noted"):
                line += f": {self._(OUTCOMES[item.outcome])}"
            themes.setdefault(theme, []).append(line)
        return list(themes.items())

    def decision_text(self, item: Item) -> str:
        """What was decided, readable without the minutes: the record's decision, unless it
        says only that the proposal was adopted; then which proposal won the vote, or the
        proposal itself ("Päätösehdotus hyväksyttiin: ”Neuvottelukunta päättää …”")."""
        assert item.decision is not None
        text = item.decision.get(self.lang)
        if not is_generic_decision(text, self.lang):
            return text
        v = item.vote
        if v is not None and v.winner == "ei":
            # The EI side won: "the proposal" is not what was adopted.
            return vote_outcome(v, self.lang) or text
        if item.proposal:
            return self._("The proposal was adopted: %(proposal)s") % {
                "proposal": i18n.quote(item.proposal.get(self.lang), self.lang)
            }
        return text

    def decision_count(self, volume: Volume | None = None) -> int:
        """Decisions that stand: decided with a quorum, at meetings whose minutes are
        checked or approved (in either edition)."""
        volume = volume or self.volume
        return sum(
            1
            for m, item in self._shown_items(volume)
            if item.decided and m.minutes is not None and m.minutes.status != "draft"
        )

    def statements(self) -> list[str]:
        """The year's statements; one given at a meeting whose minutes are not yet checked
        says so (the summary does not count it)."""
        n = self.volume.narrative
        if not n:
            return []
        pending = {
            m.date
            for m in self.volume.meetings
            if m.status == "held" and (m.minutes is None or m.minutes.status == "draft")
        }
        lines = []
        for s in n.statements:
            line = f"{i18n.format_date_numeric(s.date)}: {s.title.get(self.lang)}"
            if s.date in pending:
                line += f" ({self._('minutes not yet checked')})"
            lines.append(line)
        return lines

    def approval(self) -> str:
        """When the body approved the report (the year record's ``approved``), or that the
        report is a draft."""
        n, body = self.volume.narrative, self.body
        noun = body.noun.get(self.lang) if body.noun else body.display_name(self.lang)
        if n and n.approved:
            return self._("%(noun)s approved this annual report on %(date)s.") % {
                "noun": noun[:1].upper() + noun[1:],
                "date": i18n.format_date(n.approved, self.lang),
            }
        return self._("Draft: %(noun)s has not yet approved this annual report.") % {"noun": noun}

    def press_releases(self) -> list[str]:
        lines = []
        for m in self.volume.meetings:
            if m.press and not (self.public and is_embargoed(m, self.now)):
                lines.append(
                    f"{i18n.format_date_numeric(m.press.published.date())}: "
                    f"{m.press.headline.get(self.lang)}"
                )
        return lines
