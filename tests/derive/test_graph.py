"""Backpropagation on computational graphs: node naming, sharing, adjoints, numeric pass."""

from __future__ import annotations

import random

import pytest
import sympy
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from symderive.derive.backprop import gradient
from symderive.derive.evaluation import evaluate
from symderive.derive.graph import ComputationalGraph, adjoint_name, build_graph
from symderive.errors import InputError
from symderive.functions import relu, sigmoid, softplus, to_native
from symderive.parsing.names import make_symbol

x1, x2, x3, x4 = (make_symbol(f"x{index}") for index in range(1, 5))

Q3A = x1 + 5 * x2 - 3 * x3**2
Q3B = x1 * (x2 - 4) + sympy.exp(x3**2) / 5 * x4**2
Q3C = 1 / x3 + sympy.exp((x1 + 5 * (x2 + 3)) ** 2)

EXPRESSIONS = {
    "q3a": Q3A,
    "q3b": Q3B,
    "q3c": Q3C,
    "shared-exp": x1 * sympy.exp(x1) + sympy.sin(sympy.exp(x1)),
    "sigmoid": sigmoid(x1 * x2 + x3),
    "softplus": softplus(x1 - 2 * x2) * x3,
    "relu": relu(x1 * x2) + x3**3,
    "power-tower": x1**x1 + x2,
    "log-sqrt": sympy.log(x1**2 + 1) + sympy.sqrt(x2**2 + x3**2),
    "tanh-net": sympy.tanh(x1 * x2 + sympy.tanh(x3 - x1)) ** 2,
}


def operations(graph: ComputationalGraph) -> list[tuple[str, str]]:
    return [(node.name, str(node.operation)) for node in graph.nodes]


def test_q3a_nodes_follow_the_printed_order() -> None:
    graph = build_graph(Q3A)
    assert operations(graph) == [
        ("u1", "5*x2"),
        ("u2", "x3**2"),
        ("u3", "-3*u2"),
        ("z", "u1 + u3 + x1"),
    ]
    assert graph.inputs == (x1, x2, x3)
    assert graph.output.name == "z"
    assert graph.node("u2").expression == x3**2
    assert [(edge.source, edge.local_gradient) for edge in graph.node("u3").edges] == [
        ("u2", sympy.Integer(-3))
    ]
    assert graph.node("u2").edges[0].local_gradient == 2 * x3


def test_q3b_nodes() -> None:
    graph = build_graph(Q3B)
    assert operations(graph) == [
        ("u1", "x2 - 4"),
        ("u2", "u1*x1"),
        ("u3", "x4**2"),
        ("u4", "x3**2"),
        ("u5", "exp(u4)"),
        ("u6", "u3*u5/5"),
        ("z", "u2 + u6"),
    ]
    u3, u5 = graph.symbol("u3"), graph.symbol("u5")
    assert {edge.source: edge.local_gradient for edge in graph.node("u6").edges} == {
        "u3": u5 / 5,
        "u5": u3 / 5,
    }


def test_q3c_nodes_and_output_name() -> None:
    graph = build_graph(Q3C, output_name="f")
    assert operations(graph) == [
        ("u1", "5*x2"),
        ("u2", "u1 + x1 + 15"),
        ("u3", "u2**2"),
        ("u4", "exp(u3)"),
        ("u5", "1/x3"),
        ("f", "u4 + u5"),
    ]
    assert graph.node("u5").edges[0].local_gradient == -1 / x3**2


def test_constants_are_not_nodes() -> None:
    graph = build_graph(sympy.sqrt(2) * x1 + sympy.pi * x2)
    assert operations(graph) == [("u1", "sqrt(2)*x1"), ("u2", "pi*x2"), ("z", "u1 + u2")]


def test_a_shared_subexpression_is_one_node_with_two_consumers() -> None:
    shared = sympy.exp(x1)
    expression = sympy.Mul(shared, shared, evaluate=False) + sympy.sin(shared)
    graph = build_graph(expression)
    assert [node.expression for node in graph.nodes].count(shared) == 1
    assert graph.consumers("u1") == ("u2", "u3")
    square = graph.node("u2")
    assert len(square.edges) == 1  # u1*u1: one edge, both occurrences summed
    assert square.edges[0].local_gradient == 2 * graph.symbol("u1")
    adjoint = gradient(graph).adjoint("u1")
    assert [contribution.consumer for contribution in adjoint.contributions] == ["u2", "u3"]
    ubar2, ubar3 = sympy.symbols("ubar2 ubar3", real=True)
    u1 = graph.symbol("u1")
    assert adjoint.sweep == ubar2 * 2 * u1 + ubar3 * sympy.cos(u1)
    evaluation = evaluate(graph, {x1: sympy.Rational(1, 3)})
    into_u1 = [edge for edge in evaluation.edges if edge.source == "u1"]
    assert len(into_u1) == 2
    assert sum(edge.contribution for edge in into_u1) == pytest.approx(evaluation.adjoints["u1"])


