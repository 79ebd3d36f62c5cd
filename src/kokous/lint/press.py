"""K40x: the press release block of a meeting: house style, dates and languages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from ..model import Press, Text
from .minutes import LANGUAGE_NAMES
from .registry import FieldPath, Finding, rule
from .subjects import MeetingSubject

HEADLINE_MAX = 100
# A sentence ends in . ! or ? followed by a space; "12.3.2025" and "klo 13.00" do not end one.
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]*\s+")


@rule("K401", "quote-intro-without-speaker", scope="meeting", field="press.body[].quote.intro")
def quote_names_speaker(subject: MeetingSubject) -> Iterator[Finding]:
    """A quote's introduction does not name the speaker.

    Why: a direct quote in a press release is attributed by name and title ("…, sanoo
    puheenjohtaja Anna Asiakas").
    Example: ``intro: Puheenjohtaja sanoo`` for a quote by asiakas.
    Fix: name the speaker in the introduction (any inflection of the surname will do).
    """
    press = subject.meeting.press
    for i, block in enumerate(press.blocks if press else ()):
        person = subject.body.persons.get(block.quote.person) if block.quote else None
        if not person or not block.quote:
            continue
        stem = person.surname[: max(4, len(person.surname) - 2)]
        for lang, intro in block.quote.intro.values.items():
            if stem.lower() not in intro.lower():
                yield (
                    ("press", "body", i, "quote", "intro", lang),
                    f"the introduction must name the speaker, {person.name}",
                )


def next_meeting_days(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a press release's ``next_meeting`` (``YYYY-MM-DD`` or
    ``YYYY-MM``) can mean; None for a date that does not exist (the reader reports it)."""
    parts = [int(x) for x in value.split("-")]
    try:
        first = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return first, first if len(parts) > 2 else dt.date(parts[0], parts[1], 28)


@rule("K402", "next-meeting-not-after", scope="meeting", field="press.next_meeting")
def next_meeting_later(subject: MeetingSubject) -> Iterator[Finding]:
    """The press release's next meeting is not after this one.

    Why: "the next meeting is on …" announces a later date.
    Example: ``next_meeting: 2025-03`` in the press release of 12.3.2025.
    Fix: give the next meeting's date (or month).
    """
    press = subject.data.get("press") or {}
    days = next_meeting_days(press["next_meeting"]) if press.get("next_meeting") else None
    if days and days[1] <= subject.meeting.date:
        yield (
            ("press", "next_meeting"),
            f"the next meeting ({press['next_meeting']}) is not after this one",
        )


def _where(subject: MeetingSubject, name: str, lang: str) -> FieldPath:
    given = subject.data["press"][name]
    return ("press", name, lang) if isinstance(given, dict) else ("press", name)


@rule("K403", "headline-too-long", scope="meeting", field="press.headline", severity="warning")
def headline_length(subject: MeetingSubject) -> Iterator[Finding]:
    """A headline over 100 characters.

    Why: house style (valtioneuvosto.fi): a headline of about 60-70 characters, never over 100.
    Example: a headline that lists every decision of the meeting.
    Fix: shorten it; the lead and the text carry the rest.
    """
    press = subject.meeting.press
    for lang, headline in press.headline.values.items() if press else ():
        if len(headline) > HEADLINE_MAX:
            yield (
                _where(subject, "headline", lang),
                (
                    f"the headline is {len(headline)} characters; house style is about 60-70, "
                    f"at most {HEADLINE_MAX}"
                ),
            )


@rule("K404", "lead-too-long", scope="meeting", field="press.lead", severity="warning")
def lead_sentences(subject: MeetingSubject) -> Iterator[Finding]:
    """A lead of more than two sentences.

    Why: house style: the lead says who, what, when and where in at most two sentences.
    Example: a lead of three sentences.
    Fix: move the rest into the text.
    """
    press = subject.meeting.press
    for lang, lead in press.lead.values.items() if press else ():
        count = len(_SENTENCE_END.findall(lead.rstrip() + " "))
        if count > 2:
            yield (
                _where(subject, "lead", lang),
                f"the lead has {count} sentences; house style is at most two",
            )


def press_texts(press: Press) -> Iterable[tuple[FieldPath, Text | None]]:
    """Every text a press release prints, with its field."""
    yield ("press", "headline"), press.headline
    yield ("press", "lead"), press.lead
    for i, b in enumerate(press.blocks):
        where = ("press", "body", i)
        yield (*where, "text"), b.text
        if b.quote:
            yield (*where, "quote", "intro"), b.quote.intro
            yield (*where, "quote", "text"), b.quote.text
        key = "subcommittees" if b.subcommittees else "list"
        yield (*where, key, "intro"), b.list_intro
        for j, x in enumerate(b.list_items):
            yield (*where, "list", "items", j), x
    for i, c in enumerate(press.contacts):
        yield ("press", "contacts", i, "role"), c.role


@rule("K405", "press-language-missing", scope="meeting", field="press")
def press_languages(subject: MeetingSubject) -> Iterator[Finding]:
    """A press release text lacks one of the body's publication languages.

    Why: a state authority informs the public in Finnish and Swedish (Kielilaki 32 §); the
    body's ``languages:`` lists what it publishes, and each needs every text.
    Example: ``headline: {fi: …, en: …}`` in a body publishing in fi, sv and en.
    Fix: add the missing language's text (``sv:``).
    """
    press, body = subject.meeting.press, subject.body
    for lang in body.languages if press else ():
        for where, text in press_texts(press):
            if text is not None and not text.has(lang):
                yield (
                    (*where, lang),
                    (
                        f"missing the {LANGUAGE_NAMES.get(lang, lang)} text ({lang}:); "
                        f"{body.id} publishes in {', '.join(body.languages)}"
                    ),
                )


@rule("K406", "published-before-meeting", scope="meeting", field="press.published")
def published_after_meeting(subject: MeetingSubject) -> Iterator[Finding]:
    """A press release published before its meeting.

    Why: the release tells what the meeting did; it cannot come out before it.
    Example: ``published: 2024-03-12T16:00`` for the meeting of 12.3.2025.
    Fix: check the year or the date.
    """
    press, date = subject.meeting.press, subject.meeting.date
    published = press.published.date() if press else None
    if published and published < date:
        yield (
            ("press", "published"),
            f"the press release is published on {published}, before the meeting ({date})"
            + ("; check the year" if published.year != date.year else "; check the date"),
        )


@rule("K407", "published-long-after", scope="meeting", field="press.published", severity="warning")
def published_soon(subject: MeetingSubject) -> Iterator[Finding]:
    """A press release published more than a month after its meeting.

    Why: news of a meeting comes out the same day or soon after; a month later is usually a
    wrong month.
    Example: ``published: 2025-05-12T16:00`` for the meeting of 12.3.2025.
    Fix: check the date.
    """
    press, date = subject.meeting.press, subject.meeting.date
    published = press.published.date() if press else None
    if published and published >= date and (published - date).days > 31:
        yield (
            ("press", "published"),
            (
                f"the press release is published {(published - date).days} days after the "
                f"meeting ({date}); check the date"
            ),
        )
