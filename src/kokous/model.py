"""The typed document model between loading and rendering.

Records (YAML) are validated and turned into these objects by :mod:`kokous.records`; templates
read only these objects. Derived facts (§ numbers, meeting numbers, quorum, roles on a date) are
computed once, at load time, and stored here, so no template computes anything.

This module holds the records' parts: translatable texts, a body (``body.yaml``) and a meeting
(``meetings/*.yaml``). A body's year, the unit a check job builds, is :mod:`kokous.volume`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

Lang = str  # "fi" | "sv" | "en"
Visibility = Literal["public", "internal", "confidential"]
PostKind = Literal[
    "chair", "vice_chair", "secretary_general", "secretary", "member", "deputy", "permanent_expert"
]

#: Posts whose holders vote. A deputy votes only while standing in for an absent member.
VOTING_POSTS: frozenset[str] = frozenset({"chair", "vice_chair", "member"})
#: Posts of the secretariat and experts: present at meetings, no vote.
NON_VOTING_POSTS: frozenset[str] = frozenset({"secretary_general", "secretary", "permanent_expert"})


@dataclass(frozen=True)
class Text:
    """A translatable text: one string per language, the body's primary language first."""

    values: dict[Lang, str]
    """Language code to text. Never empty."""
    primary: Lang
    """The language a plain string in the record was written in."""

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, else in the primary language."""
        return self.values.get(lang) or self.values[self.primary]

    def has(self, lang: Lang) -> bool:
        """True when the record gives this text in ``lang`` itself."""
        return bool(self.values.get(lang))

    def __str__(self) -> str:  # the primary language, for messages and logs
        return self.values[self.primary]


@dataclass(frozen=True)
class Organisation:
    id: str
    """Key in the roster, e.g. ``tem``."""
    name: Text
    """Full name, in the case used in running text ("työ- ja elinkeinoministeriö")."""
    short_name: Text | None
    """Abbreviation used in contact lines ("TEM"), if any."""

    def label(self, lang: Lang) -> str:
        """Short name if there is one, else the full name."""
        return (self.short_name or self.name).get(lang)


@dataclass(frozen=True)
class JobTitle:
    title: Text
    """The person's own job title, e.g. "ylijohtaja"."""
    organisation: str | None
    """Organisation id the title is held in."""
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    """Full name as published ("Tiina Korhonen")."""
    titles: tuple[JobTitle, ...]
    """Job titles over time; a person's title changes, posts in the body are memberships."""
    genitive: str | None = None
    """The Finnish genitive of the full name ("Kaisa Kuvitelman"), when the record gives it;
    otherwise :func:`kokous.i18n.finnish_genitive` derives it where the ending allows."""

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def title_on(self, day: dt.date) -> JobTitle | None:
        """The job title held on ``day`` (the latest that started by then)."""
        held = [
            t
            for t in self.titles
            if (t.start is None or t.start <= day) and (t.end is None or day <= t.end)
        ]
        return held[-1] if held else None


@dataclass(frozen=True)
class Membership:
    person: str
    post: PostKind
    on_behalf_of: str | None
    """Organisation id the person represents."""
    deputy_for: str | None
    """For ``post == "deputy"``: the person id of the member this personal deputy stands in for
    (when the deputy is tied to a person rather than to a seat)."""
    start: dt.date
    end: dt.date | None
    seat: str | None = None
    """Seat id (paikka): a member and the personal deputy of that seat share it, so the deputy
    stands in for whoever holds the seat on the day, across changes of member."""

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def votes(self) -> bool:
        return self.post in VOTING_POSTS


@dataclass(frozen=True)
class Contact:
    person: str
    role: Text | None
    """The contact's role for this body, e.g. "neuvottelukunnan pääsihteeri"."""
    phone: str | None
    phone_public: bool
    """A phone number marked non-public appears only in the internal edition."""


@dataclass(frozen=True)
class Mailbox:
    """An e-mail address with the name a mail client shows for it (in the message's language)."""

    address: str
    """``tyonvk@example.fi``: ASCII, as the schema allows."""
    name: Text | None
    """The display name ("Työllisyyden edistämisen neuvottelukunnan sihteeristö"), if any."""


@dataclass(frozen=True)
class MailSettings:
    """Who the body's e-mails come from and go to (``mail:`` in body.yaml or the config).
    None where neither says: :mod:`kokous.mail` then refuses the e-mail that needs it."""

    sender: Mailbox | None = None
    """``from``: the sender of every e-mail, and the calendar event's ORGANIZER."""
    reply_to: Mailbox | None = None
    """``reply_to``: where replies go, when not to the sender."""
    newsroom: Mailbox | None = None
    """``newsroom``: the recipient of the press release e-mails (the media list)."""
    members: Mailbox | None = None
    """``members``: the recipient of the invitations (the members' and deputies' list)."""


