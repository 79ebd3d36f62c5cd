"""The documents of a body-year: press releases, minutes and annual reports, per edition.

This is the API the build calls. It decides which documents exist (editions, embargo, draft
minutes), removes from the public edition what must not be published (by redacting the model
before any template sees it, so no template can leak it), composes the sentences that need
logic, and renders the templates into :class:`kokous.convert.Document` objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection
from pathlib import PurePosixPath
from typing import Any

from babel import Locale

from . import chart, i18n, plan
from .convert import Document
from .model import (
    Attachment,
    Attendance,
    Body,
    Contact,
    Guest,
    Item,
    Meeting,
    Membership,
    Text,
    Volume,
    Vote,
)
from .render import clean_text, render

EDITIONS = ("public", "internal")


def _converted(kind: str) -> tuple[str, ...]:
    """The formats of ``kind`` that pandoc and typst write (:mod:`kokous.mail` assembles the
    e-mail and calendar formats from them afterwards)."""
    return tuple(f for f in plan.KIND_FORMATS[kind] if f not in plan.MAIL_FORMATS)


PRESS_FORMATS = _converted("press-release")
MINUTES_FORMATS = _converted("minutes")
AGENDA_FORMATS = _converted("agenda")
ANNUAL_FORMATS = _converted("annual-report")

# The order posts are listed in, everywhere.
POST_ORDER = (
    "chair",
    "vice_chair",
    "member",
    "deputy",
    "secretary_general",
    "secretary",
    "permanent_expert",
)

Gettext = Callable[[str], str]


# ---------------------------------------------------------------------------------------------
# Public API


def meeting_documents(
    volume: Volume, edition: str, now: dt.datetime, keys: Collection[str] | None = None
) -> list[Document]:
    """Every meeting document of ``volume`` in ``edition`` (of the meetings ``keys`` only, when
    given) that pandoc and typst convert: press releases (one per publication language),
    agendas, and minutes (in the meeting's language) for held meetings. The invitations and
    e-mails made from them are :func:`kokous.mail.meeting_mails`'.

    Which documents exist is decided by :func:`kokous.plan.meeting_publications`, the same
    function the workflow's plan uses, so a job writes exactly the files it declares. The
    public edition leaves out draft minutes, press releases still under embargo at ``now``
    (naive Europe/Helsinki time, the build clock) and redacts non-public content.
    """
    _check_edition(edition)
    docs: list[Document] = []
    for meeting in volume.meetings:
        if keys is not None and meeting.key not in keys:
            continue
        shown_until = names_shown_until(volume.body, meeting)
        withdrawn = shown_until is not None and shown_until <= _naive(now)
        for kind, lang in publications(volume.body, meeting, edition, now):
            if kind == "press-release":
                docs.append(press_release(volume, meeting, lang, edition, now))
            elif kind == "agenda":
                docs.append(agenda(volume, meeting, edition))
            elif kind == "minutes":
                docs.append(minutes(volume, meeting, edition, names_withdrawn=withdrawn))
    return docs


def meeting_facts(body: Body, meeting: Meeting) -> plan.MeetingFacts:
    """The facts the plan decides a meeting's documents by, from the validated model."""
    return plan.MeetingFacts(
        key=meeting.key,
        status=meeting.status,
        language=meeting.language,
        has_press=meeting.press is not None,
        embargo_until=meeting.press.published if meeting.press and meeting.press.embargo else None,
        minutes_final=meeting.minutes is not None and meeting.minutes.status != "draft",
        names_shown_until=names_shown_until(body, meeting),
        has_items=bool(meeting.items),
        agenda_publication=body.agenda_publication,
    )


def publications(
    body: Body, meeting: Meeting, edition: str, now: dt.datetime
) -> list[tuple[str, str]]:
    """``(kind, lang)`` of the documents ``meeting`` yields in ``edition``: the plan's decision
    (:func:`kokous.plan.meeting_publications`) on the validated model."""
    return plan.meeting_publications(
        meeting_facts(body, meeting), body.languages, edition, _naive(now)
    )


def names_shown_until(body: Body, meeting: Meeting) -> dt.datetime | None:
    """When the meeting's published guest names leave the public edition (the body's display
    period), or None when it publishes none or sets no period."""
    if not any(g.consent for g in meeting.guests):
        return None
    checked = meeting.minutes.checked_on if meeting.minutes else None
    return plan.display_period_end(body.personal_data_display_days, checked, meeting.date)


def annual_report_documents(
    volume: Volume, subvolumes: list[Volume], edition: str, now: dt.datetime
) -> list[Document]:
    """The annual report of a body's year, covering its subcommittees (``subvolumes``), in the
    body's primary language."""
    _check_edition(edition)
    return [annual_report(volume, subvolumes, volume.body.primary_language, edition, now)]


# ---------------------------------------------------------------------------------------------
# Press release


def is_embargoed(meeting: Meeting, now: dt.datetime) -> bool:
    """True while the release must not be public: embargoed and not yet published at ``now``."""
    press = meeting.press
    return bool(press and press.embargo and press.published > _naive(now))


def press_release(
    volume: Volume, meeting: Meeting, lang: str, edition: str, now: dt.datetime
) -> Document:
    """The press release of ``meeting`` in ``lang`` (whether the edition holds it is the
    plan's decision: :func:`meeting_documents`)."""
    press = meeting.press
    assert press is not None
    body = volume.body
    _ = i18n.gettext_for(lang)
    embargoed = is_embargoed(meeting, now)
    public = edition == "public"
    contacts = [_contact_line(c, body, meeting.date, lang, public) for c in press.contacts]
    next_meeting = (
        i18n.month_phrase(*press.next_meeting, lang, this_year=meeting.year)
        if press.next_meeting
        else None
    )
    host = body.organisations.get(body.host) if body.host else None
    markdown = render(
        "press-release.md.j2",
        lang,
        body=body,
        meeting=meeting,
        press=press,
        subcommittees=volume.subcommittees,
        contacts=contacts,
        next_meeting=next_meeting,
        publisher=_capitalised(host.name.get(lang)) if host else None,
        languages=_language_versions(body, lang),
        related=_press_release_links(volume, meeting, lang, edition, now),
    )
    notices = []
    if embargoed:
        notices.append(
            _("Embargo until %(when)s") % {"when": i18n.format_datetime(press.published, lang)}
        )
    if not meeting.quorate:
        # The release is the record's own text; a meeting without a quorum decided nothing,
        # and the reader is told so whatever the text says.
        notices.append(_("The meeting was not quorate; no decisions were made."))
    banner = " · ".join(notices)
    return Document(
        stem=_stem(edition, body, volume.year, meeting.key, f"press-release.{lang}"),
        markdown=markdown,
        lang=lang,
        title=clean_text(press.headline.get(lang)),
        formats=PRESS_FORMATS,
        # A subcommittee's release names its parent too ("… neuvottelukunnan tietojaosto").
        header=f"{clean_text(body.display_name(lang))} · {_('Press release')} "
        f"{i18n.format_date_label(press.published.date(), lang)}",
        marking=_marking(edition, lang),
        banner=banner,
        **_issuer(body, lang),
        # A release published before its meeting (an announcement) is dated by the meeting.
        date=max(press.published.date(), meeting.date),
    )


def _capitalised(text: str) -> str:
    """ "työ- ja elinkeinoministeriö" as a line of its own: "Työ- ja elinkeinoministeriö"."""
    return text[:1].upper() + text[1:]


def _language_versions(body: Body, lang: str) -> list[dict[str, Any]]:
    """The language switch of a press release: every publication language by its own name
    ("suomi", "svenska", "English"), the current one unlinked. The files sit side by side, so
    each link is a bare file name (Markdown-escaped like every printed value: pandoc reads the
    escapes back)."""
    return [
        {
            "lang": other,
            "name": Locale.parse(other).get_display_name(other),
            "href": f"press-release.{other}.html" if other != lang else None,
        }
        for other in body.languages
    ]


def _press_release_links(
    volume: Volume, meeting: Meeting, lang: str, edition: str, now: dt.datetime
) -> list[dict[str, Any]]:
    """Links from a press release's HTML to the meeting's minutes (when the edition holds
    them: the plan decides, as for every document) and to the body's desk page."""
    _ = i18n.gettext_for(lang)
    links = []
    kinds = publications(volume.body, meeting, edition, now)
    for kind, minutes_lang in kinds:
        if kind == "minutes":
            label = _("Notes") if meeting.type == "muistio" else _("Minutes")
            if minutes_lang != lang:  # "Protokoll (finska)": the reader is told the language
                label += f" ({Locale.parse(minutes_lang).get_display_name(lang)})"
            links.append({"label": label, "href": f"minutes.{minutes_lang}.html", "lang": None})
    # {edition}/{body}/index.html, two folders up from {edition}/{body}/{year}/{meeting}/.
    links.append(
        {"label": _("All publications of the body"), "href": "../../index.html", "lang": None}
    )
    return links


def _contact_line(contact: Contact, body: Body, day: dt.date, lang: str, public: bool) -> str:
    """ "neuvottelukunnan pääsihteeri, erityisasiantuntija Jenni Wessman, TEM,
    etunimi.sukunimi@gov.fi" (role, job title on the day, name, organisation, phone when it
    may be published, e-mail pattern)."""
    _ = i18n.gettext_for(lang)
    person = body.persons[contact.person]
    title = person.title_on(day)
    parts = []
    if contact.role:
        parts.append(contact.role.get(lang))
    parts.append(f"{title.title.get(lang)} {person.name}" if title else person.name)
    org = title.organisation if title and title.organisation else None
    if org is None:
        membership = body.membership_of(person.id, day)
        org = membership.on_behalf_of if membership else None
    if org and org in body.organisations:
        parts.append(body.organisations[org].label(lang))
    if contact.phone and (contact.phone_public or not public):
        parts.append(f"{_('tel.')} {contact.phone}")
    if body.email_pattern:
        parts.append(body.email_pattern.get(lang))
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------------
# Minutes


def minutes(
    volume: Volume, meeting: Meeting, edition: str, names_withdrawn: bool = False
) -> Document:
    """The minutes (pöytäkirja) or notes (muistio) of a held meeting, in its language (draft
    minutes are internal only: the plan's decision, :func:`meeting_documents`). With
    ``names_withdrawn`` (the display period has ended) the public edition names guests by
    their role only."""
    body = volume.body
    lang = meeting.language
    _ = i18n.gettext_for(lang)
    draft = meeting.minutes is None or meeting.minutes.status == "draft"
    public = edition == "public"
    shown = redact_meeting(meeting, lang, names_withdrawn) if public else meeting
    kind = _("Minutes") if meeting.type == "poytakirja" else _("Notes")
    title = f"{kind} {meeting.numbering}"
    view = MinutesView(volume, shown, lang, public)
    markdown = render(
        "minutes.md.j2",
        lang,
        title=title,
        body=body,
        meeting=shown,
        v=view,
        formal=meeting.type == "poytakirja",
        draft=draft,
    )
    return _meeting_paper(
        volume,
        meeting,
        edition,
        "minutes",
        title,
        markdown,
        MINUTES_FORMATS,
        marking=_page_marking(shown, edition, lang, draft),
        banner=_("Draft") if draft else "",
    )


def _meeting_paper(
    volume: Volume,
    meeting: Meeting,
    edition: str,
    kind: str,
    title: str,
    markdown: str,
    formats: tuple[str, ...],
    marking: str,
    banner: str = "",
) -> Document:
    """A meeting's minutes or agenda as a document: in the meeting's language, titled and
    headed with the body's name, issued by the body and dated by the meeting (the paper of
    the meeting, whenever it was written)."""
    body = volume.body
    lang = meeting.language
    name = clean_text(body.display_name(lang))
    return Document(
        stem=_stem(edition, body, volume.year, meeting.key, f"{kind}.{lang}"),
        markdown=markdown,
        lang=lang,
        title=f"{name}: {title}",
        formats=formats,
        header=f"{name} · {title}",
        marking=marking,
        banner=banner,
        **_issuer(body, lang),
        date=meeting.date,
    )


# ---------------------------------------------------------------------------------------------
# Agenda


def agenda(volume: Volume, meeting: Meeting, edition: str) -> Document:
    """The agenda (esityslista) of a planned or held meeting, in its language: the items as
    the invitation sent them, numbered as their § will be, each with presenter, background,
    proposal and attachments. The public edition (when the body publishes agendas: the plan's
    decision) shows non-public items as the public minutes do, and no remote link."""
    body = volume.body
    lang = meeting.language
    _ = i18n.gettext_for(lang)
    public = edition == "public"
    shown = agenda_meeting(redact_meeting(meeting, lang) if public else meeting, lang)
    title = f"{_('Agenda')} {meeting.numbering}"
    view = AgendaView(volume, shown, lang, public)
    markdown = render("agenda.md.j2", lang, title=title, body=body, meeting=shown, v=view)
    return _meeting_paper(
        volume,
        meeting,
        edition,
        "agenda",
        title,
        markdown,
        AGENDA_FORMATS,
        marking=_page_marking(shown, edition, lang),
    )


#: The proposal a standard item carries on an agenda when the record gives none.
STANDARD_PROPOSALS = {
    "opening": "The chair opens the meeting.",
    "legality": "The meeting is declared lawfully convened and quorate.",
    "checkers": "Two minute checkers are elected.",
    "previous_minutes": "The minutes of the previous meeting are approved.",
    "agenda": "The agenda is adopted as the order of business.",
    "closing": "The chair closes the meeting.",
}


def agenda_meeting(meeting: Meeting, lang: str) -> Meeting:
    """The meeting as its agenda shows it: the items that were on the agenda (not those added
    at the meeting), without anything the meeting itself did (discussion, motions, votes,
    decisions, outcomes), each standard item with its standard proposal."""
    _ = i18n.gettext_for(lang)
    items = []
    for item in meeting.items:
        if not item.on_agenda:
            continue
        proposal = item.proposal
        # Notes (muistio) elect no checkers: their checking item has no standard proposal.
        standard = (
            item.standard if item.standard != "checkers" or meeting.type != "muistio" else None
        )
        if proposal is None and standard in STANDARD_PROPOSALS:
            proposal = Text({lang: _(STANDARD_PROPOSALS[standard])}, lang)
        items.append(
            dataclasses.replace(
                item,
                proposal=proposal,
                discussion=None,
                motions=(),
                vote=None,
                decision=None,
                dissents=(),
                conflicts=(),
                outcome="decided" if item.kind == "decision" else "noted",
                quorum=None,
            )
        )
    return dataclasses.replace(
        meeting, items=tuple(items), attendance=(), guests=(), minutes=None, quorum=None
    )


def secrecy_marking(meeting: Meeting, lang: str) -> str:
    """ "SALASSA PIDETTÄVÄ (JulkL 24 § 1 mom. 7 k; JulkL 24 § 1 mom. 27 k)" for a document
    that holds non-public items or attachments, with every cited basis; "" for none."""
    bases: list[str] = []
    for item in meeting.items:
        for thing in (item, *item.attachments):
            if thing.visibility != "public" and thing.legal_basis:
                basis = clean_text(thing.legal_basis.get(lang))
                if basis not in bases:
                    bases.append(basis)
    if not bases:
        return ""
    word = i18n.gettext_for(lang)("SECRET")
    return f"{word} ({'; '.join(bases)})"


def _page_marking(meeting: Meeting, edition: str, lang: str, draft: bool = False) -> str:
    """What every page of a meeting's minutes or agenda carries in its running header:
    LUONNOS for a draft, SALASSA PIDETTÄVÄ with the cited bases when non-public content is
    shown, and the edition's marking."""
    _ = i18n.gettext_for(lang)
    parts = []
    if draft:
        parts.append(_("DRAFT"))
    if edition == "internal":
        parts.append(secrecy_marking(meeting, lang))
    parts.append(_marking(edition, lang))
    return " · ".join(p for p in parts if p)


def redact_meeting(meeting: Meeting, lang: str, names_withdrawn: bool = False) -> Meeting:
    """The meeting as the public edition may show it: non-public items reduced to their title
    (when ``public_title``) and cited provision, non-public attachments to their provision, no
    absence reasons, no names of guests who did not consent (nor of any guest once the display
    period has ended: ``names_withdrawn``), no non-public phone numbers."""
    _ = i18n.gettext_for(lang)
    items = []
    for item in meeting.items:
        attachments = tuple(_redact_attachment(a, lang) for a in item.attachments)
        if item.is_public:
            items.append(dataclasses.replace(item, attachments=attachments))
            continue
        title = item.title if item.public_title else Text({lang: _("Non-public item")}, lang)
        items.append(
            dataclasses.replace(
                item,
                title=title,
                has_title=True,
                theme=None if not item.public_title else item.theme,
                presenter=None,
                background=None,
                proposal=None,
                discussion=None,
                motions=(),
                vote=None,
                decision=None,
                dissents=(),
                conflicts=(),
                attachments=tuple(a for a in attachments if a.visibility != "public"),
            )
        )
    attendance = tuple(dataclasses.replace(a, reason=None) for a in meeting.attendance)
    guests = tuple(
        g if g.consent and not names_withdrawn else _anonymous_guest(g, lang)
        for g in meeting.guests
    )
    press = meeting.press
    if press is not None:
        press = dataclasses.replace(
            press,
            contacts=tuple(
                c if c.phone_public else dataclasses.replace(c, phone=None) for c in press.contacts
            ),
        )
    return dataclasses.replace(
        meeting,
        items=tuple(items),
        attendance=attendance,
        guests=guests,
        press=press,
        remote_link=None,
    )


def _anonymous_guest(guest: Guest, lang: str) -> Guest:
    """A guest as the public edition shows one it may not name: by role and organisation
    when the guest agreed to publication (the name's display period is over), else as an
    external expert."""
    if guest.consent and guest.role:
        return Guest(guest.role.get(lang), guest.organisation, None, guest.items, consent=True)
    _ = i18n.gettext_for(lang)
    return Guest(_("external expert"), None, None, guest.items, consent=False)


def _redact_attachment(attachment: Attachment, lang: str) -> Attachment:
    if attachment.visibility == "public":
        return attachment
    _ = i18n.gettext_for(lang)
    return dataclasses.replace(attachment, title=Text({lang: _("Non-public attachment")}, lang))


@dataclasses.dataclass(frozen=True)
class MeetingRef:
    """What the minutes of one meeting may say about another of its year: whose minutes it
    approved, or which approved its own, by number and date."""

    key: str
    numbering: str
    date: dt.date
    minutes_approved_at: str | None  # the key of the meeting that approved its minutes

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingRef:
        approved_at = meeting.minutes.approved_at if meeting.minutes else None
        return cls(meeting.key, meeting.numbering, meeting.date, approved_at)


class MinutesView:
    """Sentences and lists of the minutes that need logic; the template lays them out.

    Its state is all the minutes are made from: the body, the meeting, and of the year's other
    meetings only their :class:`MeetingRef`."""

    def __init__(self, volume: Volume, meeting: Meeting, lang: str, public: bool):
        self.year_meetings = tuple(MeetingRef.of(m) for m in volume.meetings)
        self.body = volume.body
        self.meeting = meeting
        self.lang = lang
        self.public = public
        self._ = i18n.gettext_for(lang)
        self.numbers = {item.id: item.number for item in meeting.items}

    def __getstate__(self) -> dict[str, Any]:
        # gettext comes from lang.
        return {k: v for k, v in self.__dict__.items() if k != "_"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _=i18n.gettext_for(state["lang"]))

    # Header ------------------------------------------------------------------------------
    def when(self) -> str:
        m = self.meeting
        text = i18n.format_date_numeric(m.date)
        if m.start:
            text += " " + i18n.format_time_range(m.start, m.end, self.lang)
        return text

    def mode(self) -> str:
        # One gettext call per literal, so that message extraction sees each one.
        _ = self._
        return {
            "in_person": _("in person"),
            "remote": _("remote meeting"),
            "hybrid": _("hybrid meeting"),
        }[self.meeting.mode]

    # Attendance --------------------------------------------------------------------------
    def _person_line(self, a: Attendance, with_status: bool = True) -> str:
        _ = self._
        person = self.body.persons[a.person]
        membership = a.membership
        parts = [person.name]
        if membership:
            principal = a.deputising_for or (
                self.body.principal_of(membership, self.meeting.date)
                if membership.post == "deputy"
                else None
            )
            if membership.post == "deputy" and principal:
                parts.append(
                    _("deputy member (deputy for %(name)s)")
                    % {"name": self._genitive(self.body.persons[principal])}
                )
            else:
                parts.append(i18n.post_label(membership.post, self.lang))
            if membership.on_behalf_of:
                parts.append(self.body.organisations[membership.on_behalf_of].label(self.lang))
        line = ", ".join(parts)
        notes = []
        if with_status and a.status == "remote":
            notes.append(_("remotely"))
        if a.arrived_at:
            notes.append(
                _("present from section %(number)s") % {"number": self.numbers[a.arrived_at]}
            )
        if a.left_after:
            notes.append(
                _("present until section %(number)s") % {"number": self.numbers[a.left_after]}
            )
        if a.status == "absent" and a.reason and not self.public:
            notes.append(a.reason)
        if notes:
            line += f" ({'; '.join(notes)})"
        return line

    def _genitive(self, person) -> str:
        """The name as "sijaisena" needs it: the Finnish genitive, else the name (sv, en)."""
        if self.lang == "fi":
            return i18n.finnish_genitive(person.name, person.genitive) or person.name
        return person.name

    def _sorted(self, entries: list[Attendance]) -> list[Attendance]:
        order = {m.person: i for i, m in enumerate(self.body.memberships)}

        def key(a: Attendance) -> tuple[int, int]:
            post = a.membership.post if a.membership else "member"
            if post == "deputy" and a.deputising_for:
                # A deputy is listed where the member they stand in for would be.
                return (POST_ORDER.index("member"), order.get(a.deputising_for, 999))
            return (POST_ORDER.index(post), order.get(a.person, 999))

        return sorted(entries, key=key)

    def _group(self, posts: set[str], attending: bool) -> list[str]:
        entries = [
            a
            for a in self.meeting.attendance
            if a.attends == attending and a.membership and a.membership.post in posts
        ]
        return [self._person_line(a) for a in self._sorted(entries)]

    def members(self) -> list[str]:
        return self._group({"chair", "vice_chair", "member", "deputy"}, attending=True)

    def secretariat(self) -> list[str]:
        return self._group({"secretary_general", "secretary"}, attending=True)

    def experts(self) -> list[str]:
        return self._group({"permanent_expert"}, attending=True)

    def absent(self) -> list[str]:
        entries = [
            a
            for a in self.meeting.attendance
            if not a.attends and (a.membership is None or a.membership.post != "deputy")
        ]
        return [self._person_line(a) for a in self._sorted(entries)]

    def guests(self) -> list[str]:
        lines = []
        for g in self.meeting.guests:
            parts = [g.name]
            if g.role:
                parts.append(g.role.get(self.lang))
            if g.organisation:
                parts.append(g.organisation.get(self.lang))
            sections = ", ".join(f"{self.numbers[i]} §" for i in g.items if i in self.numbers)
            line = ", ".join(parts)
            lines.append(f"{line} ({sections})" if sections else line)
        return lines

    # Items -------------------------------------------------------------------------------
    def title(self, item: Item) -> str:
        if item.standard and not item.has_title:
            return standard_title(self.body, self.meeting, item.standard, self.lang)
        return item.title.get(self.lang)

    def presenter(self, item: Item) -> str | None:
        if not item.presenter:
            return None
        person = self.body.persons[item.presenter]
        membership = self.body.membership_of(item.presenter, self.meeting.date)
        if membership:
            return f"{i18n.post_label(membership.post, self.lang)} {person.name}"
        title = person.title_on(self.meeting.date)
        return f"{title.title.get(self.lang)} {person.name}" if title else person.name

    def visibility_note(self, item: Item | Attachment) -> str | None:
        if item.visibility == "public":
            return None
        confidential = item.visibility == "confidential"
        label = self._("Confidential") if confidential else self._("Not public")
        basis = item.legal_basis.get(self.lang) if item.legal_basis else None
        return f"{label} ({basis})" if basis else label

    def boxed(self, item: Item) -> bool:
        """A non-public item shown in full (internal edition) is set in a marked box."""
        return not item.is_public and not self.public

    def decision_label(self, item: Item) -> str:
        """ "Päätös" for what the body decided or noted; "Käsittely" for an item handled
        without a quorum, where nothing could be decided."""
        return self._("Proceedings") if item.below_quorum else self._("Decision")

    def decision(self, item: Item) -> str | None:
        if item.decision:
            return item.decision.get(self.lang)
        if item.below_quorum or item.outcome not in ("decided", "noted"):
            return self._(OUTCOMES[item.outcome])
        return None

    def quorum_flag(self, item: Item) -> str | None:
        """Said of an item handled while the meeting lacked a quorum (after the legality
        item, which states the quorum itself)."""
        q = item.quorum
        if q is None or q.reached or item.standard in ("opening", "legality", "closing"):
            return None
        if q.present >= q.required:  # enough members, but neither chair nor vice-chair
            return self._(
                "The meeting was not quorate while this item was handled: neither the chair "
                "nor the vice-chair was present. No decision was made."
            )
        return self._(
            "The meeting was not quorate while this item was handled: %(present)s of the "
            "%(total)s voting members were present and %(required)s were needed. No decision "
            "was made."
        ) % {"present": q.present, "total": q.voting_members, "required": q.required}

    def standard_text(self, item: Item) -> str | None:
        """The automatic text of a standard item (opening, quorum, checkers, …), unless the
        record gives the item a decision of its own."""
        _, m, lang = self._, self.meeting, self.lang
        if item.decision:
            return None
        if item.below_quorum and item.standard in ("checkers", "previous_minutes", "agenda"):
            return None  # quorum_flag says that nothing was decided
        if item.standard == "opening" and m.start:
            return _("The chair opened the meeting at %(time)s.") % {
                "time": i18n.format_time(m.start, lang)
            }
        if item.standard == "closing" and m.end:
            return _("The chair closed the meeting at %(time)s.") % {
                "time": i18n.format_time(m.end, lang)
            }
        if item.standard == "legality":
            return self.quorum_sentence()
        if item.standard == "checkers":
            checkers = m.minutes.checkers if m.minutes else ()
            if checkers:
                names = _join([self.body.persons[p].name for p in checkers], lang)
                return _("%(names)s were elected to check the minutes.") % {"names": names}
            return _("The minutes will be approved at the next meeting.")
        if item.standard == "previous_minutes":
            previous = [
                p for p in self.year_meetings if p.minutes_approved_at == m.key and p.key != m.key
            ]
            if previous:
                p = previous[-1]
                return _("The minutes of meeting %(number)s (%(date)s) were approved.") % {
                    "number": p.numbering,
                    "date": i18n.format_date_numeric(p.date),
                }
            return _("The minutes of the previous meeting were approved.")
        if item.standard == "agenda":
            changes = self.agenda_changes()
            if not changes:
                return _("The agenda was adopted as the order of business.")
            intro = _("The agenda was adopted as the order of business with these changes:")
            return " ".join([intro, *changes])
        return None

    def agenda_changes(self) -> list[str]:
        """Where the meeting departed from the agenda it was sent, one sentence each: items
        added at the meeting (lisäasia), withdrawn from the agenda and deferred."""
        _ = self._
        sentences = {
            "added": _("%(title)s (%(number)s §) was added to the agenda."),
            "withdrawn": _("%(title)s (%(number)s §) was withdrawn from the agenda."),
            "deferred": _("%(title)s (%(number)s §) was deferred to a later meeting."),
        }
        changes = []
        for item in self.meeting.items:
            change = "added" if item.added_at_meeting else item.outcome
            if change in sentences:
                title = self.title(item)
                changes.append(sentences[change] % {"title": title, "number": item.number})
        return changes

    def agenda_note(self, item: Item) -> str | None:
        """Said under an item the meeting added to its agenda."""
        return self._("Added to the agenda at the meeting.") if item.added_at_meeting else None

    def quorum_sentence(self) -> str | None:
        q = self.meeting.quorum
        if q is None:
            return None
        _, lang = self._, self.lang
        numbers = {"present": q.present, "total": q.voting_members}
        noun = self.body.noun.get(lang) if self.body.noun else None
        of_body = i18n.genitive(noun, lang) if noun else None
        if q.reached:
            if of_body:
                return _(
                    "The meeting was declared duly convened and quorate, with %(present)s of "
                    "%(body)s %(total)s voting members present."
                ) % {**numbers, "body": of_body}
            return (
                _(
                    "The meeting was declared duly convened and quorate, with %(present)s of the "
                    "%(total)s voting members present."
                )
                % numbers
            )
        if q.present >= q.required:
            return _(
                "The meeting was declared duly convened but not quorate: neither the chair "
                "nor the vice-chair was present."
            )
        return _(
            "The meeting was declared duly convened but not quorate: %(present)s of the "
            "%(total)s voting members were present and %(required)s were needed."
        ) % {**numbers, "required": q.required}

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
        if v.method == "named":
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

    def dissents(self, item: Item) -> list[str]:
        lines = []
        for d in item.dissents:
            name = self.body.persons[d.person].name
            if d.text:
                lines.append(
                    self._("%(name)s left a dissenting opinion: %(text)s")
                    % {"name": name, "text": i18n.quote(d.text.get(self.lang), self.lang)}
                )
            else:
                lines.append(self._("%(name)s left a dissenting opinion.") % {"name": name})
        return lines

    def conflicts(self, item: Item) -> list[str]:
        """One sentence per disqualification, with its ground; the minutes put it before the
        item is handled, since the member left before it was."""
        lines = []
        for c in item.conflicts:
            name = self.body.persons[c.person].name
            if c.note:
                text = self._(
                    "%(name)s declared a conflict of interest (%(ground)s) and took no part "
                    "in the handling of the item."
                ) % {"name": name, "ground": c.note.get(self.lang).rstrip(".")}
            else:
                text = self._(
                    "%(name)s declared a conflict of interest and took no part in the item."
                ) % {"name": name}
            lines.append(text)
        return lines

    def attachments(self, item: Item) -> list[str]:
        lines = []
        for a in item.attachments:
            note = self.visibility_note(a)
            # A redacted attachment shows only its provision; its title is not published.
            title = note if self.public and note else a.title.get(self.lang)
            line = self._("Attachment %(number)s: %(title)s") % {
                "number": a.number,
                "title": title,
            }
            lines.append(f"{line} \u2013 {note}" if note and not self.public else line)
        return lines

    def _names(self, ids: tuple[str, ...]) -> str:
        return _join([self.body.persons[p].name for p in ids], self.lang)

    # Legality block ----------------------------------------------------------------------
    def signatures(self) -> list[tuple[str, str]]:
        """(name, post) of the chair (or the vice-chair presiding) and the secretary; none for
        a draft, which no one has signed."""
        if self.meeting.minutes is None or self.meeting.minutes.status == "draft":
            return []
        attending = {a.person for a in self.meeting.attendance if a.attends}
        signers = []
        for posts in (("chair", "vice_chair"), ("secretary", "secretary_general")):
            for post in posts:
                holder = self.body.holder(post, self.meeting.date)
                if holder and holder in attending:
                    signers.append(
                        (self.body.persons[holder].name, i18n.post_label(post, self.lang))
                    )
                    break
        return signers

    def checking_note(self) -> str:
        _, m = self._, self.meeting
        status = m.minutes.status if m.minutes else "draft"
        if status == "checked":
            if m.minutes.checked_on:
                return _("The minutes were checked on %(date)s.") % {
                    "date": i18n.format_date_numeric(m.minutes.checked_on)
                }
            return _("The minutes have been checked.")
        if status == "approved":
            approver = next((p for p in self.year_meetings if p.key == m.minutes.approved_at), None)
            if approver:
                return _("The minutes were approved at meeting %(number)s (%(date)s).") % {
                    "number": approver.numbering,
                    "date": i18n.format_date_numeric(approver.date),
                }
            return _("The minutes were approved at the next meeting.")
        return _("The minutes have not yet been checked.")

    def checkers(self) -> list[str]:
        m = self.meeting
        if not m.minutes or m.minutes.status != "checked":
            return []
        return [self.body.persons[p].name for p in m.minutes.checkers]

    def appeal(self) -> str:
        """The appeal statement. Its wording follows from what the body's decisions allow
        (``appeal.kind``); the record gives only the provision, period and authority, so the
        sentence and the provision it cites say the same thing."""
        _, appeal, lang = self._, self.body.appeal, self.lang
        values = {
            "provision": appeal.provision.get(lang) if appeal.provision else "",
            "days": appeal.period_days,
            "authority": appeal.authority.get(lang) if appeal.authority else "",
        }
        if appeal.kind == "rectification":
            text = _(
                "A written claim for rectification of a decision in these minutes may be made "
                "within %(days)s days of notification. Claims are addressed to: %(authority)s."
            )
        elif appeal.kind == "appeal":
            text = _(
                "A decision in these minutes may be appealed within %(days)s days of "
                "notification. Appeals are addressed to: %(authority)s."
            )
        else:
            text = _(
                "The matters in these minutes are advisory or concern only the preparation of "
                "a matter, so no appeal lies against them."
            )
        text = text % values
        if appeal.provision:
            text += " " + _("Provision: %(provision)s.") % values
        return text


class AgendaView(MinutesView):
    """The minutes' view of an agenda's meeting (:func:`agenda_meeting`): the item partial
    is shared, and what only the meeting says (standard sentences, quorum) is left out."""

    def title(self, item: Item) -> str:
        # An agenda proposes to elect checkers (the minutes title the item by what happened).
        own = self.body.item_titles.get(self.meeting.type, {})
        elects = self.meeting.type == "poytakirja" and "checkers" not in own
        if item.standard == "checkers" and not item.has_title and elects:
            return self._(STANDARD_TITLES["checkers"])
        return super().title(item)

    def standard_text(self, item: Item) -> str | None:
        return None

    def quorum_flag(self, item: Item) -> str | None:
        return None

    def agenda_note(self, item: Item) -> str | None:
        return None


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


def standard_title(body: Body, meeting: Meeting, standard: str, lang: str) -> str:
    """A standard item's title: the body's own for its minutes type, else the built-in one.
    The checking item is "Pöytäkirjantarkastajien valinta" only when checkers are elected;
    minutes approved at the next meeting are "Pöytäkirjan tarkastaminen" (notes: "Muistion
    tarkastaminen")."""
    own = body.item_titles.get(meeting.type, {}).get(standard)
    if own is not None:
        return own.get(lang)
    _ = i18n.gettext_for(lang)
    if standard == "checkers":
        if meeting.type == "muistio":
            return _("Checking of the notes")
        if not (meeting.minutes and meeting.minutes.checkers):
            return _("Checking of the minutes item")
    return _(STANDARD_TITLES[standard])


OUTCOMES = {
    "decided": "The proposal was adopted.",
    "noted": "Noted for information.",
    "deferred": "The item was deferred.",
    "returned": "The item was returned for further preparation.",
    "withdrawn": "The item was withdrawn from the agenda.",
}


STANDARD_TITLES = {
    "opening": "Opening of the meeting",
    "legality": "Legality and quorum",
    "checkers": "Election of minute checkers",
    "previous_minutes": "Approval of the minutes of the previous meeting",
    "agenda": "Adoption of the agenda",
    "closing": "Closing of the meeting",
}


# ---------------------------------------------------------------------------------------------
# Annual report


def annual_report(
    volume: Volume, subvolumes: list[Volume], lang: str, edition: str, now: dt.datetime
) -> Document:
    body = volume.body
    _ = i18n.gettext_for(lang)
    public = edition == "public"
    view = AnnualView(volume, subvolumes, lang, public, now)
    title = _("Annual report %(year)s") % {"year": volume.year}
    # The template asks the view in reading order (abbreviations are spelt out at their first
    # use), so the chart, whose description the template printed, is drawn afterwards.
    markdown = render(
        "annual-report.md.j2",
        lang,
        title=title,
        body=body,
        volume=volume,
        v=view,
    )
    resources = {}
    rows = view.attendance_rows()
    if rows and view.chart_alt:
        resources["attendance.svg"] = chart.bar_chart(
            [(r.label, r.attended, r.possible) for r in rows],
            title=_("Attendance by organisation"),
            description=view.chart_alt,
            lang=lang,
        )
    name = clean_text(body.display_name(lang))
    return Document(
        stem=_stem(edition, body, volume.year, None, f"annual-report.{lang}"),
        markdown=markdown,
        lang=lang,
        title=f"{name}: {title}",
        formats=ANNUAL_FORMATS,
        header=f"{name} · {title}",
        marking=_marking(edition, lang),
        resources=resources,
        **_issuer(body, lang),
        date=_report_date(volume, subvolumes),
    )


@dataclasses.dataclass(frozen=True)
class AttendanceRow:
    label: str
    attended: int
    possible: int
    organisation: str = ""
    """The organisation's id in the roster."""

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.possible) if self.possible else 0


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


