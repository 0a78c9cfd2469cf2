"""Several claims on one row or display: cut where a new derivative's name and '=' follow a gap."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

from symderive.check.equivalence import Verdict
from symderive.check.formulas import clean
from symderive.check.pieces import claim_pieces

Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"
D1, D2, D3 = (f"\\frac{{\\partial z}}{{\\partial x_{index}}}" for index in (1, 2, 3))


def _cut(text: str, *, cut: bool = True) -> list[tuple[str, bool]]:
    text = clean(text)
    return [
        (text[piece.start : piece.end].strip(), piece.remark)
        for piece in claim_pieces(text, 0, len(text), cut=cut)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("dz/dx_1 = 1, dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="comma"),
        pytest.param("dz/dx_1 = 1; dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="semicolon"),
        pytest.param("dz/dx_1 = 1 \\quad dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="quad"),
        pytest.param(
            "dz/dx_1 = 1,\\qquad dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="comma-qquad"
        ),
        pytest.param(
            "dz/dx_1 = 1 \\text{and} dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="text-and"
        ),
        pytest.param(
            "dz/dx_1 = 1\\text{ and }dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="text-spaced"
        ),
        pytest.param(
            "dz/dx_1 = 1 \\mathrm{and} dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="mathrm-and"
        ),
        pytest.param(
            "dz/dx_1 = 1\\;dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="medium-space"
        ),
        pytest.param("dz/dx_1 = 1\\ dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="space"),
        pytest.param("dz/dx_1 = 1~dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="tilde"),
        pytest.param(
            "dz/dx_1 = 1, (dz)/(dx_2) = 5", ["dz/dx_1 = 1", "(dz)/(dx_2) = 5"], id="grouped-name"
        ),
        pytest.param(
            "dz/dx_1 = 1, d/dx_2 (z) = 5", ["dz/dx_1 = 1", "d/dx_2 (z) = 5"], id="slash-operator"
        ),
        pytest.param(
            "dz/dx_1 = 1, \\partial_{x_2} z = 5",
            ["dz/dx_1 = 1", "\\partial_{x_2} z = 5"],
            id="partial-operator",
        ),
        pytest.param(
            "dz/dx_1 = 1 \\hspace{1em} dz/dx_2 = 5", ["dz/dx_1 = 1", "dz/dx_2 = 5"], id="hspace"
        ),
        pytest.param(
            f"{D1} = 1,\\ {D2} = 5, \\quad {D3} = -6x_3",
            [f"{D1} = 1", f"{D2} = 5", f"{D3} = -6x_3"],
            id="issue-example",
        ),
        pytest.param("f'(t) = 2t, \\sigma'(z) = 1", ["f'(t) = 2t", "\\sigma'(z) = 1"], id="primes"),
        pytest.param(
            "\\frac{d}{dx}(x^2) = 2x, \\frac{\\mathrm{d}}{\\mathrm{d}x} x^3 = 3x^2",
            ["\\frac{d}{dx}(x^2) = 2x", "\\frac{\\mathrm{d}}{\\mathrm{d}x} x^3 = 3x^2"],
            id="operators",
        ),
        pytest.param(
            "z = x_1 + 5x_2, \\quad dz/dx_1 = 1",
            ["z = x_1 + 5x_2", "dz/dx_1 = 1"],
            id="restatement-then-claim",
        ),
        pytest.param("\\quad dz/dx_1 = 1", ["dz/dx_1 = 1"], id="leading-space"),
        pytest.param("dz/dx_1 = 1,", ["dz/dx_1 = 1,"], id="trailing-comma"),
    ],
)
def test_a_row_is_cut_before_each_new_claim(text: str, expected: list[str]) -> None:
    assert [piece for piece, _ in _cut(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("dz/dx_1 = 1,5, dz/dx_2", id="name-without-equals"),
        pytest.param("dz/dx_1 = f(x, dz/dx_2 = 5)", id="inside-parentheses"),
        pytest.param("dz/dx_1 = x_{1, dz/dx_2 = 5}", id="inside-braces"),
        pytest.param("dz/dx_1 = \\left( a, dz/dx_2 = 5 \\right)", id="inside-left-right"),
        pytest.param("dz/dx_1 = \\left. a, dz/dx_2 = 5 \\right|", id="inside-left-dot"),
        pytest.param("dz/dx_1 = [0, dz/dx_2 = 1)", id="half-open-interval"),
        pytest.param(
            "dz/dx = \\begin{cases} 0, & dz/dx = 1 \\\\ 1 & x > 0 \\end{cases}", id="in-cases"
        ),
        pytest.param("\\frac{dy}{dx} = 2\\,\\frac{d}{dx}(x^2) = 4x", id="thin-space-joins"),
        pytest.param("dz/dx_1 = 2, d/2 = 1", id="a-value-that-begins-like-a-name"),
        pytest.param("dz/dx_3 = -6x_3, \\text{ at } x_3 = 1", id="a-condition-stays"),
        pytest.param("\\frac{d}{dx}\\mathrm{relu}(x) = 1, \\text{if } x > 0", id="a-guard-stays"),
        pytest.param("y = 1, 2, 3", id="a-list"),
        pytest.param(
            "\\frac{dz}{dx_3} = -3\\ \\frac{\\partial}{\\partial x_3}(x_3^2) = -3x_3",
            id="an-applied-operator-after-a-space-continues-the-chain",
        ),
        pytest.param(
            "\\frac{dz}{dx_2} = 5\\;\\frac{\\partial}{\\partial x_2}x_2 = 5x_2",
            id="an-applied-operator-after-a-medium-space",
        ),
    ],
)
def test_what_is_not_a_new_claim_stays_in_its_piece(text: str) -> None:
    assert _cut(text) == [(text, False)]


def test_a_decimal_comma_is_no_gap() -> None:
    assert _cut("dz/dx_1 = 1,5, dz/dx_2 = 2") == [("dz/dx_1 = 1,5", False), ("dz/dx_2 = 2", False)]


def test_a_yaml_answer_is_never_cut() -> None:
    text = "dz/dx_1 = 1, dz/dx_2 = 5"
    assert _cut(text, cut=False) == [(text, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "dz/dx_3 = -6x_3, \\text{ so at } x_3 = 1 \\text{ it is } -6",
            [("dz/dx_3 = -6x_3", False), ("\\text{ so at } x_3 = 1 \\text{ it is } -6", True)],
            id="so-at",
        ),
        pytest.param(
            "dz/dx_3 = -6x_3 \\text{, i.e. } -3 \\text{ at } x_3 = 0.5",
            [("dz/dx_3 = -6x_3", False), ("\\text{, i.e. } -3 \\text{ at } x_3 = 0.5", True)],
            id="i-e",
        ),
        pytest.param(
            "dz/dx_3 = -6x_3, \\text{hence } dz/dx_1 = 1",
            [("dz/dx_3 = -6x_3", False), ("dz/dx_1 = 1", False)],
            id="a-claim-after-hence",
        ),
        pytest.param(
            "\\text{so } z = 1", [("\\text{so } z = 1", False)], id="a-row-that-begins-with-so"
        ),
    ],
)
def test_a_remark_after_a_claim_is_its_own_piece(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert _cut(text) == expected


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        pytest.param(", \\partial" * 2_000 + " = 1", 2, id="many-candidate-names"),
        pytest.param(", d" + "_" * 20_000 + "/d = 1", 1, id="a-long-name"),
        pytest.param("\\text{" + " " * 20_000 + "and", 1, id="an-unclosed-text"),
        pytest.param("(" * 10_000 + ", dz/dx = 1", 1, id="deep-brackets"),
        pytest.param("".join(f"dz/dx_{{{i}}} = 1, " for i in range(300)), 300, id="many-claims"),
        pytest.param("a, \\quad " * 2_000 + "= 1", 1, id="many-gaps"),
    ],
)
def test_cutting_ends_on_hostile_rows(text: str, pieces: int) -> None:
    """Rows built to make a backtracking or quadratic cutter hang: a regression shows as this
    test meeting the per-test timeout, never as a wall-clock threshold a loaded machine trips."""
    cut = claim_pieces(text, 0, len(text))
    assert len(cut) == pieces
    assert all(0 <= piece.start < piece.end <= len(text) for piece in cut)


SEPARATORS = {
    "comma": ", ",
    "comma-space": ",\\ ",
    "semicolon": "; ",
    "quad": " \\quad ",
    "qquad": " \\qquad ",
    "text-and": " \\text{and} ",
    "text-spaced-and": " \\text{ and } ",
    "mathrm-and": " \\mathrm{and} ",
    "medium-space": "\\;",
    "row-break": " \\\\ ",
}


def _display(separator: str, values: tuple[str, str, str]) -> str:
    claims = [f"{name} = {value}" for name, value in zip((D1, D2, D3), values, strict=True)]
    return "# Q3a\n\n$$" + separator.join(claims) + "$$\n"


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        pytest.param(("1", "5", "-6x_3"), Verdict.PROVED, id="right"),
        pytest.param(("5", "1", "6x_3"), Verdict.REFUTED, id="wrong"),
    ],
)
def test_each_claim_of_a_display_is_checked_against_its_own_derivative(
    separator: str, values: tuple[str, str, str], verdict: Verdict, tmp_path: Path
) -> None:
    report = check_markdown(Q3, _display(separator, values), tmp_path)
    assert [(r.verdict, r.target.key if r.target else None) for r in report.results] == [
        (verdict, "x1"),
        (verdict, "x2"),
        (verdict, "x3"),
    ]
    assert [r.claim.location.line for r in report.results] == [3, 3, 3]


def test_each_claim_is_located_where_it_starts(tmp_path: Path) -> None:
    markdown = _display(",\\ ", ("1", "5", "-6x_3"))
    report = check_markdown(Q3, markdown, tmp_path)
    line = markdown.splitlines()[2]
    columns = [r.claim.location.column for r in report.results]
    assert columns == [line.index(D1) + 1, line.index(D2) + 1, line.index(D3) + 1]
    assert [r.claim.text for r in report.results] == [f"{D1} = 1", f"{D2} = 5", f"{D3} = -6x_3"]


@pytest.mark.parametrize(
    ("markdown", "verdicts"),
    [
        pytest.param(
            f"# Q3a\n\nInline: ${D1} = 1 \\text{{ and }} {D2} = 5$, and ${D3} = -6x_3$.\n",
            [Verdict.PROVED] * 3,
            id="inline-math",
        ),
        pytest.param(
            "# Q3a\n\n\\begin{align*}\n"
            f"{D1} &= 1, & {D2} &= 5 \\\\\n{D3} &= -6x_3 \\\\\n&= -6 x_3 + 0\n\\end{{align*}}\n",
            [Verdict.PROVED] * 3,
            id="align-columns-and-a-continued-row",
        ),
        pytest.param(
            f"# Q3a\n\n$$\\begin{{aligned}} {D1} &= 1 \\quad {D2} = 5 \\\\ {D3} &= 6x_3"
            " \\end{aligned}$$\n",
            [Verdict.PROVED, Verdict.PROVED, Verdict.REFUTED],
            id="aligned",
        ),
        pytest.param(
            f"# Q3a\n\n$$\\begin{{gather*}} {D1} = 1; {D2} = 5 \\\\ {D3} = -6x_3"
            " \\end{gather*}$$",
            [Verdict.PROVED] * 3,
            id="gather",
        ),
        pytest.param(
            f"# Q3a\n\n$$\\begin{{eqnarray}} {D1} &=& 1, \\\\ {D2} &=& 5, \\quad {D3} = -6x_3"
            " \\end{eqnarray}$$",
            [Verdict.PROVED] * 3,
            id="eqnarray",
        ),
    ],
)
def test_claims_side_by_side_in_every_markdown_form(
    markdown: str, verdicts: list[Verdict], tmp_path: Path
) -> None:
    report = check_markdown(Q3, markdown, tmp_path)
    assert [(r.verdict, r.target.key if r.target else None) for r in report.results] == list(
        zip(verdicts, ["x1", "x2", "x3"], strict=True)
    )


def test_a_remark_after_a_claim_is_skipped_not_claimed(tmp_path: Path) -> None:
    """``= -6x_3, \\text{ so at } x_3 = 0.5 \\text{ it is } -3``: the claim is -6x_3; what the
    remark says is prose, reported as skipped, and ``x_3 = 0.5`` is no definition."""
    markdown = f"# Q3a\n\n$${D3} = -6x_3, \\text{{ so at }} x_3 = 0.5 \\text{{ it is }} -3$$\n"
    report = check_markdown(Q3, markdown, tmp_path)
    (result,) = report.results
    assert result.verdict is Verdict.PROVED and result.claim.text == f"{D3} = -6x_3"
    assert not report.answers.hints and not report.answers.chains
    (skipped,) = report.answers.skipped
    assert (skipped.line, skipped.column) == (3, markdown.splitlines()[2].index("\\text") + 1)