@dataclass(frozen=True)
class QuorumRule:
    rule: Literal["more_than_half", "at_least_half", "at_least_one_third", "fixed"]
    chair_required: bool
    """True when the chair or the vice-chair must be present."""
    count: int | None = None
    """For ``rule == "fixed"``: the number of voting members that must be present."""

    def required(self, seats: int) -> int:
        """Smallest number of filled voting seats that makes a quorum out of ``seats``."""
        if self.rule == "fixed":
            return self.count or 0
        return {
            "more_than_half": seats // 2 + 1,
            "at_least_half": (seats + 1) // 2,
            "at_least_one_third": (seats + 2) // 3,
        }[self.rule]


@dataclass(frozen=True)
class Appeal:
    kind: Literal["none", "rectification", "appeal"]
    """What may be sought against the body's decisions: ``none`` (advisory or preparatory:
    no appeal lies), ``rectification`` (oikaisuvaatimus) or ``appeal`` (valitus). The
    appeal statement's wording follows from it; only the provision and authority are data."""
    provision: Text | None
    """The provision the statement cites: the one that bars appeal for ``none``, the one that
    grants rectification or appeal otherwise."""
    period_days: int | None = None
    """Days from notification within which to claim rectification or appeal."""
    authority: Text | None = None
    """Where the claim or appeal is addressed (e.g. "Helsingin hallinto-oikeus")."""

    @property
    def appealable(self) -> bool:
        return self.kind != "none"


@dataclass(frozen=True)
class Established:
    """Where the parent body set up a subcommittee."""

    meeting: str
    """Meeting key (file stem) of the parent's meeting."""
    item: str
    """Item id in that meeting; its § number is derived."""


@dataclass
class Body:
    id: str
    """Folder name under ``records/``, e.g. ``tyonvk``."""
    path: str
    """The record file, for messages."""
    name: Text
    short_name: str | None
    noun: Text | None
    """The common noun in running text ("neuvottelukunta", "jaosto")."""
    languages: tuple[Lang, ...]
    """Publication languages; the first is the primary language."""
    parent: str | None
    """Parent body id for a subcommittee."""
    mandate: Text | None
    established: Established | None
    host: str | None
    legal_basis: Text | None
    appointed_on: dt.date | None
    appointed_by: Text | None
    term_start: dt.date | None
    term_end: dt.date | None
    term_description: Text | None
    tasks: Text | None
    quorum: QuorumRule
    minutes_type: Literal["poytakirja", "muistio"]
    appeal: Appeal
    about_heading: Text | None
    about_text: Text | None
    full_name: Text | None
    """The name with the parent's, for a subcommittee's headings ("Työllisyyden edistämisen
    valtakunnallisen neuvottelukunnan tietojaosto"), as the record spells it."""
    item_titles: dict[str, dict[str, Text]]
    """Standard item titles the body sets itself, by minutes type, then standard item."""
    website_label: Text | None
    website_url: Text | None
    """The web page, per language when the record gives one per language."""
    email_pattern: Text | None
    contacts: tuple[Contact, ...]
    agenda_publication: Literal["before_meeting", "after_meeting", "never"]
    """When the public edition holds a meeting's agenda (esityslistan julkaisu): from the
    invitation on, once the meeting is held, or never (the internal edition always does)."""
    organisations: dict[str, Organisation]
    """Own roster plus, for a subcommittee, the parent's (shared persons and organisations)."""
    persons: dict[str, Person]
    memberships: tuple[Membership, ...]
    personal_data_display_days: int | None = None
    """Display period (näyttöaika) of non-members' names in the public edition, in days from
    the minutes' check; None keeps them."""
    mail: MailSettings = field(default_factory=MailSettings)
    """The addresses of the body's e-mails, its own over its parent's (``members`` its own
    only); the config's ``mail`` fills what both leave unset."""

    @property
    def primary_language(self) -> Lang:
        return self.languages[0]

    def memberships_on(self, day: dt.date) -> list[Membership]:
        return [m for m in self.memberships if m.active_on(day)]

    def membership_of(self, person: str, day: dt.date) -> Membership | None:
        for m in self.memberships:
            if m.person == person and m.active_on(day):
                return m
        return None

    def principal_of(self, deputy: Membership, day: dt.date) -> str | None:
        """The member a personal deputy stands in for on ``day``: the holder of the deputy's
        seat then, else the member named by ``deputy_for``."""
        if deputy.seat:
            for m in self.memberships_on(day):
                if m.seat == deputy.seat and m.post != "deputy":
                    return m.person
            return None
        return deputy.deputy_for

    def display_name(self, lang: Lang) -> str:
        """The name used in headings: the full name with the parent's, else the name."""
        return (self.full_name or self.name).get(lang)

    def holder(self, post: str, day: dt.date) -> str | None:
        """Person id holding ``post`` on ``day`` (first one), e.g. the chair."""
        for m in self.memberships_on(day):
            if m.post == post:
                return m.person
        return None


