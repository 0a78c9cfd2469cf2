"""Frequency responses: the symbolic H against a plain complex sum, H(0, 0) = Σk, pass bands."""

from __future__ import annotations

import cmath
import math

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.budget import shared_budget
from symderive.derive.kernel_response import (
    DEFINING_SUM_FORM,
    OMEGA_COLUMNS,
    OMEGA_ROWS,
    Passband,
    ResponseForm,
    ResponseNote,
    response,
)
from symderive.derive.kernels import properties

R = sympy.Rational


def direct(matrix: sympy.ImmutableMatrix, first: float, second: float) -> complex:
    """Σ k[m, n]·e^{−i(ω₁m + ω₂n)} written out with cmath: the independent path."""
    half_rows, half_columns = matrix.rows // 2, matrix.cols // 2
    return sum(
        float(matrix[r, c])
        * cmath.exp(-1j * (first * (r - half_rows) + second * (c - half_columns)))
        for r in range(matrix.rows)
        for c in range(matrix.cols)
    )


sides = st.sampled_from([1, 3, 5])
kernels = st.tuples(sides, sides).flatmap(
    lambda shape: (
        st.lists(
            st.integers(min_value=-4, max_value=4),
            min_size=shape[0] * shape[1],
            max_size=shape[0] * shape[1],
        )
        .filter(any)
        .map(lambda values: sympy.ImmutableMatrix(shape[0], shape[1], values))
    )
)


rationals = st.builds(
    sympy.Rational,
    st.one_of(
        st.integers(min_value=-4, max_value=4), st.integers(min_value=-(10**40), max_value=10**40)
    ),
    st.one_of(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=10**40)),
)
scales = st.one_of(
    rationals.filter(lambda value: value != 0),
    st.integers(min_value=0, max_value=400).map(lambda power: R(1, 10**power)),
)
exact_kernels = st.tuples(sides, sides).flatmap(
    lambda shape: (
        st.lists(rationals, min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])
        .filter(any)
        .map(lambda values: sympy.ImmutableMatrix(shape[0], shape[1], values))
    )
)


@given(matrix=exact_kernels, scale=scales)
@settings(max_examples=15, deadline=None)
def test_response_at_zero_is_the_sum(matrix: sympy.ImmutableMatrix, scale: sympy.Rational) -> None:
    """Arbitrary exact rationals (many digits, tiny scales): H(0, 0) stays the exact sum."""
    scaled = sympy.ImmutableMatrix(matrix * scale)
    found = response(properties(scaled))
    assert found.at_zero == sum(scaled)
    expected_corner = sum(
        k * (-1) ** (r + c)
        for (r, c), k in ((divmod(i, scaled.cols), k) for i, k in enumerate(scaled))
    )
    half = scaled.rows // 2 + scaled.cols // 2
    assert found.at_corner == expected_corner * (-1) ** half
    assert isinstance(found.passband, Passband)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            [[R("0.1"), R("0.05"), R("0.1")], [R("0.05"), R("0.147"), R("0.05")], [R("0.05")] * 3],
            id="learned-decimals",
        ),
        pytest.param([[1, 2, 1], [2, 4, 2], [1, 2, R("1.0000000001")]], id="nearly-gaussian"),
        pytest.param([[0, 0, 0], [0, R(617143, 176533), 0], [0, 0, 0]], id="odd-fraction"),
        pytest.param([[R(1, 10**300)] * 3], id="scale-1e-300"),
        pytest.param([[R(1, 10**400)]], id="scale-1e-400"),
    ],
)
def test_exact_sums_are_never_rounded(rows: list[list[sympy.Rational]]) -> None:
    matrix = sympy.ImmutableMatrix(rows)
    found = response(properties(matrix))
    assert found.at_zero == sum(matrix) and isinstance(found.at_zero, sympy.Rational)


@given(
    matrix=kernels,
    first=st.floats(min_value=-math.pi, max_value=math.pi),
    second=st.floats(min_value=-math.pi, max_value=math.pi),
)
@settings(max_examples=20, deadline=None)
def test_symbolic_response_matches_the_direct_sum(
    matrix: sympy.ImmutableMatrix, first: float, second: float
) -> None:
    found = response(properties(matrix))
    value = complex(found.expression.subs({OMEGA_ROWS: first, OMEGA_COLUMNS: second}).evalf())
    assert abs(value - direct(matrix, first, second)) < 1e-9 * (1 + float(sum(map(abs, matrix))))
    assert found.symbolic_proof


