"""Errors render as ``error: file:line:col: message`` with a caret, and own their exit codes."""

from __future__ import annotations

import pytest

from symderive.errors import (
    ExpressionError,
    ProblemFileError,
    SourceLocation,
    SymderiveError,
    UsageError,
    VerificationError,
)


def test_render_with_caret() -> None:
    error = ProblemFileError("bad value", SourceLocation("q.yaml", 3, 7, "  at: {x1: foo}"))
    assert error.render() == "error: q.yaml:3:7: bad value\n      at: {x1: foo}\n          ^"


def test_render_without_location() -> None:
    assert SymderiveError("plain").render() == "error: plain"


def test_long_lines_are_windowed_around_the_column() -> None:
    text = "x" * 500 + "$" + "y" * 500
    snippet = SourceLocation("f", 1, 501, text).snippet()
    line, caret = snippet.splitlines()
    assert line.strip()[caret.index("^") - 4] == "$"
    assert len(line) < 200


@pytest.mark.parametrize(
    ("error_type", "code"),
    [
        pytest.param(ExpressionError, 2, id="expression"),
        pytest.param(ProblemFileError, 2, id="problem-file"),
        pytest.param(UsageError, 2, id="usage"),
        pytest.param(VerificationError, 3, id="verification-is-a-bug"),
    ],
)
def test_exit_codes(error_type: type[SymderiveError], code: int) -> None:
    assert error_type("m").exit_code == code


def test_shifted_location_moves_only_the_first_line_column() -> None:
    inner = SourceLocation(None, 1, 4, "x +")
    assert inner.shifted(9, 14, "q.yaml") == SourceLocation("q.yaml", 10, 18, "x +")
