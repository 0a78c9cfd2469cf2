"""One notebook answering Q1 to Q3, checked end to end through ``symderive check``.

tests/data/corpus/q1_to_q3.ipynb (built by make_notebooks.py) answers q1 with a step chain, q2
and q3 with derivatives, all correct. It is checked against each problem file through the CLI
(typer's CliRunner, JSON output); verdicts, chains and missing answers must match expected.yaml
(``runs``), and the exit code must be 0. A copy with one deliberate mistake per problem file
must give exit code 1 and name the mistake.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from symderive.cli import app

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
NOTEBOOK = CORPUS / "q1_to_q3.ipynb"
RUNS: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)["q1_to_q3.ipynb"]["runs"]
ACCEPTED = {"proved", "numerically-equal"}
runner = CliRunner()


def run_check(problems: str, answers: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(
        app, ["check", str(ROOT / "problems" / f"{problems}.yaml"), str(answers), *extra]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data = json.loads(result.stdout) if "--format" in extra or "-f" in extra else {}
    return result.exit_code, data


def claim_key(claim: dict[str, Any], with_column: bool = False) -> str:
    cell = claim["file"].split("#", 1)[1] + ":" if "#" in claim["file"] else ""
    return f"{cell}{claim['line']}" + (f":{claim['column']}" if with_column else "")


def keyed(claims: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Claims by cell:line, or cell:line:column where one line holds several claims."""
    lines = [claim_key(claim) for claim in claims]
    return {
        claim_key(claim, with_column=lines.count(claim_key(claim)) > 1): claim for claim in claims
    }


def said(claim: dict[str, Any], expectation: dict[str, Any]) -> dict[str, Any]:
    verdict = claim["verdict"]
    if expectation["verdict"] == "accepted" and verdict in ACCEPTED:
        verdict = "accepted"
    shown = {
        "verdict": verdict,
        "diagnosis": claim["diagnosis"]["code"] if claim["diagnosis"] else None,
    }
    if "note" in expectation:
        note = expectation["note"]
        shown["note"] = note if any(note in text for text in claim["notes"]) else claim["notes"]
    return shown


def wanted(expectation: dict[str, Any]) -> dict[str, Any]:
    shown = {"verdict": expectation["verdict"], "diagnosis": expectation.get("diagnosis")}
    if "note" in expectation:
        shown["note"] = expectation["note"]
    return shown


@pytest.fixture(scope="module")
def reports() -> dict[str, tuple[int, dict[str, Any]]]:
    """The JSON report and exit code of each run, computed once."""
    return {problems: run_check(problems, NOTEBOOK, "-f", "json") for problems in RUNS}


@pytest.mark.parametrize("problems", sorted(RUNS))
def test_every_claim_has_its_verdict(
    problems: str, reports: dict[str, tuple[int, dict[str, Any]]]
) -> None:
    _, data = reports[problems]
    expected = {str(key): value for key, value in RUNS[problems]["claims"].items()}
    observed = keyed(data["claims"])
    assert sorted(observed) == sorted(expected)
    assert {key: said(observed[key], value) for key, value in expected.items()} == {
        key: wanted(value) for key, value in expected.items()
    }


@pytest.mark.parametrize("problems", sorted(RUNS))
def test_chains_and_missing(problems: str, reports: dict[str, tuple[int, dict[str, Any]]]) -> None:
    _, data = reports[problems]
    chains = {str(key).rsplit(":", 1)[-1]: value for key, value in RUNS[problems]["chains"].items()}
    assert {str(chain["line"]): chain["verdict"] for chain in data["chains"]} == chains
    missing = sorted(f"{item['problem']} {item['target']}" for item in data["missing"])
    assert missing == sorted(RUNS[problems]["missing"])


@pytest.mark.parametrize("problems", list(RUNS))
def test_all_correct_notebook_exits_0(
    problems: str, reports: dict[str, tuple[int, dict[str, Any]]]
) -> None:
    exit_code, data = reports[problems]
    assert exit_code == RUNS[problems]["exit_code"] == 0
    assert data["exit_code"] == 0


def test_terminal_output_has_the_claims_table() -> None:
    result = runner.invoke(
        app, ["check", str(ROOT / "problems" / "q3.yaml"), str(NOTEBOOK)], env={"NO_COLOR": "1"}
    )
    assert "Claims" in result.stdout
    assert "cell-5 7:2" in result.stdout  # where: the notebook cell, then line:column


