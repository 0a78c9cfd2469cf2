"""The JSON format: every field of every solution, versioned, for tools rather than people.

This module holds the envelope (schema version, tool, problem set) and the value helpers every
kind's JSON uses; each kind's fields come from its own ``*_data`` function through the table in
``solutions.py``. Every expression is given twice, as SymPy's ``str`` (which ``sympy.sympify``
reads back) and as LaTeX. Keys come in a fixed order, floats are written by ``repr`` (round-trip
safe) and values that JSON cannot hold (NaN, infinities) become ``null``. Change
``SCHEMA_VERSION`` whenever a field is renamed or removed; adding a field keeps it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sympy

from symderive import __version__
from symderive.problem import ProblemSet
from symderive.render.mathtext import latex

if TYPE_CHECKING:
    from symderive.solve import SolutionSet

SCHEMA_VERSION = 1

Json = dict[str, Any]


def render_json(solutions: SolutionSet) -> str:
    """The whole solution set as an indented JSON document (UTF-8, not ASCII-escaped)."""
    # Imported here: solutions.py imports every kind's JSON module, and those import this one.
    from symderive.render.solutions import data_of

    return json.dumps(data_of(solutions), indent=2, ensure_ascii=False) + "\n"


def envelope(problem_set: ProblemSet, problems: list[Json]) -> Json:
    """The document around the problems: schema version, tool, and the problem set's fields."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "symderive",
        "version": __version__,
        "source": problem_set.path,
        "title": problem_set.title,
        "statement": problem_set.statement,
        "points": rational_data(problem_set.points),
        "problems": problems,
    }


def expression_data(
    expression: sympy.Basic, names: Mapping[sympy.Symbol, str] | None = None
) -> Json:
    """``{"sympy": …, "latex": …}``; ``names`` gives the LaTeX of some symbols (adjoints)."""
    return {"sympy": str(expression), "latex": latex(expression, names)}


def problem_data(problem: Any) -> dict[str, Json]:
    """What every problem's JSON object begins with, whatever its kind."""
    return {
        "id": problem.id,
        "kind": problem.kind,
        "statement": problem.statement,
        "points": rational_data(problem.points),
    }


def rational_data(value: sympy.Expr | None) -> int | float | None:
    """Points and coordinates as JSON numbers: integers exactly, others as the nearest float."""
    if value is None:
        return None
    if value.is_Integer:
        return int(value)
    return finite(float(value))


def finite(value: float) -> float | None:
    """A float, or None where JSON has no number (NaN, infinities)."""
    return value if math.isfinite(value) else None
