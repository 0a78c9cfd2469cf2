"""The frequency response H(ω₁, ω₂) = Σ k[m, n]·e^{−i(ω₁m + ω₂n)} of a kernel, two ways.

SymPy writes the sum and rewrites it in a real trigonometric form where a symmetry allows it
(point symmetric: a cosine sum, real; point antisymmetric: −i times a sine sum; separable: the
product of two one-dimensional responses); the rewrite is proved equal to the sum by expanding
both in exponentials. Independently, NumPy's FFT of the zero-padded kernel gives H on a grid,
and the symbolic form must agree there. The pass band is read from |H| on that grid by
comparing |H(0, 0)|, |H| at the highest frequencies and the grid's maximum (``Passband``).

Every symbolic step that can blow up (factor, expand_trig, the proof) runs under a time budget
(``symderive.budget``); when one runs out the response falls back to the defining sum and says so
in ``notes`` (codes; ``render/kernel_words`` words them). H(0, 0) and H(π, π) are computed
exactly from the entries, never rounded. The numeric work uses the kernel divided by its largest
|entry| (exactly), so tiny scales do not underflow; the peak and smallest |H| are reported for
the kernel itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sympy

from symderive.budget import within_budget
from symderive.derive.kernels import KernelProperties, offsets
from symderive.errors import VerificationError

OMEGA_ROWS = sympy.Symbol("omega1", real=True)
OMEGA_COLUMNS = sympy.Symbol("omega2", real=True)
GRID = 32
"""|H| is compared and classified on the GRID × GRID frequencies 2πp/GRID, p = −GRID/2 … ."""
TOLERANCE = 1e-9
FORM_BUDGET_SECONDS = 5.0
"""Rewriting one kernel's H in trigonometric form (factor, expand_trig)."""
PROOF_BUDGET_SECONDS = 5.0
"""Proving the rewrite equal to the defining sum (expansion in exponentials)."""


class Passband(StrEnum):
    """Which frequencies a kernel passes, read from |H| on the grid (``classify``). The highest
    frequencies are ω = π along every axis on which |H| varies (axes where |H| is constant, as
    for a single-row kernel, stay at 0). Each is defined in words in ``render/response_words``."""

    ALL_PASS = "all-pass"
    """|H| is the same at every frequency."""
    LOW_PASS = "low-pass"
    """|H| is largest at (0, 0) and smaller at every highest frequency."""
    HIGH_PASS = "high-pass"
    """|H| is smallest at (0, 0) and largest at a highest frequency."""
    BAND_PASS = "band-pass"
    """|H| is largest strictly between (0, 0) and the highest frequencies, lower at both."""
    BAND_STOP = "band-stop"
    """|H| is largest both at (0, 0) and at a highest frequency, smaller in between."""
    MIXED = "mixed"
    """None of the above."""


class ResponseForm(StrEnum):
    """The form H is written in (named in ``render/response_words``)."""

    PRODUCT = "product"
    """A separable kernel: the product of the column and row responses."""
    COSINE_SUM = "cosine-sum"
    """A point-symmetric kernel: a real cosine sum."""
    SINE_SUM = "sine-sum"
    """A point-antisymmetric kernel: −i times a real sine sum."""
    EVEN_AND_ODD = "even-and-odd"
    """No symmetry: a cosine sum of the even part − i times a sine sum of the odd part."""
    DEFINING_SUM = "defining-sum"
    """The defining sum itself, when a time budget stopped the rewriting."""


DEFINING_SUM_FORM = ResponseForm.DEFINING_SUM


class ResponseNote(StrEnum):
    """A symbolic step a time budget cut short, and what was shown instead."""

    FORM_NOT_EVALUATED = "form-not-evaluated"
    """The trigonometric form could not be evaluated on the grid: the defining sum is shown."""
    FORM_NOT_SIMPLIFIED = "form-not-simplified"
    """The trigonometric form was not found in time: the defining sum is shown."""
    PROOF_UNFINISHED = "proof-unfinished"
    """The proof that the form equals the defining sum did not finish: the FFT still checks it."""


