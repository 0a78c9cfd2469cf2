"""From solutions to what is printed: the one table that says which builder serves which kind.

Every kind has two functions: its blocks (``Document`` pieces, for the terminal, LaTeX and
Markdown) and its JSON data. The table is keyed by the kind's name, as every layer's table is; a
new kind adds exactly one line to ``BUILDERS`` and nothing else in the renderers changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from symderive.render.activation import activation_blocks, activation_data
from symderive.render.ambiguity import ambiguity_blocks, ambiguity_data
from symderive.render.collapse import collapse_blocks, collapse_data
from symderive.render.convolution import convolution_blocks, convolution_data
from symderive.render.document import Block, Document, Heading, Paragraph, content
from symderive.render.json import Json, envelope
from symderive.render.partials import partials_blocks
from symderive.render.partials_json import partials_data
from symderive.render.texts import with_points
from symderive.solve import Solution, SolutionSet

BlocksOf = Callable[[Any], list[Block]]
DataOf = Callable[[Any], Json]

BUILDERS: dict[str, tuple[BlocksOf, DataOf]] = {
    "partials": (partials_blocks, partials_data),
    "activation": (activation_blocks, activation_data),
    "linear-collapse": (collapse_blocks, collapse_data),
    "convolution": (convolution_blocks, convolution_data),
    "ambiguity": (ambiguity_blocks, ambiguity_data),
}
"""Kind name → (its blocks, its JSON data). One line per kind."""


def _builders(solution: Solution) -> tuple[BlocksOf, DataOf]:
    kind = solution.problem.kind
    try:
        return BUILDERS[kind]
    except KeyError:
        raise LookupError(
            f"no renderer for kind {kind!r}: add it to BUILDERS in symderive/render/solutions.py"
        ) from None


def document_of(solutions: SolutionSet) -> Document:
    """The problem set's title (with points) and statement, then every solution's blocks."""
    problem_set = solutions.problem_set
    blocks: list[Block] = [
        Heading(1, with_points(problem_set.title or problem_set.path, problem_set.points))
    ]
    if problem_set.statement:
        blocks.append(Paragraph(content(problem_set.statement)))
    for solution in solutions.solutions:
        blocks.extend(_builders(solution)[0](solution))
    return Document(tuple(blocks))


def solution_data(solution: Solution) -> Json:
    """One problem's JSON object, from its kind's data function."""
    return _builders(solution)[1](solution)


def data_of(solutions: SolutionSet) -> Json:
    """The whole JSON document: the envelope of ``json.py`` around every problem's data."""
    problems = [solution_data(solution) for solution in solutions.solutions]
    return envelope(solutions.problem_set, problems)
