"""Activation functions: every derivative derived, proved in its idiomatic form, and checked.

The checks here are independent of the solver's: SymPy's own ``diff`` of the native definition,
``mpmath.diff`` for finite differences, and the softmax Jacobian built directly from ``diff``.
"""

from __future__ import annotations

from functools import cache

import mpmath
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from symderive.activation_names import (
    ALPHA,
    BETA,
    PARAMETERS,
    SCALAR_FUNCTIONS,
    VECTOR_FUNCTIONS,
    canonical_name,
)
from symderive.derive.activation_catalogue import CATALOGUE
from symderive.derive.activation_checks import check_points
from symderive.derive.activation_kinks import Convention, active_piece, find_kinks
from symderive.derive.activations import (
    ActivationSolution,
    ProofMethod,
    ProofScope,
    prove_equal,
    solve_activation,
)
from symderive.derive.differentiate import differentiate
from symderive.derive.softmax import Jacobian, logits, softmax_outputs
from symderive.derive.steps import Rule, Verification
from symderive.derive.verify import numerically_equal
from symderive.errors import SourceLocation, VerificationError
from symderive.functions import to_native
from symderive.parsing.expression import parse_expression
from symderive.parsing.names import make_symbol
from symderive.problem import ActivationProblem, Point

x, z = make_symbol("x"), make_symbol("z")
SCALARS = sorted(CATALOGUE)


def problem(
    function: str | None = None,
    *,
    expression: str | None = None,
    parameters: dict[sympy.Symbol, sympy.Rational] | None = None,
    size: int | None = None,
) -> ActivationProblem:
    vector = function in VECTOR_FUNCTIONS
    return ActivationProblem(
        id="p",
        kind="activation",
        statement=None,
        function=function,
        expression=parse_expression(expression) if expression else None,
        variable=z if vector else x,
        parameters=Point(parameters or {}),
        size=size,
        plot=(sympy.Integer(-4), sympy.Integer(4)),
        points=None,
        warnings=(),
        location=SourceLocation(),
    )


_SOLVED: dict[str, ActivationSolution] = {}


def solved(name: str) -> ActivationSolution:
    if name not in _SOLVED:
        _SOLVED[name] = solve_activation(problem(name))
    return _SOLVED[name]


@cache
def solved_softmax(size: int) -> ActivationSolution:
    """Softmax over ``size`` logits, solved once for the Jacobian tests that share it."""
    return solve_activation(problem("softmax", size=size))


def _values(solution: ActivationSolution) -> dict[sympy.Symbol, sympy.Rational]:
    return {item.parameter.symbol: item.value for item in solution.parameters}


@pytest.mark.parametrize("name", SCALARS)
def test_derived_derivative_equals_sympy_diff(name: str) -> None:
    solution = solved(name)
    assert solution.derivation is not None
    expected = sympy.diff(to_native(solution.definition), x)
    equal, point = numerically_equal(
        expected, to_native(solution.derivation.result), [x, ALPHA, BETA]
    )
    assert equal, point
    assert all(
        step.verification is not Verification.NOT_CHECKED
        for step in solution.derivation.step.walk()
    )


@pytest.mark.parametrize("name", SCALARS)
def test_idiomatic_form_is_proved_symbolically(name: str) -> None:
    solution = solved(name)
    assert solution.idiomatic is not None
    assert solution.idiomatic.proof.verification is Verification.SYMBOLIC
    idiomatic = solution.idiomatic
    expanded = idiomatic.expression.xreplace({a.symbol: a.meaning for a in idiomatic.abbreviations})
    assert solution.derivation is not None
    for value in (-2.5, -0.3, 0.7, 3.1):  # away from the kink at 0
        point = {x: sympy.Rational(str(value)), ALPHA: sympy.Rational(1, 3)}
        point[BETA] = sympy.Rational(3, 2)
        left = to_native(expanded).xreplace(point).evalf(30)
        right = to_native(solution.derivation.result).xreplace(point).evalf(30)
        assert abs(left - right) < 1e-25


