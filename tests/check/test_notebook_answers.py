"""Notebooks: cells named in locations, code cells as restatements, corrupt files located."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from symderive.check.claim import Answers
from symderive.check.notebook_answers import read_notebook
from symderive.errors import InputError
from symderive.parsing.names import make_symbol

x3 = make_symbol("x3")


@pytest.fixture(scope="module")
def homework(answers_dir: Path) -> Answers:
    return read_notebook(answers_dir / "homework.ipynb")


def _where(answers: Answers) -> list[tuple[str, int | None, int | None]]:
    return [
        ((c.location.file or "").rsplit("/", 1)[-1], c.location.line, c.location.column)
        for c in answers.claims
    ]


def test_claims_name_their_cell_and_line(homework: Answers) -> None:
    assert _where(homework) == [
        ("homework.ipynb#cell-3", 1, 2),
        ("homework.ipynb#cell-3", 1, 44),
        ("homework.ipynb#cell-3", 3, 19),
        ("homework.ipynb#cell-4", 3, 3),
        ("homework.ipynb#cell-5", 1, 15),
    ]


def test_a_unicode_claim_in_a_cell(homework: Answers) -> None:
    claim = homework.claims[2]
    assert claim.value == -6 * x3
    assert claim.location.line_text == "and, in Unicode, $∂z/∂x₃ = −6x₃$."


def test_a_code_cell_restating_a_problem_is_a_hint(homework: Answers) -> None:
    (hint,) = homework.hints
    assert hint.source == "code" and hint.name == "z"
    assert hint.location.file is not None and hint.location.file.endswith("#cell-2")
    assert (hint.location.line, hint.location.column) == (3, 5)


def test_an_unparsed_claim_points_into_its_cell(homework: Answers) -> None:
    claim = homework.claims[-1]
    assert claim.error is not None and claim.error.location is not None
    location = claim.error.location
    assert (location.line, location.column) == (1, 50)
    assert location.line_text == "Problem q3c: $\\frac{dz}{dx_3} = -\\frac{1}{x_3^{2}$"
    assert claim.context == "Homework 3 › Q3 (b) › Problem q3c"


def test_headings_carry_over_from_cell_to_cell(homework: Answers) -> None:
    assert [c.context for c in homework.claims[:4]] == [
        "Homework 3",
        "Homework 3",
        "Homework 3",
        "Homework 3 › Q3 (b)",
    ]


def test_a_notebook_built_with_nbformat(tmp_path: Path) -> None:
    notebook = new_notebook(
        cells=[
            new_code_cell("z = x1 + 5*x2 - 3*x3**2"),
            new_markdown_cell("Then\n\n$$\\frac{dz}{dx_3} = -6x_3$$"),
        ]
    )
    path = tmp_path / "built.ipynb"
    nbformat.write(notebook, path)
    answers = read_notebook(path)
    (claim,) = answers.claims
    assert claim.location.file == f"{path}#cell-2"
    assert (claim.location.line, claim.location.column) == (3, 3)


@pytest.mark.parametrize(
    ("content", "message", "line", "column"),
    [
        pytest.param(
            '{\n  "cells": [\n    {"cell_type": }\n', "not valid JSON", 3, 19, id="bad-json"
        ),
        pytest.param("[1, 2]", "not a Jupyter notebook", 1, 1, id="a-list"),
        pytest.param('{"title": "notes"}', "not a Jupyter notebook", 1, 1, id="no-cells"),
    ],
)
def test_a_corrupt_notebook_is_a_located_input_error(
    tmp_path: Path, content: str, message: str, line: int, column: int
) -> None:
    path = tmp_path / "corrupt.ipynb"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_notebook(path)
    error = raised.value
    assert message in error.message
    assert error.exit_code == 2
    assert error.location is not None and error.location.file == str(path)
    assert (error.location.line, error.location.column) == (line, column)


def test_a_schema_error_points_at_the_offending_cell(tmp_path: Path) -> None:
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "fine"},
            {"cell_type": "markdown", "id": "b", "metadata": {}, "source": 42},
        ],
    }
    path = tmp_path / "schema.ipynb"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_notebook(path)
    error = raised.value
    assert "does not fit the notebook format" in error.message
    assert "cells/1/source" in error.message
    assert error.location is not None
    assert (error.location.line, error.location.column) == (16, 14)
    assert error.location.line_text == '   "source": 42'


def test_an_unsupported_version_points_at_nbformat(tmp_path: Path) -> None:
    path = tmp_path / "future.ipynb"
    path.write_text('{\n "cells": [],\n "nbformat": 99\n}', encoding="utf-8")
    with pytest.raises(InputError, match="99") as raised:
        read_notebook(path)
    assert raised.value.location is not None and raised.value.location.line == 3


def test_a_notebook_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.ipynb"
    path.write_bytes(b'{"cells": ["\xe9"]}')
    with pytest.raises(InputError, match="not valid UTF-8") as raised:
        read_notebook(path)
    assert raised.value.location is not None and raised.value.location.column == 13


def test_several_claims_in_a_cell_and_on_a_code_line(tmp_path: Path) -> None:
    notebook = new_notebook(
        cells=[
            new_markdown_cell("$\\frac{dz}{dx_1} = 1,\\; \\frac{dz}{dx_2} = 5$"),
            new_code_cell("dz/dx3 = -6*x3; dz/dx1 = 1"),
        ]
    )
    path = tmp_path / "several.ipynb"
    nbformat.write(notebook, path)
    answers = read_notebook(path)
    assert _where(answers) == [
        ("several.ipynb#cell-1", 1, 2),
        ("several.ipynb#cell-1", 1, 25),
        ("several.ipynb#cell-2", 1, 1),
        ("several.ipynb#cell-2", 1, 17),
    ]
    assert [claim.value for claim in answers.claims] == [1, 5, -6 * x3, 1]
