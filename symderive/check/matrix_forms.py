"""A Jacobian answered as one matrix: ``J = \\operatorname{diag}(s) - s s^T``, read as a claim.

The left side must name a Jacobian (``J``, ``J_{\\mathrm{softmax}}(z)``, ``∂s/∂z`` with bold or
plain letters, ``\\nabla_z s``, ``Ds``, ``∂ softmax(z)/∂z``, or their log-softmax kin) and the
right side must read as a matrix form (``parsing/matrix_form.py``); anything else is left to
the ordinary readers, exactly as before. The claim's value is the SymPy matrix expression, in a
symbolic size; the checker (``matrix_claims.py``) writes it out once the problem gives K.
A bare ``J`` names no function: it answers a Jacobian only under the heading of its part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import sympy

from symderive.check.claim import Link
from symderive.check.formulas import sides
from symderive.check.relation import Relation
from symderive.check.source import Span
from symderive.errors import ExpressionError
from symderive.parsing.explicit_matrix import read_explicit_matrix
from symderive.parsing.matrix_form import read_matrix_form, unfont
from symderive.parsing.notation import DerivativeNotation
from symderive.problem import ActivationProblem, Problem

if TYPE_CHECKING:  # the collector calls this module for every formula
    from symderive.check.collector import Collector

Function = Literal["softmax", "log_softmax"]

_ARGUMENT = r"(?:\((?P<argument>[a-z])\))?"
_SOFTMAX = rf"(?:s|softmax|\\sigma|σ){_ARGUMENT}"
_LOG_SOFTMAX = rf"(?:\\log|\\ln|log|ln)\(?(?:s|softmax|\\sigma|σ){_ARGUMENT}\)?"
_D = r"(?:\\partial|∂|d)"
_VARIABLE = r"(?:\{(?P<variable>[a-z])\}|(?P<bare>[a-z]))"
_NAMES = (
    re.compile(rf"\\[dt]?frac\{{{_D}(?P<function>.+)\}}\{{{_D}(?P<variable>[a-z])\}}"),
    re.compile(rf"{_D}(?P<function>.+)/{_D}(?P<variable>[a-z])"),
    re.compile(rf"\\nabla_{_VARIABLE}(?P<function>.+)"),
    re.compile(rf"D(?:_{_VARIABLE})?(?P<function>.+)"),
)
MAX_NAME_LENGTH = 120
"""A longer left side names no Jacobian (and the patterns below are not run on it)."""
MAX_RELATION_LENGTH = 1_000
"""A longer relation is no ``name = matrix form``: it is not split into sides here."""
_JACOBIAN = re.compile(r"J(?:_(?:\{(?P<subscript>[^{}]{1,40})\}|(?P<letter>[a-z])))?" + _ARGUMENT)


@dataclass(frozen=True)
class JacobianName:
    """What a left side names: the Jacobian of ``function`` in ``variable`` (None: a bare
    ``J``, whose function only a heading can tell)."""

    function: Function | None
    variable: str | None

    def subject(self) -> sympy.Basic | DerivativeNotation:
        """The claim's subject: the derivative's notation, or the symbol J for a bare J."""
        if self.function is None:
            return sympy.Symbol("J")
        name = "s" if self.function == "softmax" else "log_softmax"
        return DerivativeNotation(name, variable=self.variable or "z", partial=True)


def jacobian_name(side: str) -> JacobianName | None:
    """The Jacobian a left side names, or None when it names none."""
    if len(side) > MAX_NAME_LENGTH:
        return None
    flat = re.sub(r"\s+", "", unfont(side))
    flat = re.sub(r"\\mathrm|\\operatorname|\\text|\\math[a-z]{2,6}", "", flat)
    found = _JACOBIAN.fullmatch(flat)
    if found is not None:
        subscript = found["subscript"] or ""
        letter = found["letter"]
        if letter is not None and letter not in ("s",):
            return JacobianName(None, letter)
        if not subscript and letter is None:
            return JacobianName(None, found["argument"])
        function = _function(subscript or "s")
        return JacobianName(function, found["argument"]) if function else None
    for pattern in _NAMES:
        found = pattern.fullmatch(flat)
        if found is None:
            continue
        function = _function(found["function"])
        variable = found["variable"] if "variable" in found.re.groupindex else None
        variable = variable or (found["bare"] if "bare" in found.re.groupindex else None)
        argument = _argument(found["function"])
        if function is None or (variable and argument and variable != argument):
            return None  # ∂σ(x)/∂y: not the Jacobian in the logits it is of
        return JacobianName(function, variable or argument)
    return None


def _function(text: str) -> Function | None:
    if re.fullmatch(_SOFTMAX, text):
        return "softmax"
    if re.fullmatch(_LOG_SOFTMAX, text):
        return "log_softmax"
    return None


def _argument(text: str) -> str | None:
    found = re.search(r"\((?P<argument>[a-z])\)", text)
    return found["argument"] if found else None


def asks_for_jacobian(problem: Problem) -> bool:
    """Whether a matrix form may answer the problem: softmax's or log-softmax's Jacobian."""
    return isinstance(problem, ActivationProblem) and problem.function in JACOBIANS


JACOBIANS = ("softmax", "log_softmax")


_CODE_NAME = re.compile(
    r"(?:J|jac|jacobian)(?:_(?P<softmax>softmax|s))?(?:_z)?"
    r"|softmax_jac(?:obian)?|d_?s(?:oftmax)?_?dz"
)
"""Names of a Jacobian in code: ``J``, ``jacobian``, ``J_softmax``, ``softmax_jacobian``,
``ds_dz``."""


def _name(side: str) -> JacobianName | None:
    """A Jacobian's name in math, or in code."""
    named = jacobian_name(side)
    if named is not None:
        return named
    code = _CODE_NAME.fullmatch(side.strip())
    if code is None:
        return None
    generic = code.group(0)[0] == "J" or code.group(0).startswith("jac")
    return JacobianName(None if generic and not code["softmax"] else "softmax", None)


