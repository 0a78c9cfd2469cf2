"""The likely mistake behind a wrong matrix form of a softmax (or log-softmax) Jacobian.

Each hypothesis is a whole matrix in the probabilities s_1 … s_K (``diag(s)`` alone, ``I − s sᵀ``,
the other function's Jacobian, the negative); it is named only when every entry
of the claim equals it exactly, so a diagnosis is evidence, never a guess. What none of them
explains falls back on the entry-wise diagnosis of indexed claims.
"""

from __future__ import annotations

import sympy

from symderive.check.jacobian_claims import jacobian_diagnosis
from symderive.check.mistakes import Diagnosis, DiagnosisCode
from symderive.check.targets import Target, matrix_entries
from symderive.derive.softmax import Jacobian

Hypothesis = tuple[DiagnosisCode, str, sympy.ImmutableMatrix]


def _hypotheses(jacobian: Jacobian) -> list[Hypothesis]:
    size = jacobian.size
    s = sympy.ImmutableMatrix(jacobian.probabilities)
    ones = sympy.ImmutableMatrix(sympy.ones(size, 1))
    identity = sympy.ImmutableMatrix(sympy.eye(size))
    softmax = sympy.ImmutableMatrix(sympy.diag(*jacobian.probabilities) - s * s.T)
    log_softmax = sympy.ImmutableMatrix(identity - ones * s.T)
    sign = (
        DiagnosisCode.SIGN,
        "sign error: the negative of the Jacobian",
        sympy.ImmutableMatrix(-jacobian.closed_form),
    )
    if jacobian.function == "softmax":
        return [
            sign,
            (
                DiagnosisCode.DIAGONAL_ONLY,
                "only diag(s): the term −s sᵀ is missing, so the off-diagonal entries are 0 "
                "instead of −s_i s_j",
                sympy.ImmutableMatrix(sympy.diag(*jacobian.probabilities)),
            ),
            (
                DiagnosisCode.DIAGONAL_ONLY,
                "only the diagonal of the Jacobian: the off-diagonal entries −s_i s_j are missing",
                jacobian.diagonal_only,
            ),
            (
                DiagnosisCode.IDENTITY_FOR_DIAGONAL,
                "I where diag(s) belongs: ∂s_i/∂z_i is s_i − s_i², not 1 − s_i²",
                sympy.ImmutableMatrix(identity - s * s.T),
            ),
            (
                DiagnosisCode.OTHER_JACOBIAN,
                "the Jacobian of log-softmax (I − 1 sᵀ), not of softmax (diag(s) − s sᵀ)",
                log_softmax,
            ),
        ]
    return [
        sign,
        (
            DiagnosisCode.OTHER_JACOBIAN,
            "the Jacobian of softmax (diag(s) − s sᵀ), not of log-softmax (I − 1 sᵀ)",
            softmax,
        ),
        (
            DiagnosisCode.DIAGONAL_ONLY,
            "only I: the term −1 sᵀ is missing",
            identity,
        ),
    ]


def matrix_diagnosis(
    claimed: sympy.ImmutableMatrix, jacobian: Jacobian, target: Target
) -> Diagnosis | None:
    """The mistake the claimed matrix (in the probabilities) is exactly, if one is known."""
    for code, message, candidate in _hypotheses(jacobian):
        difference = sympy.ImmutableMatrix(claimed - candidate)
        if all(sympy.expand(entry) == 0 for entry in difference):
            return Diagnosis(code, message, sympy.Integer(0))
    return jacobian_diagnosis(matrix_entries(claimed, jacobian), target)