def test_trivial_expressions() -> None:
    identity = build_graph(x1)
    assert operations(identity) == [("z", "x1")]
    assert gradient(identity).partials == {x1: 1}
    constant = build_graph(sympy.Integer(5))
    assert gradient(constant).partials == {}
    assert evaluate(constant, {}).output_value == 5.0


def test_node_names_avoid_the_input_names() -> None:
    u1 = make_symbol("u1")
    graph = build_graph(u1 * x1 + 1)
    assert [node.name for node in graph.nodes] == ["v1", "z"]
    with pytest.raises(InputError, match="output"):
        build_graph(x1 + 1, output_name="x1")


def test_adjoint_names() -> None:
    assert adjoint_name("u12") == "ubar12"
    assert adjoint_name("w1_2") == "wbar1_2"
    assert adjoint_name("z") == "zbar"
    assert sympy.latex(sympy.Symbol(adjoint_name("u1"))) == r"\bar{u}_{1}"


def test_q3a_adjoints_and_sweep_statements() -> None:
    result = gradient(build_graph(Q3A))
    assert [adjoint.name for adjoint in result.adjoints] == [
        "z", "u3", "u2", "u1", "x1", "x2", "x3",
    ]  # fmt: skip
    assert result.partials == {x1: 1, x2: 5, x3: -6 * x3}
    ubar2 = sympy.Symbol("ubar2", real=True)
    assert result.adjoint("x3").sweep == ubar2 * 2 * x3
    assert result.adjoint("u2").in_nodes == -3


@pytest.mark.parametrize("expression", EXPRESSIONS.values(), ids=EXPRESSIONS.keys())
def test_adjoints_equal_sympy_diff(expression: sympy.Expr) -> None:
    result = gradient(build_graph(expression))
    native = to_native(expression)
    for variable, partial in result.partials.items():
        expected = sympy.diff(native, variable)
        difference = to_native(partial) - expected
        if "relu" in str(expression):  # Heaviside against Max's derivative: compare numerically
            for value in (-1.5, 0.7, 2.25):
                point = {symbol: value + index for index, symbol in enumerate((x1, x2, x3))}
                assert difference.subs(point).evalf() == pytest.approx(0, abs=1e-9)
        else:
            assert _zero(difference), (variable, partial, expected)
        # The resolved adjoint in node symbols says the same once nodes are substituted.
        in_nodes = result.adjoint(variable).in_nodes.xreplace(result.graph.substitutions())
        assert _zero(to_native(in_nodes - partial))


def _zero(difference: sympy.Expr) -> bool:
    """SymPy shows it is 0: tanh and exp rewritten as exponentials and cancelled (a tenth of a
    second), ``simplify`` (seconds on tanh) only where that does not settle it."""
    if difference == 0 or sympy.cancel(difference.rewrite(sympy.exp)) == 0:
        return True
    return bool(sympy.simplify(difference) == 0)


@pytest.mark.parametrize("expression", EXPRESSIONS.values(), ids=EXPRESSIONS.keys())
def test_numeric_pass_matches_finite_differences(expression: sympy.Expr) -> None:
    graph = build_graph(expression)
    point = {x1: sympy.Rational(3, 4), x2: 0.5, x3: sympy.Rational(-6, 5), x4: 2}
    evaluation = evaluate(graph, point)
    assert evaluation.passed, evaluation.checks
    assert [check.variable for check in evaluation.checks] == list(graph.inputs)
    native = to_native(expression)
    exact = {symbol: sympy.nsimplify(value) for symbol, value in point.items()}
    assert evaluation.output_value == pytest.approx(float(native.subs(exact).evalf(30)))
    for variable in graph.inputs:
        expected = float(sympy.diff(native, variable).subs(exact).evalf(30))
        assert evaluation.partial(variable) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_q3_numbers_at_a_point() -> None:
    evaluation = evaluate(build_graph(Q3A), {"x1": 1, "x2": 2, "x3": 0.5})
    assert evaluation.values == {
        "x1": 1.0, "x2": 2.0, "x3": 0.5, "u1": 10.0, "u2": 0.25, "u3": -0.75, "z": 10.25,
    }  # fmt: skip
    assert evaluation.adjoints["x3"] == -3.0
    assert evaluation.point[x3] == sympy.Rational(1, 2)
    local = {(edge.source, edge.target): edge.local_gradient for edge in evaluation.edges}
    assert local[("x3", "u2")] == 1.0
    assert local[("u2", "u3")] == -3.0


