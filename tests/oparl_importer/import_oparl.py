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


def stay_local(origin: str) -> None:
    """The importer asks nothing of any host but the export's: it fetches only URLs under
    ``origin`` (any other is an error), and its geocoding of a street address, which would ask
    a public geocoder, finds nothing, as the importer's own geocoding does when it fails."""
    import importer.functions
    import importer.json_to_db
    import importer.loader

    fetch = importer.functions.requests_get

    def local_only(url: str, *args: object, **kwargs: object) -> object:
        if not url.startswith(origin):
            raise RuntimeError(f"the importer asked for {url}, outside the export")
        return fetch(url, *args, **kwargs)

    def no_geocoding(search: str) -> None:
        logging.getLogger(__name__).info("not geocoded: %s", search)

    importer.functions.requests_get = local_only
    importer.loader.requests_get = local_only
    importer.json_to_db.geocode = no_geocoding


def main(system_url: str) -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    stay_local(system_url.split("/oparl/")[0] + "/")
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
