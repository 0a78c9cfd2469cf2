"""The command line, through Typer's CliRunner and once through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symderive import cli
from symderive.errors import VerificationError

ROOT = Path(__file__).resolve().parent.parent
Q3 = str(ROOT / "problems" / "q3.yaml")
runner = CliRunner()


def test_solve_q3_json() -> None:
    result = runner.invoke(cli.app, ["solve", Q3, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [problem["id"] for problem in document["problems"]] == ["q3a", "q3b", "q3c"]


def test_solve_q3_terminal_shows_the_precedence_warning() -> None:
    result = runner.invoke(cli.app, ["solve", Q3], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert "(exp(x3^2)/5)·x4^2" in result.stdout


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "q3.tex"
    result = runner.invoke(cli.app, ["solve", Q3, "--format", "latex", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("\\documentclass")
    assert [path.name for path in tmp_path.iterdir()] == ["q3.tex"]


def test_output_into_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["solve", Q3, "-o", str(tmp_path / "no" / "such.txt")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_broken_problem_file_is_located(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "title: t\nproblems:\n  - id: a\n    kind: partials\n    expresion: x^2\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["solve", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}:5:5: ")
    assert "did you mean 'expression'" in result.stderr
    assert "^" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_bad_expression_caret_points_into_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        'problems:\n  - id: a\n    kind: partials\n    expression: "x1 + (x2"\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["solve", str(broken)])
    assert result.exit_code == 2
    first, line, caret = result.stderr.splitlines()[:3]
    assert first.startswith(f"error: {broken}:4:")
    assert caret.index("^") == line.index("(")


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["solve", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_diff_with_point() -> None:
    result = runner.invoke(
        cli.app, ["diff", "z = x1*exp(x2^2)", "--wrt", "x2", "--at", "x1=1,x2=1/2", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    problem = json.loads(result.stdout)["problems"][0]
    derivatives = problem["readings"][0]["derivatives"]
    assert [d["name"] for d in derivatives] == ["dz/dx2"]
    assert derivatives[0]["value"]["sympy"] == "2*x1*x2*exp(x2**2)"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(["x1*x2", "--wrt", "x3"], "not a variable", id="unknown-wrt"),
        pytest.param(["x1*x2", "--at", "x1=1"], "no value for x2", id="incomplete-point"),
        pytest.param(["x1 +"], "<command line>:1:5", id="bad-expression"),
        pytest.param(["__import__('os').system('touch pwned')"], "not allowed", id="injection"),
        pytest.param(["1/x", "--at", "x=0"], "not defined", id="outside-domain"),
    ],
)
def test_diff_errors(arguments: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["diff", *arguments])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_json() -> None:
    result = runner.invoke(cli.app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["type"] == "object"


def test_internal_error_is_exit_3_with_a_report_request(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*arguments: object) -> None:
        raise VerificationError("a step disagrees with SymPy")

    monkeypatch.setattr("symderive.solve.solve_problem_set", broken)
    result = runner.invoke(cli.app, ["solve", Q3])
    assert result.exit_code == 3
    assert "a step disagrees with SymPy" in result.stderr
    assert "Please report it" in result.stderr


def test_unexpected_exception_is_exit_3_with_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*arguments: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("symderive.solve.solve_problem_set", broken)
    result = runner.invoke(cli.app, ["solve", Q3])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "Please report it" in result.stderr


def test_help_does_not_import_sympy() -> None:
    code = (
        "import sys, symderive.cli; "
        "print(sorted(m for m in ('sympy', 'lark', 'rich') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_real_subprocess_solves_q3() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "symderive", "solve", Q3],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "q3c" in completed.stdout
    assert "\x1b[" not in completed.stdout


def test_real_subprocess_bad_input_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "symderive", "solve", str(empty)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stderr.startswith(f"error: {empty}")
    assert "Traceback" not in completed.stderr
