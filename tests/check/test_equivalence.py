"""Equivalence in stages: proofs, numeric agreement, confirmed counterexamples, and never a
wrong "equal"."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import VARIABLES, expressions

from symderive.check import proofs
from symderive.check.equivalence import Verdict, case_region, compare, prove_in_worker
from symderive.functions import sigmoid
from symderive.parsing.expression import parse_expression
from symderive.parsing.latex import parse_latex_expression


def _plain(text: str) -> sympy.Expr:
    return parse_expression(text).expression


@pytest.mark.parametrize(
    ("claimed", "correct", "verdict", "stage"),
    [
        pytest.param(
            _plain("2*x3"), _plain("x3*2"), Verdict.PROVED, "canonical form", id="canonical"
        ),
        pytest.param(
            parse_latex_expression(r"(10x_1 + 50x_2 + 150)e^{(x_1+5(x_2+3))^2}"),
            _plain("10*(x1 + 5*x2 + 15)*exp((x1 + 5*x2 + 15)^2)"),
            Verdict.PROVED,
            "canonical form",
            id="course-q3c",
        ),
        pytest.param(
            _plain("(x+1)^2"),
            _plain("x^2 + 2x + 1"),
            Verdict.PROVED,
            "expansion and cancellation",
            id="expand",
        ),
        pytest.param(
            parse_latex_expression(r"\frac{e^{-t}}{(1+e^{-t})^2}"),
            _plain("sigmoid(t)*(1 - sigmoid(t))"),
            Verdict.PROVED,
            "expansion and cancellation",
            id="sigmoid-exponential-form",
        ),
        pytest.param(
            _plain("sin(x)^2 + cos(x)^2"),
            sympy.Integer(1),
            Verdict.PROVED,
            "trigonometric and hyperbolic functions rewritten as exponentials, then cancelled",
            id="identity",
        ),
        pytest.param(
            sympy.gamma(_plain("x") + 1) / sympy.gamma(_plain("x")),
            _plain("x"),
            Verdict.PROVED,
            "symbolic proof",
            id="identity-for-simplify",
        ),
        pytest.param(
            _plain("-6*x3"), _plain("6*x3"), Verdict.REFUTED, "they differ by -12*x3", id="sign"
        ),
        pytest.param(
            _plain("1/x3 + 0.000000001"),
            _plain("1/x3"),
            Verdict.REFUTED,
            "they differ by the constant 1/1000000000",
            id="tiny-perturbation",
        ),
        pytest.param(
            _plain("log(x^2)"),
            _plain("2*log(abs(x))"),
            Verdict.NUMERICALLY_EQUAL,
            "random points",
            id="log-identity",
        ),
        pytest.param(_plain("3"), _plain("3"), Verdict.PROVED, "canonical form", id="numbers"),
        pytest.param(
            parse_latex_expression(r"\begin{cases} 1 & x > 0 \\ \alpha & x < 0 \end{cases}"),
            sympy.Piecewise((1, _plain("x") > 0), (_plain("alpha"), True)),
            Verdict.PROVED,
            "equal on every piece (they may differ only at kinks)",
            id="cases-with-a-parameter",
        ),
        pytest.param(
            parse_latex_expression(r"\begin{cases} 1 & x > 0 \\ -\alpha & x < 0 \end{cases}"),
            sympy.Piecewise((1, _plain("x") > 0), (_plain("alpha"), True)),
            Verdict.REFUTED,
            "random points",
            id="cases-with-a-parameter-wrong",
        ),
        pytest.param(
            _plain("erf(x) + x^2 x"),
            _plain("erf(x^3) - x"),
            Verdict.REFUTED,
            "random points",
            id="erf",
        ),
        pytest.param(
            _plain("3"),
            _plain("4"),
            Verdict.REFUTED,
            "they differ by the constant -1",
            id="different-numbers",
        ),
    ],
)
def test_verdicts(claimed: sympy.Expr, correct: sympy.Expr, verdict: Verdict, stage: str) -> None:
    comparison = compare(claimed, correct)
    assert (comparison.verdict, comparison.stage) == (verdict, stage)


def test_counterexample_values_are_the_real_values() -> None:
    x3 = parse_expression("x3").expression
    comparison = compare(-6 * x3, 6 * x3)
    assert comparison.counterexample is not None
    point = dict(comparison.counterexample.point)
    assert comparison.counterexample.claimed == pytest.approx(complex(-6 * point[x3]))
    assert comparison.counterexample.correct == pytest.approx(complex(6 * point[x3]))


def test_nowhere_defined_is_undecided_not_equal() -> None:
    x = parse_expression("x").expression
    claimed = sympy.log(-(x**2) - 1)  # complex everywhere on the real line
    assert compare(claimed, claimed + 1, proof_seconds=0).verdict in (
        Verdict.UNDECIDED,
        Verdict.REFUTED,
    )


def test_proof_worker_is_killed_at_its_budget() -> None:
    x = parse_expression("x").expression
    hard = sympy.expand((x + 1) ** 400) - sympy.expand((x + 1) ** 400) * (
        1 + sympy.sin(x) ** 2 + sympy.cos(x) ** 2 - 1
    )
    assert prove_in_worker(hard, seconds=0.05) is None


def _zero_after_a_gigabyte(expression: sympy.Expr) -> sympy.Expr:
    """A simplify that needs a gigabyte before it finds 0."""
    held = bytearray(1024**3)
    return sympy.Integer(len(held) * 0)


@pytest.mark.parametrize(("bound", "proved"), [(64 * 1024**2, False), (4 * 1024**3, True)])
def test_a_proof_worker_runs_within_its_memory_bound(
    monkeypatch: pytest.MonkeyPatch, bound: int, proved: bool
) -> None:
    """Beyond its memory a worker's simplify fails (no proof) instead of exhausting the machine
    (simplify of a resonant cos(2·10⁶·π·z) grows without end); within it, the proof stands."""
    monkeypatch.setattr(proofs, "PROOF_MEMORY_BYTES", bound)
    monkeypatch.setattr(sympy, "simplify", _zero_after_a_gigabyte)
    x = parse_expression("x").expression
    assert prove_in_worker(x, seconds=60) is proved


@settings(max_examples=80, deadline=None)
@given(
    expressions,
    st.sampled_from([sympy.Rational(1, 1000), 1, -1, 2]),
    st.sampled_from(["add", "scale"]),
)
def test_a_perturbed_correct_answer_is_never_proved(
    expression: sympy.Expr, amount: sympy.Expr, how: str
) -> None:
    perturbed = expression + amount * VARIABLES[0] if how == "add" else expression * (1 + amount)
    if sympy.simplify(perturbed - expression) == 0:
        return  # the perturbation vanished (for example the expression is 0)
    assert compare(perturbed, expression, proof_seconds=0.5).verdict not in (
        Verdict.PROVED,
        Verdict.NUMERICALLY_EQUAL,
    )


@settings(max_examples=60, deadline=None)
@given(expressions)
def test_an_expression_equals_itself_rewritten(expression: sympy.Expr) -> None:
    rewritten = sympy.expand(expression)
    assert compare(rewritten, expression, proof_seconds=0.5).verdict in (
        Verdict.PROVED,
        Verdict.NUMERICALLY_EQUAL,
    )


def test_our_sigmoid_is_compared_in_native_form() -> None:
    t = parse_expression("t").expression
    assert compare(sigmoid(t), 1 / (1 + sympy.exp(-t))).verdict is Verdict.PROVED


_RELATIONS = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])


@st.composite
def _conditions(draw: st.DrawFn, depth: int = 2) -> sympy.Basic:
    """x compared with a small number, either way round, and their and/or."""
    x = sympy.Symbol("x", real=True)
    if depth == 0 or draw(st.booleans()):
        value = sympy.Rational(draw(st.integers(-3, 3)), draw(st.integers(1, 2)))
        operator = draw(_RELATIONS)
        left, right = (x, value) if draw(st.booleans()) else (value, x)
        return sympy.Rel(left, right, operator)
    combine = sympy.And if draw(st.booleans()) else sympy.Or
    return combine(draw(_conditions(depth - 1)), draw(_conditions(depth - 1)))


@settings(max_examples=30, deadline=None)  # SymPy's as_set costs ~0.1 s an example
@given(_conditions())
def test_case_regions_match_sympy(condition: sympy.Basic) -> None:
    """The direct region of a case's guard is SymPy's own ``as_set``, whatever the guard."""
    x = sympy.Symbol("x", real=True)
    if condition in (sympy.true, sympy.false):
        return
    assert case_region(condition, x) == condition.as_set()


def test_a_spent_shared_budget_never_says_equal() -> None:
    """Once an answer file's shared time is spent, nothing symbolic runs: agreeing points alone
    give "undecided", and the verdict is marked so that grade never caches it."""
    from symderive.budget import shared_budget

    with shared_budget(0):
        equal = compare(_plain("(x+1)^2"), _plain("x^2 + 2x + 1"))
        different = compare(_plain("(x+1)^2"), _plain("x^2 + 1"))
    assert equal.verdict is Verdict.UNDECIDED
    assert equal.budget_spent
    assert different.verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    "offset",
    ["1/10^30", "10^(-30) sin(x)", "exp(-1000 x^2)", "x/10^40"],
    ids=["constant", "tiny-sine", "bump", "tiny-rational"],
)
def test_a_spent_shared_budget_still_refutes_tiny_differences(offset: str) -> None:
    """The exact re-evaluation at the screen's points needs no budget: a difference of 10⁻³⁰
    is refuted however little time is left."""
    from symderive.budget import shared_budget

    with shared_budget(0):
        found = compare(_plain(f"tanh(x) + {offset}"), _plain("tanh(x)"))
    assert found.verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    ("claimed", "correct"),
    [
        pytest.param("1 + x1/10^30", "1", id="a-tiny-term"),
        pytest.param("-6x3 + x3^60/10^30", "-6x3", id="a-tiny-high-power"),
        pytest.param("5 + x1*x2/10^25", "5", id="a-tiny-product"),
    ],
)
def test_a_nonzero_rational_difference_is_refuted_however_small(claimed: str, correct: str) -> None:
    """Below every tolerance of the random points, but exactly not zero: refuted, never equal."""
    comparison = compare(_plain(claimed), _plain(correct))
    assert comparison.verdict is Verdict.REFUTED
    assert comparison.stage.startswith("they differ by")
    assert comparison.counterexample is not None


def test_a_case_outside_the_sampled_range_is_refuted() -> None:
    """1 on 0 < x < 10, else 0, is not ReLU' (which is 1 beyond 10), though every random point
    lies where they agree."""
    claimed = parse_latex_expression(
        r"\begin{cases} 1 & 0 < x < 10 \\ 0 & \text{otherwise} \end{cases}"
    )
    correct = sympy.Heaviside(_plain("x"))
    comparison = compare(claimed, correct)
    assert comparison.verdict is Verdict.REFUTED
    assert comparison.counterexample is not None
    ((_, value),) = comparison.counterexample.point
    assert value > 10


def test_a_settled_comparison_is_served_again_and_only_a_settled_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Proofs and refutations are remembered by their inputs; "undecided" is decided afresh,
    and nothing reached after the shared budget ran out is remembered."""
    from symderive.budget import shared_budget
    from symderive.check import equivalence

    calls: list[str] = []
    decide = equivalence._compare

    def counted(*arguments: object, **options: object) -> equivalence.Comparison:
        calls.append("decided")
        return decide(*arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(equivalence, "_compare", counted)
    proved = [compare(_plain("(x+1)^2"), _plain("x^2 + 2x + 1")) for _ in range(3)]
    assert [c.verdict for c in proved] == [Verdict.PROVED] * 3 and len(calls) == 1
    assert compare(_plain("x^2"), _plain("x^2 + 1")).verdict is Verdict.REFUTED
    assert compare(_plain("x^2"), _plain("x^2 + 1")).verdict is Verdict.REFUTED
    assert len(calls) == 2
    for _ in range(2):  # a hypothesis flag is part of the inputs
        compare(_plain("x^2"), _plain("x^2 + 1"), likely_different=True, hypothesis=True)
    assert len(calls) == 3
    with shared_budget(0):
        spent = compare(_plain("(x+2)^2"), _plain("x^2 + 4x + 4"))
    assert spent.verdict is Verdict.UNDECIDED and len(calls) == 4
    assert compare(_plain("(x+2)^2"), _plain("x^2 + 4x + 4")).verdict is Verdict.PROVED
    assert len(calls) == 5

    def undecided(*arguments: object, **options: object) -> equivalence.Comparison:
        calls.append("decided")
        return equivalence.Comparison(Verdict.UNDECIDED, "too few points")

    monkeypatch.setattr(equivalence, "_compare", undecided)
    for _ in range(2):
        assert compare(_plain("sin(x)^2"), _plain("1 - cos(x)^2")).verdict is Verdict.UNDECIDED
    assert len(calls) == 7
