"""What the public edition leaves out of a meeting: the model is redacted before any template
sees it, so no template can leak what it must not print."""

from __future__ import annotations

import dataclasses

from .. import i18n
from ..model import Attachment, Guest, Meeting, Text


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
            item.without_proceedings(
                title=title,
                has_title=True,
                theme=None if not item.public_title else item.theme,
                presenter=None,
                background=None,
                proposal=None,
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
