"""The Markdown format: golden Q3, balanced math, escaped user text, tables of numbers."""

from __future__ import annotations

import re

import pytest
from golden import check_golden

from symderive.render.document import Document
from symderive.render.markdown import escape, render_markdown


def test_q3_matches_golden(q3_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q3.md", render_markdown(q3_document))


@pytest.mark.parametrize("name", ["q3_document", "hard_document"])
def test_math_is_balanced(name: str, request: pytest.FixtureRequest) -> None:
    lines = render_markdown(request.getfixturevalue(name)).splitlines()
    fences = [index for index, line in enumerate(lines) if line == "$$"]
    assert len(fences) % 2 == 0
    for opening, closing in zip(fences[::2], fences[1::2], strict=True):
        assert closing == opening + 2, "a display block is one formula between $$ lines"
        assert lines[opening - 1] == "" and lines[closing + 1] == ""
    inside = {index for opening in fences[::2] for index in range(opening, opening + 3)}
    for index, line in enumerate(lines):
        if index not in inside and not line.startswith("> "):
            dollars = re.findall(r"(?<!\\)\$", line)
            assert "$$" not in line
            assert len(dollars) % 2 == 0, line


def test_user_text_is_escaped(hard_document: Document) -> None:
    text = render_markdown(hard_document)
    assert r"Hard\_one: 100% of \$5" in text
    assert r"Underscores\_in\_text, \*stars\*, \|pipes\|, \<angles\>" in text
    assert escape("a_b*c$") == r"a\_b\*c\$"


def test_warning_and_other_reading(q3_document: Document) -> None:
    text = render_markdown(q3_document)
    assert "> **Warning** `problems/q3.yaml:21:44`:" in text
    assert "> ```text" in text
    assert "### Reading: other reading — not graded" in text


def _cells(row: str) -> list[str]:
    """The cells of a table row: split at pipes that are not escaped."""
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_tables_are_well_formed(hard_document: Document) -> None:
    lines = render_markdown(hard_document).splitlines()
    for index, line in enumerate(lines):
        if line.startswith("|---"):
            header = lines[index - 1]
            columns = len(_cells(header))
            row = index + 1
            while row < len(lines) and lines[row].startswith("| "):
                assert len(_cells(lines[row])) == columns, lines[row]
                row += 1


def test_results_are_boxed_and_sums_shown(hard_document: Document) -> None:
    text = render_markdown(hard_document)
    assert r"\boxed{\frac{\partial z}{\partial x_{1}} = " in text
    assert "(sum over the consumers" in text
    assert "| $\\bar{u}_{1}$ | $7.31623$ | $7 + 0.316228$ |" in text
