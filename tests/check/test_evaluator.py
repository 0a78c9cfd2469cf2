"""The evaluator's closures mean what SymPy's ``lambdify`` means, in NumPy and in mpmath."""

from __future__ import annotations

import warnings

import mpmath
import numpy
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.check.evaluator import Unsupported, mpmath_function, numpy_function
from symderive.functions import to_native
from symderive.parsing.names import make_symbol

X, Y = make_symbol("x"), make_symbol("y")
VARIABLES = (X, Y)
COLUMNS = [
    numpy.array([-2.5, -1.0, -0.3, 0.0, 0.0, 0.7, 1.0, 3.2, 40.0, -700.0]),
    numpy.array([0.5, 0.0, -1.7, 2.0, -0.0, 0.7, -3.0, 1.1, -2.0, 800.0]),
]
POINTS = [
    (sympy.Rational(-5, 2), sympy.Rational(1, 2)),
    (sympy.Rational(0), sympy.Rational(2)),
    (sympy.Rational(7, 10), sympy.Rational(7, 10)),
    (sympy.Rational(16, 5), sympy.Rational(-3, 7)),
]

_UNARY = (
    sympy.exp,
    sympy.log,
    sympy.sin,
    sympy.tanh,
    sympy.atan,
    sympy.sqrt,
    sympy.Abs,
    sympy.sign,
    sympy.Heaviside,
    sympy.sech,
    sympy.coth,
    sympy.erf,
    sympy.asinh,
)
_leaves = st.one_of(
    st.sampled_from(VARIABLES),
    st.integers(min_value=-4, max_value=4).map(sympy.Integer),
    st.sampled_from([sympy.Rational(1, 3), sympy.Rational(-7, 2), sympy.pi, sympy.E]),
    st.sampled_from([sympy.Float("0.1"), sympy.Float("-2.75")]),
)


def _safe(build: object) -> object:
    """``build`` on a tuple of children, or its first child where SymPy refuses (Max of zoo)."""

    def built(children: tuple[sympy.Expr, ...]) -> sympy.Expr:
        try:
            return build(*children)  # type: ignore[operator,no-any-return]
        except (TypeError, ValueError, NotImplementedError):
            return children[0]

    return built