@dataclass(frozen=True)
class Attendance:
    person: str
    status: Literal["present", "remote", "absent"]
    reason: str | None
    """Reason for absence: personal data, internal edition only."""
    arrived_at: str | None
    """Item id at which the person arrived (None: from the start)."""
    left_after: str | None
    """Item id after which the person left (None: stayed to the end)."""
    membership: Membership | None
    """The person's membership on the meeting date (derived)."""
    deputising_for: str | None
    """Derived: person id of the absent member this deputy attends for."""

    @property
    def attends(self) -> bool:
        return self.status != "absent"


@dataclass(frozen=True)
class Guest:
    name: str
    organisation: Text | None
    role: Text | None
    items: tuple[str, ...]
    consent: bool
    """Whether the guest agreed to the publication of their name; without consent the name
    appears in the internal edition only."""


@dataclass(frozen=True)
class Motion:
    by: str
    seconded_by: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class Vote:
    """A vote (äänestys). Finnish minutes put two proposals against each other: those for the
    first vote JAA, those for the second EI, and a voter may vote blank (tyhjää)."""

    method: Literal["open", "named", "secret"]
    """open (avoin äänestys), named (nimenhuutoäänestys: who voted how is recorded) or secret
    (suljettu lippuäänestys)."""
    question: Text | None
    votes_for: int
    """JAA votes."""
    votes_against: int
    """EI votes."""
    abstain: int
    """Blank votes (tyhjää)."""
    named_for: tuple[str, ...]
    named_against: tuple[str, ...]
    named_abstain: tuple[str, ...]
    jaa: Text | None = None
    """The proposal voted for with JAA, in the nominative ("päätösehdotus")."""
    ei: Text | None = None
    """The proposal voted for with EI ("Heikki Henkilön ehdotus")."""
    lot: Literal["jaa", "ei"] | None = None
    """On a tie, the side the lot (arpa) fell on."""
    winner: Literal["jaa", "ei"] | None = None
    """Derived: the side that won, by votes, by the lot on a tie, else by the chair's vote."""
    tie_broken_by: Literal["lot", "chair"] | None = None
    """Derived: how a tie was resolved."""


@dataclass(frozen=True)
class Dissent:
    person: str
    text: Text | None


@dataclass(frozen=True)
class Conflict:
    """A disqualification (esteellisyys): the member takes no part in the item."""

    person: str
    note: Text | None
    """The ground (esteellisyysperuste), e.g. "hallintolaki 28 § 1 mom. 5 k"."""


@dataclass(frozen=True)
class Attachment:
    number: int
    """Derived: running number within the meeting (Liite 1, 2, …)."""
    title: Text
    visibility: Visibility
    legal_basis: Text | None
    """The provision that makes it non-public, per language ("JulkL 24 § 1 mom. 7 k")."""


@dataclass(frozen=True)
class Item:
    id: str
    number: int
    """Derived § number, running through the calendar year per body."""
    standard: str | None
    """opening | legality | checkers | previous_minutes | agenda | next_meeting | closing, else
    None."""
    title: Text
    """For standard items the title comes from the message catalogs (filled at render time
    when the record gives none): see ``standard``."""
    has_title: bool
    """False when the record left the title to the standard item's catalog label."""
    theme: Text | None
    kind: Literal["decision", "information"]
    visibility: Visibility
    legal_basis: Text | None
    """The provision that makes a non-public item non-public, per language."""
    public_title: bool
    """Whether the title of a non-public item may be published."""
    presenter: str | None
    background: Text | None
    proposal: Text | None
    discussion: Text | None
    motions: tuple[Motion, ...]
    vote: Vote | None
    decision: Text | None
    dissents: tuple[Dissent, ...]
    conflicts: tuple[Conflict, ...]
    attachments: tuple[Attachment, ...]
    outcome: Literal["decided", "noted", "deferred", "returned", "withdrawn"] = "decided"
    """What happened to the item: decided (päätettiin), noted (merkittiin tiedoksi), deferred
    (asia siirrettiin), returned (palautettiin valmisteluun), withdrawn (poistettiin
    esityslistalta). Without a quorum nothing can be decided."""
    quorum: Quorum | None = None
    """Derived: the quorum while the item was handled (arrivals, departures and
    disqualifications counted)."""
    added_at_meeting: bool = False
    """The meeting added the item to its agenda (kokouksessa lisätty asia): it is in the
    minutes, not in the agenda that was sent."""

    @property
    def on_agenda(self) -> bool:
        """True for an item of the agenda that was sent (withdrawn and deferred ones too)."""
        return not self.added_at_meeting

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def decided(self) -> bool:
        """True when the item holds a valid decision: a decision item, decided, with a quorum."""
        return (
            self.kind == "decision"
            and self.outcome == "decided"
            and (self.quorum is None or self.quorum.reached)
        )

    @property
    def below_quorum(self) -> bool:
        return self.quorum is not None and not self.quorum.reached

    def without_proceedings(self, **changes: object) -> Item:
        """The item without what the meeting did with it (discussion, motions, vote,
        decision, dissents, conflicts declared), and with ``changes``: the agenda shows what
        was known before the meeting, a non-public item's public minutes none of it."""
        return replace(
            self,
            discussion=None,
            motions=(),
            vote=None,
            decision=None,
            dissents=(),
            conflicts=(),
            **changes,
        )


