"""Import an OParl system with meine-stadt-transparent's importer, as its ``import`` command
does but for the geodata of a German municipality and the files' contents (an object store),
and print as JSON the OParl ids it stored by type, the objects it left unimported, and every
warning it logged. Run by tests/test_oparl_clients.py with the importer's own Python:

    DJANGO_SETTINGS_MODULE=importer_settings DATABASE_URL=sqlite:///… \\
        .venv-oparl-importer/bin/python tests/oparl_importer/import_oparl.py SYSTEM_URL
"""

import json
import logging
import sys

import django

TYPES = (
    "Body", "LegislativeTerm", "Location", "File", "Person", "Organization", "Membership",
    "Meeting", "Paper", "Consultation", "AgendaItem",
)  # fmt: skip


class Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def main(system_url: str) -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from importer.importer import Importer
    from importer.loader import get_loader_from_system
    from importer.models import CachedObject
    from mainapp import models

    warnings = Warnings()
    logging.getLogger().addHandler(warnings)
    importer = Importer(get_loader_from_system(system_url), force_singlethread=True)
    # Importer.run for every body of the system, not one.
    bodies = importer.load_bodies()
    importer.fetch_lists_initial([b.data for b in bodies])
    importer.converter.default_body = importer.import_bodies()[0]
    importer.import_objects()
    stored = {
        t: sorted(getattr(models, t).objects.values_list("oparl_id", flat=True)) for t in TYPES
    }
    left = sorted(CachedObject.objects.filter(to_import=True).values_list("url", flat=True))
    print(json.dumps({"stored": stored, "left": left, "warnings": warnings.messages}))


if __name__ == "__main__":
    main(sys.argv[1])
