"""K0xx: what stops a file from becoming the model. The reader (:mod:`kokous.records`)
applies these while it reads a record and builds it; a record that breaks one is not judged
further until it is fixed."""

from __future__ import annotations

from .registry import declare

INTERNAL_ERROR = declare(
    "K000",
    "internal-error",
    scope="read",
    field="",
    module=__name__,
    doc="""A check failed with a bug in kokous, not in the record.

    Why: a bug must reach the secretary as one line naming the record, never as a traceback.
    Example: ``internal error while checking this record (ZeroDivisionError: …)``.
    Fix: report the line to the kokous maintainers; the record may well be right.""",
)
YAML = declare(
    "K001",
    "unreadable-yaml",
    scope="read",
    field="",
    module=__name__,
    doc="""The file is not a YAML record kokous can read.

    Why: records are typed by hand and read by a strict, safe loader: a syntax error, a
    duplicate key, an anchor or alias, a YAML tag, a file that is empty, binary, not UTF-8,
    over 1 MB, holds a git conflict marker or is not a mapping at the top is refused whole.
    Example: ``date: 2025-03-12`` written twice gives ``duplicate key (first given on line 5)``.
    Fix: do what the message says at the line it names, then validate again.""",
)
SCHEMA = declare(
    "K002",
    "schema",
    scope="read",
    field="(any)",
    module=__name__,
    doc="""A field is missing, unknown, or of the wrong type (the JSON Schemas in schemas/).

    Why: the model can only be built from fields of the right shape; a misspelt key would
    otherwise be ignored without a word.
    Example: ``for: seitsemän`` gives ``expected a whole number, got 'seitsemän'``;
    ``decission:`` gives ``unknown field 'decission' (did you mean 'decision'?)``.
    Fix: correct the field as the message says; docs/records.md lists every field.""",
)
UNKNOWN_PERSON = declare(
    "K003",
    "unknown-person",
    scope="read",
    field="(a person id)",
    module=__name__,
    doc="""A person id that is not in the roster.

    Why: names, titles and quorum all come from the roster (``persons:`` in body.yaml, a
    subcommittee's from its parent's); an id not there names nobody.
    Example: ``by: pekkarinen`` when the roster has ``pekkarinen_p``.
    Fix: use the id from the roster (the message suggests the nearest), or add the person.""",
)
UNKNOWN_ORGANISATION = declare(
    "K004",
    "unknown-organisation",
    scope="read",
    field="(an organisation id)",
    module=__name__,
    doc="""An organisation id that is not in the roster's ``organisations:``.

    Why: the documents print the organisation's name, which only the roster gives.
    Example: ``on_behalf_of: tem`` when the roster spells it ``tem_`` or lacks it.
    Fix: use an id from ``organisations:`` (the message suggests the nearest), or add it.""",
)
UNKNOWN_ITEM = declare(
    "K005",
    "unknown-item",
    scope="read",
    field="(an item id)",
    module=__name__,
    doc="""An item id that is not an item of the meeting named.

    Why: arrivals, departures, guests heard and a subcommittee's founding decision point at
    an item; an id that names none cannot be placed in the minutes.
    Example: ``arrived_at: talous`` when the items' ids are ``talousarvio``, ``opening`` ….
    Fix: use the item's ``id:`` (or its ``standard:`` name), as the message suggests.""",
)
UNKNOWN_BODY = declare(
    "K006",
    "unknown-body",
    scope="read",
    field="parent, press.body[].subcommittees",
    module=__name__,
    doc="""A body id that is not a folder of records/ (with the right parent).

    Why: a subcommittee shares its parent's roster, and a press release's list of
    subcommittees prints their names: both need the body's record.
    Example: ``parent: tyonvkk``.
    Fix: use the folder name of the body under records/.""",
)
UNKNOWN_MEETING = declare(
    "K007",
    "unknown-meeting",
    scope="read",
    field="established.meeting, minutes.approved_at",
    module=__name__,
    doc="""A meeting key with no record of that body.

    Why: the minutes name the meeting that approved them, and a subcommittee the meeting of
    its parent that set it up; that meeting must exist.
    Example: ``approved_at: 2025-06-12`` when the record is ``2025-06-11.yaml``.
    Fix: give the key (file name without .yaml) of an existing meeting record.""",
)
PARENT_LOOP = declare(
    "K008",
    "parent-loop",
    scope="read",
    field="parent",
    module=__name__,
    doc="""A body is its own parent, directly or through others.

    Why: a subcommittee takes its roster from its parent; a loop has no roster at all.
    Example: ``parent: kuntajaosto`` in kuntajaosto/body.yaml.
    Fix: name the main body as parent.""",
)
NO_SUCH_DATE = declare(
    "K009",
    "no-such-date",
    scope="read",
    field="press.published, press.next_meeting",
    module=__name__,
    doc="""A date of the right shape that the calendar does not have.

    Why: 2025-02-30 matches the pattern YYYY-MM-DD but is no day; the documents cannot print it.
    Example: ``published: 2025-02-30T16:00``.
    Fix: check the day and the month.""",
)
