"""The annual report's short summaries in the body's other publication languages."""

from __future__ import annotations

from typing import Any

from babel import Locale

from .. import i18n
from .annual_matters import MatterSections
from .common import join_names


class SummarySections(MatterSections):
    """The summaries part of the annual report's view."""

    # Summaries in the other publication languages ----------------------------------------
    def summaries(self) -> list[dict[str, Any]]:
        """A short summary in each publication language other than the report's, from the
        year's facts only: meetings and their dates, meetings without a quorum, decisions,
        minutes not yet checked, the subcommittees' meetings, statements and press releases
        (Kielilaki 32 §: the public is informed in Finnish and Swedish)."""
        return [self._summary(lang) for lang in self.body.languages if lang != self.lang]

    def _summary(self, lang: str) -> dict[str, Any]:
        _ = i18n.translations(lang).gettext
        sentences = [
            *self._meeting_sentences(lang),
            *self._decision_sentences(lang),
            *self._publication_sentences(lang),
        ]
        language = Locale.parse(self.lang).get_display_name(lang) or self.lang
        return {
            "lang": lang,
            "heading": _("Summary"),
            "paragraphs": [
                " ".join(sentences),
                _("The full report is in %(language)s.") % {"language": language},
            ],
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

    def _meeting_sentences(self, lang: str) -> list[str]:
        """The meetings held and their dates; those without a quorum."""
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        year, name, held = self.volume.year, self._summary_name(lang), self.held
        sentences = []
        if held:
            sentences.append(
                n_(
                    "In %(year)s the %(body)s held %(count)s meeting: %(dates)s.",
                    "In %(year)s the %(body)s held %(count)s meetings: %(dates)s.",
                    len(held),
                )
                % {
                    "year": year,
                    "body": name,
                    "count": len(held),
                    "dates": join_names([i18n.format_date(m.date, lang) for m in held], lang),
                }
            )
        else:
            sentences.append(
                _("In %(year)s the %(body)s held no meetings.") % {"year": year, "body": name}
            )
        lacking = [m for m in held if not m.quorate]
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

    def _decision_sentences(self, lang: str) -> list[str]:
        """The decisions that stand, and the meetings whose minutes are not yet checked."""
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        body, held = self.body, self.held
        noun = body.noun.get(lang) if body.noun else body.display_name(lang)
        noun = noun[:1].upper() + noun[1:]
        sentences = []
        decisions = self.decision_count()
        if decisions:
            sentences.append(
                n_(
                    "%(noun)s made %(count)s decision.",
                    "%(noun)s made %(count)s decisions.",
                    decisions,
                )
                % {"noun": noun, "count": decisions}
            )
        elif held:
            sentences.append(_("%(noun)s made no decisions.") % {"noun": noun})
        drafts = [m for m in held if m.minutes is None or m.minutes.status == "draft"]
        if drafts:
            sentences.append(
                n_(
                    "The minutes of meeting %(numbers)s have not yet been checked; its "
                    "decisions are not counted.",
                    "The minutes of meetings %(numbers)s have not yet been checked; their "
                    "decisions are not counted.",
                    len(drafts),
                )
                % {"numbers": join_names([m.numbering for m in drafts], lang)}
            )
        return sentences

    def _publication_sentences(self, lang: str) -> list[str]:
        """The subcommittees' meetings, the statements issued and the press releases."""
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        sentences = []
        if self.volume.subcommittees:
            sub_meetings = sum(1 for v in self.subvolumes for m in v.meetings if m.status == "held")
            if sub_meetings:
                sentences.append(
                    n_(
                        "Its subcommittees held %(count)s meeting.",
                        "Its subcommittees held %(count)s meetings.",
                        sub_meetings,
                    )
                    % {"count": sub_meetings}
                )
            else:
                sentences.append(_("Its subcommittees held no meetings."))
        statements = len(self.volume.narrative.statements) if self.volume.narrative else 0
        if statements:
            sentences.append(
                n_(
                    "During the year %(count)s statement was issued.",
                    "During the year %(count)s statements were issued.",
                    statements,
                )
                % {"count": statements}
            )
        releases = len(self.press_releases())
        if releases:
            sentences.append(
                n_(
                    "During the year %(count)s press release was published.",
                    "During the year %(count)s press releases were published.",
                    releases,
                )
                % {"count": releases}
            )
        else:
            sentences.append(_("No press releases were published during the year."))
        return sentences
