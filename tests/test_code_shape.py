"""Units of a screen (issue 23): no function or method of the package or the scripts is longer
than ``FUNCTION_LINES``, no module longer than ``MODULE_LINES``, counted from the AST, apart
from the units in ``ALLOWED``, each with the reason it may be longer. An allowed unit that has
come back within the limit (or is gone) fails too, so the list only shrinks.

The benchmark (``benchmarks/``) is outside the package on purpose and is not counted.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COUNTED = ("src/kokous", "scripts")
FUNCTION_LINES = 60
MODULE_LINES = 600

#: ``path`` for a module, ``path::qualified.name`` for a function or method, with the reason it
#: may be longer. Empty since issue 23: every unit of the package is within its limit.
ALLOWED: dict[str, str] = {}

Function = ast.FunctionDef | ast.AsyncFunctionDef


def modules() -> list[Path]:
    return sorted(p for folder in COUNTED for p in (REPO / folder).rglob("*.py"))


def unit_lengths(path: Path, root: Path = REPO) -> Iterator[tuple[str, int, int]]:
    """(unit, lines, limit) of the module and of every function and method in it (nested
    ones too, each on its own; a function's lines include those nested in it, as a reader
    sees them). A function's lines run from its first decorator to its last line."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root).as_posix()
    yield name, len(text.splitlines()), MODULE_LINES

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, Function | ast.ClassDef):
                qualified = f"{prefix}{child.name}"
                if isinstance(child, Function):
                    first = min([d.lineno for d in child.decorator_list] + [child.lineno])
                    yield f"{name}::{qualified}", child.end_lineno - first + 1, FUNCTION_LINES
                yield from walk(child, f"{qualified}.")
            else:
                yield from walk(child, prefix)

    yield from walk(ast.parse(text, filename=name), "")


@functools.cache
def all_units() -> dict[str, tuple[int, int]]:
    return {unit: (lines, limit) for p in modules() for unit, lines, limit in unit_lengths(p)}


def test_the_counter_measures_functions_methods_and_modules(tmp_path: Path) -> None:
    """The counter itself: a decorated method's lines from its decorator, a nested function
    both on its own and inside its parent, the module's every line."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "class A:\n"  # 1
        "    @staticmethod\n"  # 2
        "    def m():\n"  # 3
        "        def inner():\n"  # 4
        "            return 1\n"  # 5
        "\n"  # 6
        "        return inner\n"  # 7
        "\n"  # 8
        "\n"  # 9
        "async def f():\n"  # 10
        "    pass\n",  # 11
        encoding="utf-8",
    )
    units = {unit: lines for unit, lines, _limit in unit_lengths(sample, tmp_path)}
    assert units == {
        "sample.py": 11,
        "sample.py::A.m": 6,
        "sample.py::A.m.inner": 2,
        "sample.py::f": 2,
    }


def test_no_function_over_a_screen_and_no_module_over_its_limit() -> None:
    units = all_units()
    assert len(units) > 100  # the walk found the package
    over = {
        unit: f"{lines} lines (limit {limit})"
        for unit, (lines, limit) in units.items()
        if lines > limit and unit not in ALLOWED
    }
    assert not over, "split these, or allow them in ALLOWED with the reason:\n" + "\n".join(
        f"  {unit}: {why}" for unit, why in sorted(over.items())
    )
    # The list only shrinks: an allowed unit back within its limit (or gone) leaves it.
    back = [u for u in ALLOWED if units.get(u, (0, 0))[0] <= units.get(u, (0, 0))[1]]
    assert not back, "gone or within the limit now, remove from ALLOWED: " + ", ".join(back)