@dataclass(frozen=True)
class Response:
    """H(ω₁, ω₂) (ω₁ along rows, ω₂ along columns) with its checks and its pass band."""

    definition: sympy.Expr
    expression: sympy.Expr
    form: ResponseForm
    symbolic_proof: bool
    at_zero: sympy.Expr
    at_corner: sympy.Expr
    peak: float
    peak_at: tuple[float, float]
    smallest: float
    passband: Passband
    grid_points: int
    max_difference: float
    notes: tuple[ResponseNote, ...] = ()
    unit: sympy.Rational = sympy.S.One
    """max |k|, exact: ``peak`` and ``smallest`` are ``relative_peak``·unit (floats underflow)."""
    relative_peak: float = 0.0
    relative_smallest: float = 0.0


def _phase(m: int, n: int) -> sympy.Expr:
    return OMEGA_ROWS * m + OMEGA_COLUMNS * n


def definition(matrix: sympy.ImmutableMatrix) -> sympy.Expr:
    """The sum Σ k[m, n]·e^{−i(ω₁m + ω₂n)} over the nonzero entries, as written."""
    return sympy.Add(
        *(k * sympy.exp(-sympy.I * _phase(m, n)) for m, n, k in offsets(matrix) if k != 0)
    )


def _one_dimensional(values: tuple[sympy.Integer, ...], omega: sympy.Symbol) -> sympy.Expr:
    """The response of a 1-D factor, real (cosines) or imaginary (sines) where symmetric."""
    half = len(values) // 2
    at = {index - half: sympy.Rational(value) for index, value in enumerate(values)}
    if all(at[d] == at[-d] for d in at):
        return at[0] + sum((2 * at[d] * sympy.cos(d * omega) for d in at if d > 0), sympy.S.Zero)
    if all(at[d] == -at[-d] for d in at):
        return -sympy.I * sum((2 * at[d] * sympy.sin(d * omega) for d in at if d > 0), sympy.S.Zero)
    return sympy.Add(*(value * sympy.exp(-sympy.I * d * omega) for d, value in at.items()))


def real_form(properties: KernelProperties) -> tuple[sympy.Expr, ResponseForm]:
    """The response in the simplest form its symmetry allows, and the name of that form."""
    matrix, separation = properties.matrix, properties.separation
    if separation.separable:
        assert separation.column and separation.row and separation.factor is not None
        column = _one_dimensional(separation.column, OMEGA_ROWS)
        row = _one_dimensional(separation.row, OMEGA_COLUMNS)
        product = sympy.factor(separation.factor * column * row)
        return product, ResponseForm.PRODUCT
    entries = {(m, n): k for m, n, k in offsets(matrix)}
    half = [(m, n) for m, n in entries if (m, n) > (0, 0)]
    even = properties.centre + sum(
        ((entries[m, n] + entries[-m, -n]) * sympy.cos(_phase(m, n)) for m, n in half),
        sympy.S.Zero,
    )
    odd = sum(
        ((entries[m, n] - entries[-m, -n]) * sympy.sin(_phase(m, n)) for m, n in half),
        sympy.S.Zero,
    )
    even, odd = (sympy.expand(sympy.expand_trig(part)) for part in (even, odd))
    if properties.symmetries.point:
        return even, ResponseForm.COSINE_SUM
    if properties.symmetries.point_antisymmetric:
        return -sympy.I * odd, ResponseForm.SINE_SUM
    return even - sympy.I * odd, ResponseForm.EVEN_AND_ODD


def _same(left: sympy.Expr, right: sympy.Expr) -> bool:
    """Proved equal by rewriting both in exponentials and expanding."""
    difference = sympy.expand(sympy.expand((left - right).rewrite(sympy.exp)), power_exp=True)
    return bool(sympy.simplify(difference) == 0)


def fft_grid(matrix: sympy.MatrixBase, size: int = GRID) -> object:
    """H at ω = 2π(p, q)/size for p, q = −size/2 … size/2 − 1, by NumPy's FFT (fftshifted)."""
    import numpy

    padded = numpy.zeros((size, size))
    for m, n, k in offsets(matrix):
        padded[m % size, n % size] += float(k)
    return numpy.fft.fftshift(numpy.fft.fft2(padded))


