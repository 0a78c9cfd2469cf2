"""Kind ``activation``: problem files load, and every mistake is reported at its line and column."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import sympy
import yaml

from symderive.activation_names import ALPHA, BETA
from symderive.errors import ExpressionError, InputError, ProblemFileError
from symderive.kinds import KINDS
from symderive.parsing.names import make_symbol
from symderive.problem import ActivationProblem
from symderive.problemfile import PLANNED_KINDS, load_problem_file, load_problem_text
from symderive.schema import problem_file_schema
from symderive.solve import solve_problem_set

ROOT = Path(__file__).parents[2]
HEAD = "title: T\nproblems:\n  - id: a\n    kind: activation\n"


def load(text: str) -> ActivationProblem:
    problem = load_problem_text(HEAD + text, "f.yaml").problems[0]
    assert isinstance(problem, ActivationProblem)
    return problem


def test_activation_is_a_kind_and_no_longer_planned() -> None:
    assert "activation" in KINDS and "activation" not in PLANNED_KINDS


def test_q2_loads() -> None:
    problems = load_problem_file(ROOT / "problems" / "q2.yaml")
    assert problems.title == "Q2: Activation functions" and problems.points == 15
    assert problems.statement is not None and "sigmoid, ReLU, softmax" in problems.statement
    functions = [p.function for p in problems.problems if isinstance(p, ActivationProblem)]
    assert functions == ["sigmoid", "relu", "softmax"]
    assert sum(p.points or 0 for p in problems.problems) == 15
    softmax = problems.problems[2]
    assert isinstance(softmax, ActivationProblem) and softmax.size == 3


def test_the_catalogue_file_covers_every_other_function() -> None:
    problems = load_problem_file(ROOT / "problems" / "activations.yaml").problems
    functions = {p.function for p in problems if isinstance(p, ActivationProblem)}
    expected = {"tanh", "leaky_relu", "elu", "softplus", "gelu", "gelu_tanh", "silu"}
    assert expected | {"swish", "log_softmax", None} <= functions


def test_defaults() -> None:
    problem = load("    function: sigmoid\n")
    assert problem.variable == make_symbol("x") and problem.size is None
    assert problem.plot == (-4, 4) and dict(problem.parameters) == {}
    assert load("    function: softmax\n").variable == make_symbol("z")


def test_every_key() -> None:
    problem = load(
        "    function: Leaky-ReLU\n    variable: t\n    parameters: {alpha: 0.2}\n"
        "    plot: [-2, 3.5]\n    points: 4\n"
    )
    assert problem.function == "leaky_relu" and problem.variable == make_symbol("t")
    assert dict(problem.parameters) == {ALPHA: sympy.Rational(1, 5)}
    assert problem.plot == (-2, sympy.Rational(7, 2)) and problem.points == 4
    assert load("    function: swish\n    parameters: {beta: 2}\n").parameters[BETA] == 2
    assert load("    function: log_softmax\n    size: 10\n").size == 10
    assert load("    function: relu\n    plot: false\n").plot is None


def test_an_expression_with_a_parameter() -> None:
    problem = load('    expression: "x*sigmoid(b*x)"\n    parameters: {b: 1.5}\n')
    assert problem.function is None and problem.expression is not None
    assert problem.variable == make_symbol("x")
    assert dict(problem.parameters) == {make_symbol("b"): sympy.Rational(3, 2)}
    assert load('    expression: "t^2"\n').variable == make_symbol("t")
    chosen = load('    expression: "a*y"\n    variable: y\n    parameters: {a: 2}\n')
    assert chosen.variable == make_symbol("y")


def case(text: str, message: str, line: int, column: int, error: type = ProblemFileError) -> tuple:
    return HEAD + text, message, line, column, error


@pytest.mark.parametrize(
    ("source", "message", "line", "column", "error_type"),
    [
        pytest.param(*case("    function: sigmoud\n", "did you mean 'sigmoid'?", 5, 15), id="typo"),
        pytest.param(*case("    function: swishy\n", "unknown activation function", 5, 15),
                     id="unknown-function"),
        pytest.param(*case("    function: 3\n", "'function' must be a string", 5, 15),
                     id="function-not-a-string"),
        pytest.param(*case("    points: 2\n", "needs 'function'", 3, 5), id="neither"),
        pytest.param(*case('    function: relu\n    expression: "x"\n', "not both", 6, 5),
                     id="both"),
        pytest.param(*case("    function: relu\n    sise: 3\n", "did you mean 'size'?", 6, 5),
                     id="unknown-key"),
        pytest.param(*case("    function: relu\n    parameters: {alpha: 1}\n",
                           "relu takes no parameters", 6, 18), id="no-parameters"),
        pytest.param(*case("    function: leaky_relu\n    parameters: {alpah: 1}\n",
                           "did you mean 'alpha'?", 6, 18), id="parameter-typo"),
        pytest.param(*case("    function: elu\n    parameters: {beta: 1}\n",
                           "(elu takes alpha)", 6, 18), id="wrong-parameter"),
        pytest.param(*case("    function: leaky_relu\n    parameters: {alpha: abc}\n",
                           "the value of 'alpha' must be a finite number", 6, 25),
                     id="parameter-not-a-number"),
        pytest.param(*case("    function: leaky_relu\n    parameters: {alpha: 1000}\n",
                           "must lie in", 6, 25), id="parameter-too-large"),
        pytest.param(*case("    function: elu\n    parameters: {alpha: -1}\n",
                           "must be positive", 6, 25), id="elu-alpha-positive"),
        pytest.param(*case("    function: silu\n    parameters: {beta: 2}\n",
                           "function: swish", 6, 17), id="silu-has-fixed-beta"),
        pytest.param(*case("    function: relu\n    parameters: [1]\n",
                           "'parameters' must be a mapping", 6, 17), id="parameters-not-mapping"),
        pytest.param(*case("    function: relu\n    size: 3\n", "'size' is the number of logits",
                           6, 5), id="size-on-a-scalar"),
        pytest.param(*case("    function: softmax\n    size: 11\n", "between 2 and 10", 6, 11),
                     id="size-too-large"),
        pytest.param(*case("    function: softmax\n    size: 1\n", "between 2 and 10", 6, 11),
                     id="size-too-small"),
        pytest.param(*case("    function: softmax\n    size: 2.5\n", "'size' must be an integer",
                           6, 11), id="size-not-an-integer"),
        pytest.param(*case("    function: softmax\n    size: true\n", "'size' must be an integer",
                           6, 11), id="size-boolean"),
        pytest.param(*case("    function: relu\n    plot: [1]\n", "two numbers, not 1", 6, 11),
                     id="plot-one-end"),
        pytest.param(*case("    function: relu\n    plot: [3, 1]\n", "low < high", 6, 11),
                     id="plot-reversed"),
        pytest.param(*case("    function: relu\n    plot: [0, x]\n", "each end of 'plot'", 6, 15),
                     id="plot-not-a-number"),
        pytest.param(*case("    function: relu\n    plot: [0, 1e5]\n", "must lie in", 6, 15),
                     id="plot-too-wide"),
        pytest.param(*case("    function: relu\n    plot: yes\n", "'plot' must be a range", 6, 11),
                     id="plot-true"),
        pytest.param(*case("    function: relu\n    variable: 2x\n", "must be a name", 6, 15),
                     id="variable-not-a-name"),
        pytest.param(*case("    function: relu\n    variable: exp\n", "is a function", 6, 15),
                     id="variable-is-a-function"),
        pytest.param(*case("    function: leaky_relu\n    variable: alpha\n",
                           "is a parameter of leaky_relu", 6, 15), id="variable-is-a-parameter"),
        pytest.param(*case("    function: softmax\n    variable: z1\n", "must not end in a digit",
                           6, 15), id="logit-stem-ends-in-a-digit"),
        pytest.param(*case('    expression: "x*sigmoid(x"\n', "never closed", 5, 27,
                           ExpressionError),
                     id="expression-does-not-parse"),
        pytest.param(*case('    expression: "x + foo(x)"\n', "give foo a value", 5, 17),
                     id="expression-unknown-name"),
        pytest.param(*case('    expression: "3"\n', "no variable", 5, 17),
                     id="expression-without-variable"),
        pytest.param(*case('    expression: "a*y + b"\n', "several names (a, b, y)", 5, 17),
                     id="expression-several-names"),
        pytest.param(*case('    expression: "x*w"\n    parameters: {q: 1}\n',
                           "unknown parameter 'q' of the expression", 6, 18),
                     id="expression-unknown-parameter"),
        pytest.param(*case('    expression: "x*w + v"\n    parameters: {w: 1}\n',
                           "give v a value under 'parameters'", 6, 5),
                     id="expression-missing-parameter"),
        pytest.param(*case('    expression: "x^2"\n    variable: y\n',
                           "'variable' is 'y', which is not in the expression", 6, 15),
                     id="expression-variable-absent"),
    ],
)  # fmt: skip
def test_errors_are_located(
    source: str, message: str, line: int, column: int, error_type: type
) -> None:
    with pytest.raises(error_type) as caught:
        load_problem_text(source, "f.yaml")
    error = caught.value
    assert message in error.message
    rendered = error.render().splitlines()
    assert rendered[0].startswith(f"error: f.yaml:{line}:{column}: "), rendered[0]
    caret_line = rendered[-1]
    assert caret_line.index("^") - 4 == column - 1


@pytest.mark.parametrize(
    "text",
    [
        "    function: sigmoid\n",
        "    function: softmax\n    size: 4\n    plot: false\n",
        '    expression: "x*tanh(x)"\n    parameters: {}\n',
    ],
)
def test_the_schema_accepts_what_the_loader_accepts(text: str) -> None:
    load(text)
    document = yaml.safe_load(HEAD + text)
    jsonschema.validate(document, problem_file_schema())


@pytest.mark.parametrize(
    "text",
    [
        "    function: relu\n    sise: 3\n",
        "    function: softmax\n    size: 11\n",
        "    function: relu\n    plot: [1]\n",
        "    function: relu\n    plot: true\n",
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(text: str) -> None:
    with pytest.raises(ProblemFileError):
        load(text)
    document = yaml.safe_load(HEAD + text)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, problem_file_schema())


def test_a_function_without_real_values_in_the_range_is_refused() -> None:
    text = HEAD + '    expression: "sqrt(-1 - x^2)"\n'
    with pytest.raises(InputError) as caught:
        solve_problem_set(load_problem_text(text, "f.yaml"))
    assert "no real value" in caught.value.message
    assert caught.value.render().startswith("error: f.yaml:5:18: ")
