"""The gettext catalogs (locale/*/LC_MESSAGES/kokous.po) parse cleanly: a message that lost its
msgstr in a merge is read with a warning and a shifted catalog, at every start."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_catalog_parses_without_a_warning(lang: str) -> None:
    path = LOCALE / lang / "LC_MESSAGES" / "kokous.po"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    assert len(catalog) > 100
    # Finnish and Swedish translate every message; English keeps the msgid as written.
    if lang != "en":
        assert [m.id for m in catalog if m.id and not m.string] == []
