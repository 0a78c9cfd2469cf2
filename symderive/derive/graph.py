"""The computational graph of an expression: one node per distinct operation, in evaluation order.

Backpropagation (``symderive.derive.backprop``) runs over this graph. Each node is a tiny local
operation such as ``u3 = -3*u2`` together with the local partial derivative along each of its input
edges, so the reverse sweep only ever multiplies and adds small expressions: linear in the size of
the graph, where differentiating the whole expression once per variable is not.

Leaves are the input symbols. Constants (numbers, π, e, even ``sqrt(2)``) are not nodes: they stay
inside the operation that uses them, as a student would write them. A subexpression that occurs
several times is one node with several consumers, because SymPy expressions hash structurally.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import sympy

from symderive.errors import InputError
from symderive.parsing.names import natural_order

__all__ = ["ComputationalGraph", "Edge", "GraphNode", "adjoint_name", "build_graph"]

NODE_PREFIXES = ("u", "v", "h", "q", "t")
"""Names of intermediate nodes are ``u1, u2, …``; the next prefix is used when inputs are u's."""


@dataclass(frozen=True)
class Edge:
    """One input of a node, with the local partial derivative ∂target/∂source along it.

    ``local_gradient`` is written in the symbols of the target's inputs (``u1``, ``x3``…), so it
    is as small as the operation itself. When an input occurs twice in one operation (``x**x``)
    there is still one edge, whose local gradient is the sum over both occurrences.
    """

    source: str
    target: str
    local_gradient: sympy.Expr


