"""The annual report's summary, in every publication language, from one set of facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale

from .. import i18n
from ..model import Meeting
from ..volume import Statement
from .annual_matters import MatterSections
from .common import join_names


@dataclass(frozen=True)
class YearFacts:
    """What every summary sentence says, in whatever language: computed once, so the Finnish,
    Swedish and English summaries cannot disagree (which meetings count, which minutes are
    unchecked, and what that leaves out)."""

    held: tuple[Meeting, ...]
    lacking_quorum: tuple[Meeting, ...]
    unchecked: tuple[Meeting, ...]
    """Held meetings whose minutes are still a draft: their decisions and statements do not
    count yet (a decision stands once its minutes are checked)."""
    decisions: int
    """Decisions that stand: decision items decided with a quorum at checked meetings."""
    statements: tuple[Statement, ...]
    """Statements given at a meeting whose minutes are checked (or at no meeting)."""
    pending_statements: tuple[Statement, ...]
    """Statements dated on the day of a meeting whose minutes are unchecked."""
    subcommittee_meetings: int | None
    """None when the body has no subcommittees."""
    press_releases: int


def is_unchecked(meeting: Meeting) -> bool:
    return meeting.minutes is None or meeting.minutes.status == "draft"


class SummarySections(MatterSections):
    """The summaries part of the annual report's view."""

    def facts(self) -> YearFacts:
        held = tuple(self.held)
        unchecked = tuple(m for m in held if is_unchecked(m))
        pending_days = {m.date for m in unchecked}
        statements = self.volume.narrative.statements if self.volume.narrative else ()
        return YearFacts(
            held=held,
            lacking_quorum=tuple(m for m in held if not m.quorate),
            unchecked=unchecked,
            decisions=self.decision_count(),
            statements=tuple(s for s in statements if s.date not in pending_days),
            pending_statements=tuple(s for s in statements if s.date in pending_days),
            subcommittee_meetings=(
                sum(1 for v in self.subvolumes for m in v.meetings if m.status == "held")
                if self.volume.subcommittees
                else None
            ),
            press_releases=len(self.press_releases()),
        )

    def summaries(self) -> list[dict[str, Any]]:
        """The summary in each publication language, the report's own first, from the year's
        facts only: meetings and their dates, meetings without a quorum, decisions, minutes
        not yet checked and what they leave out, the subcommittees' meetings, statements and
        press releases (Kielilaki 32 §: the public is informed in Finnish and Swedish)."""
        facts = self.facts()
        others = [lang for lang in self.body.languages if lang != self.lang]
        return [self._summary(facts, lang) for lang in (self.lang, *others)]

    def _summary(self, facts: YearFacts, lang: str) -> dict[str, Any]:
        _ = i18n.translations(lang).gettext
        sentences = [
            *self._meeting_sentences(facts, lang),
            *self._decision_sentences(facts, lang),
            *self._publication_sentences(facts, lang),
        ]
        paragraphs = [" ".join(sentences)]
        if lang != self.lang:
            language = Locale.parse(self.lang).get_display_name(lang) or self.lang
            paragraphs.append(_("The full report is in %(language)s.") % {"language": language})
        return {
            "lang": lang,
            "heading": _("Summary"),
            "paragraphs": paragraphs,
            "own": lang == self.lang,
        }

    def _summary_name(self, lang: str) -> str:
        """The body as the summary's first sentence names it, with its abbreviation."""
        body = self.body
        name = body.display_name(lang)
        if lang == "en" and name.lower().startswith("the "):
            name = name[4:]  # the sentence gives the article
        if body.short_name and body.short_name not in name.split():
            name = f"{name} ({body.short_name})"
        return name

    def _noun(self, lang: str) -> str:
        body = self.body
        noun = body.noun.get(lang) if body.noun else body.display_name(lang)
        return noun[:1].upper() + noun[1:]

    def _meeting_sentences(self, facts: YearFacts, lang: str) -> list[str]:
        """The meetings held and their dates; those without a quorum."""
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        year, name, held = self.volume.year, self._summary_name(lang), facts.held
        if not held:
            return [_("In %(year)s the %(body)s held no meetings.") % {"year": year, "body": name}]
        sentences = [
            n_(
                "In %(year)s the %(body)s held %(count)s meeting: %(dates)s.",
                "In %(year)s the %(body)s held %(count)s meetings: %(dates)s.",
                len(held),
            )
            % {
                "year": year,
                "body": name,
                "count": i18n.number_words(len(held), lang),
                "dates": join_names([i18n.format_date(m.date, lang) for m in held], lang),
            }
        ]
        lacking = facts.lacking_quorum
        if lacking:
            sentences.append(
                n_(
                    "The meeting on %(dates)s was not quorate; no decisions were made at it.",
                    "The meetings on %(dates)s were not quorate; no decisions were made at them.",
                    len(lacking),
                )
                % {"dates": join_names([i18n.format_date(m.date, lang) for m in lacking], lang)}
            )
        return sentences

    def _decision_sentences(self, facts: YearFacts, lang: str) -> list[str]:
        """The decisions that stand, and the meetings whose minutes are not yet checked."""
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        noun, count = self._noun(lang), facts.decisions
        sentences = []
        if count:
            sentences.append(
                n_("%(noun)s made %(count)s decision.", "%(noun)s made %(count)s decisions.", count)
                % {"noun": noun, "count": i18n.number_words(count, lang)}
            )
        elif facts.held:
            sentences.append(_("%(noun)s made no decisions.") % {"noun": noun})
        if facts.unchecked:
            sentences.append(
                n_(
                    "The minutes of meeting %(numbers)s have not yet been checked, so its "
                    "decisions and statements are not counted here.",
                    "The minutes of meetings %(numbers)s have not yet been checked, so their "
                    "decisions and statements are not counted here.",
                    len(facts.unchecked),
                )
                % {"numbers": join_names([m.numbering for m in facts.unchecked], lang)}
            )
        return sentences

    def _publication_sentences(self, facts: YearFacts, lang: str) -> list[str]:
        """The subcommittees' meetings, the statements issued and the press releases."""
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        sentences = []
        sub = facts.subcommittee_meetings
        if sub:
            sentences.append(
                n_(
                    "Its subcommittees held %(count)s meeting.",
                    "Its subcommittees held %(count)s meetings.",
                    sub,
                )
                % {"count": i18n.number_words(sub, lang)}
            )
        elif sub == 0:
            sentences.append(_("Its subcommittees held no meetings."))
        for count, singular, plural in (
            (
                len(facts.statements),
                "During the year %(count)s statement was issued.",
                "During the year %(count)s statements were issued.",
            ),
            (
                facts.press_releases,
                "During the year %(count)s press release was published.",
                "During the year %(count)s press releases were published.",
            ),
        ):
            if count:
                sentences.append(
                    n_(singular, plural, count) % {"count": i18n.number_words(count, lang)}
                )
        if not facts.press_releases:
            sentences.append(_("No press releases were published during the year."))
        return sentences
