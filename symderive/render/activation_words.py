"""The remarks below idiomatic derivatives and the frameworks' conventions at kinks, in words.

``derive/activation_catalogue`` records ``Remark`` and ``Convention`` codes; the sentences are
written here, once, for every format and for the JSON.
"""

from __future__ import annotations

from symderive.derive.activation_catalogue import Remark
from symderive.derive.activation_kinks import Convention

REMARKS: dict[Remark, str] = {
    Remark.ELU_FROM_OUTPUT: (
        "for x < 0, α·eˣ = ELU(x) + α: the derivative from the output alone, as frameworks "
        "compute it without recomputing the exponential"
    ),
    Remark.SIGMOID: "the sigmoid, σ(x)",
    Remark.NORMAL_DISTRIBUTION: (
        "Φ is the standard normal distribution function and φ = Φ' its density"
    ),
    Remark.TANH_APPROXIMATION: (
        "T(x) = tanh(√(2/π)(x + 0.044715x³)), and tanh' = 1 − tanh² gives the second term"
    ),
}
"""Each remark as a clause (lower case, no full stop): the documents capitalise it."""
CONVENTIONS: dict[Convention, str] = {
    Convention.RELU_ZERO: (
        "PyTorch and TensorFlow take relu'(0) = 0: the gradient passes only where x > 0."
    ),
    Convention.LEAKY_SLOPE: (
        "PyTorch and TensorFlow take the slope α at 0: the gradient is 1 only where x > 0."
    ),
    Convention.ELU_ALPHA: "PyTorch takes α at 0 (its x ≤ 0 branch, α·e⁰).",
}


def remark_text(remark: Remark | None) -> str | None:
    """The remark as a clause, or None for a form without one."""
    return None if remark is None else REMARKS[remark]


def convention_text(convention: Convention | None) -> str | None:
    """The frameworks' convention as a sentence, or None where there is none."""
    return None if convention is None else CONVENTIONS[convention]
