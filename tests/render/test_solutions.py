"""The dispatch from solutions to blocks and JSON: one table, one line per kind."""

from __future__ import annotations

import json
import typing
from dataclasses import replace

import pytest

from symderive.render.document import (
    Block,
    Code,
    Equation,
    Figure,
    Heading,
    Paragraph,
    Steps,
    Table,
)
from symderive.render.json import render_json
from symderive.render.partials import partials_blocks
from symderive.render.partials_json import partials_data
from symderive.render.solutions import BUILDERS, data_of, document_of
from symderive.solve import SolutionSet


def test_partials_has_its_builders() -> None:
    assert BUILDERS["partials"] == (partials_blocks, partials_data)
    for blocks_of, data_of_kind in BUILDERS.values():
        assert callable(blocks_of) and callable(data_of_kind)


def test_document_has_the_set_title_then_every_problem(q3: SolutionSet) -> None:
    blocks = document_of(q3).blocks
    assert blocks[0] == Heading(1, "Q3: Back propagation (30 points)")
    assert isinstance(blocks[1], Paragraph) and "generalized delta rule" in str(blocks[1].content)
    problems = [block.text for block in blocks if isinstance(block, Heading) and block.level == 2]
    assert problems == ["q3a (10 points)", "q3b (10 points)", "q3c (10 points)"]


def test_partials_blocks_say_everything(q3: SolutionSet) -> None:
    blocks = partials_blocks(q3.solutions[1])
    kinds: set[type] = {type(block) for block in blocks}
    assert kinds == set(typing.get_args(Block)) - {Figure}, "partials draw no pictures"
    assert Code("z = x1*(x2-4) + exp(x3^2) / 5*x4^2", label="Expression as written") in blocks
    readings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 3]
    assert readings == ["Reading: as written — graded", "Reading: other reading — not graded"]
    boxed = [block for block in blocks if isinstance(block, Equation) and block.boxed]
    assert len(boxed) == 8, "one boxed result per variable and reading"
    steps = [block for block in blocks if isinstance(block, Steps)]
    assert all(item.label.endswith("rule") for block in steps for item in block.items[:1])
    assert all(item.details for block in steps for item in block.items)
    assert sum(isinstance(block, Table) for block in blocks) == 2 * 4


def test_data_of_is_the_json_document(q3: SolutionSet) -> None:
    assert data_of(q3) == json.loads(render_json(q3))


def test_an_unknown_kind_names_the_table(q3: SolutionSet) -> None:
    solution = q3.solutions[0]
    unknown = replace(solution, problem=replace(solution.problem, kind="no-such-kind"))
    solutions = replace(q3, solutions=(unknown,))
    with pytest.raises(LookupError, match=r"add it to BUILDERS in symderive/render/solutions\.py"):
        document_of(solutions)
    with pytest.raises(LookupError, match="no renderer for kind 'no-such-kind'"):
        data_of(solutions)
