"""Write the rules' reference from the registry (kokous.lint) into docs/records.md, between
its two markers. tests/test_rules.py fails until the file holds what this writes."""

from __future__ import annotations

from pathlib import Path

from kokous.lint import reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "records.md"

if __name__ == "__main__":
    reference.write_into(DOC)
    print(f"wrote the rules reference into {DOC}")
