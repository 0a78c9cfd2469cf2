"""The whitelist of functions an expression may call, and the few SymPy lacks.

SymPy has no sigmoid, ReLU or softplus. We define them as SymPy functions with their derivative
(``fdiff``) so that printed results stay short (``σ(x)(1 − σ(x))`` rather than a tower of
exponentials). Verification must not trust these ``fdiff`` methods, so ``to_native`` rewrites every
one of them into SymPy's own functions before SymPy differentiates: the two paths stay independent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy
from sympy.core.function import ArgumentIndexError


class sigmoid(sympy.Function):
    """The logistic function 1 / (1 + e^(−x))."""

    @classmethod
    def eval(cls, argument: sympy.Expr) -> sympy.Expr | None:
        if argument.is_zero:
            return sympy.Rational(1, 2)
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        if argindex != 1:
            raise ArgumentIndexError(self, argindex)
        return self * (1 - self)

    def _eval_rewrite_as_exp(self, argument: sympy.Expr, **kwargs: object) -> sympy.Expr:
        return 1 / (1 + sympy.exp(-argument))

    def _eval_evalf(self, precision: int) -> sympy.Expr:
        return self._eval_rewrite_as_exp(self.args[0])._eval_evalf(precision)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_real else None

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        return _powered(rf"\sigma\left({printer._print(self.args[0])}\right)", exp)


class relu(sympy.Function):
    """max(0, x); its derivative is the Heaviside step, undefined at the kink x = 0."""

    @classmethod
    def eval(cls, argument: sympy.Expr) -> sympy.Expr | None:
        if argument.is_nonnegative:
            return argument
        if argument.is_nonpositive:
            return sympy.Integer(0)
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        if argindex != 1:
            raise ArgumentIndexError(self, argindex)
        return sympy.Heaviside(self.args[0])

    def _eval_rewrite_as_Max(self, argument: sympy.Expr, **kwargs: object) -> sympy.Expr:
        return sympy.Max(0, argument)

    def _eval_evalf(self, precision: int) -> sympy.Expr:
        return sympy.Max(0, self.args[0])._eval_evalf(precision)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        return _powered(rf"\operatorname{{ReLU}}\left({printer._print(self.args[0])}\right)", exp)


class softplus(sympy.Function):
    """log(1 + e^x), the smooth ReLU; its derivative is the sigmoid."""

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        if argindex != 1:
            raise ArgumentIndexError(self, argindex)
        return sigmoid(self.args[0])

    def _eval_rewrite_as_log(self, argument: sympy.Expr, **kwargs: object) -> sympy.Expr:
        return sympy.log(1 + sympy.exp(argument))

    def _eval_evalf(self, precision: int) -> sympy.Expr:
        return self._eval_rewrite_as_log(self.args[0])._eval_evalf(precision)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        argument = printer._print(self.args[0])
        return _powered(rf"\operatorname{{softplus}}\left({argument}\right)", exp)


def _powered(latex: str, exponent: str | None) -> str:
    """SymPy asks for f(x)^n by passing the exponent to the function's printer."""
    return f"{latex}^{{{exponent}}}" if exponent else latex


CUSTOM_FUNCTIONS: tuple[type[sympy.Function], ...] = (sigmoid, relu, softplus)


@dataclass(frozen=True)
class FunctionSpec:
    """How a whitelisted name becomes a SymPy expression: its arity and constructor."""

    name: str
    arity: int | None  # None: two or more arguments (max, min)
    build: Callable[..., sympy.Expr]


def _log(*arguments: sympy.Expr) -> sympy.Expr:
    return sympy.log(arguments[0])


def _max(*arguments: sympy.Expr) -> sympy.Expr:
    return sympy.Max(*arguments)


def _min(*arguments: sympy.Expr) -> sympy.Expr:
    return sympy.Min(*arguments)


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec("exp", 1, sympy.exp),
        FunctionSpec("log", 1, _log),
        FunctionSpec("ln", 1, _log),
        FunctionSpec("sqrt", 1, sympy.sqrt),
        FunctionSpec("sin", 1, sympy.sin),
        FunctionSpec("cos", 1, sympy.cos),
        FunctionSpec("tan", 1, sympy.tan),
        FunctionSpec("asin", 1, sympy.asin),
        FunctionSpec("acos", 1, sympy.acos),
        FunctionSpec("atan", 1, sympy.atan),
        FunctionSpec("sinh", 1, sympy.sinh),
        FunctionSpec("cosh", 1, sympy.cosh),
        FunctionSpec("tanh", 1, sympy.tanh),
        FunctionSpec("sigmoid", 1, sigmoid),
        FunctionSpec("relu", 1, relu),
        FunctionSpec("softplus", 1, softplus),
        FunctionSpec("abs", 1, sympy.Abs),
        FunctionSpec("erf", 1, sympy.erf),
        FunctionSpec("max", None, _max),
        FunctionSpec("min", None, _min),
    )
}


def to_native(expression: sympy.Expr) -> sympy.Expr:
    """Rewrite our own functions into SymPy's, so SymPy can differentiate without our rules."""
    replacements: dict[type[sympy.Function], Callable[[sympy.Expr], sympy.Expr]] = {
        sigmoid: lambda argument: 1 / (1 + sympy.exp(-argument)),
        relu: lambda argument: sympy.Max(0, argument),
        softplus: lambda argument: sympy.log(1 + sympy.exp(argument)),
    }
    result = expression
    for function_class, native in replacements.items():
        if result.has(function_class):
            result = result.replace(function_class, native)
    return result