def matrix_relation(
    text: str, start: int, end: int
) -> tuple[list[tuple[int, int]], JacobianName, sympy.MatrixExpr | ExpressionError] | None:
    """``text[start:end]`` as ``name = … = matrix form`` (or ``name = \\begin{pmatrix} …``,
    a matrix written out): its sides, the first name and the form, or why the matrix written
    out cannot be read; None when it is not one."""
    equals = text.find("=", start, end)
    if end - start > MAX_RELATION_LENGTH or equals < 0 or equals - start > MAX_NAME_LENGTH:
        return None  # cheap refusals first: every formula of a file passes here
    pieces = sides(text, start, end)
    if len(pieces) < 2:
        return None
    names = [_name(text[a:b]) for a, b in pieces[:-1]]
    first = names[0]
    if first is None or any(name is None for name in names):
        return None
    value_start, value_end = pieces[-1]
    written = text[value_start:value_end]
    value = read_matrix_form(written, first.variable or "z")
    if value is None:
        value = read_explicit_matrix(written)
    return None if value is None else (pieces, first, value)


def read_matrix_claim(
    collector: Collector, span: Span, text: str, start: int, end: int, stated_id: str | None
) -> bool:
    """``text[start:end]`` as ``name = … = matrix form``, made a claim; False (nothing done)
    when it is not one, for the ordinary readers to read."""
    relation = matrix_relation(text, start, end)
    if relation is None:
        return False
    pieces, first, value = relation
    (name_start, _), (value_start, value_end) = pieces[0], pieces[-1]
    collector.flush()
    pending = Relation(
        span.locate(name_start),
        span.text[name_start:value_end].strip(),
        first.subject(),
        answer_like=True,
        stated_id=stated_id,
        context=collector.context,
    )
    written = span.text[value_start:value_end]
    if isinstance(value, ExpressionError):  # a matrix written out, an entry not read
        value.location = span.locate(value_start)
        pending.error = value
    else:
        pending.links.append(Link(span.locate(value_start), written, value))
    collector.pending = pending
    collector.flush()
    return True