def test_proofs_record_codes_and_the_sides_of_the_kink() -> None:
    """The proof is data: method codes, the kink's sides as relations, what a Jacobian's covers."""
    relu = solved("relu").idiomatic
    assert relu is not None and relu.proof.methods == (ProofMethod.EXPANSION,)
    assert relu.proof.sides == (sympy.Gt(x, 0), sympy.Lt(x, 0))
    sigmoid = solved("sigmoid").idiomatic
    assert sigmoid is not None and sigmoid.proof.methods == (ProofMethod.EXPONENTIALS,)
    assert sigmoid.proof.sides == () and sigmoid.proof.scope is None
    jacobian = solve_activation(problem("softmax")).jacobian
    assert jacobian is not None
    assert jacobian.proof.scope is ProofScope.EVERY_ENTRY
    assert jacobian.row_sums.scope is ProofScope.EVERY_ROW


@pytest.mark.parametrize(
    ("name", "idiomatic"),
    [
        ("sigmoid", "sigmoid(x)*(1 - sigmoid(x))"),
        ("tanh", "1 - tanh(x)^2"),
        ("softplus", "sigmoid(x)"),
        ("silu", "sigmoid(x)*(1 + x*(1 - sigmoid(x)))"),
    ],
)
def test_idiomatic_forms_are_the_textbook_ones(name: str, idiomatic: str) -> None:
    form = solved(name).idiomatic
    assert form is not None
    assert sympy.expand(form.expression - parse_expression(idiomatic).expression) == 0


def test_gelu_idiomatic_form_is_phi_plus_x_density() -> None:
    form = solved("gelu").idiomatic
    assert form is not None
    cdf, density = (a.symbol for a in form.abbreviations)
    assert form.expression == cdf + x * density


def _derivative_value(solution: ActivationSolution, at: float) -> mpmath.mpf:
    assert solution.derivation is not None
    native = to_native(solution.derivation.result.xreplace(_values(solution)))
    return mpmath.mpf(str(native.xreplace({x: sympy.Float(at, 40)}).evalf(40)))


def _difference_quotient(solution: ActivationSolution, at: float) -> mpmath.mpf:
    function = sympy.lambdify(
        x, to_native(solution.definition.xreplace(_values(solution))), "mpmath"
    )
    with mpmath.workdps(40):
        return mpmath.diff(function, mpmath.mpf(at))


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(SCALARS),
    at=st.floats(min_value=-6, max_value=6, allow_nan=False, allow_infinity=False),
)
def test_derivatives_agree_with_finite_differences(name: str, at: float) -> None:
    assume(abs(at) > 0.05)  # away from the kinks at 0
    solution = solved(name)
    exact, estimate = _derivative_value(solution, at), _difference_quotient(solution, at)
    assert abs(exact - estimate) <= 1e-12 * max(1, abs(exact))


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(["leaky_relu", "elu", "swish"]),
    value=st.fractions(min_value="1/20", max_value=3, max_denominator=20),
    at=st.floats(min_value=-4, max_value=4, allow_nan=False),
)
def test_parameters_agree_with_finite_differences(name: str, value: object, at: float) -> None:
    assume(abs(at) > 0.05)
    symbol = BETA if name == "swish" else ALPHA
    rational = sympy.Rational(str(value))
    solution = solve_activation(problem(name, parameters={symbol: rational}))
    assert all(check.passed for check in solution.checks)
    exact, estimate = _derivative_value(solution, at), _difference_quotient(solution, at)
    assert abs(exact - estimate) <= 1e-12 * max(1, abs(exact))


@pytest.mark.parametrize("name", SCALARS)
def test_solver_numeric_checks_pass_away_from_kinks(name: str) -> None:
    solution = solved(name)
    assert len(solution.checks) == 3 and solution.passed
    for check in solution.checks:
        assert all(abs(value) >= sympy.Rational(1, 10) for _, value in check.point)


def test_relu_kink_facts() -> None:
    (kink,) = solved("relu").kinks
    assert kink.point == 0
    assert (kink.left, kink.right) == (0, 1)
    assert not kink.differentiable and kink.convex
    assert kink.interval == (0, 1)
    assert kink.formula_value == sympy.Rational(1, 2)  # SymPy's H(0)
    assert kink.convention is Convention.RELU_ZERO


