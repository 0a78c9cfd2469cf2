"""Softmax and log-softmax: the whole Jacobian, derived entry by entry and proved in closed form.

s_i = e^{z_i} / Σ_j e^{z_j}. Every entry ∂s_i/∂z_j is derived by the rule engine (each step
checked against SymPy's ``diff``) and proved equal to s_i(δ_ij − s_j), so the matrix is
diag(s) − s sᵀ; for log-softmax ∂(log s_i)/∂z_j = δ_ij − s_j, the matrix I − 1 sᵀ. The diagonal
alone is *not* the derivative: every off-diagonal entry is −s_i s_j (or −s_j), never 0. Each row
sums to 0, because adding one constant to every logit changes no output.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from symderive.derive.activation_catalogue import VECTOR_TITLES
from symderive.derive.activation_checks import (
    NumericCheck,
    check_points,
    finite_difference_check,
)
from symderive.derive.activations import (
    ActivationSolution,
    EqualityProof,
    ProofScope,
    parameter_values,
    prove_equal,
)
from symderive.derive.differentiate import derive
from symderive.derive.steps import Derivation, Verification
from symderive.errors import VerificationError
from symderive.functions import to_native
from symderive.parsing.names import make_symbol
from symderive.problem import ActivationProblem

DEFAULT_SIZE = 3
NAMES = {
    "softmax": (r"\operatorname{softmax}", "softmax"),
    "log_softmax": (r"\log\operatorname{softmax}", "log softmax"),
}


@dataclass(frozen=True)
class Jacobian:
    """The K×K Jacobian of softmax (or log-softmax) in the logits z_1 … z_K.

    ``entries[i][j]`` derives ∂output_i/∂z_j; ``probabilities`` are the symbols s_1 … s_K that
    stand for ``softmax`` (their meanings); ``closed_form`` is the matrix in those symbols,
    ``diagonal_only`` the wrong answer that keeps only its diagonal. ``off_diagonal`` is an
    entry (i, j, value at the check point) that shows the diagonal alone is not the derivative.
    """

    function: str
    logits: tuple[sympy.Symbol, ...]
    outputs: tuple[sympy.Expr, ...]
    entries: tuple[tuple[Derivation, ...], ...]
    probabilities: tuple[sympy.Symbol, ...]
    softmax: tuple[sympy.Expr, ...]
    closed_form: sympy.ImmutableMatrix
    proof: EqualityProof
    row_sums: EqualityProof
    diagonal_only: sympy.ImmutableMatrix
    off_diagonal: tuple[int, int, float]

    @property
    def size(self) -> int:
        return len(self.logits)

    @property
    def matrix(self) -> sympy.ImmutableMatrix:
        """The derived Jacobian, entry (i, j) = ∂output_i/∂z_j as the rules found it."""
        return sympy.ImmutableMatrix(
            [[derivation.result for derivation in row] for row in self.entries]
        )

    def expand(self, matrix: sympy.MatrixBase) -> sympy.ImmutableMatrix:
        """A matrix in s_1 … s_K written out in the logits."""
        meaning = dict(zip(self.probabilities, self.softmax, strict=True))
        return sympy.ImmutableMatrix(matrix.xreplace(meaning))


def logits(stem: sympy.Symbol, size: int) -> tuple[sympy.Symbol, ...]:
    """z1 … zK from the stem z."""
    return tuple(make_symbol(f"{stem.name}{index}") for index in range(1, size + 1))


def softmax_outputs(function: str, z: tuple[sympy.Symbol, ...]) -> tuple[sympy.Expr, ...]:
    """s_i = e^{z_i}/Σ e^{z_j}, or log s_i = z_i − log Σ e^{z_j} (the stable form)."""
    total = sympy.Add(*(sympy.exp(logit) for logit in z))
    if function == "softmax":
        return tuple(sympy.exp(logit) / total for logit in z)
    return tuple(logit - sympy.log(total) for logit in z)


def closed_form(function: str, s: tuple[sympy.Symbol, ...]) -> sympy.ImmutableMatrix:
    """diag(s) − s sᵀ for softmax, I − 1 sᵀ for log-softmax, in the symbols s."""
    size = len(s)

    def entry(i: int, j: int) -> sympy.Expr:
        delta = sympy.Integer(1 if i == j else 0)
        return s[i] * (delta - s[j]) if function == "softmax" else delta - s[j]

    return sympy.ImmutableMatrix(size, size, lambda i, j: entry(i, j))


def solve_vector(problem: ActivationProblem) -> ActivationSolution:
    """Derive all K² entries, prove the closed form and the zero row sums, check numerically."""
    function = problem.function
    assert function in NAMES
    size = problem.size or DEFAULT_SIZE
    z = logits(problem.variable, size)
    outputs = softmax_outputs(function, z)
    entries = tuple(tuple(derive(output, logit) for logit in z) for output in outputs)
    stem = "p" if problem.variable.name == "s" else "s"
    s = tuple(make_symbol(f"{stem}{index}") for index in range(1, size + 1))
    probabilities = softmax_outputs("softmax", z)
    meaning = dict(zip(s, probabilities, strict=True))
    closed = closed_form(function, s)
    proofs = [
        prove_equal(closed[i, j].xreplace(meaning), entries[i][j].result, z[0])
        for i in range(size)
        for j in range(size)
    ]
    proof = _combined(proofs, ProofScope.EVERY_ENTRY)
    row_proofs = [
        prove_equal(sympy.Add(*(entry.result for entry in row)), sympy.Integer(0), z[0])
        for row in entries
    ]
    diagonal = sympy.ImmutableMatrix(sympy.diag(*(closed[i, i] for i in range(size))))
    point = _point(problem, z)
    checks = _checks(outputs, entries, z, point)
    off_diagonal = (0, 1, float(to_native(entries[0][1].result).xreplace(point).evalf()))
    if off_diagonal[2] == 0:
        raise VerificationError("an off-diagonal entry of the softmax Jacobian vanished")
    jacobian = Jacobian(
        function,
        z,
        outputs,
        entries,
        s,
        probabilities,
        closed,
        proof,
        _combined(row_proofs, ProofScope.EVERY_ROW),
        diagonal,
        off_diagonal,
    )
    latex_name, unicode_name = NAMES[function]
    return ActivationSolution(
        problem,
        function,
        VECTOR_TITLES[function],
        latex_name,
        unicode_name,
        problem.variable,
        parameter_values(function, problem.parameters),
        sympy.Matrix(outputs).as_immutable(),
        None,
        None,
        (),
        jacobian,
        checks,
        problem.plot,
    )


def _combined(proofs: list[EqualityProof], scope: ProofScope) -> EqualityProof:
    """One proof for many entries: symbolic only if every entry's proof is."""
    symbolic = all(p.verification is Verification.SYMBOLIC for p in proofs)
    methods = tuple(dict.fromkeys(method for p in proofs for method in p.methods))
    verification = Verification.SYMBOLIC if symbolic else Verification.NUMERIC
    return EqualityProof(methods, verification, scope=scope)


def _point(
    problem: ActivationProblem, z: tuple[sympy.Symbol, ...]
) -> dict[sympy.Symbol, sympy.Rational]:
    """Random logits in the plot range (default [−4, 4]), the same on every run."""
    low, high = problem.plot or (sympy.Integer(-4), sympy.Integer(4))
    values = check_points(f"{problem.id}:{problem.function}", low, high, (), lambda _: True, len(z))
    return dict(zip(z, values, strict=True))


def _checks(
    outputs: tuple[sympy.Expr, ...],
    entries: tuple[tuple[Derivation, ...], ...],
    z: tuple[sympy.Symbol, ...],
    point: dict[sympy.Symbol, sympy.Rational],
) -> tuple[NumericCheck, ...]:
    """Every entry against a central difference of its output in its logit, at one point."""
    checks = []
    for i, output in enumerate(outputs):
        for j, logit in enumerate(z):
            checks.append(finite_difference_check(output, entries[i][j].result, logit, point, i))
    failed = [check for check in checks if not check.passed]
    if failed:
        raise VerificationError(f"finite differences disagree with the Jacobian: {failed}")
    return tuple(checks)