def test_json_chains_name_their_notebook_cell(
    reports: dict[str, tuple[int, dict[str, Any]]],
) -> None:
    _, data = reports["q1"]
    assert data["chains"][0].get("file", "").endswith("#cell-2")


def test_one_notebook_against_q1_q2_and_q3_together() -> None:
    problems = [str(ROOT / "problems" / f"{name}.yaml") for name in ("q1", "q2", "q3")]
    result = runner.invoke(app, ["check", *problems, str(NOTEBOOK), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    verdicts = {claim["verdict"] for claim in data["claims"]}
    assert verdicts <= {"proved", "numerically-equal"}
    assert {claim["problem"] for claim in data["claims"]} >= {"q2a", "q2b", "q2c", "q3a", "q3c"}
    assert [chain["verdict"] for chain in data["chains"]] == ["proved"]
    assert data["missing"] == []


def test_the_same_problem_id_in_two_files_is_exit_2() -> None:
    q3 = str(ROOT / "problems" / "q3.yaml")
    result = runner.invoke(app, ["check", q3, q3, str(NOTEBOOK)])
    assert result.exit_code == 2
    assert "unique across the problem files" in result.stderr


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    copy = tmp_path / "q1_to_q3_with_a_mistake.ipynb"
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def test_a_sign_error_in_q3_is_exit_1_with_its_diagnosis(tmp_path: Path) -> None:
    copy = _copy_with(tmp_path, "= -6x_3$", "= 6x_3$")
    exit_code, data = run_check("q3", copy, "-f", "json")
    assert exit_code == 1 and data["exit_code"] == 1
    refuted = [claim for claim in data["claims"] if claim["verdict"] == "refuted"]
    assert [(claim_key(c), c["target"], c["diagnosis"]["code"]) for c in refuted] == [
        ("cell-5:7", "dz/dx3", "sign")
    ]
    point = refuted[0]["comparison"]["counterexample"]["point"]
    assert "x3" in point
    assert sum(claim["verdict"] == "proved" for claim in data["claims"]) == 9


def test_a_diagonal_only_softmax_in_q2_is_exit_1_with_its_diagnosis(tmp_path: Path) -> None:
    copy = _copy_with(tmp_path, "s_i(\\\\delta_{ij} - s_j)", "s_i(1 - s_i)\\\\delta_{ij}")
    exit_code, data = run_check("q2", copy, "-f", "json")
    assert exit_code == 1
    refuted = [claim for claim in data["claims"] if claim["verdict"] == "refuted"]
    assert [(claim_key(c), c["diagnosis"]["code"]) for c in refuted] == [
        ("cell-3:13", "diagonal-only")
    ]


def test_matrices_in_the_wrong_order_in_q1_are_exit_1(tmp_path: Path) -> None:
    copy = _copy_with(tmp_path, "= W_2 W_1 x + W_2 b_1 + b_2", "= W_1 W_2 x + W_2 b_1 + b_2")
    exit_code, data = run_check("q1", copy, "-f", "json")
    assert exit_code == 1
    assert [(chain["line"], chain["verdict"]) for chain in data["chains"]] == [(6, "refuted")]
    assert "order" in (data["chains"][0]["note"] or "")


def test_the_collapsed_weight_in_the_wrong_order_is_a_matrix_order_mistake(
    tmp_path: Path,
) -> None:
    copy = _copy_with(tmp_path, "$W = W_2 W_1$", "$W = W_1 W_2$")
    exit_code, data = run_check("q1", copy, "-f", "json")
    assert exit_code == 1
    refuted = [claim for claim in data["claims"] if claim["verdict"] == "refuted"]
    assert [(c["problem"], c["diagnosis"]["code"]) for c in refuted] == [("q1a", "matrix-order")]


def test_a_first_line_that_is_not_two_layers_is_refuted(tmp_path: Path) -> None:
    copy = _copy_with(
        tmp_path,
        "y = W_2(W_1 x + b_1) + b_2 = W_2 W_1 x + W_2 b_1 + b_2",
        "y = W_2 W_1 x + b_2 = W_2 W_1 x + b_2",
    )
    exit_code, data = run_check("q1", copy, "-f", "json")
    assert exit_code == 1
    assert [(chain["line"], chain["verdict"]) for chain in data["chains"]] == [(6, "refuted")]
    assert "not the output of 2 layers" in data["chains"][0]["note"]