def test_leaky_relu_subgradient_is_alpha_to_one() -> None:
    (kink,) = solve_activation(
        problem("leaky_relu", parameters={ALPHA: sympy.Rational(1, 10)})
    ).kinks
    assert kink.interval == (sympy.Rational(1, 10), 1) and kink.convex
    default = solved("leaky_relu")
    assert default.parameters[0].value == sympy.Rational(1, 100) and default.parameters[0].default


def test_a_slope_above_one_makes_a_concave_kink() -> None:
    (kink,) = solve_activation(problem("leaky_relu", parameters={ALPHA: sympy.Integer(2)})).kinks
    assert (kink.left, kink.right) == (2, 1)
    assert not kink.convex and kink.interval == (1, 2)


def test_elu_with_alpha_one_is_differentiable_at_zero() -> None:
    (kink,) = solved("elu").kinks
    assert kink.differentiable and kink.left == kink.right == 1
    (kinked,) = solve_activation(problem("elu", parameters={ALPHA: sympy.Rational(1, 2)})).kinks
    assert not kinked.differentiable and kinked.interval == (sympy.Rational(1, 2), 1)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "gelu", "gelu_tanh", "silu"])
def test_smooth_functions_have_no_kinks(name: str) -> None:
    assert solved(name).kinks == ()


def _zero(matrix: sympy.Matrix) -> bool:
    """Every entry cancels to 0: softmax's entries are rational functions of the exponentials,
    so SymPy's ``cancel`` decides them (``simplify`` does too, ten times slower)."""
    return all(sympy.cancel(entry) == 0 for entry in matrix)


@pytest.mark.parametrize("size", [2, 3, 4])
def test_softmax_jacobian_is_diag_minus_outer_product(size: int) -> None:
    solution = solved_softmax(size)
    jacobian = solution.jacobian
    assert isinstance(jacobian, Jacobian)
    z_ = logits(z, size)
    s = sympy.Matrix(softmax_outputs("softmax", z_))
    direct = sympy.Matrix(size, size, lambda i, j: sympy.diff(s[i], z_[j]))
    expected = sympy.diag(*s) - s * s.T
    assert _zero(direct - expected)
    assert _zero(jacobian.matrix - expected)
    assert _zero(jacobian.expand(jacobian.closed_form) - expected)
    assert jacobian.proof.verification is Verification.SYMBOLIC
    for row in range(size):
        assert sympy.cancel(sum(jacobian.matrix.row(row))) == 0
    assert jacobian.row_sums.verification is Verification.SYMBOLIC
    assert solution.passed and len(solution.checks) == size * size


@pytest.mark.parametrize("size", [2, 3, 5])
def test_the_diagonal_alone_is_not_the_jacobian(size: int) -> None:
    jacobian = solved_softmax(size).jacobian
    assert isinstance(jacobian, Jacobian)
    diagonal = jacobian.expand(jacobian.diagonal_only)
    equal, _ = numerically_equal(diagonal[0, 1], jacobian.matrix[0, 1], list(jacobian.logits))
    assert not equal
    assert diagonal != jacobian.matrix
    assert jacobian.off_diagonal[2] < 0  # −s₁s₂, never 0
    with pytest.raises(VerificationError):
        prove_equal(diagonal[0, 1], jacobian.matrix[0, 1], jacobian.logits[0])


@pytest.mark.parametrize("size", [2, 3, 4])
def test_log_softmax_jacobian_is_identity_minus_ones_s(size: int) -> None:
    jacobian = solve_activation(problem("log_softmax", size=size)).jacobian
    assert isinstance(jacobian, Jacobian)
    z_ = logits(z, size)
    s = sympy.Matrix(softmax_outputs("softmax", z_))
    logs = [z_[i] - sympy.log(sum(sympy.exp(v) for v in z_)) for i in range(size)]
    direct = sympy.Matrix(size, size, lambda i, j: sympy.diff(logs[i], z_[j]))
    expected = sympy.eye(size) - sympy.ones(size, 1) * s.T
    assert _zero(direct - expected)
    assert _zero(jacobian.matrix - expected)
    assert jacobian.proof.verification is Verification.SYMBOLIC
    assert jacobian.row_sums.verification is Verification.SYMBOLIC