def is_generic_decision(text: str, lang: str) -> bool:
    """True for a decision text that only says the proposal was adopted ("Ehdotus
    hyväksyttiin.", or the catalog's own sentence in ``lang``)."""
    norm = " ".join(text.split()).rstrip(".").casefold()
    own = i18n.gettext_for(lang)(OUTCOMES["decided"]).rstrip(".").casefold()
    return norm in GENERIC_DECISIONS or norm == own


class AnnualView:
    """The derived contents of an annual report.

    The view is stateful in one respect: organisations are named in full with their
    abbreviation at their first use in the report ("työ- ja elinkeinoministeriö (TEM)"), then
    by the abbreviation, so the template asks for each part once, in reading order."""

    def __init__(
        self, volume: Volume, subvolumes: list[Volume], lang: str, public: bool, now: dt.datetime
    ):
        self.volume = volume
        self.body = volume.body
        self.subvolumes = subvolumes
        self.lang = lang
        self.public = public
        self.now = now
        self._ = i18n.gettext_for(lang)
        self.held = [m for m in volume.meetings if m.status == "held"]
        self._introduced: set[str] = set()
        self.chart_alt: str | None = None

    def year_start(self) -> dt.date:
        return dt.date(self.volume.year, 1, 1)

    def year_end(self) -> dt.date:
        return dt.date(self.volume.year, 12, 31)

    def roster_day(self) -> dt.date:
        """The day the composition is shown for: the year's last meeting, else its end."""
        return self.held[-1].date if self.held else self.year_end()

    # Names -------------------------------------------------------------------------------
    def body_name(self) -> str:
        """The body's full name with its abbreviation, as the report first names it
        ("Työllisyyden edistämisen valtakunnallinen neuvottelukunta (TyöNVK)"); a
        subcommittee's name with its parent's."""
        name = self.body.display_name(self.lang)
        short = self.body.short_name
        if short and short not in name.split():
            return f"{name} ({short})"
        return name

    def org(self, org_id: str | None, body: Body | None = None) -> str:
        """An organisation as the report names it: at its first use the full name with the
        abbreviation the roster gives ("työ- ja elinkeinoministeriö (TEM)"), afterwards the
        abbreviation ("TEM"); the full name when there is no abbreviation, or when the name
        already holds it ("SOSTE Suomen sosiaali ja terveys ry")."""
        if not org_id:
            return ""
        o = (body or self.body).organisations[org_id]
        name = o.name.get(self.lang)
        if o.short_name is None:
            return name
        short = o.short_name.get(self.lang)
        if org_id in self._introduced:
            return short
        self._introduced.add(org_id)
        if short == name or short in name.split():
            return name
        return f"{name} ({short})"

    def appointment(self) -> str | None:
        b = self.body
        if not (b.appointed_on and b.appointed_by):
            return None
        text = self._("Appointed by %(by)s on %(date)s") % {
            "by": b.appointed_by.get(self.lang),
            "date": i18n.format_date_numeric(b.appointed_on),
        }
        if b.term_description:
            text += " " + b.term_description.get(self.lang)
        elif b.term_start and b.term_end:
            text += " " + self._("for %(start)s–%(end)s") % {  # noqa: RUF001
                "start": i18n.format_date_numeric(b.term_start),
                "end": i18n.format_date_numeric(b.term_end),
            }
        return text + "."

    # Composition -------------------------------------------------------------------------
    def composition(self, body: Body | None = None) -> list[dict[str, Any]]:
        """The seats of the members with their personal deputies, grouped by the member's
        organisation (in the order the organisations first appear, chair first; members on
        no organisation's behalf last): ``group`` names the organisation in its first seat's
        row only. A deputy is paired with the member they stand in for on the roster day: the
        one named by ``deputy_for``, or the holder of the deputy's seat; the deputy's
        organisation is named when it is not the member's."""
        body = body or self.body
        day = self.roster_day()
        active = body.memberships_on(day) or list(body.memberships)
        deputies: dict[str, Membership] = {}
        for m in active:
            if m.post == "deputy":
                principal = body.principal_of(m, day)
                if principal:
                    deputies[principal] = m
        groups: dict[str | None, list[Membership]] = {}
        for m in active:
            if m.post in ("chair", "vice_chair", "member"):
                groups.setdefault(m.on_behalf_of, []).append(m)
        rows = []
        # sorted() is stable: the organisations keep their order, no organisation goes last.
        for org_id, seats in sorted(groups.items(), key=lambda group: group[0] is None):
            heading = _capitalised(self.org(org_id, body)) if org_id else self._("Other members")
            for m in seats:
                member = self._person(body, m, day)
                if m.post != "member":
                    member = f"{i18n.post_label(m.post, self.lang)}: {member}"
                deputy = deputies.get(m.person)
                deputy_text = self._person(body, deputy, day) if deputy else ""
                if deputy and deputy.on_behalf_of and deputy.on_behalf_of != org_id:
                    deputy_text += f", {self.org(deputy.on_behalf_of, body)}"
                rows.append(
                    {
                        "group": heading if m is seats[0] else "",
                        "member": member,
                        "deputy": deputy_text,
                    }
                )
        return rows

    def staff(
        self, posts: tuple[str, ...], body: Body | None = None, with_post: bool = True
    ) -> list[str]:
        """ "pääsihteeri: Jenni Wessman, erityisasiantuntija, TEM"."""
        body = body or self.body
        day = self.roster_day()
        lines = []
        for m in body.memberships_on(day) or body.memberships:
            if m.post not in posts:
                continue
            line = (f"{i18n.post_label(m.post, self.lang)}: " if with_post else "") + (
                self._person(body, m, day)
            )
            if m.on_behalf_of:
                line += f", {self.org(m.on_behalf_of, body)}"
            lines.append(line)
        return lines

    def changes(self) -> list[str]:
        """Memberships that started or ended during the year (after the appointment)."""
        lines = []
        first = max(self.year_start(), self.body.appointed_on or self.year_start())
        for m in self.body.memberships:
            name = self.body.persons[m.person].name
            post = i18n.post_label(m.post, self.lang)
            if first < m.start <= self.year_end():
                lines.append(
                    self._("%(name)s (%(post)s) from %(date)s")
                    % {"name": name, "post": post, "date": i18n.format_date_numeric(m.start)}
                )
            if m.end and self.year_start() <= m.end <= self.year_end():
                lines.append(
                    self._("%(name)s (%(post)s) until %(date)s")
                    % {"name": name, "post": post, "date": i18n.format_date_numeric(m.end)}
                )
        return lines

    def _person(self, body: Body, m: Membership, day: dt.date) -> str:
        person = body.persons[m.person]
        title = person.title_on(day)
        return f"{person.name}, {title.title.get(self.lang)}" if title else person.name

    # Meetings ----------------------------------------------------------------------------
    def meeting_rows(self, volume: Volume | None = None) -> list[dict[str, str]]:
        """One row per held meeting; a meeting without a quorum says so beside its count."""
        volume = volume or self.volume
        rows = []
        for m in volume.meetings:
            if m.status != "held":
                continue
            q = m.quorum
            attendance = f"{q.present}/{q.voting_members}" if q else ""
            if not m.quorate:
                attendance += f" ({self._('not quorate')})"
            rows.append(
                {
                    "number": m.numbering,
                    "date": i18n.format_date_numeric(m.date),
                    "place": m.place.get(self.lang) if m.place else "",
                    "attendance": attendance,
                }
            )
        return rows

    def attendance_rows(self) -> list[AttendanceRow]:
        """Filled voting seats per organisation over the year's held meetings (a seat is filled
        by its holder, or by the personal deputy standing in), sorted by rate, then name; the
        labels are the short ones the chart has room for."""
        counts: dict[str, list[int]] = {}
        for m in self.held:
            attending = {a.person for a in m.attendance if a.attends}
            deputised = {a.deputising_for for a in m.attendance if a.deputising_for}
            for seat in self.body.memberships_on(m.date):
                if not seat.votes or not seat.on_behalf_of:
                    continue
                c = counts.setdefault(seat.on_behalf_of, [0, 0])
                c[1] += 1
                if seat.person in attending or seat.person in deputised:
                    c[0] += 1
        rows = [
            AttendanceRow(self.body.organisations[o].label(self.lang), a, p, o)
            for o, (a, p) in counts.items()
        ]
        return sorted(rows, key=lambda r: (-r.attended / r.possible, r.label))

    def attendance(self) -> tuple[list[AttendanceRow], str | None]:
        """The attendance table's rows, organisations named as at their place in the report,
        and the chart's text alternative (kept for the chart drawn after rendering)."""
        rows = [
            dataclasses.replace(r, label=self.org(r.organisation)) for r in self.attendance_rows()
        ]
        if not rows:
            return [], None
        self.chart_alt = self._("Attendance by organisation in %(year)s: %(values)s.") % {
            "year": self.volume.year,
            "values": "; ".join(f"{r.label} {r.attended}/{r.possible}" for r in rows),
        }
        return rows, self.chart_alt

    # Subcommittees -----------------------------------------------------------------------
    def subcommittees(self) -> list[dict[str, Any]]:
        subs = []
        by_id = {v.body.id: v for v in self.subvolumes}
        for sid, sub in sorted(self.volume.subcommittees.items()):
            established = None
            if sub.established:
                meeting = next(
                    (m for m in self.volume.meetings if m.key == sub.established.meeting), None
                )
                item = (
                    next((i for i in meeting.items if i.id == sub.established.item), None)
                    if meeting
                    else None
                )
                if meeting and item:
                    established = (
                        f"{self.body.short_name or self.body.name.get(self.lang)} "
                        f"{i18n.format_date_numeric(meeting.date)}, {item.number} §"
                    )
            subvolume = by_id.get(sid)
            # Its members come from its own record, which the parent's report covers.
            roster = subvolume.body if subvolume else sub
            subs.append(
                {
                    "name": sub.name.get(self.lang),
                    "mandate": sub.mandate.get(self.lang) if sub.mandate else None,
                    "established": established,
                    "members": self.composition(roster),
                    "secretariat": self.staff(("secretary_general", "secretary"), roster),
                    "experts": self.staff(("permanent_expert",), roster),
                    "meetings": self.meeting_rows(subvolume) if subvolume else [],
                    "items": self.matters(subvolume) if subvolume else [],
                    "unquorate": self.matters(subvolume, quorate=False) if subvolume else [],
                }
            )
        return subs

    # Matters -----------------------------------------------------------------------------
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
            if item.decision and item.decided:
                line += f": {self.decision_text(item)}"
            elif item.decision and item.below_quorum:
                line += f": {item.decision.get(self.lang)}"
            elif item.below_quorum or item.outcome not in ("decided", "noted"):
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
        n = self.volume.narrative
        if not n:
            return []
        return [
            f"{i18n.format_date_numeric(s.date)}: {s.title.get(self.lang)}" for s in n.statements
        ]

    def press_releases(self) -> list[str]:
        lines = []
        for m in self.volume.meetings:
            if m.press and not (self.public and is_embargoed(m, self.now)):
                lines.append(
                    f"{i18n.format_date_numeric(m.press.published.date())}: "
                    f"{m.press.headline.get(self.lang)}"
                )
        return lines

    # Summaries in the other publication languages ----------------------------------------
    def summaries(self) -> list[dict[str, Any]]:
        """A short summary in each publication language other than the report's, from the
        year's facts only: meetings and their dates, meetings without a quorum, decisions,
        minutes not yet checked, the subcommittees' meetings, statements and press releases
        (Kielilaki 32 §: the public is informed in Finnish and Swedish)."""
        return [self._summary(lang) for lang in self.body.languages if lang != self.lang]

    def _summary(self, lang: str) -> dict[str, Any]:
        t = i18n.translations(lang)
        _, n_ = t.gettext, t.ngettext
        body, year = self.body, self.volume.year
        name = body.display_name(lang)
        if lang == "en" and name.lower().startswith("the "):
            name = name[4:]  # the sentence gives the article
        if body.short_name and body.short_name not in name.split():
            name = f"{name} ({body.short_name})"
        noun = body.noun.get(lang) if body.noun else body.display_name(lang)
        noun = noun[:1].upper() + noun[1:]
        held = self.held
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
                    "dates": _join([i18n.format_date(m.date, lang) for m in held], lang),
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
                % {"dates": _join([i18n.format_date(m.date, lang) for m in lacking], lang)}
            )
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
                % {"numbers": _join([m.numbering for m in drafts], lang)}
            )
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
        language = Locale.parse(self.lang).get_display_name(lang) or self.lang
        return {
            "lang": lang,
            "heading": _("Summary"),
            "paragraphs": [
                " ".join(sentences),
                _("The full report is in %(language)s.") % {"language": language},
            ],
        }


