"""The claim data: plain, frozen and serialisable."""

from __future__ import annotations

import dataclasses
import json

import pytest
import sympy

from symderive.check.claim import Answers, Attribution, Claim, as_dict
from symderive.errors import ExpressionError, SourceLocation
from symderive.parsing.notation import DerivativeNotation

WHERE = SourceLocation("hw.ipynb#cell-3", 2, 5, "$dz/dx_1 = 1$")


def test_a_claim_is_frozen_and_serialisable() -> None:
    claim = Claim(1, WHERE, "dz/dx_1 = 1", DerivativeNotation("z", "x1"), sympy.Integer(1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.text = "other"  # type: ignore[misc]
    data = json.loads(json.dumps(as_dict(claim)))
    assert data["location"] == {
        "file": "hw.ipynb#cell-3",
        "line": 2,
        "column": 5,
        "line_text": "$dz/dx_1 = 1$",
    }
    assert data["value"] == "1" and data["notation"]["variable"] == "x1"
    assert data["attribution"] == {
        "problem_id": None,
        "method": None,
        "reason": "not attributed yet",
    }


def test_an_unparsed_claim() -> None:
    error = ExpressionError("the formula ends too early", WHERE)
    claim = Claim(2, WHERE, "dz/dx_1 = ", None, None, error=error)
    assert not claim.parsed and claim.problem_id is None
    assert as_dict(claim)["error"]["message"] == "the formula ends too early"


def test_unattributed_claims_are_listed() -> None:
    done = Claim(1, WHERE, "", None, sympy.Integer(0), attribution=Attribution("q3a", "order", ""))
    left = Claim(2, WHERE, "", None, sympy.Integer(0))
    answers = Answers("hw.md", "markdown", claims=(done, left))
    assert answers.unattributed == (left,)


@pytest.mark.parametrize(
    ("heading", "declared"),
    [
        pytest.param("Homework › Q3 (b), the other reading", True, id="declared"),
        pytest.param("Q3 (b) — Other reading", True, id="capitalised"),
        pytest.param("Q3 (b), not the other reading", False, id="denied"),
        pytest.param("Q3 (b)", False, id="plain"),
    ],
)
def test_a_heading_declares_the_other_reading(heading: str, declared: bool) -> None:
    claim = Claim(1, SourceLocation(), "t", None, sympy.Integer(1), context=heading)
    assert claim.under_other_reading is declared