def frequencies(size: int = GRID) -> object:
    import numpy

    return 2 * numpy.pi * (numpy.arange(size) - size // 2) / size


def largest_entry(matrix: sympy.MatrixBase) -> sympy.Rational:
    """max |k|, exact (1 for the zero kernel): dividing by it keeps floats in range."""
    return max((abs(sympy.Rational(value)) for value in matrix), default=sympy.S.One) or sympy.S.One


def _exact_value(matrix: sympy.MatrixBase, first: int, second: int) -> sympy.Rational:
    """H at (ω₁, ω₂) = π·(first, second), first and second 0 or 1, exactly from the entries:
    Σ k·(−1)^(m·first + n·second)."""
    return sympy.Rational(
        sum((k if (m * first + n * second) % 2 == 0 else -k) for m, n, k in offsets(matrix))
    )


def classify(
    magnitude: object, tolerance: float
) -> tuple[Passband, float, tuple[float, float], float]:
    """(pass band, peak, where it is, smallest) from |H| on the shifted grid (``Passband``)."""
    import numpy

    values = numpy.asarray(magnitude)
    size = values.shape[0]
    omega = numpy.asarray(frequencies(size))
    centre, nyquist = size // 2, 0  # index 0 is ω = −π, the same frequency as π
    peak, smallest = float(values.max()), float(values.min())
    peaks = numpy.argwhere(values >= peak - tolerance)
    radius = numpy.hypot(omega[peaks[:, 0]], omega[peaks[:, 1]])
    nearest = peaks[int(numpy.argmin(radius))]
    where = (float(omega[nearest[0]]), float(omega[nearest[1]]))
    varies = [
        bool(numpy.ptp(values, axis=axis).max() > tolerance) for axis in (0, 1)
    ]  # axis 0 varies: |H| changes with ω₁
    if not any(varies) or peak - smallest <= tolerance:
        return Passband.ALL_PASS, peak, where, smallest
    highest = [
        float(values[nyquist if first else centre, nyquist if second else centre])
        for first in (0, 1)
        for second in (0, 1)
        if (first or second) and (varies[0] or not first) and (varies[1] or not second)
    ]
    dc = float(values[centre, centre])
    at_peak = lambda value: value >= peak - tolerance  # noqa: E731
    if at_peak(dc) and all(value < dc - tolerance for value in highest):
        band = Passband.LOW_PASS
    elif dc <= smallest + tolerance and any(at_peak(value) for value in highest):
        band = Passband.HIGH_PASS
    elif not at_peak(dc) and not any(at_peak(value) for value in highest):
        band = Passband.BAND_PASS
    elif at_peak(dc) and any(at_peak(value) for value in highest):
        band = Passband.BAND_STOP
    else:
        band = Passband.MIXED
    return band, peak, where, smallest


def real_form_within_budget(
    properties: KernelProperties, written: sympy.Expr
) -> tuple[sympy.Expr, ResponseForm, bool]:
    """``real_form`` if it finishes within its budget; else the defining sum, and False."""
    (expression, form), finished = within_budget(
        lambda: real_form(properties), FORM_BUDGET_SECONDS, (written, DEFINING_SUM_FORM)
    )
    return expression, form, finished


def direct_sum(matrix: sympy.MatrixBase, rows: Any, columns: Any) -> Any:
    """The defining sum evaluated by NumPy at every (ω₁, ω₂) of the grids, entry by entry."""
    import numpy

    first, second = numpy.asarray(rows, dtype=float), numpy.asarray(columns, dtype=float)
    total: Any = numpy.zeros(first.shape, dtype=complex)
    for m, n, k in offsets(matrix):
        if k != 0:
            total = total + float(k) * numpy.exp(-1j * (first * m + second * n))
    return total


def form_values(expression: sympy.Expr, rows: Any, columns: Any) -> Any:
    """The form at every grid point: NumPy floats, or mpmath where huge and tiny exact
    coefficients overflow a float (their products are still of ordinary size)."""
    import numpy

    variables = (OMEGA_ROWS, OMEGA_COLUMNS)
    try:
        with numpy.errstate(all="raise"):
            values = numpy.asarray(
                sympy.lambdify(variables, expression, modules="numpy")(rows, columns),
                dtype=complex,
            )
        if numpy.isfinite(values).all():
            return numpy.broadcast_to(values, numpy.shape(rows))
    except (OverflowError, ZeroDivisionError, FloatingPointError):
        pass
    as_floats = expression.xreplace(  # mpf literals keep any exponent; int/int division does not
        {value: sympy.Float(value, 30) for value in expression.atoms(sympy.Rational)}
    )
    evaluate = sympy.lambdify(variables, as_floats, modules="mpmath")
    return numpy.array(
        [
            [
                complex(evaluate(float(first), float(second)))
                for first, second in zip(row, column, strict=True)
            ]
            for row, column in zip(numpy.asarray(rows), numpy.asarray(columns), strict=True)
        ]
    )


def response(properties: KernelProperties) -> Response:
    """The verified frequency response of one kernel and its pass band."""
    import numpy

    matrix = properties.matrix
    written = definition(matrix)
    expression, form, rewritten = real_form_within_budget(properties, written)
    largest = largest_entry(matrix)
    omega = numpy.asarray(frequencies())
    rows, columns = numpy.meshgrid(omega, omega, indexing="ij")
    notes: list[ResponseNote] = []
    values = None
    if rewritten:
        values, _ = within_budget(
            lambda: form_values(expression / largest, rows, columns), FORM_BUDGET_SECONDS, None
        )
        if values is None:
            expression, form, rewritten = written, DEFINING_SUM_FORM, False
            notes.append(ResponseNote.FORM_NOT_EVALUATED)
    elif form == DEFINING_SUM_FORM:
        notes.append(ResponseNote.FORM_NOT_SIMPLIFIED)
    if not rewritten:
        proved = True  # the shown form is the defining sum itself
    else:
        proved, finished = within_budget(
            lambda: _same(expression, written), PROOF_BUDGET_SECONDS, False
        )
        if not finished:
            notes.append(ResponseNote.PROOF_UNFINISHED)
    at_zero = _exact_value(matrix, 0, 0)
    if at_zero != properties.total:
        raise VerificationError(f"H(0, 0) = {at_zero} is not the kernel's sum {properties.total}")
    corner = _exact_value(matrix, 1, 1)
    substituted, finished = within_budget(
        lambda: [
            sympy.expand(expression.subs({OMEGA_ROWS: first, OMEGA_COLUMNS: second}))
            for first, second in ((0, 0), (sympy.pi, sympy.pi))
        ],
        FORM_BUDGET_SECONDS,
        None,
    )
    if finished and substituted is not None and substituted != [at_zero, corner]:
        raise VerificationError(
            f"the form gives H(0, 0), H(π, π) = {substituted}, the entries {at_zero}, {corner}"
        )
    normalised = matrix / largest
    grid = numpy.asarray(fft_grid(normalised))
    if values is None:
        values = direct_sum(normalised, rows, columns)
    symbolic = numpy.broadcast_to(numpy.asarray(values, dtype=complex), rows.shape)
    scale = 1.0 + float(sum(abs(k) for k in normalised))
    difference = float(numpy.abs(symbolic - grid).max())
    if not difference <= TOLERANCE * scale:
        raise VerificationError(
            f"the symbolic H differs from the FFT of the kernel by {difference:g} on the grid"
        )
    band, peak, where, smallest = classify(numpy.abs(grid), TOLERANCE * scale)
    return Response(
        definition=written,
        expression=expression,
        form=form,
        symbolic_proof=proved,
        at_zero=at_zero,
        at_corner=corner,
        peak=float(sympy.Float(peak) * largest),
        peak_at=where,
        smallest=float(sympy.Float(smallest) * largest),
        passband=band,
        grid_points=GRID * GRID,
        max_difference=float(sympy.Float(difference) * largest),
        notes=tuple(notes),
        unit=largest,
        relative_peak=peak,
        relative_smallest=smallest,
    )
