"""How the minutes state a vote and the motions put: method, proposals, counts, named votes
and which proposal won."""

from __future__ import annotations

from .. import i18n
from ..model import Item, Vote
from .minutes_view import MinutesViewBase


class VoteSentences(MinutesViewBase):
    """The motions and votes part of the minutes' view."""

    def vote(self, item: Item) -> str | None:
        """The vote as Finnish minutes state it: the method, the two proposals (JAA/EI), the
        counts of JAA, EI and blank votes, who voted how in a named vote, and which proposal
        won (by votes, by lot, or by the chair's vote on a tie)."""
        v = item.vote
        if v is None:
            return None
        _, lang = self._, self.lang
        method = {
            "open": "An open vote was taken.",
            "named": "A roll-call vote was taken.",
            "secret": "A secret ballot was taken.",
        }
        parts = [_(method[v.method])]
        if v.jaa and v.ei:
            parts.append(
                _("Question put to the vote: JAA \u2013 %(jaa)s, EI \u2013 %(ei)s.")
                % {"jaa": v.jaa.get(lang), "ei": v.ei.get(lang)}
            )
        elif v.question:
            parts.append(f"{v.question.get(lang).rstrip('.')}.")
        parts.append(
            _("JAA %(jaa)s, EI %(ei)s, blank %(blank)s.")
            % {"jaa": v.votes_for, "ei": v.votes_against, "blank": v.abstain}
        )
        # A roll-call vote always names the voters; an open vote does where the record gives
        # them (the body's practice); a secret ballot never does.
        if v.method != "secret":
            for label, names in (
                ("JAA: %(names)s.", v.named_for),
                ("EI: %(names)s.", v.named_against),
                ("Blank: %(names)s.", v.named_abstain),
            ):
                if names:
                    parts.append(_(label) % {"names": self._names(names)})
        outcome = vote_outcome(v, lang)
        if outcome:
            parts.append(outcome)
        return " ".join(parts)

    def motions(self, item: Item) -> list[str]:
        _, lang = self._, self.lang
        lines = []
        for motion in item.motions:
            text = _("%(name)s moved: %(text)s") % {
                "name": self.body.persons[motion.by].name,
                "text": i18n.quote(motion.text.get(lang), lang),
            }
            if motion.seconded_by:
                text += " " + _("The motion was seconded by %(names)s.") % {
                    "names": self._names(motion.seconded_by)
                }
            else:
                text += " " + _("The motion lapsed for want of a seconder.")
            lines.append(text)
        return lines


def vote_outcome(v: Vote, lang: str) -> str | None:
    """Which proposal won, and how: "Päätösehdotus hyväksyttiin äänin 7\u20132." (by votes, by lot,
    or by the chair's vote on a tie); None when the record does not name both proposals."""
    if not (v.winner and v.jaa and v.ei):
        return None
    _ = i18n.gettext_for(lang)
    won = (v.jaa if v.winner == "jaa" else v.ei).get(lang)
    won = won[:1].upper() + won[1:]
    high, low = max(v.votes_for, v.votes_against), min(v.votes_for, v.votes_against)
    if v.tie_broken_by == "lot":
        text = _("%(won)s was adopted by lot, the votes being tied %(high)s\u2013%(low)s.")
    elif v.tie_broken_by == "chair":
        text = _(
            "%(won)s was adopted by the chair's casting vote, the votes being tied "
            "%(high)s\u2013%(low)s."
        )
    else:
        text = _("%(won)s was adopted by %(high)s votes to %(low)s.")
    return text % {"won": won, "high": high, "low": low}
