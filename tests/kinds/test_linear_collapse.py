"""Kind linear-collapse: q1.yaml loads, keys have their defaults, every mistake is located."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from symderive.errors import ProblemFileError
from symderive.parsing.names import make_symbol
from symderive.problem import LinearCollapseProblem
from symderive.problemfile import load_problem_file, load_problem_text

ROOT = Path(__file__).parents[2]
HEAD = "title: T\nproblems:\n  - id: a\n    kind: linear-collapse\n"


def load(body: str) -> LinearCollapseProblem:
    problem = load_problem_text(HEAD + body, "f.yaml").problems[0]
    assert isinstance(problem, LinearCollapseProblem)
    return problem


def test_q1_loads() -> None:
    problems = load_problem_file(ROOT / "problems" / "q1.yaml")
    assert problems.title == "Q1: Linear activations collapse" and problems.points == 15
    assert problems.statement is not None and "use induction" in problems.statement
    assert sum(p.points or 0 for p in problems.problems) == 15
    general, concrete, small, relu = problems.problems
    assert isinstance(general, LinearCollapseProblem) and general.layers is None
    assert isinstance(concrete, LinearCollapseProblem) and concrete.dims == (4, 8, 8, 2)
    assert isinstance(small, LinearCollapseProblem) and small.dims == (2, 2, 2)
    assert isinstance(relu, LinearCollapseProblem) and relu.activation == "relu"


def test_defaults() -> None:
    problem = load("")
    assert problem.layers is None and problem.activation == "identity"
    assert problem.slope is None and problem.dims is None
    assert problem.scalar is False and problem.seed == 1 and problem.warnings == ()


def test_dims_decide_the_layers() -> None:
    assert load("    dims: [3, 5, 2]\n").layers == 2


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ReLU", "relu"),
        ("LeakyReLU", "leaky_relu"),
        ("leaky-relu", "leaky_relu"),
        ("swish", "silu"),
        ("Identity", "identity"),
        ("logistic", "sigmoid"),
    ],
)
def test_activation_spellings_are_forgiven(written: str, expected: str) -> None:
    assert load(f"    activation: {written}\n    layers: 2\n").activation == expected


def test_slopes() -> None:
    assert load("    activation: linear\n").slope == make_symbol("a")
    assert load("    activation: linear\n    slope: alpha\n").slope == make_symbol("alpha")
    assert load("    activation: linear\n    slope: 0.5\n").slope == sympy.Rational(1, 2)
    assert load("    activation: leaky_relu\n").slope == sympy.Rational(1, 100)
    assert load("    activation: leaky_relu\n    slope: 1/5\n").slope == sympy.Rational(1, 5)


def test_scalar_and_seed() -> None:
    problem = load("    scalar: true\n    dims: [1, 1, 1]\n    seed: 42\n")
    assert problem.scalar and problem.seed == 42 and problem.layers == 2


# (body, line, column, message fragment): the line counts from the file's first line (HEAD has 4).
ERRORS = [
    ("    layers: 0\n", 5, 13, "'layers' must be between 1 and 100,000"),
    ("    layers: 100001\n", 5, 13, "between 1 and 100,000"),
    ("    layers: M\n", 5, 13, "'layers' must be a positive whole number or N, not 'M'"),
    ('    layers: "3"\n', 5, 13, "write it without quotes"),
    ("    layers: 2.5\n", 5, 13, "'layers' must be a whole number"),
    ("    layers: true\n", 5, 13, "'layers' must be a positive whole number or N"),
    ("    layers: [1]\n", 5, 13, "'layers' must be a positive whole number or N, not a list"),
    ("    activation: relux\n", 5, 17, "did you mean 'relu'?"),
    ("    activation: gelu\n", 5, 17, "not supported by linear-collapse"),
    ("    activation: 3\n", 5, 17, "'activation' must be a string"),
    ("    activation: relu\n    slope: 2\n", 6, 5, "'slope' belongs to activation linear"),
    ("    slope: 2\n", 5, 5, "not identity"),
    ("    activation: leaky_relu\n    slope: a\n", 6, 12, "must be a number, not 'a'"),
    ("    activation: linear\n    slope: W\n", 6, 12, "cannot name the slope"),
    ("    activation: linear\n    slope: x_1\n", 6, 12, "cannot name the slope"),
    ("    activation: linear\n    slope: exp\n", 6, 12, "cannot name the slope"),
    ('    activation: linear\n    slope: "2 +"\n', 6, 12, "a number or a name"),
    ("    activation: linear\n    slope: 1e7\n", 6, 12, "'slope' must lie in"),
    ("    activation: linear\n    slope: 1/0\n", 6, 12, "divides by zero"),
    ("    activation: linear\n    slope: [1]\n", 6, 12, "a number or a name, not a list"),
    ("    layers: 2\n    dims: [4, 8]\n", 6, 11, "lists 2 widths, but 2 layers need 3"),
    ("    layers: N\n    dims: [4, 8]\n", 6, 11, "'dims' needs a number of layers"),
    ("    dims: [4]\n", 5, 11, "at least two"),
    ("    dims: [4, 0, 2]\n", 5, 15, "each width in 'dims' must be between 1 and 1,024"),
    ("    dims: [4, 2000]\n", 5, 15, "between 1 and 1,024"),
    ("    dims: [4, 2.5]\n", 5, 15, "each width in 'dims' must be a whole number"),
    ("    dims: [4, x]\n", 5, 15, "must be a whole number, not a string"),
    ("    dims: 4\n", 5, 11, "'dims' must be a list of widths"),
    (
        "    dims: [1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024]\n",
        5,
        11,
        "at most 10,000,000 are drawn",
    ),
    ("    scalar: true\n    dims: [1, 2, 1]\n", 6, 11, "scalar mode has width 1 everywhere"),
    ("    scalar: yes please\n", 5, 13, "'scalar' must be true or false"),
    ("    seed: -1\n", 5, 11, "'seed' must be between 0"),
    ("    seed: 1.5\n", 5, 11, "'seed' must be a whole number"),
    ("    activation: relu\n    layers: 1001\n", 6, 13, "at most 1,000 layers"),
    ("    layer: 3\n", 5, 5, "did you mean 'layers'?"),
    ("    dim: [2, 2]\n", 5, 5, "did you mean 'dims'?"),
]


@pytest.mark.parametrize(("body", "line", "column", "fragment"), ERRORS)
def test_errors_are_located(body: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(ProblemFileError) as caught:
        load_problem_text(HEAD + body, "f.yaml")
    error = caught.value
    assert fragment in error.message
    assert error.location is not None
    assert (error.location.file, error.location.line, error.location.column) == (
        "f.yaml",
        line,
        column,
    )
    rendered = error.render()
    assert rendered.startswith(f"error: f.yaml:{line}:{column}: ")
    assert "^" in rendered  # the caret snippet


def test_kind_typo_suggests_linear_collapse() -> None:
    with pytest.raises(ProblemFileError, match="did you mean 'linear-collapse'"):
        load_problem_text("title: T\nproblems:\n  - id: a\n    kind: linear-colapse\n", "f.yaml")
