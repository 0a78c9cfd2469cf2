"""Reading model files in chunks: every bad value is located at its own line and column of the
CSV file (or, for .npy, at the YAML value with the row and class in the message)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from ambiguity_data import load, problem_folder

from symderive.datafiles import field_column
from symderive.derive.ambiguity import solve_ambiguity
from symderive.errors import ProblemFileError

GOOD = "0.5,0.25,0.25\n0.1,0.2,0.7\n"


def _solve_error(
    tmp_path: Path, models: dict, extra: str = "", suffix: str = ".csv"
) -> ProblemFileError:
    problem = load(problem_folder(tmp_path, models, extra, suffix))
    with pytest.raises(ProblemFileError) as caught:
        solve_ambiguity(problem)
    return caught.value


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("0.5,0.25,0.25\n0.1,0.2,0.6\n", "sum to 0.9, not 1", 2, 1),
        ("0.5,0.25,0.25\n# note\n\n0.1,-0.2,1.1\n", "probability -0.2 is negative", 4, 5),
        ("0.5,0.25,0.25\n0.1, nan,0.9\n", "nan is not a finite number", 2, 6),
        ("0.5,inf,0.25\n", "inf is not a finite number", 1, 5),
        ("0.5,0.25,0.25\n0.1,0.2,seven\n", "'seven' is not a number (class 3)", 2, 9),
        ("0.5,0.25,0.25\n0.1,0.9\n", "this row has 2 values, the file's first row 3", 2, 1),
    ],
    ids=["sum", "negative", "nan", "inf", "word", "short-row"],
)
def test_csv_errors_are_located_in_the_csv(
    tmp_path: Path, text: str, message: str, line: int, column: int
) -> None:
    error = _solve_error(tmp_path, {"m": text})
    assert message in error.message
    assert error.location is not None
    assert error.location.file == str(tmp_path / "m.csv")
    assert (error.location.line, error.location.column) == (line, column)
    assert error.exit_code == 2


def test_logits_may_be_anything_finite(tmp_path: Path) -> None:
    problem = load(problem_folder(tmp_path, {"m": "3,-40,2\n0,0,0\n"}, "    softmax: true\n"))
    solution = solve_ambiguity(problem)
    assert solution.rows == 2


def test_logits_are_still_refused_when_infinite(tmp_path: Path) -> None:
    error = _solve_error(tmp_path, {"m": "3,-inf,2\n"}, "    softmax: true\n")
    assert "-inf is not a finite number" in error.message


def test_tolerance_is_respected(tmp_path: Path) -> None:
    text = "0.5,0.25,0.2501\n"
    _solve_error(tmp_path, {"m": text}, "    tolerance: 0.00001\n")
    problem = load(problem_folder(tmp_path, {"m": text}, "    tolerance: 0.001\n"))
    assert solve_ambiguity(problem).rows == 1


def test_models_with_different_row_counts(tmp_path: Path) -> None:
    error = _solve_error(tmp_path, {"a": GOOD, "b": GOOD + "0.2,0.2,0.6\n"}, "    chunk: 1\n")
    assert "a.csv has 2 rows or fewer, but b.csv has more" in error.message
    assert error.location is not None and error.location.file == str(tmp_path / "p.yaml")


def test_labels_must_cover_every_image(tmp_path: Path) -> None:
    (tmp_path / "labels.txt").write_text("0\n")
    error = _solve_error(tmp_path, {"m": GOOD}, "    labels: labels.txt\n")
    assert "labels.txt has 1 labels, but the models score" in error.message


def test_a_bad_label_is_located_in_its_file(tmp_path: Path) -> None:
    (tmp_path / "labels.txt").write_text("0\n  7\n")
    error = _solve_error(tmp_path, {"m": GOOD}, "    labels: labels.txt\n")
    assert "label '7' is not a class index 0 … 2" in error.message
    assert error.location is not None
    assert (error.location.line, error.location.column) == (2, 3)


def test_npy_errors_name_row_and_class(tmp_path: Path) -> None:
    values = np.array([[0.5, 0.25, 0.25], [0.1, np.nan, 0.9]])
    error = _solve_error(tmp_path, {"m": values}, suffix=".npy")
    assert "m.npy (row 2, class 2): nan is not a finite number" in error.message
    assert error.location is not None and error.location.file == str(tmp_path / "p.yaml")
    assert error.location.line == 6


def test_npy_and_csv_give_the_same_solution(tmp_path: Path) -> None:
    generator = np.random.default_rng(3)
    values = generator.random((50, 6))
    values /= values.sum(axis=1, keepdims=True)
    (tmp_path / "csv").mkdir()
    (tmp_path / "npy").mkdir()
    from_csv = solve_ambiguity(
        load(problem_folder(tmp_path / "csv", {"m": values, "n": values[::-1]}))
    )
    from_npy = solve_ambiguity(
        load(problem_folder(tmp_path / "npy", {"m": values, "n": values[::-1]}, suffix=".npy"))
    )
    assert from_csv.rankings == from_npy.rankings
    assert from_csv.candidates == from_npy.candidates


@pytest.mark.parametrize(
    ("text", "index", "column"),
    [("a,b,c", 0, 1), ("a,b,c", 2, 5), ("1, 2,  x", 2, 8), ("1,2", 5, 3)],
    ids=["first", "last", "spaces", "beyond"],
)
def test_field_column(text: str, index: int, column: int) -> None:
    assert field_column(text, index) == column


@pytest.mark.parametrize("order", ["C", "F"], ids=["row-major", "column-major"])
def test_npy_chunks_read_every_row_once(tmp_path: Path, order: str) -> None:
    from symderive.datafiles import NpyMatrix
    from symderive.errors import SourceLocation

    values = np.asarray(np.random.default_rng(5).random((23, 4)), order=order).astype(np.float32)
    np.save(tmp_path / "m.npy", values)
    matrix = NpyMatrix(tmp_path / "m.npy", "m.npy", SourceLocation())
    chunks = list(matrix.chunks(5))
    assert [chunk.start for chunk in chunks] == [0, 5, 10, 15, 20]
    assert np.array_equal(np.concatenate([c.values for c in chunks]), values.astype(np.float64))


@pytest.mark.parametrize(
    ("text", "extra", "message", "column"),
    [
        ("0.5,0.5\n1e308,1e308\n", "", "sum to inf, not 1", 1),
        ("0.5,0.5\n1e308,-1e308\n", "    softmax: true\n", None, None),
    ],
    ids=["probabilities-overflow", "logits-overflow"],
)
def test_huge_values_raise_no_numpy_warning(
    tmp_path: Path, text: str, extra: str, message: str | None, column: int | None
) -> None:
    problem = load(problem_folder(tmp_path, {"m": text}, extra))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning would be printed before the error
        if message is None:
            assert solve_ambiguity(problem).rows == 2
            return
        with pytest.raises(ProblemFileError) as caught:
            solve_ambiguity(problem)
    assert message in caught.value.message
    assert caught.value.location is not None
    assert (caught.value.location.line, caught.value.location.column) == (2, column)


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    plain = load(problem_folder(tmp_path / "plain", {"m": GOOD}))
    (tmp_path / "lab.txt").write_text("\ufeff2\n2\n", encoding="utf-8")
    problem = load(problem_folder(tmp_path, {"m": "\ufeff" + GOOD}, "    labels: lab.txt\n"))
    solution, expected = solve_ambiguity(problem), solve_ambiguity(plain)
    assert solution.rows == 2 and solution.wrong == 1  # row 1's top-1 is 0, row 2's is 2
    assert solution.rankings[0] == expected.rankings[0]


@pytest.mark.parametrize(
    ("label", "shown"),
    [("²", "'²'"), ("٣", "'٣'"), ("1" * 5000, "'" + "1" * 39 + "…'"), ("-1", "'-1'")],
    ids=["superscript-two", "arabic-indic-three", "5000-digits", "negative"],
)
def test_labels_that_are_not_ascii_indices_are_located(
    tmp_path: Path, label: str, shown: str
) -> None:
    (tmp_path / "labels.txt").write_text(f"0\n{label}\n", encoding="utf-8")
    error = _solve_error(tmp_path, {"m": GOOD}, "    labels: labels.txt\n")
    assert f"label {shown} is not a class index 0 … 2" in error.message
    assert error.location is not None and error.exit_code == 2
    assert error.location.file == str(tmp_path / "labels.txt")
    assert (error.location.line, error.location.column) == (2, 1)
