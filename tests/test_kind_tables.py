"""A kind is one key in every layer: each layer's table covers exactly the kinds of
``symderive.kinds.KINDS``, and a kind missing from a table is an error that names the table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from symderive.check.kinds import CHECKS, checks_for
from symderive.kinds import KINDS
from symderive.problemfile import load_problem_file
from symderive.render.solutions import BUILDERS
from symderive.solve import SOLVERS, solve_problem

TABLES: dict[str, Mapping[str, object]] = {
    "symderive.solve.SOLVERS": SOLVERS,
    "symderive.render.solutions.BUILDERS": BUILDERS,
    "symderive.check.kinds.CHECKS": CHECKS,
}


def uncovered(kinds: Mapping[str, object], tables: Mapping[str, Mapping[str, object]]) -> list[str]:
    """Every (table, kind) pair out of step with the kinds: missing from a table, or extra."""
    problems = []
    for table_name, table in tables.items():
        problems += [f"{table_name} has no entry for {k!r}" for k in kinds if k not in table]
        problems += [f"{table_name} has {k!r}, which is no kind" for k in table if k not in kinds]
    return problems


def test_every_table_covers_every_kind() -> None:
    assert uncovered(KINDS, TABLES) == []


@pytest.mark.parametrize("table_name", list(TABLES))
def test_a_missing_entry_is_found(table_name: str) -> None:
    """The coverage test can fail: drop one kind from one table and it is named."""
    kind = next(iter(KINDS))
    broken = dict(TABLES)
    broken[table_name] = {k: v for k, v in TABLES[table_name].items() if k != kind}
    assert uncovered(KINDS, broken) == [f"{table_name} has no entry for {kind!r}"]


def test_an_extra_entry_is_found() -> None:
    broken = dict(TABLES)
    broken["symderive.solve.SOLVERS"] = {**SOLVERS, "network": solve_problem}
    assert uncovered(KINDS, broken) == ["symderive.solve.SOLVERS has 'network', which is no kind"]


def test_a_kind_without_a_solver_names_the_table() -> None:
    problem = load_problem_file(Path(__file__).parents[1] / "problems" / "q3.yaml").problems[0]
    with pytest.raises(LookupError, match=r"add it to SOLVERS in symderive/solve\.py"):
        solve_problem(replace(problem, kind="no-such-kind"))


def test_a_kind_without_checks_names_the_table() -> None:
    with pytest.raises(LookupError, match=r"add it to CHECKS in symderive/check/kinds"):
        checks_for("no-such-kind")