@dataclass(frozen=True)
class Quote:
    person: str
    intro: Text
    """The sentence that introduces the quote and names the speaker, e.g. "… Tiina Korhonen
    kertoo …:"."""
    text: Text
    end: str
    """Punctuation after the closing quotation mark ("" or ".")."""


@dataclass(frozen=True)
class PressBlock:
    """One block of the press release body, in order."""

    text: Text | None
    quote: Quote | None
    list_intro: Text | None
    list_items: tuple[Text, ...]
    subcommittees: tuple[str, ...]
    """Body ids whose name and mandate are listed (with ``list_intro``)."""


@dataclass(frozen=True)
class Press:
    published: dt.datetime
    """Publication time (Europe/Helsinki, naive local time)."""
    embargo: bool
    """True when the release must not be public before ``published``."""
    headline: Text
    lead: Text
    blocks: tuple[PressBlock, ...]
    next_meeting: tuple[int, int, int | None] | None
    """(year, month, day or None) of the next meeting, for "Seuraava kokous järjestetään
    kesäkuussa."."""
    contacts: tuple[Contact, ...]
    """The release's contacts, else the body's."""


@dataclass(frozen=True)
class Minutes:
    status: Literal["draft", "checked", "approved"]
    checkers: tuple[str, ...]
    checked_on: dt.date | None
    approved_at: str | None
    """Meeting key of the meeting that approved the minutes."""


@dataclass(frozen=True)
class Quorum:
    """Derived: whether the meeting could decide, with the numbers the minutes state."""

    voting_members: int
    """Voting seats (chair, vice-chair, members) on the meeting date."""
    present: int
    """Voting seats filled: present members, plus deputies standing in for absent members."""
    required: int
    """Smallest number of filled seats that makes a quorum under the body's rule."""
    chair_present: bool
    reached: bool


@dataclass(frozen=True)
class SentInvitation:
    """One invitation as sent (``invitations`` in the meeting record): when, and the time and
    place it announced. The calendar event's SEQUENCE counts the changed ones."""

    sent: dt.datetime
    """When it was sent (naive Europe/Helsinki; a date alone is its midnight)."""
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: Text | None


@dataclass
class Meeting:
    key: str
    """File stem: ``2025-03-12`` or ``2025-03-12-2``."""
    path: str
    body: str
    date: dt.date
    number: int
    """Derived: running number within the body's calendar year (1/2025)."""
    status: Literal["planned", "held", "cancelled"]
    type: Literal["poytakirja", "muistio"]
    start: dt.time | None
    end: dt.time | None
    place: Text | None
    mode: Literal["in_person", "remote", "hybrid"]
    remote_link: str | None
    """The link to join a remote or hybrid meeting (etäyhteys); internal documents only."""
    language: Lang
    invitation_sent: dt.date | None
    attendance: tuple[Attendance, ...]
    guests: tuple[Guest, ...]
    items: tuple[Item, ...]
    minutes: Minutes | None
    press: Press | None
    quorum: Quorum | None
    """Derived for held meetings."""
    quorum_lacking_acknowledged: bool = False
    """The record acknowledges that the meeting lacked a quorum (päätösvaltaisuus puuttui)."""
    invitations: tuple[SentInvitation, ...] = ()
    """The invitations sent, oldest first, with what each announced (``invitations``)."""
    planned_start: dt.time | None = None
    """The start time the invitation gave (known before the meeting; the agenda shows it)."""
    planned_end: dt.time | None = None
    """The end time the invitation gave; ``start`` and ``end`` are what happened."""

    @property
    def quorate(self) -> bool:
        """True unless the meeting was held without a quorum at its legality item."""
        return self.quorum is None or self.quorum.reached

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def numbering(self) -> str:
        return f"{self.number}/{self.date.year}"
