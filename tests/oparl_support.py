"""What the OParl tests share: the sample's address and licence, the tests' build clock, and
walks over parsed JSON (tests/test_oparl.py, tests/test_oparl_clients.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import yaml

from kokous import oparl

REPO = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
BASE = CONFIG["base_url"]
LICENSE = CONFIG["license"]
CLOCK = dt.datetime(2026, 1, 1, 2, 0)  # SOURCE_DATE_EPOCH of the tests, in Helsinki


def objects(value: object) -> Iterator[dict]:
    """Every OParl object in ``value`` (one with a ``type`` and an ``id``), nested ones too."""
    if isinstance(value, dict):
        if "type" in value and "id" in value:
            yield value
        for v in value.values():
            yield from objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects(v)


def strings(value: object) -> Iterator[str]:
    """Every string in ``value``, nested ones too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def kind(obj: dict) -> str:
    """The object's OParl type without the schema's prefix: ``Meeting``, ``File``, …"""
    return obj["type"].removeprefix(oparl.SCHEMA)