@pytest.mark.parametrize(
    ("rows", "form", "passband"),
    [
        pytest.param(
            [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
            ResponseForm.COSINE_SUM,
            "high-pass",
            id="laplacian",
        ),
        pytest.param([[1, 1, 1]] * 3, ResponseForm.PRODUCT, "low-pass", id="box"),
        pytest.param(
            [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], ResponseForm.PRODUCT, "band-pass", id="sobel"
        ),
        pytest.param(
            [[0, 0, 0], [0, 0, 1], [0, 0, 0]], ResponseForm.PRODUCT, "all-pass", id="shift"
        ),
        pytest.param(
            [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
            ResponseForm.COSINE_SUM,
            "high-pass",
            id="laplacian-4",
        ),
        pytest.param(
            [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
            ResponseForm.EVEN_AND_ODD,
            "band-pass",
            id="emboss",
        ),
        pytest.param(
            [[0, 1, 0], [-1, 0, 1], [0, -1, 0]],
            ResponseForm.SINE_SUM,
            "band-pass",
            id="antisymmetric",
        ),
    ],
)
def test_forms_and_passbands(rows: list[list[int]], form: ResponseForm, passband: str) -> None:
    found = response(properties(sympy.ImmutableMatrix(rows)))
    assert found.form is form and found.passband == passband


@pytest.mark.parametrize(
    ("rows", "passband"),
    [
        pytest.param([[0, 0, 0], [0, 1, 0], [0, 0, 0]], "all-pass", id="k1-identity"),
        pytest.param([[0, 0, 0], [0, 0, 1], [0, 0, 0]], "all-pass", id="k2-shift"),
        pytest.param([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], "high-pass", id="k3-laplacian"),
        pytest.param([[R(1, 9)] * 3] * 3, "low-pass", id="k4-box"),
        pytest.param([[0, 0, 0], [-1, 0, 1], [0, 0, 0]], "band-pass", id="central-difference"),
        pytest.param([[-1], [0], [1]], "band-pass", id="central-difference-column"),
        pytest.param([[1, 0, 1]], "band-stop", id="one-zero-one"),
        pytest.param([[1, 1, 1]], "low-pass", id="box-row"),
        pytest.param([[1], [2], [1]], "low-pass", id="binomial-column"),
        pytest.param([[1, -2, 1]], "high-pass", id="second-difference-row"),
        pytest.param(
            [[1, -1000000, 0], [0, 1, -1000000], [0, 0, 1]], "mixed", id="ill-conditioned"
        ),
    ],
)
def test_passbands_of_one_dimensional_and_course_kernels(
    rows: list[list[int]], passband: str
) -> None:
    """|H| constant along an axis (1×N, N×1) must not count ω = π on that axis as a peak."""
    found = response(properties(sympy.ImmutableMatrix(rows)))
    assert found.passband == passband


@given(matrix=kernels)
@settings(max_examples=20, deadline=None)
def test_passband_agrees_with_the_exact_values(matrix: sympy.ImmutableMatrix) -> None:
    """The printed evidence never contradicts the class: exact |H(0, 0)|, |H(π, π)| and peak."""
    found = response(properties(matrix))
    low, corner = abs(float(found.at_zero)), abs(float(found.at_corner))
    slack = 1e-9 * (1 + float(sum(map(abs, matrix))))
    assert low <= found.peak + slack and corner <= found.peak + slack
    assert found.smallest <= min(low, corner) + slack
    if found.passband == "low-pass":
        assert low >= found.peak - slack and corner < low - slack / 2
    if found.passband == "high-pass":
        assert low <= found.smallest + slack
    if found.passband == "band-pass":
        assert low < found.peak - slack / 2 and corner < found.peak - slack / 2
    if found.passband == "all-pass":
        assert found.peak - found.smallest <= slack


def test_out_of_budget_falls_back_to_the_defining_sum_and_says_so() -> None:
    matrix = sympy.ImmutableMatrix([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
    with shared_budget(0):
        found = response(properties(matrix))
    assert found.form == DEFINING_SUM_FORM and found.expression == found.definition
    assert found.notes == (ResponseNote.FORM_NOT_SIMPLIFIED,)
    assert found.at_zero == 0 and found.at_corner == 8 and found.passband == "high-pass"
    assert response(properties(matrix)).notes == ()


def test_large_kernels_stay_within_a_shared_budget() -> None:
    """Random 9×9 kernels under a shared budget: those it cuts short fall back, all are right."""
    import random

    generator = random.Random(5)
    matrices = [
        sympy.ImmutableMatrix(9, 9, [generator.randint(-9, 9) for _ in range(81)])
        for _ in range(12)
    ]
    with shared_budget(0.5):
        found = [response(properties(matrix)) for matrix in matrices]
    assert any(result.notes for result in found)
    assert all(
        result.at_zero == sum(matrix) for result, matrix in zip(found, matrices, strict=True)
    )


def test_endless_rewriting_is_stopped_by_the_shared_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rewriting that never ends and budgets of an hour per step: only the shared budget can
    let twelve kernels finish (without it, the per-test timeout fails the test)."""
    from symderive.derive import kernel_response

    def endless(properties: object) -> tuple[sympy.Expr, str]:
        while True:
            pass

    monkeypatch.setattr(kernel_response, "real_form", endless)
    monkeypatch.setattr(kernel_response, "FORM_BUDGET_SECONDS", 3600.0)
    monkeypatch.setattr(kernel_response, "PROOF_BUDGET_SECONDS", 3600.0)
    matrix = sympy.ImmutableMatrix([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
    with shared_budget(0.5):
        found = [response(properties(matrix)) for _ in range(12)]
    assert all(result.form == DEFINING_SUM_FORM for result in found)
    assert all(result.at_zero == 0 and result.passband == "high-pass" for result in found)


def test_real_forms_are_real_where_symmetric() -> None:
    box = response(properties(sympy.ImmutableMatrix([[1, 1, 1]] * 3) / 9))
    assert box.expression == sympy.factor(
        (1 + 2 * sympy.cos(OMEGA_ROWS)) * (1 + 2 * sympy.cos(OMEGA_COLUMNS)) / 9
    )
    laplacian = response(properties(sympy.ImmutableMatrix([[-1] * 3, [-1, 8, -1], [-1] * 3])))
    assert not laplacian.expression.has(sympy.I)
    c1, c2 = sympy.cos(OMEGA_ROWS), sympy.cos(OMEGA_COLUMNS)
    assert sympy.expand(laplacian.expression - (8 - 2 * c1 - 2 * c2 - 4 * c1 * c2)) == 0
    assert laplacian.at_corner == 8 and laplacian.peak == pytest.approx(12)