def _extend(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    pairs = st.tuples(children, children)
    return st.one_of(
        pairs.map(lambda pair: pair[0] + pair[1]),
        pairs.map(lambda pair: pair[0] * pair[1]),
        pairs.map(lambda pair: pair[0] / pair[1]),
        st.tuples(children, st.sampled_from([2, 3, -1, -2, sympy.Rational(1, 3)])).map(
            lambda pair: pair[0] ** pair[1]
        ),
        st.tuples(children, st.sampled_from(_UNARY)).map(_safe(lambda a, f: f(a))),
        pairs.map(_safe(sympy.Max)),
        pairs.map(_safe(lambda a, b: sympy.Min(a, b, 0))),
        st.tuples(children, children, st.sampled_from(VARIABLES)).map(
            _safe(
                lambda a, b, v: sympy.Piecewise(
                    (a, v > 0), (b, sympy.And(v < 0, Y > -1)), (a - b, sympy.Eq(v, 0))
                )
            )
        ),
    )


expressions = st.recursive(_leaves, _extend, max_leaves=8)


def _numpy(function: object) -> numpy.ndarray:
    with numpy.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = function(*COLUMNS)  # type: ignore[operator]
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return numpy.full(len(COLUMNS[0]), numpy.nan, dtype=complex)
        return numpy.broadcast_to(numpy.asarray(values, dtype=complex), COLUMNS[0].shape)


def _mpmath(function: object, point: tuple[sympy.Rational, ...]) -> object:
    with mpmath.workdps(30):
        try:
            value = function(*(mpmath.mpf(int(p.p)) / int(p.q) for p in point))  # type: ignore[operator]
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return "raises"
        return None if value is None else mpmath.mpmathify(value)  # max(0, x) may be int 0


def _both(native: sympy.Expr, build: object, module: str) -> tuple[object, object] | None:
    """Our closure and lambdify's function for the expression; None when either has none
    (ours: a node it does not know; lambdify: a guard in two variables it tries to solve, and
    the failures below). Ours may fail in no other way."""
    try:
        ours = build(native, VARIABLES)  # type: ignore[operator]
    except Unsupported:
        return None
    try:
        theirs = sympy.lambdify(VARIABLES, native, modules=module)
    except (ValueError, NotImplementedError, TypeError, KeyError):
        # lambdify's own limits: Heaviside(Max(0, x)/Min(0, x)) folds a NaN comparison, and
        # Heaviside(1/Max(0, x)) prints zoo, which its printer cannot name
        return None
    return ours, theirs


@settings(max_examples=150, deadline=None)
@given(expressions)
def test_numpy_closures_agree_with_lambdify(expression: sympy.Expr) -> None:
    native = to_native(expression)
    pair = _both(native, numpy_function, "numpy")
    if pair is None:
        return
    ours, theirs = pair
    mine, reference = _numpy(ours), _numpy(theirs)
    both = numpy.isfinite(reference) & numpy.isfinite(mine)
    assert numpy.allclose(mine[both], reference[both], rtol=1e-9, atol=1e-12)
    for row in numpy.flatnonzero(numpy.isfinite(mine) != numpy.isfinite(reference)):
        # One side's float arithmetic failed where the other's did not: lambdify's printed
        # coth overflows, and NumPy takes no detour through complex numbers (sech(log x) is
        # real at x < 0; SymPy rewrote it for lambdify). What ours gives must be the exact
        # value, and where ours gives nothing the exact stage (mpmath) must see the value.
        point = {
            v: sympy.Rational(float(column[row]))
            for v, column in zip(VARIABLES, COLUMNS, strict=True)
        }
        try:
            exact = complex(native.xreplace(point).evalf(30))
        except (TypeError, ValueError, NotImplementedError):
            continue  # no value at all (coth(0), Max with zoo): IEEE infinities on both sides
        if not numpy.isfinite(exact):
            continue
        if numpy.isfinite(mine[row]):
            assert numpy.isclose(mine[row], exact, rtol=1e-9, atol=1e-12), (row, exact)
        else:
            value = _mpmath(mpmath_function(native, VARIABLES), tuple(point.values()))
            assert value not in (None, "raises"), (row, exact)
            assert numpy.isclose(complex(value), exact, rtol=1e-9, atol=1e-12), (row, exact)


@settings(max_examples=150, deadline=None)
@given(expressions)
def test_mpmath_closures_agree_with_lambdify(expression: sympy.Expr) -> None:
    native = to_native(expression)
    pair = _both(native, mpmath_function, "mpmath")
    if pair is None:
        return
    ours, theirs = pair
    floats = native.has(sympy.Float)
    for point in POINTS:
        mine, reference = _mpmath(ours, point), _mpmath(theirs, point)
        if mine == "raises":  # the caller (precise.py) then asks SymPy's evalf
            mine = _exact(native, point)
        if _valued(mine) and _valued(reference) and _close(mine, reference, floats):
            continue
        if _valued(mine) or _valued(reference):
            # they disagree: lambdify's printed form divides ints (1/max(3, x) is a float
            # third) or SymPy rewrote it (sech(log x)); the exact value decides, and ours
            # must give it
            exact = _exact(native, point)
            assert (exact is None) == (not _valued(mine)), (point, mine, reference, exact)
            if exact is not None:
                assert _close(mine, exact, floats), (point, mine, reference, exact)


def _close(one: object, other: object, floats: bool) -> bool:
    """Equal to 20 digits; to 12 where the expression holds a float (0.1 has 53 bits, and
    SymPy's rewrites and evalf keep no more)."""
    tolerance = mpmath.mpf("1e-12") if floats else mpmath.mpf("1e-20")
    return bool(mpmath.almosteq(one, other, rel_eps=tolerance, abs_eps=tolerance * 1e-5))


def _valued(value: object) -> bool:
    return isinstance(value, mpmath.mpf | mpmath.mpc) and bool(mpmath.isfinite(value))


def _exact(expression: sympy.Expr, point: tuple[sympy.Rational, ...]) -> object:
    """SymPy's own value at 30 digits, or None where it has no finite one."""
    try:
        value = expression.xreplace(dict(zip(VARIABLES, point, strict=True))).evalf(30)
    except (TypeError, ValueError, NotImplementedError):
        return None
    if not value.is_number or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    with mpmath.workdps(30):
        real, imaginary = value.as_real_imag()
        return mpmath.mpc(mpmath.mpf(real), mpmath.mpf(imaginary))


def test_exact_constants_follow_the_working_precision() -> None:
    third = mpmath_function(sympy.Rational(1, 3) + X * 0, (X,))
    with mpmath.workdps(60):
        value = third(mpmath.mpf(0))
        assert abs(value - mpmath.mpf(1) / 3) < mpmath.mpf(10) ** -58


def test_a_guard_no_row_satisfies_has_no_value() -> None:
    function = sympy.Piecewise((X, X > 0), (-X, X < 0))
    assert mpmath_function(function, (X,))(mpmath.mpf(0)) is None
    assert numpy.isnan(numpy_function(function, (X,))(numpy.array([0.0]))).all()


@pytest.mark.parametrize(
    "expression",
    [sympy.Function("f")(X), sympy.zeta(X), X + make_symbol("z")],
    ids=["undefined-function", "zeta", "foreign-symbol"],
)
def test_what_it_does_not_know_is_unsupported(expression: sympy.Expr) -> None:
    with pytest.raises(Unsupported):
        numpy_function(expression, (X,))
    with pytest.raises(Unsupported):
        mpmath_function(expression, (X,))


def test_a_reciprocal_has_no_value_at_its_pole() -> None:
    """coth(±0) is a pole: tanh(coth(y)) has no value at y = ±0 (not ±1 through 1/±0 = ±inf)."""
    ours = numpy_function(sympy.tanh(sympy.coth(Y)), VARIABLES)
    values = ours(numpy.zeros(2), numpy.array([0.0, -0.0]))  # type: ignore[operator]
    assert numpy.isnan(values).all()
