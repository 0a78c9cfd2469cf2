"""The frequency response H(ω₁, ω₂) = Σ k[m, n]·e^{−i(ω₁m + ω₂n)} of a kernel, two ways.

SymPy writes the sum and rewrites it in a real trigonometric form where a symmetry allows it
(point symmetric: a cosine sum, real; point antisymmetric: −i times a sine sum; separable: the
product of two one-dimensional responses); the rewrite is proved equal to the sum by expanding
both in exponentials. Independently, NumPy's FFT of the zero-padded kernel gives H on a grid,
and the symbolic form must agree there. The pass band (low, high, band or all-pass) is read
from |H| on that grid: where its peak lies, against |H(0, 0)| and |H(π, π)|.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from symderive.derive.kernels import KernelProperties, offsets
from symderive.errors import VerificationError

OMEGA_ROWS = sympy.Symbol("omega1", real=True)
OMEGA_COLUMNS = sympy.Symbol("omega2", real=True)
GRID = 32
"""|H| is compared and classified on the GRID × GRID frequencies 2πp/GRID, p = −GRID/2 … ."""
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Response:
    """H(ω₁, ω₂) (ω₁ along rows, ω₂ along columns) with its checks and its pass band."""

    definition: sympy.Expr
    expression: sympy.Expr
    form: str
    symbolic_proof: bool
    at_zero: sympy.Expr
    at_corner: sympy.Expr
    peak: float
    peak_at: tuple[float, float]
    smallest: float
    passband: str
    grid_points: int
    max_difference: float


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
        return -sympy.I * sum(
            (2 * at[d] * sympy.sin(d * omega) for d in at if d > 0), sympy.S.Zero
        )
    return sympy.Add(*(value * sympy.exp(-sympy.I * d * omega) for d, value in at.items()))


def real_form(properties: KernelProperties) -> tuple[sympy.Expr, str]:
    """The response in the simplest form its symmetry allows, and the name of that form."""
    matrix, separation = properties.matrix, properties.separation
    if separation.separable:
        assert separation.column and separation.row and separation.factor is not None
        column = _one_dimensional(separation.column, OMEGA_ROWS)
        row = _one_dimensional(separation.row, OMEGA_COLUMNS)
        product = sympy.factor(separation.factor * column * row)
        return product, "product of the column and row responses"
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
        return even, "real cosine sum (point-symmetric kernel)"
    if properties.symmetries.point_antisymmetric:
        return -sympy.I * odd, "−i times a real sine sum (point-antisymmetric kernel)"
    return even - sympy.I * odd, (
        "cosine sum of the even part − i times sine sum of the odd part (no symmetry)"
    )


def _same(left: sympy.Expr, right: sympy.Expr) -> bool:
    """Proved equal by rewriting both in exponentials and expanding."""
    difference = sympy.expand(sympy.expand((left - right).rewrite(sympy.exp)), power_exp=True)
    return bool(sympy.simplify(difference) == 0)


def fft_grid(matrix: sympy.ImmutableMatrix, size: int = GRID) -> object:
    """H at ω = 2π(p, q)/size for p, q = −size/2 … size/2 − 1, by NumPy's FFT (fftshifted)."""
    import numpy

    padded = numpy.zeros((size, size))
    for m, n, k in offsets(matrix):
        padded[m % size, n % size] += float(k)
    return numpy.fft.fftshift(numpy.fft.fft2(padded))


def frequencies(size: int = GRID) -> object:
    import numpy

    return 2 * numpy.pi * (numpy.arange(size) - size // 2) / size


def _passband(magnitude: object, scale: float) -> tuple[str, float, tuple[float, float], float]:
    """(pass band, peak, where it is, smallest) from |H| on the shifted grid."""
    import numpy

    values = numpy.asarray(magnitude)
    omega = numpy.asarray(frequencies(values.shape[0]))
    peak, smallest = float(values.max()), float(values.min())
    tolerance = TOLERANCE * scale
    centre = values.shape[0] // 2
    peaks = numpy.argwhere(values >= peak - tolerance)
    radius = numpy.hypot(omega[peaks[:, 0]], omega[peaks[:, 1]])
    nearest = peaks[int(numpy.argmin(radius))]
    where = (float(omega[nearest[0]]), float(omega[nearest[1]]))
    if peak - smallest <= tolerance:
        band = "all-pass"
    elif values[centre, centre] >= peak - tolerance:
        band = "low-pass"
    elif (peaks == 0).any():  # a peak at ω₁ = −π or ω₂ = −π: the highest frequencies
        band = "high-pass"
    else:
        band = "band-pass"
    return band, peak, where, smallest


def response(properties: KernelProperties) -> Response:
    """The verified frequency response of one kernel and its pass band."""
    import numpy

    matrix = properties.matrix
    written = definition(matrix)
    expression, form = real_form(properties)
    proved = _same(expression, written)
    at_zero = sympy.nsimplify(expression.subs({OMEGA_ROWS: 0, OMEGA_COLUMNS: 0}))
    if sympy.simplify(at_zero - properties.total) != 0:
        raise VerificationError(f"H(0, 0) = {at_zero} is not the kernel's sum {properties.total}")
    corner = sympy.simplify(expression.subs({OMEGA_ROWS: sympy.pi, OMEGA_COLUMNS: sympy.pi}))
    grid = numpy.asarray(fft_grid(matrix))
    omega = numpy.asarray(frequencies())
    rows, columns = numpy.meshgrid(omega, omega, indexing="ij")
    evaluate = sympy.lambdify((OMEGA_ROWS, OMEGA_COLUMNS), expression, modules="numpy")
    symbolic = numpy.broadcast_to(numpy.asarray(evaluate(rows, columns), dtype=complex), rows.shape)
    scale = 1.0 + float(sum(abs(k) for k in matrix))
    difference = float(numpy.abs(symbolic - grid).max())
    if not difference <= TOLERANCE * scale:
        raise VerificationError(
            f"the symbolic H differs from the FFT of the kernel by {difference:g} on the grid"
        )
    band, peak, where, smallest = _passband(numpy.abs(grid), scale)
    return Response(
        definition=written,
        expression=expression,
        form=form,
        symbolic_proof=proved,
        at_zero=at_zero,
        at_corner=corner,
        peak=peak,
        peak_at=where,
        smallest=smallest,
        passband=band,
        grid_points=GRID * GRID,
        max_difference=difference,
    )
