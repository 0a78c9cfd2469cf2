"""Formulas to claims, chains and hints: the rules every reader shares."""

from __future__ import annotations

import pytest
import sympy

from symderive.check.claim import Answers
from symderive.check.collector import Collector
from symderive.check.source import source_span
from symderive.parsing.names import make_symbol
from symderive.yamlnode import SourceText

x, y, x1 = make_symbol("x"), make_symbol("y"), make_symbol("x1")


def _collect(*formulas: str) -> Answers:
    collector = Collector("f.md", "markdown")
    for formula in formulas:
        source = SourceText(formula, "f.md")
        collector.formula(source_span(source, 0, len(formula)))
    return collector.finish()


@pytest.mark.parametrize(
    ("formulas", "claims", "chains", "hints", "skipped"),
    [
        pytest.param(["\\frac{dz}{dx_1} = 1"], 1, 0, 0, 0, id="claim"),
        pytest.param(["-6x_3 = \\frac{dz}{dx_3}"], 1, 0, 0, 0, id="reversed-claim"),
        pytest.param(["\\frac{dz}{dx_1} = 1 + 0 = 1"], 1, 1, 0, 0, id="claim-with-chain"),
        pytest.param(["z = x_1 + 5x_2"], 0, 0, 1, 0, id="restatement-hint"),
        pytest.param(["y = (x+1)^2 = x^2 + 2x + 1"], 0, 1, 1, 0, id="chain-not-a-claim"),
        pytest.param(["x_1 = 1"], 0, 0, 1, 0, id="a-named-value-is-a-definition-hint"),
        pytest.param(["\\frac{dz}{dx_1}"], 0, 0, 0, 0, id="a-name-alone"),
        pytest.param(["\\frac{dz}{dx_1} = \\oops"], 1, 0, 0, 0, id="unparsed-claim"),
        pytest.param(["\\mathcal{L} = \\oops"], 0, 0, 0, 1, id="unparsed-prose"),
        pytest.param(["\\mathcal{O}(n)"], 0, 0, 0, 1, id="prose-no-equals"),
        pytest.param(["y = x + 1", "y = 2x"], 0, 1, 1, 0, id="same-lhs-consecutive"),
        pytest.param(["y = x + 1", "= 2x"], 0, 1, 1, 0, id="continuation"),
        pytest.param(
            ["\\frac{dz}{dx_1} &= 1 \\\\ \\frac{dz}{dx_2} &= 5"], 2, 0, 0, 0, id="align-of-claims"
        ),
        pytest.param(["dz/dx_1 = 1, \\quad dz/dx_2 = 5"], 2, 0, 0, 0, id="two-claims-on-a-row"),
        pytest.param(
            ["z = x_1 + 5x_2, \\quad dz/dx_1 = 1"], 1, 0, 1, 0, id="restatement-then-claim"
        ),
        pytest.param(
            ["dz/dx_1 = 1, \\text{so } x_1 = 2"], 1, 0, 0, 1, id="a-remark-is-skipped-not-a-hint"
        ),
        pytest.param(
            ["dz/dx_1 = 1 = 1.0, \\quad dz/dx_2 = 5"], 2, 1, 0, 0, id="a-chain-then-a-claim"
        ),
        pytest.param(["\\text{Hence}\\quad dz/dx_1 = 1"], 1, 0, 0, 1, id="prose-then-a-claim"),
        pytest.param(["f'(t) = 2t, g'(t) = \\oops"], 2, 0, 0, 0, id="two-primes-are-no-rule"),
    ],
)
def test_what_formulas_become(
    formulas: list[str], claims: int, chains: int, hints: int, skipped: int
) -> None:
    answers = _collect(*formulas)
    assert (len(answers.claims), len(answers.chains), len(answers.hints)) == (
        claims,
        chains,
        hints,
    )
    assert len(answers.skipped) == skipped


def test_a_reversed_claim_keeps_its_text() -> None:
    (claim,) = _collect("-6x_3 = \\frac{dz}{dx_3}").claims
    assert claim.text == "-6x_3 = \\frac{dz}{dx_3}"
    assert claim.location.column == 9 and claim.value_location is not None
    assert claim.value_location.column == 1


def test_a_chain_claim_cross_reference() -> None:
    answers = _collect("\\frac{dy}{dx} = 2(x+1) = 2x + 2")
    (claim,), (chain,) = answers.claims, answers.chains
    assert claim.chain == chain.number and chain.claim == claim.number
    assert claim.value == 2 * x + 2
    assert [link.location.column for link in chain.links] == [17, 26]
    assert claim.value_location is not None and claim.value_location.column == 26


def test_a_derivative_name_mid_chain_is_an_unparsed_link() -> None:
    answers = _collect("\\frac{dy}{dx} = 2x = \\frac{d}{dx} x^2")
    (chain,) = answers.chains
    assert chain.links[1].error is not None and chain.links[1].value is None
    assert "derivative's name in the middle" in chain.links[1].error.message
    assert answers.claims[0].error is chain.links[1].error  # the claimed value is unreadable


def test_numbers_follow_document_order() -> None:
    answers = _collect("z = x_1 + x_2", "\\frac{dz}{dx_1} = 1", "\\frac{dz}{dx_2} = 1")
    assert [answers.hints[0].number, *(c.number for c in answers.claims)] == [1, 2, 3]


def test_code_lines() -> None:
    collector = Collector("f.md", "markdown")
    lines = ["import sympy", "z = x1 + 5*x2  # q3a", "dz/dx1 = 1", "print(z)", "y = np.exp(x)"]
    text = "\n".join(lines)
    source = SourceText(text, "f.md")
    spans = [
        source_span(source, start, start + len(line))
        for start, line in zip(source.line_starts, lines, strict=True)
    ]
    collector.code(spans)
    answers = collector.finish()
    # np.exp is read as exp now (issue 13): y = np.exp(x) restates something, a hint from code
    assert [(h.source, h.location.line) for h in answers.hints] == [("code", 2), ("code", 5)]
    (claim,) = answers.claims
    assert claim.syntax == "plain" and claim.value == 1 and claim.location.line == 3
    assert sympy.Symbol("x1", real=True) == x1


def test_a_code_line_with_two_claims() -> None:
    collector = Collector("f.md", "markdown")
    text = "dz/dx1 = 1; dz/dx2 = 5"
    collector.code([source_span(SourceText(text, "f.md"), 0, len(text))])
    answers = collector.finish()
    assert [(c.value, c.location.column) for c in answers.claims] == [(1, 1), (5, 13)]