def test_softmax_default_size_is_three() -> None:
    jacobian = solve_activation(problem("softmax")).jacobian
    assert isinstance(jacobian, Jacobian) and jacobian.size == 3


@pytest.mark.parametrize(
    ("text", "recognised"),
    [
        ("1/(1 + exp(-x))", "sigmoid (logistic function)"),
        ("x*sigmoid(x)", "SiLU (swish with β = 1)"),
        ("log(1 + exp(x))", "softplus"),
        ("max(0, x)", "ReLU (rectified linear unit)"),
    ],
)
def test_a_written_out_function_is_recognised(text: str, recognised: str) -> None:
    solution = solve_activation(problem(expression=text))
    assert solution.idiomatic is not None
    assert solution.idiomatic.recognised_as == recognised
    assert solution.idiomatic.proof.verification is Verification.SYMBOLIC


def test_an_unknown_function_gets_no_idiomatic_form() -> None:
    solution = solve_activation(problem(expression="x^3 + x"))
    assert solution.idiomatic is None and solution.kinks == () and solution.passed


def test_kinks_of_a_user_expression() -> None:
    solution = solve_activation(problem(expression="relu(x - 1)^2 + abs(x)"))
    at_zero, at_one = solution.kinks
    assert (at_zero.point, at_zero.left, at_zero.right) == (0, -1, 1)
    assert at_one.point == 1 and at_one.differentiable  # (x − 1)² is smooth through 1
    assert all(abs(value) >= sympy.Rational(1, 10) for c in solution.checks for _, value in c.point)


def test_active_piece_breaks_ties_at_full_precision() -> None:
    expression = sympy.Max(x, 1 - x)
    assert active_piece(expression, x, sympy.Rational(1, 2), 1) == x
    assert active_piece(expression, x, sympy.Rational(1, 2), -1) == 1 - x


def test_find_kinks_of_a_case_split_with_a_jump() -> None:
    jump = sympy.Piecewise((x + 1, x > 0), (x, True))
    (kink,) = find_kinks(jump, x, sympy.Integer(1), {})
    assert kink.right is None and kink.left == 1  # no right derivative across a jump


def test_piecewise_rule_differentiates_each_piece() -> None:
    step = differentiate(sympy.Piecewise((x**2, x > 0), (ALPHA * x, True)), x)
    assert step.rule is Rule.PIECEWISE
    assert step.verification is not Verification.NOT_CHECKED
    assert step.after == sympy.Piecewise((2 * x, x > 0), (ALPHA, True))
    assert len(step.children) == 2 and step.note


def test_check_points_are_deterministic_and_avoid_kinks() -> None:
    first = check_points("seed", sympy.Integer(-1), sympy.Integer(1), [0], lambda _: True, 5)
    again = check_points("seed", sympy.Integer(-1), sympy.Integer(1), [0], lambda _: True, 5)
    assert first == again and len(first) == 5
    assert all(abs(value) >= sympy.Rational(1, 10) for value in first)


@pytest.mark.parametrize(
    ("text", "name"),
    [("LeakyReLU", "leaky_relu"), ("log-softmax", "log_softmax"), ("GELU_tanh", "gelu_tanh"),
     ("logistic", "sigmoid"), ("Swish", "swish"), ("nope", None)],
)  # fmt: skip
def test_canonical_names_forgive_spelling(text: str, name: str | None) -> None:
    assert canonical_name(text) == name


def test_the_catalogue_defines_every_name_a_problem_file_may_use() -> None:
    """Problem files are checked against ``activation_names``; the catalogue must agree."""
    assert tuple(CATALOGUE) == SCALAR_FUNCTIONS
    assert set(PARAMETERS) <= set(SCALAR_FUNCTIONS)
    for name, parameters in PARAMETERS.items():
        symbols = CATALOGUE[name].definition(sympy.Symbol("x")).free_symbols
        assert {parameter.symbol for parameter in parameters} <= symbols