# ---------------------------------------------------------------------------------------------
# Helpers


def _issuer(body: Body, lang: str) -> dict[str, str]:
    """A document's author (the body) and publisher (its host ministry) for its metadata."""
    host = body.organisations.get(body.host) if body.host else None
    return {
        "author": clean_text(body.display_name(lang)),
        "publisher": clean_text(host.name.get(lang)) if host else "",
    }


def _report_date(volume: Volume, subvolumes: list[Volume]) -> dt.date:
    """The annual report's date: its year's last meeting (of the body or a subcommittee),
    else the year's last day; never before a meeting it reports."""
    days = [m.date for v in (volume, *subvolumes) for m in v.meetings]
    return max(days, default=dt.date(volume.year, 12, 31))


def _check_edition(edition: str) -> None:
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {list(EDITIONS)}, got {edition!r}")


def _stem(edition: str, body: Body, year: int, key: str | None, name: str) -> PurePosixPath:
    """``{edition}/{body}/{year}/[{meeting}/]{name}``: the layout build.artifact_entry reads."""
    return PurePosixPath(edition, body.id, str(year), *([key] if key else []), name)


def _marking(edition: str, lang: str) -> str:
    """ "Sisäinen / Internal": the local word and the English one, so a reader of any language
    sees the marking; English alone in English documents."""
    if edition != "internal":
        return ""
    local = i18n.gettext_for(lang)("Internal")
    return local if local == "Internal" else f"{local} / Internal"


def _date_numeric(moment: dt.datetime | dt.date) -> str:
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return i18n.format_date_numeric(day)


def _naive(moment: dt.datetime) -> dt.datetime:
    """Records hold naive Europe/Helsinki times; an aware ``now`` is converted to that."""
    if moment.tzinfo is None:
        return moment
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Helsinki")).replace(tzinfo=None)


def _join(names: list[str], lang: str) -> str:
    """ "A, B ja C" / "A, B och C" / "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    conjunction = i18n.gettext_for(lang)("and")
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