def test_large_values_still_check() -> None:
    """exp(676) at this point: the finite difference needs more than 50 digits."""
    evaluation = evaluate(build_graph(Q3C), {x1: 1, x2: 2, x3: 0.5})
    assert evaluation.passed
    assert evaluation.partial(x3) == -4.0


@pytest.mark.parametrize(
    ("expression", "point", "message"),
    [
        pytest.param(Q3C, {x1: 1, x2: 2, x3: 0}, "x3 = 0: division by zero", id="division"),
        pytest.param(sympy.log(x1) + x2, {x1: -1, x2: 0}, "logarithm", id="log-negative"),
        pytest.param(sympy.sqrt(x1 - 2), {x1: 1}, "negative number", id="sqrt-negative"),
        pytest.param(sympy.sqrt(x1), {x1: 0}, "derivative is not defined", id="sqrt-kink"),
        pytest.param(Q3A, {x1: 1, x2: 2}, "no value given for the variable x3", id="missing"),
    ],
)
def test_points_outside_the_domain_are_input_errors(
    expression: sympy.Expr, point: dict[sympy.Symbol, int], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        evaluate(build_graph(expression), point)


def test_custom_function_derivatives_are_short() -> None:
    graph = build_graph(sigmoid(x1) + relu(x2) + softplus(x3))
    result = gradient(graph)
    assert result.partial(x1) == sigmoid(x1) * (1 - sigmoid(x1))
    assert result.partial(x2) == sympy.Heaviside(x2)
    assert result.partial(x3) == sigmoid(x3)


def test_unsupported_structure_is_refused() -> None:
    with pytest.raises(InputError, match="Piecewise"):
        build_graph(sympy.Piecewise((x1, x2 > 0), (x2, True)))


# --- property: the reverse sweep agrees with per-variable differentiation ---------------------

SYMBOLS = (x1, x2, x3)
leaves = st.one_of(st.sampled_from(SYMBOLS), st.integers(1, 3).map(sympy.Integer))


def _combine(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.tuples(children, children).map(lambda pair: pair[0] + pair[1]),
        st.tuples(children, children).map(lambda pair: pair[0] * pair[1]),
        st.tuples(children, st.sampled_from((2, 3))).map(lambda pair: pair[0] ** pair[1]),
        children.map(lambda child: 1 / (child**2 + 1)),
        children.map(sympy.exp),
        children.map(sympy.sin),
        children.map(sympy.tanh),
        children.map(sigmoid),
    )


expressions = st.recursive(leaves, _combine, max_leaves=8).filter(
    lambda expression: bool(expression.free_symbols)
)


@settings(max_examples=50, deadline=None)
@given(expressions, st.randoms(use_true_random=False))
def test_reverse_sweep_equals_sympy_diff(expression: sympy.Expr, rng: random.Random) -> None:
    graph = build_graph(expression)
    result = gradient(graph)
    point = {symbol: sympy.Rational(rng.randint(-12, 12), 10) for symbol in SYMBOLS}
    try:
        evaluation = evaluate(graph, point)
    except InputError as error:  # exp(exp(exp(x + 2))) near 10^1,528: refused, and rightly
        assert "too large to check by finite differences" in error.message
        reject()
    native = to_native(expression)
    for variable in graph.inputs:
        expected = sympy.diff(native, variable).subs(point).evalf(40)
        symbolic = to_native(result.partial(variable)).subs(point).evalf(40)
        assert float(symbolic) == pytest.approx(float(expected), rel=1e-9, abs=1e-12)
        assert evaluation.partial(variable) == pytest.approx(float(expected), rel=1e-9, abs=1e-12)
