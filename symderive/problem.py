"""Problems as the rest of the tool sees them: typed, validated, with their source positions.

The loader (``problemfile.py``) and ``symderive diff`` (``inline_problem.py``) both build these;
solvers, renderers and the checker only ever read them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import sympy

from symderive.errors import SourceLocation
from symderive.parsing.expression import ParsedExpression


@dataclass(frozen=True)
class LocatedWarning:
    """A parser lint moved from the expression's text to the file, so it prints with a caret."""

    code: str
    message: str
    location: SourceLocation

    def render(self) -> str:
        """``warning: file:line:col: message`` and the caret snippet."""
        snippet = self.location.snippet()
        head = f"warning: {self.location.prefix()}: {self.message}"
        return f"{head}\n{snippet}" if snippet else head


class Point(Mapping[sympy.Symbol, sympy.Rational]):
    """Exact values for variables: read-only and hashable, so problems can be cache keys."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[sympy.Symbol, sympy.Rational]) -> None:
        self._values = dict(values)

    def __getitem__(self, symbol: sympy.Symbol) -> sympy.Rational:
        return self._values[symbol]

    def __iter__(self) -> Iterator[sympy.Symbol]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __repr__(self) -> str:
        return "Point({" + ", ".join(f"{k}: {v}" for k, v in self._values.items()) + "})"


@dataclass(frozen=True)
class PartialsProblem:
    """Partial derivatives of one expression with respect to ``wrt``, optionally at a point."""

    id: str
    kind: str
    statement: str | None
    expression: ParsedExpression
    wrt: tuple[sympy.Symbol, ...]
    at: Point | None
    points: sympy.Rational | None
    warnings: tuple[LocatedWarning, ...]
    location: SourceLocation
    expression_location: SourceLocation | None = None
    at_location: SourceLocation | None = None
    """Where ``at`` was written: the point's own errors (too large to check) are located there."""
    order: int = 1
    """2 asks for every second partial too (the Hessian), 1 for the first partials only."""


@dataclass(frozen=True)
class ActivationProblem:
    """The derivative of an activation function: a catalogue entry or an expression in one variable.

    ``function`` is a catalogue name (``expression`` is None) or None for the user's
    ``expression``. ``variable`` is x (the logits' stem z for softmax); ``parameters`` holds the
    values given (defaults are filled in by the solver); ``size`` is K for softmax; ``plot`` the
    range of the figure, None for no figure.
    """

    id: str
    kind: str
    statement: str | None
    function: str | None
    expression: ParsedExpression | None
    variable: sympy.Symbol
    parameters: Point
    size: int | None
    plot: tuple[sympy.Rational, sympy.Rational] | None
    points: sympy.Rational | None
    warnings: tuple[LocatedWarning, ...]
    location: SourceLocation
    expression_location: SourceLocation | None = None
    order: int = 1
    """2 asks for the second derivative f''(x) too (scalar functions only)."""


@dataclass(frozen=True)
class LinearCollapseProblem:
    """Stacked layers x ↦ a(W_k x + b_k) collapse to one affine map (or, nonlinear, do not).

    ``layers`` is None for the general proof in N; ``slope`` is a number or a scalar symbol (for
    ``linear`` and ``leaky_relu``, else None); ``dims`` the widths d_0 … d_N when given.
    """

    id: str
    kind: str
    statement: str | None
    layers: int | None
    activation: str
    slope: sympy.Expr | None
    dims: tuple[int, ...] | None
    scalar: bool
    seed: int
    points: sympy.Rational | None
    location: SourceLocation
    warnings: tuple[LocatedWarning, ...] = ()


@dataclass(frozen=True)
class Kernel:
    """One named convolution kernel: its entries as written (odd × odd) and an exact ``scale``.

    The kernel used everywhere is ``scale · written``; the centre entry is offset (0, 0).
    """

    name: str
    written: sympy.ImmutableMatrix
    scale: sympy.Rational
    location: SourceLocation

    @property
    def matrix(self) -> sympy.ImmutableMatrix:
        return sympy.ImmutableMatrix(self.written * self.scale)


@dataclass(frozen=True)
class ConvolutionProblem:
    """Named kernels to identify (Q5), and optionally the user's own small test ``image``."""

    id: str
    kind: str
    statement: str | None
    kernels: tuple[Kernel, ...]
    image: tuple[tuple[sympy.Rational, ...], ...] | None
    points: sympy.Rational | None
    location: SourceLocation
    warnings: tuple[LocatedWarning, ...] = ()


@dataclass(frozen=True)
class DataFile:
    """A data file named by a problem: the path as written, resolved, and where it was written."""

    written: str
    path: Path
    location: SourceLocation


@dataclass(frozen=True)
class AmbiguityProblem:
    """Images that networks find ambiguous (Q4): one file of probability vectors (or logits,
    with ``softmax``) per model, rows are images and columns the ``classes``.

    ``models`` pairs each model's name with its file; ``class_names`` is True when the names
    came from a file (else they are the indices); ``pair`` holds two class indices.
    """

    id: str
    kind: str
    statement: str | None
    models: tuple[tuple[str, DataFile], ...]
    classes: tuple[str, ...]
    class_names: DataFile | None
    labels: DataFile | None
    pair: tuple[int, int] | None
    top: int
    softmax: bool
    tolerance: float
    chunk: int
    points: sympy.Rational | None
    location: SourceLocation
    warnings: tuple[LocatedWarning, ...] = ()


Problem = (
    PartialsProblem
    | ActivationProblem
    | LinearCollapseProblem
    | ConvolutionProblem
    | AmbiguityProblem
)  # grows as kinds are added


@dataclass(frozen=True)
class ProblemSet:
    """One problem file: what the CLI solves, renders and grades against."""

    path: str
    title: str | None
    points: sympy.Rational | None
    statement: str | None
    problems: tuple[Problem, ...]
