"""Backpropagation (the generalised delta rule) over a ``ComputationalGraph``, symbolic and numeric.

One reverse sweep gives the adjoint ū = ∂output/∂node of every node and input at once:
ū(output) = 1, and each node, visited in reverse evaluation order, passes ū(node)·∂node/∂input
down every input edge. A node's adjoint is final when it is visited, because all its consumers
come later in evaluation order. The cost is one multiplication and one addition per edge, where
``sympy.diff`` once per variable walks the whole expression again for every variable.

The numeric pass at a point, with its finite-difference checks, is in ``evaluation.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.core.parameters import distribute

from symderive.derive.graph import ComputationalGraph, adjoint_name

__all__ = [
    "Adjoint",
    "Contribution",
    "Gradient",
    "gradient",
]


@dataclass(frozen=True)
class Contribution:
    """What one consumer adds to an adjoint: ū(consumer) · ∂consumer/∂this.

    ``term`` keeps the consumer's adjoint as a symbol (``ubar2*(-3)``), the line a student writes;
    ``in_nodes`` and ``in_variables`` are the same product with that adjoint resolved.
    """

    consumer: str
    consumer_adjoint: sympy.Symbol
    local_gradient: sympy.Expr
    term: sympy.Expr
    in_nodes: sympy.Expr
    in_variables: sympy.Expr


@dataclass(frozen=True)
class Adjoint:
    """ū = ∂output/∂``name`` for one node or input, as the reverse sweep computes it.

    ``sweep`` is the straight-line statement Σ ū(consumer)·∂consumer/∂this over ``contributions``
    (consumers in evaluation order; ``1`` for the output). ``in_nodes`` resolves the adjoints,
    leaving forward node symbols (u1, u2, … — compact); ``in_variables`` uses the inputs alone.
    """

    name: str
    symbol: sympy.Symbol
    contributions: tuple[Contribution, ...]
    sweep: sympy.Expr
    in_nodes: sympy.Expr
    in_variables: sympy.Expr


@dataclass(frozen=True)
class Gradient:
    """Every adjoint of a graph in sweep order: output first, inputs last (in natural order)."""

    graph: ComputationalGraph
    adjoints: tuple[Adjoint, ...]
    _by_name: dict[str, Adjoint] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {adjoint.name: adjoint for adjoint in self.adjoints})

    def adjoint(self, name: str | sympy.Symbol) -> Adjoint:
        """The adjoint of a node or input, by name or symbol."""
        return self._by_name[name if isinstance(name, str) else name.name]

    def partial(self, variable: str | sympy.Symbol) -> sympy.Expr:
        """∂output/∂variable in the input variables."""
        return self.adjoint(variable).in_variables

    @property
    def partials(self) -> dict[sympy.Symbol, sympy.Expr]:
        """∂output/∂x for every input x, in the input variables, in natural order."""
        return {symbol: self._by_name[symbol.name].in_variables for symbol in self.graph.inputs}


def gradient(graph: ComputationalGraph) -> Gradient:
    """All adjoints of ``graph`` in one reverse sweep: one product and one sum per edge.

    Distribution of numbers over sums (``5*(a + b)`` → ``5*a + 5*b``) is switched off while the
    sweep multiplies, so that resolved adjoints keep their factored, shared shape.
    """
    symbols = _adjoint_symbols(graph)
    substitutions = graph.substitutions()
    pending: dict[str, list[Contribution]] = {name: [] for name in symbols}
    adjoints: list[Adjoint] = []
    resolved: dict[str, tuple[sympy.Expr, sympy.Expr]] = {}
    with distribute(False):
        for node in reversed(graph.nodes):
            adjoint = _finish(node.name, symbols[node.name], pending[node.name], graph)
            adjoints.append(adjoint)
            resolved[node.name] = (adjoint.in_nodes, adjoint.in_variables)
            for edge in node.edges:
                in_nodes, in_variables = resolved[node.name]
                local_in_variables = (
                    edge.local_gradient
                    if edge.local_gradient.is_Number
                    else edge.local_gradient.xreplace(substitutions)
                )
                pending[edge.source].append(
                    Contribution(
                        consumer=node.name,
                        consumer_adjoint=symbols[node.name],
                        local_gradient=edge.local_gradient,
                        term=symbols[node.name] * edge.local_gradient,
                        in_nodes=in_nodes * edge.local_gradient,
                        in_variables=in_variables * local_in_variables,
                    )
                )
        for symbol in graph.inputs:
            adjoints.append(_finish(symbol.name, symbols[symbol.name], pending[symbol.name], graph))
    return Gradient(graph, tuple(adjoints))


def _finish(
    name: str,
    symbol: sympy.Symbol,
    contributions: list[Contribution],
    graph: ComputationalGraph,
) -> Adjoint:
    if name == graph.output_name:
        one = sympy.Integer(1)
        return Adjoint(name, symbol, (), one, one, one)
    return Adjoint(
        name=name,
        symbol=symbol,
        contributions=tuple(reversed(contributions)),  # consumers in evaluation order
        sweep=sympy.Add(*(contribution.term for contribution in contributions)),
        in_nodes=sympy.Add(*(contribution.in_nodes for contribution in contributions)),
        in_variables=sympy.Add(*(contribution.in_variables for contribution in contributions)),
    )


def _adjoint_symbols(graph: ComputationalGraph) -> dict[str, sympy.Symbol]:
    """ū for every node and input; a name already used by a variable gets primes appended."""
    taken = {symbol.name for symbol in graph.inputs} | {node.name for node in graph.nodes}
    symbols: dict[str, sympy.Symbol] = {}
    for name in [node.name for node in graph.nodes] + [symbol.name for symbol in graph.inputs]:
        candidate = adjoint_name(name)
        while candidate in taken:
            candidate += "'"
        taken.add(candidate)
        symbols[name] = sympy.Symbol(candidate, real=True)
    return symbols