@dataclass(frozen=True)
class GraphNode:
    """One operation: ``symbol = operation``, standing for ``expression`` in the input variables.

    ``operation`` uses the symbols of the node's ``inputs`` (names of nodes or input variables, in
    the order they were visited); ``edges`` has one entry per input, in the same order.
    """

    name: str
    symbol: sympy.Symbol
    operation: sympy.Expr
    expression: sympy.Expr
    inputs: tuple[str, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class ComputationalGraph:
    """The DAG of ``expression``: ``inputs`` are the leaves, ``nodes`` the operations.

    ``nodes`` is in evaluation (topological) order and its last node is the output, named
    ``output_name``. ``inputs`` are in natural order (x2 before x10).
    """

    expression: sympy.Expr
    output_name: str
    inputs: tuple[sympy.Symbol, ...]
    nodes: tuple[GraphNode, ...]
    _by_name: dict[str, GraphNode] = field(init=False, repr=False, compare=False)
    _consumers: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {node.name: node for node in self.nodes}
        consumers: dict[str, list[str]] = {symbol.name: [] for symbol in self.inputs}
        for node in self.nodes:
            consumers.setdefault(node.name, [])
            for source in node.inputs:
                consumers[source].append(node.name)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(
            self, "_consumers", {name: tuple(found) for name, found in consumers.items()}
        )

    @property
    def output(self) -> GraphNode:
        """The final node, the one named ``output_name``."""
        return self.nodes[-1]

    def node(self, name: str) -> GraphNode:
        """The operation node called ``name`` (``KeyError`` for inputs and unknown names)."""
        return self._by_name[name]

    def is_input(self, name: str) -> bool:
        """Whether ``name`` is an input variable (a leaf) rather than an operation node."""
        return name in self._consumers and name not in self._by_name

    def symbol(self, name: str) -> sympy.Symbol:
        """The SymPy symbol of a node or input variable."""
        if name in self._by_name:
            return self._by_name[name].symbol
        for symbol in self.inputs:
            if symbol.name == name:
                return symbol
        raise KeyError(name)

    def consumers(self, name: str) -> tuple[str, ...]:
        """Names of the nodes that take ``name`` as an input, in evaluation order."""
        return self._consumers[name]

    def edges(self) -> Iterator[Edge]:
        """Every edge of the graph, node by node in evaluation order."""
        for node in self.nodes:
            yield from node.edges

    def substitutions(self) -> dict[sympy.Symbol, sympy.Expr]:
        """Node symbol → the expression it stands for in the input variables (one ``xreplace``)."""
        return {node.symbol: node.expression for node in self.nodes}


def adjoint_name(name: str) -> str:
    """The name of the adjoint ∂output/∂name: ``u1`` → ``ubar1`` (printed ū₁, ``\\bar{u}_{1}``)."""
    match = re.match(r"[A-Za-z]+", name)
    if match is None:
        return f"{name}bar"
    return f"{match.group()}bar{name[match.end() :]}"


def build_graph(expression: sympy.Expr, output_name: str = "z") -> ComputationalGraph:
    """The computational graph of ``expression``, its nodes named ``u1, u2, …`` and ``output_name``.

    Children are visited in printed order (``x1 + 5*x2 - 3*x3**2`` gives ``u1 = 5*x2`` before
    ``u2 = x3**2``), so numbering follows the expression as a student reads it. The traversal is
    iterative (no recursion limit) and visits every distinct subexpression once.
    """
    if not isinstance(expression, sympy.Expr):  # never text: parsing is the parser's job
        raise InputError(f"cannot build a computational graph of {expression!r}: not an expression")
    inputs = natural_order(expression.free_symbols)
    input_names = {symbol.name for symbol in inputs}
    if output_name in input_names:
        raise InputError(
            f"the output cannot be called {output_name!r}: "
            "the expression has a variable of that name"
        )
    prefix = _node_prefix(input_names | {output_name})

    if expression.is_Symbol or not expression.args or not inputs:
        return _trivial_graph(expression, output_name, inputs)

    # Each visited subexpression maps to the symbol that stands for it, or None for a constant.
    resolved: dict[sympy.Basic, sympy.Symbol | None] = {}
    names: dict[sympy.Symbol, str] = {symbol: symbol.name for symbol in inputs}
    nodes: list[GraphNode] = []
    stack: list[tuple[sympy.Basic, bool]] = [(expression, False)]
    while stack:
        current, expanded = stack.pop()
        if current in resolved:
            continue
        if isinstance(current, sympy.Symbol):
            resolved[current] = current
            continue
        if not current.args:
            resolved[current] = None
            continue
        children = _children(current)
        if not expanded:
            stack.append((current, True))
            stack.extend((child, False) for child in reversed(children) if child not in resolved)
            continue
        if all(resolved[child] is None for child in children):
            resolved[current] = None
            continue
        name = output_name if current is expression else f"{prefix}{len(nodes) + 1}"
        node = _make_node(current, name, resolved, names)
        nodes.append(node)
        resolved[current] = node.symbol
        names[node.symbol] = name
    return ComputationalGraph(expression, output_name, inputs, tuple(nodes))


def _node_prefix(taken: set[str]) -> str:
    for prefix in NODE_PREFIXES:
        pattern = re.compile(rf"{prefix}\d+")
        if not any(pattern.fullmatch(name) for name in taken):
            return prefix
    return "node"


PRINTED_ORDER_TERMS = 16
"""Sums up to this many terms list their children in printed order (x1 + 5x2 names x1's node
first, as a reader expects); longer ones, as in a network's layers, keep SymPy's canonical order,
since sorting terms that each hold a whole subnetwork costs more than the rest of the graph."""


def _children(expression: sympy.Basic) -> tuple[sympy.Expr, ...]:
    """The arguments a node depends on, in printed order; refuses what cannot be differentiated."""
    for argument in expression.args:
        if not isinstance(argument, sympy.Expr) and argument.free_symbols:
            raise InputError(
                f"backpropagation cannot go through {type(expression).__name__}: "
                f"{argument} is not an expression"
            )
    arguments: tuple[sympy.Basic, ...] = expression.args
    if isinstance(expression, sympy.Add) and len(arguments) <= PRINTED_ORDER_TERMS:
        try:
            arguments = tuple(expression.as_ordered_terms())
        except (TypeError, ValueError):  # pragma: no cover - unusual unevaluated sums
            arguments = expression.args
    return tuple(argument for argument in arguments if isinstance(argument, sympy.Expr))


def _make_node(
    expression: sympy.Basic,
    name: str,
    resolved: dict[sympy.Basic, sympy.Symbol | None],
    names: dict[sympy.Symbol, str],
) -> GraphNode:
    arguments = [_stand_in(argument, resolved) for argument in expression.args]
    operation = expression.func(*arguments)
    if operation.func != expression.func or len(operation.args) != len(expression.args):
        # Evaluation reshaped the operation (only for unevaluated input): keep it as written.
        operation = expression.func(*arguments, evaluate=False)
    symbol = sympy.Symbol(name, real=True)
    sources: list[sympy.Symbol] = []
    for child in _children(expression):
        source = resolved[child]
        if source is not None and source not in sources:
            sources.append(source)
    counts = Counter(operation.args)
    edges = tuple(
        Edge(names[source], name, _local_gradient(operation, source, counts)) for source in sources
    )
    return GraphNode(
        name=name,
        symbol=symbol,
        operation=operation,
        expression=expression,
        inputs=tuple(names[source] for source in sources),
        edges=edges,
    )


def _stand_in(
    argument: sympy.Basic, resolved: dict[sympy.Basic, sympy.Symbol | None]
) -> sympy.Basic:
    """The symbol standing for an argument in its consumer's operation; constants stay as is."""
    symbol = resolved.get(argument) if isinstance(argument, sympy.Expr) else None
    return argument if symbol is None else symbol


def _local_gradient(
    operation: sympy.Expr, source: sympy.Symbol, counts: Counter[sympy.Basic]
) -> sympy.Expr:
    """∂operation/∂source. Every argument of an operation is a symbol or a constant, so sums and
    products need no differentiation at all; this keeps wide sums linear rather than quadratic."""
    if isinstance(operation, sympy.Add):
        return sympy.Integer(counts[source])
    if isinstance(operation, sympy.Mul) and counts[source] == 1:
        return sympy.Mul(*(argument for argument in operation.args if argument != source))
    return _differentiate(operation, source)


_SLOTS: dict[tuple[int, frozenset[tuple[str, bool | None]]], sympy.Dummy] = {}


def _differentiate(operation: sympy.Expr, source: sympy.Symbol) -> sympy.Expr:
    """``sympy.diff`` through a cache keyed by the operation's shape (``tanh(□)``, ``□**2``…).

    A network repeats a few shapes thousands of times, and differentiating even ``tanh(u7)`` with a
    fresh symbol costs milliseconds of assumption queries; renaming the symbols to numbered slots
    (with the same assumptions) lets every ``tanh`` node share one derivative.
    """
    symbols = sorted(operation.free_symbols, key=lambda symbol: symbol.name)
    slots = {symbol: _slot(index, symbol) for index, symbol in enumerate(symbols)}
    template = operation.xreplace(slots)
    derivative = _template_derivative(template, slots[source])
    return derivative.xreplace({slot: symbol for symbol, slot in slots.items()})


@functools.lru_cache(maxsize=4096)
def _template_derivative(template: sympy.Expr, slot: sympy.Symbol) -> sympy.Expr:
    return sympy.diff(template, slot)


def _slot(index: int, symbol: sympy.Symbol) -> sympy.Symbol:
    assumptions = frozenset(symbol.assumptions0.items())
    key = (index, assumptions)
    if key not in _SLOTS:
        _SLOTS[key] = sympy.Dummy(f"slot{index}", **dict(assumptions))
    return _SLOTS[key]


def _trivial_graph(
    expression: sympy.Expr, output_name: str, inputs: tuple[sympy.Symbol, ...]
) -> ComputationalGraph:
    """``z = x`` or ``z = 5``: a single output node (identity or constant), so printers need no
    special case."""
    symbol = sympy.Symbol(output_name, real=True)
    edges = tuple(Edge(source.name, output_name, sympy.Integer(1)) for source in inputs)
    node = GraphNode(
        name=output_name,
        symbol=symbol,
        operation=expression,
        expression=expression,
        inputs=tuple(source.name for source in inputs),
        edges=edges,
    )
    return ComputationalGraph(expression, output_name, inputs, (node,))
