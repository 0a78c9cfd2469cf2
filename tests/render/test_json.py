"""The JSON format: golden Q3, the documented structure, and values that agree with the solution."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import sympy
from golden import check_golden

from symderive import __version__
from symderive.render.json import SCHEMA_VERSION, render_json
from symderive.solve import SolutionSet

EXPRESSION_KEYS = {"sympy", "latex"}
STEP_KEYS = ["rule", "before", "wrt", "after", "formula", "note", "verification", "children"]


def test_q3_matches_golden(q3: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q3.json", render_json(q3))


def _walk(step: dict[str, Any]) -> list[dict[str, Any]]:
    found = [step]
    for child in step["children"]:
        found.extend(_walk(child))
    return found


@pytest.mark.parametrize("name", ["q3", "hard"])
def test_structure(name: str, request: pytest.FixtureRequest) -> None:
    solutions: SolutionSet = request.getfixturevalue(name)
    data = json.loads(render_json(solutions))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["tool"] == "symderive"
    assert data["version"] == __version__
    assert len(data["problems"]) == len(solutions.solutions)
    for problem, solution in zip(data["problems"], solutions.solutions, strict=True):
        assert list(problem)[:5] == ["id", "kind", "statement", "points", "expression"]
        assert problem["expression"]["text"] == solution.problem.expression.text
        assert set(problem["expression"]) == {"text", "name", "sympy", "latex"}
        assert problem["readings"][0]["graded"] is True
        for reading, solved in zip(problem["readings"], solution.readings, strict=True):
            assert set(reading["expression"]) == EXPRESSION_KEYS
            for derivative, derivation in zip(
                reading["derivatives"], solved.derivatives, strict=True
            ):
                assert derivative["value"]["sympy"] == str(derivation.result)
                assert derivative["raw"]["sympy"] == str(derivation.raw)
                assert derivative["name"] == f"d{solution.result_name}/d{derivation.wrt}"
                for step in _walk(derivative["steps"]):
                    assert list(step) == STEP_KEYS
                    assert step["verification"] in {"symbolic", "numeric"}
                    assert set(step["after"]) == EXPRESSION_KEYS
            names = [node["name"] for node in reading["graph"]["nodes"]]
            assert names[-1] == solution.result_name
            assert reading["backward"][0]["name"] == solution.result_name
            evaluation = reading["evaluation"]
            if solved.evaluation is None:
                assert evaluation is None
            else:
                assert evaluation["passed"] is True
                assert all(check["passed"] for check in evaluation["checks"])
                assert evaluation["values"] == solved.evaluation.values


def test_expressions_read_back_with_sympify(q3: SolutionSet) -> None:
    data = json.loads(render_json(q3))
    reading = data["problems"][2]["readings"][0]
    for derivative, derivation in zip(
        reading["derivatives"], q3.solutions[2].graded.derivatives, strict=True
    ):
        value = sympy.sympify(derivative["value"]["sympy"])
        assert value.free_symbols <= {sympy.Symbol(name) for name in ("x1", "x2", "x3")}
        assert value == sympy.sympify(str(derivation.result))


def test_warning_is_located(q3: SolutionSet) -> None:
    (warning,) = json.loads(render_json(q3))["problems"][1]["warnings"]
    assert warning == {
        "code": "division-then-product",
        "message": q3.solutions[1].problem.warnings[0].message,
        "file": "problems/q3.yaml",
        "line": 21,
        "column": 44,
    }


def test_floats_round_trip_and_points_are_numbers(hard: SolutionSet) -> None:
    data = json.loads(render_json(hard))
    assert data["points"] == 7.5
    evaluation = data["problems"][0]["readings"][0]["evaluation"]
    solved = hard.solutions[0].graded.evaluation
    assert solved is not None
    for name, value in solved.adjoints.items():
        assert evaluation["adjoints"][name] == value
        assert math.isfinite(evaluation["adjoints"][name])
    assert data["problems"][1]["readings"][0]["evaluation"] is None


def test_output_is_deterministic(q3: SolutionSet) -> None:
    assert render_json(q3) == render_json(q3)
