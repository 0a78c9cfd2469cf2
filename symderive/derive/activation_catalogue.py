"""The catalogue of activation functions: definitions, parameters and idiomatic derivatives.

Each entry gives the function's *explicit* definition, the form the rule engine differentiates
(σ(x) = 1/(1 + e^(−x)), not the σ of the whitelist, whose derivative table would make the
derivation circular), and the idiomatic form of the derivative as textbooks write it
(σ' = σ(1 − σ)), which the solver must prove equal to what the rules derived.

ELU and leaky ReLU are defined by cases (``Piecewise``), as students write them, rather than as
new SymPy functions: the rule engine differentiates each piece with named steps, SymPy's ``diff``
checks them independently, and the whitelist and grammar stay unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import sympy

from symderive.activation_names import ALPHA, BETA
from symderive.derive.activation_kinks import Convention
from symderive.functions import sigmoid

GELU_CUBIC = sympy.Rational(44715, 10**6)
"""The 0.044715 of the tanh approximation of GELU (Hendrycks and Gimpel), exactly."""


@dataclass(frozen=True)
class Abbreviation:
    """A name in an idiomatic form: ``Φ(x)`` stands for ½(1 + erf(x/√2)).

    ``symbol`` stands in the expression; ``latex`` and ``unicode`` are how it prints.
    """

    symbol: sympy.Symbol
    latex: str
    unicode: str
    meaning: sympy.Expr


class Remark(StrEnum):
    """A remark below an idiomatic form: what its abbreviations mean, why it is written so
    (worded by the renderers)."""

    ELU_FROM_OUTPUT = "elu-from-output"
    SIGMOID = "sigmoid"
    NORMAL_DISTRIBUTION = "normal-distribution"
    TANH_APPROXIMATION = "tanh-approximation"


@dataclass(frozen=True)
class Idiomatic:
    """The derivative as textbooks write it, with its abbreviations and a remark."""

    expression: sympy.Expr
    abbreviations: tuple[Abbreviation, ...] = ()
    remark: Remark | None = None

    def expanded(self) -> sympy.Expr:
        """The expression with every abbreviation replaced by what it stands for."""
        return self.expression.xreplace({a.symbol: a.meaning for a in self.abbreviations})


@dataclass(frozen=True)
class ActivationEntry:
    """One activation function of the catalogue (scalar; softmax lives in ``softmax.py``).

    ``latex_name`` and ``unicode_name`` name the function (``\\sigma``, ``σ``); ``definition``
    and ``idiomatic`` build expressions in the given variable and the parameters' symbols.
    ``kinked`` says where the function has a kink for some parameter values: at 0. Its
    parameters are ``PARAMETERS[name]`` (``activation_names``), which problem files are checked
    against.
    """

    name: str
    title: str
    latex_name: str
    unicode_name: str
    definition: Callable[[sympy.Symbol], sympy.Expr]
    idiomatic: Callable[[sympy.Symbol], Idiomatic]
    fixed: tuple[tuple[sympy.Symbol, sympy.Rational], ...] = ()
    convention: Convention | None = None
    kinked: bool = False


def _sigmoid(x: sympy.Symbol) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-x))


def _tanh(x: sympy.Symbol) -> sympy.Expr:
    return (sympy.exp(x) - sympy.exp(-x)) / (sympy.exp(x) + sympy.exp(-x))


def _relu(x: sympy.Symbol) -> sympy.Expr:
    return sympy.Max(0, x)


def _leaky_relu(x: sympy.Symbol) -> sympy.Expr:
    return sympy.Piecewise((x, x > 0), (ALPHA * x, True))


def _elu(x: sympy.Symbol) -> sympy.Expr:
    return sympy.Piecewise((x, x > 0), (ALPHA * (sympy.exp(x) - 1), True))


def _softplus(x: sympy.Symbol) -> sympy.Expr:
    return sympy.log(1 + sympy.exp(x))


def _normal_cdf(x: sympy.Symbol) -> sympy.Expr:
    return (1 + sympy.erf(x / sympy.sqrt(2))) / 2


def _normal_density(x: sympy.Symbol) -> sympy.Expr:
    return sympy.exp(-(x**2) / 2) / sympy.sqrt(2 * sympy.pi)


def _gelu(x: sympy.Symbol) -> sympy.Expr:
    return x * _normal_cdf(x)


def _gelu_inner(x: sympy.Symbol) -> sympy.Expr:
    return sympy.sqrt(2 / sympy.pi) * (x + GELU_CUBIC * x**3)


def _gelu_tanh(x: sympy.Symbol) -> sympy.Expr:
    return x / 2 * (1 + sympy.tanh(_gelu_inner(x)))


def _swish(x: sympy.Symbol) -> sympy.Expr:
    return x * sigmoid(BETA * x)


def _cases(positive: sympy.Expr, negative: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """A derivative by cases, undefined at the kink x = 0 itself (the kink facts say why)."""
    return sympy.Piecewise((positive, x > 0), (negative, x < 0))


def _stand_in(name: str, x: sympy.Symbol) -> sympy.Symbol:
    """A symbol that stands for a function of ``x`` in an idiomatic form."""
    return sympy.Symbol(f"{name}({x.name})", real=True)


def _elu_idiomatic(x: sympy.Symbol) -> Idiomatic:
    output = Abbreviation(
        _stand_in("ELU", x),
        rf"\operatorname{{ELU}}_{{\alpha}}({sympy.latex(x)})",
        f"ELU_α({x.name})",
        _elu(x),
    )
    return Idiomatic(
        _cases(sympy.Integer(1), output.symbol + ALPHA, x),
        (output,),
        Remark.ELU_FROM_OUTPUT,
    )


def _gelu_idiomatic(x: sympy.Symbol) -> Idiomatic:
    cdf = Abbreviation(
        _stand_in("Phi", x), rf"\Phi({sympy.latex(x)})", f"Φ({x.name})", _normal_cdf(x)
    )
    density = Abbreviation(
        _stand_in("phi", x), rf"\varphi({sympy.latex(x)})", f"φ({x.name})", _normal_density(x)
    )
    return Idiomatic(
        cdf.symbol + x * density.symbol,
        (cdf, density),
        Remark.NORMAL_DISTRIBUTION,
    )


def _gelu_tanh_idiomatic(x: sympy.Symbol) -> Idiomatic:
    inner = _gelu_inner(x)
    hyperbolic = Abbreviation(
        _stand_in("T", x), rf"T({sympy.latex(x)})", f"T({x.name})", sympy.tanh(inner)
    )
    t = hyperbolic.symbol
    slope = sympy.sqrt(2 / sympy.pi) * (1 + 3 * GELU_CUBIC * x**2)
    expression = (1 + t) / 2 + x / 2 * (1 - t**2) * slope
    return Idiomatic(
        expression,
        (hyperbolic,),
        Remark.TANH_APPROXIMATION,
    )


CATALOGUE: dict[str, ActivationEntry] = {
    entry.name: entry
    for entry in (
        ActivationEntry(
            "sigmoid",
            "sigmoid (logistic function)",
            r"\sigma",
            "σ",
            definition=_sigmoid,
            idiomatic=lambda x: Idiomatic(sigmoid(x) * (1 - sigmoid(x))),
        ),
        ActivationEntry(
            "tanh",
            "hyperbolic tangent",
            r"\tanh",
            "tanh",
            definition=_tanh,
            idiomatic=lambda x: Idiomatic(1 - sympy.tanh(x) ** 2),
        ),
        ActivationEntry(
            "relu",
            "ReLU (rectified linear unit)",
            r"\operatorname{ReLU}",
            "ReLU",
            definition=_relu,
            idiomatic=lambda x: Idiomatic(_cases(sympy.Integer(1), sympy.Integer(0), x)),
            convention=Convention.RELU_ZERO,
            kinked=True,
        ),
        ActivationEntry(
            "leaky_relu",
            "leaky ReLU",
            r"\operatorname{LeakyReLU}_{\alpha}",
            "LeakyReLU_α",
            definition=_leaky_relu,
            idiomatic=lambda x: Idiomatic(_cases(sympy.Integer(1), ALPHA, x)),
            convention=Convention.LEAKY_SLOPE,
            kinked=True,
        ),
        ActivationEntry(
            "elu",
            "ELU (exponential linear unit)",
            r"\operatorname{ELU}_{\alpha}",
            "ELU_α",
            definition=_elu,
            idiomatic=_elu_idiomatic,
            convention=Convention.ELU_ALPHA,
            kinked=True,
        ),
        ActivationEntry(
            "softplus",
            "softplus",
            r"\operatorname{softplus}",
            "softplus",
            definition=_softplus,
            idiomatic=lambda x: Idiomatic(sigmoid(x), remark=Remark.SIGMOID),
        ),
        ActivationEntry(
            "gelu",
            "GELU (exact, erf form)",
            r"\operatorname{GELU}",
            "GELU",
            definition=_gelu,
            idiomatic=_gelu_idiomatic,
        ),
        ActivationEntry(
            "gelu_tanh",
            "GELU (tanh approximation)",
            r"\operatorname{GELU}_{\tanh}",
            "GELU_tanh",
            definition=_gelu_tanh,
            idiomatic=_gelu_tanh_idiomatic,
        ),
        ActivationEntry(
            "swish",
            "swish",
            r"\operatorname{swish}_{\beta}",
            "swish_β",
            definition=_swish,
            idiomatic=lambda x: Idiomatic(
                sigmoid(BETA * x) * (1 + BETA * x * (1 - sigmoid(BETA * x)))
            ),
        ),
        ActivationEntry(
            "silu",
            "SiLU (swish with β = 1)",
            r"\operatorname{SiLU}",
            "SiLU",
            definition=_swish,
            idiomatic=lambda x: Idiomatic(
                sigmoid(BETA * x) * (1 + BETA * x * (1 - sigmoid(BETA * x)))
            ),
            fixed=((BETA, sympy.Integer(1)),),
        ),
    )
}

VECTOR_TITLES = {"softmax": "softmax", "log_softmax": "log-softmax"}
