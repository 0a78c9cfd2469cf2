"""The bundled problem files solved once per test process, under their repository path.

Solving is most of the time of a test that renders or checks a bundled file, and the solutions
are frozen data: every test that only reads them shares one. A test that changes how solving
goes (a spent budget, a patched function) solves for itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from symderive.problemfile import load_problem_text
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).resolve().parent.parent


@cache
def bundled(stem: str) -> SolutionSet:
    """``problems/<stem>.yaml`` solved, its locations naming ``problems/<stem>.yaml``."""
    path = f"problems/{stem}.yaml"
    return solve_problem_set(load_problem_text((ROOT / path).read_text("utf-8"), path))
