"""``symderive grade`` end to end on a small class folder (tests/data/class), with a golden CSV.

The class holds a student whose worker hangs (injected by the test hook; killed by a tiny time
limit), a corrupt notebook, a student with missing answers, duplicate answers, a copied
submission, a folder per student, a notebook, a YAML answer file and a file that is not an
answer. The golden CSV is rewritten only with ``--update-golden``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from golden import check_golden
from once import once_per_session
from typer.testing import CliRunner

from symderive import cli
from symderive.grade import classroom, runner
from symderive.grade.submission import Submission

ROOT = Path(__file__).resolve().parents[2]
PROBLEMS = ["tests/data/grade/q2.yaml", "tests/data/grade/q3.yaml"]
CLASS = "tests/data/class"


def _hang_hannah(submission: Submission) -> None:
    if submission.name.startswith("hana"):
        time.sleep(3600)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, int]:
    """One run of the whole class (two workers, a 5 s limit, the hook hanging hana), shared by
    every test process of the session (it waits 5 s for hana)."""

    def grade_the_class(folder: Path) -> list[Any]:
        out = folder / "grades.csv"
        previous_directory, previous_hook = Path.cwd(), runner.BEFORE_GRADING
        os.chdir(ROOT)
        runner.BEFORE_GRADING = _hang_hannah
        try:
            result = CliRunner().invoke(
                cli.app,
                ["grade", *PROBLEMS, CLASS, "--out", str(out), "--jobs", "2", "--time-limit", "5"],
                env={"NO_COLOR": "1"},
            )
        finally:
            runner.BEFORE_GRADING = previous_hook
            os.chdir(previous_directory)
        return [result.stdout, result.stderr, result.exit_code]

    folder, (stdout, stderr, exit_code) = once_per_session(
        tmp_path_factory, "graded-class", grade_the_class
    )
    return folder / "grades.csv", stdout, stderr, exit_code


def test_the_csv_matches_the_golden_file(
    graded: tuple[Path, str, str, int], pytestconfig: pytest.Config
) -> None:
    out, _, _, _ = graded
    check_golden(pytestconfig, "grade/class.csv", out.read_text(encoding="utf-8"))


def test_every_submission_has_a_row_and_the_failures_their_reasons(
    graded: tuple[Path, str, str, int],
) -> None:
    out, _, stderr, exit_code = graded
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert exit_code == 1  # some submissions could not be graded
    assert set(rows) == {
        "alice", "bob", "chen", "dana", "emil", "fay", "gus", "hana_hangs", "ivan", "jon", "kim",
        "lea",
    }  # fmt: skip
    assert rows["hana_hangs"]["status"] == "error"
    assert "time limit of 5 s exceeded" in rows["hana_hangs"]["reason"]
    assert rows["ivan"]["status"] == "error" and "not valid JSON" in rows["ivan"]["reason"]
    assert rows["alice"]["total"] == rows["alice"]["max"] == "45"
    assert rows["jon"]["total"] == rows["alice"]["total"]
    assert "skipped tests/data/class/notes.txt" in stderr


def test_feedback_summary_and_json_are_written(graded: tuple[Path, str, str, int]) -> None:
    out, stdout, _, _ = graded
    feedback = out.with_name("grades-feedback")
    assert sorted(path.stem for path in feedback.glob("*.md")) == sorted(
        row["student"] for row in csv.DictReader(out.open(encoding="utf-8"))
    )
    bob = (feedback / "bob.md").read_text(encoding="utf-8")
    assert "likely mistake: sign error" in bob and "partial credit (sign)" in bob
    assert "time limit" in (feedback / "hana_hangs.md").read_text(encoding="utf-8")
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["command"] == "grade" and len(data["students"]) == 12
    assert "Class summary" in stdout and "Most common diagnosed mistakes" in stdout
    assert "Class summary" in out.with_name("grades-summary.md").read_text(encoding="utf-8")


def test_a_rerun_is_served_by_the_cache_and_agrees(
    graded: tuple[Path, str, str, int], tmp_path: Path
) -> None:
    out, _, _, _ = graded
    again = tmp_path / "again.csv"
    cache = out.parent / ".symderive-cache"
    arguments = ["grade", *PROBLEMS, CLASS, "--out", str(again), "--jobs", "2"]
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli.app, [*arguments, "--cache", str(cache)])
    finally:
        os.chdir(previous)
    assert result.exit_code == 1, result.output
    data = json.loads(again.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["summary"]["cache"]["misses"] == 0 and data["summary"]["cache"]["hits"] > 50
    first = {r["student"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    second = {r["student"]: r for r in csv.DictReader(again.open(encoding="utf-8"))}
    hana = second.pop("hana_hangs")  # not hung this time: graded like alice, whose copy it is
    assert hana["total"] == second["alice"]["total"]
    first.pop("hana_hangs")
    assert first == second


def test_grade_through_a_real_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "grades.csv"
    completed = subprocess.run(
        [
            sys.executable, "-m", "symderive", "grade", *PROBLEMS, f"{CLASS}/alice.md",
            f"{CLASS}/kim.yaml", "--out", str(out), "--jobs", "1", "--no-cache",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["student"] for row in rows] == ["alice", "kim"]
    assert all(row["status"] == "graded" for row in rows)
    assert not (tmp_path / ".symderive-cache").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param([CLASS], "problem files first", id="no-problem-file"),
        pytest.param(PROBLEMS, "submissions after", id="no-submission"),
        pytest.param([*PROBLEMS, "tests/data/nowhere"], "no such file", id="missing-folder"),
        pytest.param([*PROBLEMS, CLASS, "--jobs", "0"], "--jobs", id="zero-jobs"),
    ],
)
def test_usage_errors_exit_2(arguments: list[str], message: str, tmp_path: Path) -> None:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(
            cli.app, ["grade", *arguments, "--out", str(tmp_path / "g.csv")]
        )
    finally:
        os.chdir(previous)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "g.csv").exists()


def _ctrl_c_as_in_a_terminal() -> None:
    """SIGINT back to its default in the child: a test worker (pytest-xdist) or a background
    job ignores it, a child inherits that, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_until_it_has_forked(pid: int) -> None:
    """Until the process has a child (a grading worker): Ctrl-C then lands mid-run, not in its
    start-up, however slowly a loaded machine starts it (a fixed sleep raced with start-up)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    while not children.read_text(encoding="ascii").strip():
        time.sleep(0.05)


def test_ctrl_c_leaves_no_report_at_all(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic_class import write_class

    write_class(tmp_path / "class", 400, seed=3)  # far more than the time to interrupt it
    out = tmp_path / "grades.csv"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "symderive", "grade", *PROBLEMS, str(tmp_path / "class"),
            "--out", str(out), "--jobs", "1", "--no-cache",
        ],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    _wait_until_it_has_forked(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["class"]  # nothing, not half


def _grade_in_root(arguments: list[str]) -> tuple[int, str]:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli.app, ["grade", *arguments])
    finally:
        os.chdir(previous)
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def feedback_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """One run asking for LaTeX feedback, and PDF too where pdflatex is installed."""
    folder = tmp_path_factory.mktemp("feedback")
    formats = ["--feedback", "latex"]
    if shutil.which("pdflatex") is not None:
        formats += ["--feedback", "pdf"]
    code, stderr = _grade_in_root(
        [*PROBLEMS, f"{CLASS}/kim.yaml", "--out", str(folder / "g.csv"), *formats, "--no-cache"]
    )
    return folder / "g-feedback", code, stderr


def test_latex_feedback_on_request(feedback_run: tuple[Path, int, str]) -> None:
    feedback, code, stderr = feedback_run
    assert code == 0, stderr
    tex = (feedback / "kim.tex").read_text(encoding="utf-8")
    first_line, rest = tex.split("\n", 1)
    assert first_line == "% written by symderive grade; not a submission"
    assert rest.startswith("\\documentclass") and "Feedback for kim" in tex


def test_pdf_feedback_on_request(feedback_run: tuple[Path, int, str]) -> None:
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex not found (Debian: apt-get install texlive-latex-base)")
    feedback, code, stderr = feedback_run
    assert code == 0, stderr
    pdf = (feedback / "kim.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000


def test_an_unknown_feedback_format_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    code, stderr = _grade_in_root(
        [*PROBLEMS, f"{CLASS}/kim.yaml", "--out", str(out), "--feedback", "docx", "--no-cache"]
    )
    assert code == 2 and "unknown feedback format 'docx'" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_bad_credit_in_a_problem_file_is_a_located_error(tmp_path: Path) -> None:
    problems = tmp_path / "q.yaml"
    text = (ROOT / PROBLEMS[0]).read_text(encoding="utf-8")
    problems.write_text(text.replace("credit: {sign: 0.5}", "credit: {sgn: 0.5}"), "utf-8")
    code, stderr = _grade_in_root(
        [str(problems), f"{CLASS}/kim.yaml", "--out", str(tmp_path / "g.csv")]
    )
    assert code == 2
    assert f"{problems}:6:10: unknown mistake 'sgn' in 'credit'; did you mean 'sign'?" in stderr


def test_a_class_folder_graded_twice_does_not_grade_its_own_outputs(tmp_path: Path) -> None:
    """Outputs written into the class folder, and a student whose file name is a spreadsheet
    formula: the second run grades the same two students, and the CSV shows the name as text."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(ROOT / CLASS / "alice.md", folder / "=1+1.md")
    shutil.copy(ROOT / CLASS / "bob.md", folder / "bob.md")
    rows = []
    for out in (folder / "grades.csv", folder / "again.csv"):
        code, stderr = _grade_in_root([*PROBLEMS, str(folder), "--out", str(out), "--no-cache"])
        assert code == 0, stderr
        with out.open(encoding="utf-8", newline="") as file:
            rows.append([row["student"] for row in csv.DictReader(file)])
    assert rows == [["'=1+1", "bob"], ["'=1+1", "bob"]]
    assert "skipped" in stderr and "grades-summary.md: written by symderive grade" in stderr


def test_a_feedback_pdf_that_fails_is_one_students_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdflatex failing on one student's feedback leaves every other file written."""

    def compile_all_but_kim(latex: str) -> bytes:
        if "Feedback for kim" in latex:
            raise classroom.PdfFailure("pdflatex: LaTeX Error: Unicode character ^^G (U+0007)")
        return b"%PDF-1.5 stand-in"

    monkeypatch.setattr(classroom, "_pdf", compile_all_but_kim)
    out = tmp_path / "g.csv"
    students = [f"{CLASS}/kim.yaml", f"{CLASS}/alice.md"]
    code, stderr = _grade_in_root(
        [*PROBLEMS, *students, "--out", str(out), "--feedback", "pdf", "--no-cache"]
    )
    assert code == 0, stderr
    assert "warning: no PDF feedback for kim: pdflatex: LaTeX Error: Unicode character" in stderr
    feedback = sorted(path.name for path in (tmp_path / "g-feedback").iterdir())
    assert feedback == ["alice.md", "alice.pdf", "kim.md", "kim.tex"]
    assert out.exists()
