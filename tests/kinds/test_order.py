"""The ``order`` key of kinds ``partials`` and ``activation``: 1 or 2, every other value refused
at its line and column (exit code 2 on the command line)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from symderive import cli
from symderive.errors import ProblemFileError
from symderive.problem import ActivationProblem, PartialsProblem
from symderive.problemfile import load_problem_text
from symderive.schema import problem_file_schema

PARTIALS = "title: T\nproblems:\n  - id: a\n    kind: partials\n    expression: f = x^2*y\n"
ACTIVATION = "title: T\nproblems:\n  - id: a\n    kind: activation\n    function: tanh\n"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        pytest.param(PARTIALS, PartialsProblem, id="partials"),
        pytest.param(ACTIVATION, ActivationProblem, id="activation"),
    ],
)
@pytest.mark.parametrize(
    ("written", "order"), [("", 1), ("    order: 1\n", 1), ("    order: 2\n", 2)]
)
def test_order_is_read(head: str, kind: type, written: str, order: int) -> None:
    problem = load_problem_text(head + written, "f.yaml").problems[0]
    assert isinstance(problem, kind)
    assert problem.order == order


@pytest.mark.parametrize("head", [PARTIALS, ACTIVATION], ids=["partials", "activation"])
@pytest.mark.parametrize(
    ("value", "message", "column"),
    [
        pytest.param("3", "'order' must be 1 or 2", 12, id="three"),
        pytest.param("0", "'order' must be 1 or 2", 12, id="zero"),
        pytest.param("-1", "'order' must be 1 or 2", 12, id="negative"),
        pytest.param("x", "must be 1 or 2", 12, id="a-name"),
        pytest.param("2.0", "must be 1 or 2", 12, id="a-float"),
        pytest.param("true", "must be 1 or 2", 12, id="a-boolean"),
        pytest.param("99999999999999999999", "'order' must be 1 or 2", 12, id="huge"),
    ],
)
def test_bad_order_is_located(head: str, value: str, message: str, column: int) -> None:
    with pytest.raises(ProblemFileError, match=message) as raised:
        load_problem_text(head + f"    order: {value}\n", "f.yaml")
    location = raised.value.location
    assert location is not None and location.line == 6
    assert location.column in (5, column)


def test_softmax_has_no_order_two() -> None:
    text = "title: T\nproblems:\n  - id: a\n    kind: activation\n    function: softmax\n"
    with pytest.raises(ProblemFileError, match="its second derivative is not offered"):
        load_problem_text(text + "    order: 2\n", "f.yaml")


def test_bad_order_is_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(PARTIALS + "    order: 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["solve", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:6:")
    assert "'order' must be 1 or 2" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("value", "valid"), [(1, True), (2, True), (3, False), ("2", False)])
def test_schema_bounds_order(value: object, valid: bool) -> None:
    document = yaml.safe_load(PARTIALS)
    document["problems"][0]["order"] = value
    validator = jsonschema.Draft202012Validator(problem_file_schema())
    assert validator.is_valid(document) == valid
