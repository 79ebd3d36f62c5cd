"""The preview's warm model: the plan and checked model of every body-year, loaded as the
check job loads them, and the record errors of the last look."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .. import desk, plan
from ..errors import KokousError, RecordsInvalid


def problem_line(exc: Exception) -> str:
    """One line for a failure while loading or rendering: ``file:line: message`` for a
    template."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"templates/{exc.name}" if exc.name else (exc.filename or "templates")
        return f"{where}:{exc.lineno}: {exc.message}"
    text = f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())


class Models:
    """Every body-year's plan (``years``) and checked model (``volumes``, with the desk's
    ``facts``), the bodies' parents, and the errors that keep a body-year at its last good
    model (by body-year; ``"records"`` for the plan, ``"render"`` for a template)."""

    def __init__(self, records: Path, now: dt.datetime, extra_formats: list[str]) -> None:
        self.records = records
        self.now = now
        self.extra_formats = extra_formats
        self.years: dict[tuple[str, int], plan.BodyYear] = {}
        self.parents: dict[str, str | None] = {}
        self.bodies: tuple[dict, dict[str, str | None]] | None = None
        """Every ``body.yaml`` as read and the bodies' parents (:func:`kokous.plan.read_bodies`),
        read again when a ``body.yaml`` changes."""
        self.volumes: dict[tuple[str, int], object] = {}
        self.facts: dict[tuple[str, int], dict] = {}
        self.errors: dict[object, list[str]] = {}

    def load_all(self) -> bool:
        """Plan the whole tree and load every body-year; False when the tree cannot be
        planned (the error is remembered, the last good models stay)."""
        self.errors.pop("records", None)
        try:
            whole = plan.make_plan(self.records, (), plan.EDITIONS, self.extra_formats, self.now)
        except plan.PlanError as error:
            self.fail("records", str(error).splitlines())
            return False
        self.parents = dict(whole.bodies)
        self.bodies = plan.read_bodies(plan.scan_records(self.records))
        planned = {(by.body, by.year): by for by in whole.years}
        for key in [k for k in self.years if k not in planned]:
            self.forget(key)
        for (body, year), by in planned.items():
            self.load(body, year, by)
        return True

    def read_bodies(self) -> None:
        """A ``body.yaml`` changed: read the bodies and their parents again."""
        self.bodies = plan.read_bodies(plan.scan_records(self.records))
        self.parents.update(self.bodies[1])

    def fail(self, key: object, lines: list[str]) -> None:
        self.errors[key] = lines
        for line in lines:
            print(line, file=sys.stderr, flush=True)

    def forget(self, key: tuple[str, int]) -> None:
        self.volumes.pop(key, None)
        self.facts.pop(key, None)
        self.errors.pop(key, None)
        self.years.pop(key, None)

    def load(self, body: str, year: int, by: plan.BodyYear | None = None) -> bool:
        """Check one body-year as its check job does, and plan it (``by``, else as the check
        job plans it); on a record error keep the last good model and plan, and remember the
        error."""
        from ..records import load_volume

        key = (body, year)
        try:
            volume = load_volume(self.records, body, year)
            if self.bodies is None or body not in self.bodies[1]:
                self.bodies = plan.read_bodies(plan.scan_records(self.records))
            if by is None:
                by = plan.plan_body_year(
                    self.records,
                    body,
                    year,
                    plan.EDITIONS,
                    self.extra_formats,
                    self.now,
                    bodies=self.bodies,
                )
        except RecordsInvalid as invalid:
            self.fail(key, [str(p) for p in invalid.problems])
            return False
        except KokousError as error:
            self.fail(key, str(error).splitlines())
            return False
        except Exception as exc:  # noqa: BLE001 (a bug must not end the secretary's session)
            where = f"{self.records.as_posix()}/{body}"
            self.fail(key, [f"{where}: internal error checking {year}: {problem_line(exc)}"])
            return False
        finally:
            if key not in self.years and by is not None:
                self.years[key] = by  # known, though never good yet
        for warning in volume.warnings:
            print(warning, file=sys.stderr, flush=True)
        self.volumes[key] = volume
        self.facts[key] = desk.volume_facts(volume)
        self.years[key] = by
        self.errors.pop(key, None)
        return True
