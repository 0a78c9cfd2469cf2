"""``symderive check`` through the CLI: verdicts in every format, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symderive.cli import app

Q3 = str(Path(__file__).resolve().parent.parent.parent / "problems" / "q3.yaml")
runner = CliRunner()

ALL_CORRECT = """# Q3

## q3a
$\\frac{\\partial z}{\\partial x_1} = 1$, $\\frac{\\partial z}{\\partial x_2} = 5$,
$\\frac{\\partial z}{\\partial x_3} = -6x_3$

## q3b
$\\frac{\\partial z}{\\partial x_1} = x_2 - 4$, $\\frac{\\partial z}{\\partial x_2} = x_1$,
$\\frac{\\partial z}{\\partial x_3} = \\frac{2}{5} x_3 x_4^2 e^{x_3^2}$,
$\\frac{\\partial z}{\\partial x_4} = \\frac{2}{5} x_4 e^{x_3^2}$

## q3c
$\\frac{dz}{dx_1} = (2x_1 + 10x_2 + 30)e^{(x_1+5(x_2+3))^2}$,
$\\frac{dz}{dx_2} = (10x_1 + 50x_2 + 150)e^{(x_1+5(x_2+3))^2}$,
$\\frac{dz}{dx_3} = -\\frac{1}{x_3^2}$
"""


def _write(tmp_path: Path, text: str, name: str = "answers.md") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_all_correct_is_exit_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, ALL_CORRECT)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "10 proved" in result.stdout


def test_a_sign_error_is_refuted_with_a_point_and_a_diagnosis(tmp_path: Path) -> None:
    wrong = ALL_CORRECT.replace("= -6x_3", "= 6x_3")
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, wrong), "-f", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    refuted = [claim for claim in report["claims"] if claim["verdict"] == "refuted"]
    assert len(refuted) == 1
    assert refuted[0]["target"] == "dz/dx3"
    assert refuted[0]["diagnosis"]["code"] == "sign"
    assert "x3" in refuted[0]["comparison"]["counterexample"]["point"]


def test_missing_answers_are_exit_1(tmp_path: Path) -> None:
    partial = ALL_CORRECT.split("## q3b")[0]
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, partial), "-f", "json"])
    assert result.exit_code == 1
    missing = json.loads(result.stdout)["missing"]
    assert {(m["problem"], m["target"]) for m in missing} >= {("q3c", "dz/dx3"), ("q3b", "dz/dx4")}


@pytest.mark.parametrize("output_format", ["terminal", "markdown", "latex"])
def test_every_format_shows_the_claims_table(output_format: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["check", Q3, _write(tmp_path, ALL_CORRECT), "-f", output_format],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    assert "proved" in result.stdout and "dz/dx3" in result.stdout


def test_unparsed_answer_shows_a_caret_in_the_file(tmp_path: Path) -> None:
    broken = "## q3a\n$\\frac{dz}{dx_1} = (1 + $\n"
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, broken)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert "unparsed" in result.stdout
    assert "^" in result.stdout


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("answers.txt", "whatever", id="unknown-suffix"),
        pytest.param("answers.ipynb", "{not json", id="corrupt-notebook"),
        pytest.param("answers.yaml", "a: 1\na: 2\n", id="duplicate-yaml-key"),
    ],
)
def test_bad_answer_files_are_exit_2(name: str, text: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, text, name)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr


Q1 = str(Path(__file__).resolve().parent.parent.parent / "problems" / "q1.yaml")


@pytest.mark.parametrize(
    ("product", "exit_code"),
    [
        pytest.param("W_2 W_1 x", 0, id="order-kept"),
        pytest.param("W_1 W_2 x", 1, id="order-swapped"),
    ],
)
def test_matrix_order_matters_in_q1_chains(product: str, exit_code: int, tmp_path: Path) -> None:
    answer = f"## q1a\n\n$$\ny = W_2(W_1 x + b_1) + b_2 = {product} + W_2 b_1 + b_2\n$$\n"
    result = runner.invoke(app, ["check", Q1, _write(tmp_path, answer), "-f", "json"])
    chains = json.loads(result.stdout)["chains"]
    assert [chain["verdict"] for chain in chains] == ["proved" if exit_code == 0 else "refuted"]
    if exit_code:
        assert "matrices" in chains[0]["note"]


@pytest.mark.parametrize(
    ("first_line", "verdict"),
    [
        pytest.param("x_1 + 5x_2 - 3x_3^2", "proved", id="starts-from-the-problem"),
        pytest.param("x_1 + 5x_2 + 3x_3^2", "refuted", id="starts-elsewhere"),
    ],
)
def test_a_chain_about_z_starts_from_the_problem(
    first_line: str, verdict: str, tmp_path: Path
) -> None:
    answer = f"## q3a\n\n$$\nz = {first_line} = {first_line.replace('x_3^2', 'x_3 x_3')}\n$$\n"
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, answer), "-f", "json"])
    assert [chain["verdict"] for chain in json.loads(result.stdout)["chains"]] == [verdict]


@pytest.mark.parametrize(
    ("step", "verdict"),
    [
        pytest.param("W_{N+1} W x + W_{N+1} b + b_{N+1}", "proved", id="order-kept"),
        pytest.param("W W_{N+1} x + W_{N+1} b + b_{N+1}", "refuted", id="order-swapped"),
    ],
)
def test_matrix_order_is_checked_under_the_induction_hypothesis(
    step: str, verdict: str, tmp_path: Path
) -> None:
    """The inductive step holds only given f_N(x) = W x + b; as matrices, order still counts."""
    answer = (
        "## q1a\n\nAssume $f_N(x) = W x + b$. Then\n\n"
        f"$$\nf_{{N+1}}(x) = W_{{N+1}} f_N(x) + b_{{N+1}} = {step}\n$$\n"
    )
    result = runner.invoke(app, ["check", Q1, _write(tmp_path, answer), "-f", "json"])
    chains = json.loads(result.stdout)["chains"]
    assert [chain["verdict"] for chain in chains] == [verdict]
    if verdict == "refuted":
        assert "order" in chains[0]["note"]


@pytest.mark.parametrize(
    ("product", "target", "verdict"),
    [
        pytest.param("W_2 W_1", "W (2 layers)", "proved", id="the-two-layer-step"),
        pytest.param("W_3 W_2 W_1", "W (3 layers)", "proved", id="three-layers"),
        pytest.param("W_1 W_2 W_3", "W (3 layers)", "refuted", id="three-layers-reversed"),
    ],
)
def test_a_collapsed_statement_names_the_depth_it_is_about(
    product: str, target: str, verdict: str, tmp_path: Path
) -> None:
    """q1b has three layers; W = W_2 W_1 is a true step about two of them, and says so (a proof
    is graded by hand, so the grader sees which depth each statement is about)."""
    answer = f"## q1b\n\nSo $W = {product}$.\n"
    result = runner.invoke(app, ["check", Q1, _write(tmp_path, answer), "-f", "json"])
    claims = json.loads(result.stdout)["claims"]
    assert [(claim["target"], claim["verdict"]) for claim in claims] == [(target, verdict)]


def test_an_answer_to_the_other_reading_does_not_answer_the_graded_one(tmp_path: Path) -> None:
    """Right for exp(x3^2)/(5·x4^2), which is not graded: proved, with a note, but the graded
    derivative is still missing."""
    answer = (
        "## q3b (the other reading)\n\n"
        "$\\frac{\\partial z}{\\partial x_3} = \\frac{2 x_3 e^{x_3^2}}{5 x_4^2}$\n"
    )
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, answer), "-f", "json"])
    report = json.loads(result.stdout)
    (claim,) = report["claims"]
    assert claim["verdict"] == "proved" and claim["target"] is None
    assert "other reading" in claim["notes"][0]
    assert {"problem": "q3b", "target": "dz/dx3"} in report["missing"]
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("$\\frac{\\partial}{\\partial x_1} z = 7$", id="operator-on-the-result"),
        pytest.param("$\\frac{\\partial}{\\partial x_1}(x_1 + 5x_2 - 3x_3^2) = 0$", id="operator"),
        pytest.param("$∂z/∂x₁ = 2$", id="unicode"),
        pytest.param("$dz/dx1 = 3$", id="ascii"),
    ],
)
def test_two_answers_to_one_derivative_in_different_notations_contradict(
    tmp_path: Path, second: str
) -> None:
    text = ALL_CORRECT.replace("\n## q3b", f"\n{second}\n\n## q3b")
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, text), "-f", "json"])
    assert result.exit_code == 1, result.stdout
    report = json.loads(result.stdout)
    duplicates = [claim for claim in report["claims"] if claim["verdict"] == "duplicate"]
    assert [claim["target"] for claim in duplicates] == ["dz/dx1"]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("\\log(0)", id="log-of-zero"),
        pytest.param("\\tan(\\pi/2)", id="tan-of-a-right-angle"),
        pytest.param("\\ln(0) + x_1", id="inside-a-sum"),
    ],
)
def test_an_answer_that_is_not_a_finite_number_is_refuted_not_a_crash(
    tmp_path: Path, value: str
) -> None:
    text = f"# Q3\n\n## q3a\n$\\frac{{\\partial z}}{{\\partial x_1}} = {value}$\n"
    result = runner.invoke(app, ["check", Q3, _write(tmp_path, text), "-f", "json"])
    assert result.exit_code == 1, result.output
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["verdict"] == "refuted"
    assert "not a finite number" in claim["comparison"]["stage"]
